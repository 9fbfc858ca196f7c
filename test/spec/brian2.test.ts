/**
 * Brian2 running the NeuronGroup text generated from the specs against the reference interpreter
 * running the same specs (test/spec/brian2Jobs.ts says how): the eleven bundled neuron models with
 * their own kernels (LIF with both resets), three constant currents each (one neuron per current).
 * The spec-only models run the same comparison in their own folders' tests
 * (src/shared/modelspec/neurons/<model>/), and every bundled spec must generate Brian2 text.
 *
 * LIF, LIFRef, ALIF and HH go through Brian2's own 'exact' and 'exponential_euler', which are the
 * interpreter's schemes for them (an independent check of the step); ExpIF, AdEx, QuaIF and
 * Izhikevich (nonlinear exponential Euler, a bound, sequential updates) get the interpreter's step
 * as run_regularly code (a check of the translation, not of the physics). Skipped, with the reason
 * in the name, without Brian2.
 */
import { describe, expect, it } from 'vitest';
import { brian2Refusal } from '../../src/engine/spec/brian2';
import { BUNDLED_NEURON_SPECS, NEURON_SPECS } from '../../src/shared/modelspec/neurons';
import { HAS_BRIAN2, sameStepAgainstBrian2, SKIP_NOTE, type SameStepJob } from './brian2Jobs';
import { BRIAN2_TIMEOUT_MS, bundledSpec } from './helpers';

/** Largest |V_Brian2 - V_interpreter| allowed (vTol), mV: rounding only (measured: LIF, LIFRef, ALIF <= 4e-13, AdEx, QuaIF <= 7e-12, ExpIF, Izhikevich <= 9e-11, HH 2e-10). */
const JOBS: readonly SameStepJob[] = [
  { key: 'lif_hard', model: 'LIF', currents: [1.6, 2.5, 4], dt: 0.1, steps: 3000, init: { V: -65 }, vTol: 1e-9 },
  { key: 'lif_soft', model: 'LIF', currents: [1.6, 2.5, 4], dt: 0.1, steps: 3000, init: { V: -65 }, overrides: { reset: 'soft' }, vTol: 1e-9 },
  { key: 'adexref', model: 'AdExIFRef', currents: [0.6, 1.0, 1.5], dt: 0.1, steps: 3000, vTol: 1e-7, overrides: { tau_ref: '2 ms' } },
  { key: 'lifref', model: 'LIFRef', currents: [1.6, 2.5, 4], dt: 0.1, steps: 3000, init: { V: -65 }, vTol: 1e-9 },
  { key: 'alif', model: 'ALIF', currents: [2, 4, 8], dt: 0.1, steps: 3000, init: { V: -65, a: 0 }, vTol: 1e-9 },
  { key: 'hh', model: 'HH', currents: [5, 10, 20], dt: 0.05, steps: 4000, vTol: 1e-7 },
  // Nonlinear exponential Euler with a bound and sequential updates: the step written as run_regularly code.
  { key: 'expif', model: 'ExpIF', currents: [0.3, 0.6, 1.5], dt: 0.1, steps: 3000, vTol: 1e-7 },
  { key: 'expifref', model: 'ExpIFRef', currents: [0.3, 0.6, 1.5], dt: 0.1, steps: 3000, vTol: 1e-7 },
  { key: 'adex', model: 'AdExIF', currents: [0.6, 1.0, 1.5], dt: 0.1, steps: 3000, vTol: 1e-7 },
  { key: 'quaif', model: 'QuaIF', currents: [0.5, 1, 2], dt: 0.1, steps: 3000, vTol: 1e-7 },
  { key: 'izh', model: 'Izhikevich', currents: [5, 10, 20], dt: 0.1, steps: 3000, vTol: 1e-7 },
  { key: 'izhref', model: 'IzhikevichRef', currents: [5, 10, 20], dt: 0.1, steps: 3000, vTol: 1e-7, overrides: { tau_ref: '2 ms' } },
];

describe('specs generate Brian2 text that Brian2 runs to the interpreter\'s spikes', () => {
  it('generates every bundled spec, those of the model folders included (refusals are tested in brian2Text.test.ts)', () => {
    for (const { name } of BUNDLED_NEURON_SPECS) expect(brian2Refusal(bundledSpec(name)), name).toBeUndefined();
    expect(BUNDLED_NEURON_SPECS.length).toBeGreaterThanOrEqual(15);
    expect(new Set(JOBS.map((j) => j.model)), 'a job per model with its own kernels').toEqual(new Set(NEURON_SPECS.map((s) => s.name)));
  });

  it.skipIf(!HAS_BRIAN2)(`every bundled neuron model with its own kernels agrees with Brian2${SKIP_NOTE}`, () => sameStepAgainstBrian2(JOBS), BRIAN2_TIMEOUT_MS);
});
