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
    const s = spec('param g = 2 µS\nparam R = 1 MΩ\ninput I : nA\ndV/dt = (R*I - V)/(1 ms) + g*(0 mV - V)/(1 nF) + 0 V/(1 s) : mV (exact)\nthreshold V >= 10 mV (rising)');
    const g = brian2NeuronGroup(s, { name: 'P', n: 1, inputs: { I: 1 } });
    if (!g.ok) throw new Error(g.reason);
    const text = g.lines.join('\n');
    expect(text).toContain("'g': 2 * uS");
    expect(text).toContain("'R': 1 * Mohm");
    // Brian2 has no V or s: those are written as their value in its units.
    expect(text).toContain('((0 * (1000 * mV)) / (1 * (1000 * ms)))');
    expect(text).toContain('(1 * nF)');
    expect(text).toContain('(10 * mV)');
    expect(text).toContain('V_prev : volt');
    expect(text).toContain("threshold='(V >= (10 * mV)) and not (V_prev >= (10 * mV))'");
    expect(text).toContain("P.run_regularly('V_prev = V', when='start')");
  });

  it('writes the interpreter\'s step as code for what Brian2\'s state updater would step differently', () => {
    const g = brian2NeuronGroup(bundledSpec('AdExIFRef'), { name: 'A', n: 1, params: { tau_ref: 2 }, choices: { reset: 'hard' }, inputs: { I: 1 } });
    if (!g.ok) throw new Error(g.reason);
    const text = g.lines.join('\n');
    expect(text).toContain('V : volt\n    w : amp\n');
    expect(text).not.toContain('method=');
    expect(text).toContain('active_ = int(t - lastspike >= (ceil(tau_ref / dt - 1e-9) - 0.5) * dt)');
    expect(text).toContain('J_V = ((-1 + (delta_T * (exp(((V - V_T) / delta_T)) * (1 / delta_T)))) / tau)');
    expect(text).toContain('V = clip(V + active_ * dt * exprel(dt * J_V) * f_V, -inf * mV, V_th)');
    expect(text).toContain('w = w + active_ * dt * exprel(dt * J_w) * f_w');
    expect(text).toContain("reset='''V = V_reset\nw += b'''");
    expect(text).toContain("when='groups', order=-1)");
  });

  it('refuses, naming the reason, what it cannot write', () => {
    expect(brian2Refusal(bundledSpec('AdExIF'))).toBeUndefined();
    expect(brian2Refusal(spec('dV/dt = -V/(1 ms) : mV (exact)\ndw/dt = -w/(1 ms) : mV (rk4)'))).toBe(
      'its states use different schemes (exact, rk4) and Brian2 takes one method per group, and dw/dt is integrated by rk4, which Brian2 takes only for a whole group of rk4 states',
    );
    expect(brian2Refusal(spec('dV/dt = -V/(1 ms) : mV (rk4)\ndw/dt = (V - w)/(1 ms) : mV (rk4)\norder sequential'))).toMatch(
      /^dw\/dt reads V as already updated in the step \("order sequential"\), while Brian2 updates all states together, and dV\/dt is integrated by rk4/,
    );
    expect(brian2Refusal(spec('param lastspike = 1 ms\ndV/dt = -V/lastspike : mV (exact)'))).toBe('"lastspike" is a name Brian2 or the generated step code reserves');
    const g = brian2NeuronGroup(spec('dV/dt = -V/(1 ms) : mV (exact)\ndw/dt = -w/(1 ms) : mV (rk4)'), { name: 'A', n: 1, inputs: {} });
    expect(g.ok).toBe(false);
    if (!g.ok) expect(g.reason).toMatch(/^Custom cannot be written for Brian2: its states use different schemes/);
  });
  it('writes max/min by selection (Brian2 has neither) and, on request, the plain equations with a Brian2 method', () => {
    const gif = brian2NeuronGroup(bundledSpec('GIF'), { name: 'G', n: 1, inputs: { I: 1 } });
    if (!gif.ok) throw new Error(gif.reason);
    expect(gif.lines.join('\n')).toContain('V_th = ((V_th_reset * int(V_th_reset >= V_th)) + (V_th * int(V_th_reset < V_th)))');
    const lower = brian2NeuronGroup(spec('dV/dt = -V/(1 ms) : mV (exact)\nthreshold V >= 1 mV\nreset V = min(V, 0 mV)'), { name: 'M', n: 1, inputs: {} });
    if (!lower.ok) throw new Error(lower.reason);
    expect(lower.lines.join('\n')).toContain("reset='''V = ((V * int(V <= (0 * mV))) + ((0 * mV) * int(V > (0 * mV))))'''");
    const g = brian2NeuronGroup(bundledSpec('AdExIF'), { name: 'A', n: 1, choices: { reset: 'hard' }, inputs: { I: 1 }, method: 'rk4' });
    if (!g.ok) throw new Error(g.reason);
    const text = g.lines.join('\n');
    expect(text).toContain('dV/dt = ');
    expect(text).toContain('dw/dt = ');
    expect(text).toContain("method='rk4'");
    expect(text).not.toContain('run_regularly');
    expect(text).not.toContain('clip(');
  });
});
