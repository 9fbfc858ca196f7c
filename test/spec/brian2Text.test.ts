/** The Brian2 text generated from specs, read as text (the run against Brian2 is brian2.test.ts). */
import { describe, expect, it } from 'vitest';
import { brian2NeuronGroup, brian2Refusal } from '../../src/engine/spec/brian2';
import { compileSpec, type NeuronSpec } from '../../src/shared/modelspec/check';
import { bundledSpec } from './helpers';

function spec(source: string): NeuronSpec {
  const r = compileSpec(source);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.spec;
}

describe('Brian2 text from specs', () => {
  it('writes LIFRef as equations, threshold, reset, refractory period and method', () => {
    const g = brian2NeuronGroup(bundledSpec('LIFRef'), { name: 'E', n: 2, params: { tau_ref: 2, R: 10 }, choices: { reset: 'hard' }, init: { V: -65 }, inputs: { I: [1, 2] } });
    expect(g.ok).toBe(true);
    if (!g.ok) return;
    const text = g.lines.join('\n');
    expect(text).toContain('dV/dt = (((-(V - V_rest)) + (R * I)) / tau) : volt (unless refractory)');
    expect(text).toContain('I : amp (constant)');
    expect(text).toContain("threshold='(V >= V_th)'");
    expect(text).toContain("reset='''V = V_reset'''");
    expect(text).toContain("refractory='tau_ref'");
    expect(text).toContain("method='exact'");
    expect(text).toContain("'R': 10 * Mohm");
    expect(text).toContain("'tau_ref': 2 * ms");
    expect(text).toContain('E.I = np.array([1, 2]) * nA');
    expect(text).toContain('E.V = -65 * mV');
  });

  it('spells unit words as Brian2 does and writes upward crossings with a remembered V', () => {
    const s = spec('param g = 2 µS\nparam R = 1 MΩ\ninput I : nA\ndV/dt = (R*I - V)/(1 ms) + g*(0 mV - V)/(1 nF) : mV (exact)\nthreshold V >= 10 mV (rising)');
    const g = brian2NeuronGroup(s, { name: 'P', n: 1, inputs: { I: 1 } });
    if (!g.ok) throw new Error(g.reason);
    const text = g.lines.join('\n');
    expect(text).toContain("'g': 2 * uS");
    expect(text).toContain("'R': 1 * Mohm");
    expect(text).toContain('(1 * nF)');
    expect(text).toContain('V_prev : volt');
    expect(text).toContain("threshold='(V >= (10 * mV)) and not (V_prev >= (10 * mV))'");
    expect(text).toContain("P.run_regularly('V_prev = V', when='start')");
  });

  it('refuses, naming the reason, what Brian2 would step differently', () => {
    expect(brian2Refusal(bundledSpec('Izhikevich'))).toBe("V has a bound (max = …), which Brian2's state updater cannot apply");
    expect(brian2Refusal(spec('dV/dt = -V**2/(1 ms)/mV : mV (exponential_euler)'))).toBe("dV/dt is not linear in V, so Brian2's exponential_euler cannot take it");
    expect(brian2Refusal(spec('dV/dt = -V/(1 ms) : mV (exact)\ndw/dt = -w/(1 ms) : mV (rk4)'))).toBe('its states use different schemes (exact, rk4) and Brian2 takes one method per group');
    expect(brian2Refusal(spec('dV/dt = -V/(1 ms) : mV (exact)\ndw/dt = (V - w)/(1 ms) : mV (exact)\norder sequential'))).toBe(
      'dw/dt reads V as already updated in the step ("order sequential"), while Brian2 updates all states together',
    );
    expect(brian2Refusal(spec('param lastspike = 1 ms\ndV/dt = -V/lastspike : mV (exact)'))).toBe('"lastspike" is a name Brian2 reserves');
    const g = brian2NeuronGroup(bundledSpec('AdExIF'), { name: 'A', n: 1, inputs: { I: 1 } });
    expect(g).toEqual({ ok: false, reason: "AdExIF cannot be written for Brian2: V has a bound (max = …), which Brian2's state updater cannot apply." });
  });
});
