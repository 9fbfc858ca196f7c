/**
 * The spec language's transmitter pulse (`pulse TT = T for T_dur`): what it accepts, each misuse
 * refused at its line with a sentence, and a pulse synapse typed as text stepping as AMPA does.
 */
import { describe, expect, it } from 'vitest';
import { compileSpec } from '../../src/shared/modelspec/check';
import { specModelFromSource } from '../../src/shared/modelspec/registry';
import { PulseSynapseKernel } from '../../src/engine/spec/pulseSynapseKernel';
import { AMPA } from '../../src/shared/modelspec/synapses';
import { squarePulse } from '../spec/synapseSpecRun';

const BASE = `synapse Kin
param alpha = 1 /ms
param beta = 0.2 /ms
param T = 1
param T_dur = 1 ms`;

function errors(text: string): string[] {
  const r = compileSpec(text);
  return r.ok ? [] : r.errors.map((e) => `${e.line}: ${e.message}`);
}

describe('pulse TT = T for T_dur', () => {
  it('is accepted in a synapse model without on_pre, and recorded with its value and duration', () => {
    const r = compileSpec(`${BASE}\npulse TT = 2 * T for T_dur / 2\ndg/dt = alpha * TT * (1 - g) - beta * g : 1 (exact)\noutput g`);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.spec.synapse?.pulse?.name).toBe('TT');
  });

  it.each([
    ['in a neuron model', `model N\nparam T = 1\npulse TT = T for 1 ms\ndV/dt = -V / (10 ms) : mV (exact)`, /3: A pulse is started by presynaptic spikes, so it belongs to a synapse model/],
    ['with on_pre', `${BASE}\npulse TT = T for T_dur\ndg/dt = alpha * TT * (1 - g) - beta * g : 1 (exact)\non_pre g += w\noutput g`, /8: With a pulse the states belong to the presynaptic neuron.*Leave out on_pre/],
    ['lasting a voltage', `${BASE}\npulse TT = T for 1 mV\ndg/dt = alpha * TT * (1 - g) - beta * g : 1 (exact)\noutput g`, /6: The pulse lasts a time .* not voltage/],
    ['reading a state', `${BASE}\npulse TT = g for T_dur\ndg/dt = alpha * TT * (1 - g) - beta * g : 1 (exact)\noutput g`, /6: The pulse's value may name parameters and constants, not the state "g"/],
    ['reading t', `${BASE}\npulse TT = T for t\ndg/dt = alpha * TT * (1 - g) - beta * g : 1 (exact)\noutput g`, /6: The pulse's duration may name parameters and constants, not the time t/],
    ['without "for"', `${BASE}\npulse TT = T\ndg/dt = -g / (1 ms) : 1 (exact)\noutput g`, /6: Expected "for" and the pulse's duration/],
    ['twice', `${BASE}\npulse TT = T for T_dur\npulse T2 = T for T_dur\ndg/dt = alpha * TT * (1 - g) - beta * g : 1 (exact)\noutput g`, /7: The pulse is already given on line 6/],
    ['in an initial value', `${BASE}\npulse TT = T for T_dur\ndg/dt = alpha * TT * (1 - g) - beta * g : 1 (exact)\ninit g = TT\noutput g`, /8: The initial value of g may name parameters, not the pulse "TT"/],
  ])('is refused %s, at its line', (_what, text, message) => {
    expect(errors(text).join('\n')).toMatch(message);
  });

  it('a synapse without on_pre or pulse is told about both', () => {
    expect(errors(`${BASE}\ndg/dt = -g / (1 ms) : 1 (exact)\noutput g`).join('\n')).toMatch(/needs an "on_pre" line .*\(or, for a receptor driven by a transmitter pulse, a line "pulse TT = T for T_dur"/);
  });

  it('AMPA typed as text under another name steps as the bundled AMPA, to the bit', () => {
    const typed = specModelFromSource(AMPA.source.replace('synapse AMPA', 'synapse MyAMPA'));
    const bundled = specModelFromSource(AMPA.source);
    if (!typed.ok || !bundled.ok) throw new Error('AMPA does not compile');
    const params = { alpha: 980, beta: 180, T: 0.5, T_dur: 0.5 };
    const a = new PulseSynapseKernel(typed.model, { model: 'MyAMPA', params }, 3, { dt: 0.1, seed: 1 });
    const b = new PulseSynapseKernel(bundled.model, { model: 'AMPA', params }, 3, { dt: 0.1, seed: 1 });
    let peak = 0;
    for (let s = 0; s < 200; s++) {
      const arrived = Uint8Array.from([s % 7 === 0 ? 1 : 0, s === 20 ? 1 : 0, 0]);
      a.advance(s, arrived);
      b.advance(s, arrived);
      expect(Array.from(a.state)).toEqual(Array.from(b.state));
      peak = Math.max(peak, a.state[0]);
    }
    // repeated spikes saturate: the open fraction stays below α T / (α T + β) = 0.731
    expect(peak).toBeGreaterThan(0.5);
    expect(peak).toBeLessThan(0.49 / 0.67);
  });

  // The kernel's other two paths, which the bundled receptors do not take: J reading a state
  // non-linearly (compiled closures, closed form per neuron) and a non-exact scheme (the integrator).
  it.each([
    ['closures (J reads x²; x stays 0)', 'dg/dt = alpha * TT * (1 - g) - beta * g * (1 + x * x) : 1 (exact)\ndx/dt = -x / (1 ms) : 1 (exact)', 1e-12],
    ['the integrator (rk4: error O(dt⁴) per step)', 'dg/dt = alpha * TT * (1 - g) - beta * g : 1 (rk4)', 1e-5],
  ])('a pulse synapse stepped by %s follows the square-pulse solution', (_what, eq, tolerance) => {
    const r = specModelFromSource(`${BASE}\npulse TT = T for T_dur\n${eq}\noutput g`);
    if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
    const k = new PulseSynapseKernel(r.model, { model: 'Kin', params: { alpha: 1000, beta: 200, T: 1, T_dur: 1 } }, 1, { dt: 0.1, seed: 1 });
    const want = squarePulse(1, 0.2, 1, 1);
    let worst = 0;
    for (let s = 0; s < 300; s++) {
      k.advance(s, Uint8Array.from([s === 0 ? 1 : 0]));
      worst = Math.max(worst, Math.abs(k.state[0] - want((s + 1) * 0.1)));
    }
    expect(worst).toBeLessThan(tolerance);
  });
});
