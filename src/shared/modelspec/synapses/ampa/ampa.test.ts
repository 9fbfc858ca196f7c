/**
 * AMPA: the kernel from its spec against the square-pulse solution of dg/dt = α T (1 − g) − β g
 * (T on for T_dur after the spike), g_on·(1 − e^{−kt}) then decaying with β, k = α T + β, at
 * BrainPy's defaults and with a pulse of several steps and a stronger transmitter. The network-level
 * checks (both backends, delays, saturation, Brian2) are test/models/synapses/receptors.test.ts and
 * test/export/brian2Nmda.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { specKernelAgreesWithClosedForm, squarePulse } from '../../../../../test/spec/synapseSpecRun';
import { compileSpec } from '../../check';
import { AMPA } from '.';

describe('AMPA', () => {
  it("spec kernel = square-pulse solution, BrainPy's defaults (0.98 /ms, 0.18 /ms, T 0.5, 0.5 ms)", () => {
    specKernelAgreesWithClosedForm({ model: 'AMPA', document: {}, params: { alpha: 980, beta: 180, T: 0.5, T_dur: 0.5 }, kernel: squarePulse(0.98, 0.18, 0.5, 0.5), pulse: {} });
  });

  it('spec kernel = square-pulse solution, a 2 ms pulse of T = 2', () => {
    specKernelAgreesWithClosedForm({ model: 'AMPA', document: {}, params: { alpha: 980, beta: 180, T: 2, T_dur: 2 }, kernel: squarePulse(0.98, 0.18, 2, 2), pulse: {} });
  });

  it('its text is a synapse with a pulse: states per presynaptic neuron, no on_pre', () => {
    const r = compileSpec(AMPA.source);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.spec.synapse?.pulse?.name).toBe('TT');
  });
});
