/**
 * The typed backend's JavaScript spec kernel (src/engine/spec/specKernel.ts: the spec compiled
 * once into closures; every neuron model's kernel where its generated WebAssembly cannot run)
 * against the reference interpreter (src/engine/spec/interpreter.ts), for every bundled model
 * (the spec-only ones in their folders' tests, src/shared/modelspec/neurons/<model>/; every scheme, both update orders, resets with choices, refractoriness, bounds, rising
 * thresholds): the kernel does the interpreter's arithmetic in the interpreter's order, so spike
 * steps must be identical and every state trace bit-identical (tolerance 0). Inputs are currents
 * switched on at 5 ms, one per neuron: chosen per model below, and for a bundled model without a
 * case here, its preset under 0–300 nA.
 */
import { describe, expect, it } from 'vitest';
import '../../src/engine/backends/typed/neuronModels';
import { populationKernels } from '../../src/engine/backends/typed/kernels';
import type { PopulationIR } from '../../src/engine/ir';
import { interpret } from '../../src/engine/spec/interpreter';
import { specKernelFactory } from '../../src/engine/spec/specKernel';
import { NEURON_SPECS, SPEC_ONLY_NEURONS } from '../../src/shared/modelspec/neurons';
import { specModelFromSource } from '../../src/shared/modelspec/registry';
import { caseLabel, current, run, specKernelAgrees, specModel, values, type KernelCase } from './specKernelRun';

const CASES: readonly KernelCase[] = [
  { model: 'LIF', currents: [0, 1, 2, 4], dt: 0.1, steps: 2000 },
  { model: 'LIF', currents: [0, 1, 2, 4], dt: 0.1, steps: 2000, overrides: { reset: 'soft' } },
  { model: 'LIFRef', currents: [0, 1.6, 3, 6], dt: 0.1, steps: 2000 },
  { model: 'AdExIFRef', currents: [0.1, 0.3, 0.6, 1.0], dt: 0.1, steps: 3000 },
  { model: 'ALIF', currents: [1, 2, 4, 8], dt: 0.1, steps: 3000 },
  { model: 'IzhikevichRef', currents: [0, 5, 10, 20], dt: 0.1, steps: 3000, overrides: { tau_ref: '2 ms' } },
  { model: 'HH', currents: [2, 5, 10, 20], dt: 0.05, steps: 4000 },
];

/** Bundled models without a case above: their preset under currents from silence to saturation (nA). */
const LADDER = [0, 0.1, 0.2, 0.4, 0.7, 1, 2, 4, 7, 10, 30, 100, 300];
const DEFAULT_CASES: readonly KernelCase[] = NEURON_SPECS
  .filter((src) => !CASES.some((c) => c.model === src.name))
  .map((src) => ({ model: src.name, currents: LADDER, dt: 0.025, steps: 4000 }));

describe('spec kernel against the reference interpreter: identical spike steps and traces', () => {
  for (const c of [...CASES, ...DEFAULT_CASES]) it(caseLabel(c), () => specKernelAgrees(c));

  it('the spec-only models (one folder each) are the typed backend\'s kernels under their names', () => {
    expect(SPEC_ONLY_NEURONS.length).toBeGreaterThanOrEqual(4);
    for (const { name } of SPEC_ONLY_NEURONS) expect(populationKernels.has(name), name).toBe(true);
  });

  it('a changed step is told apart (the comparison can fail): GIF integrated by Euler instead of RK4', () => {
    const model = specModel('GIF');
    const mutant = specModelFromSource(model.source.replaceAll('(rk4)', '(euler)'));
    if (!mutant.ok) throw new Error('mutant does not compile');
    const c: KernelCase = { model: 'GIF', currents: [1.5], dt: 0.1, steps: 2000 };
    const v = values(model);
    const ref = interpret({ spec: model.spec, n: 1, dt: c.dt, steps: c.steps, params: v.coherent, choices: v.choices, input: (_n, s, i) => current(c, s, i) });
    const pop: PopulationIR = { id: 'pop', index: 0, model: 'GIF', family: 'neuron', size: 1, params: Object.fromEntries(Object.entries(v.internal).map(([k, x]) => [k, { kind: 'scalar', value: x }])), choices: {}, lists: {}, init: {} };
    const got = run(specKernelFactory(mutant.model)(pop, { dt: c.dt, seed: 1, arena: null }), c, ['V']);
    let worst = 0;
    for (let k = 0; k < got.trace.V.length; k++) worst = Math.max(worst, Math.abs(got.trace.V[k] - ref.trace.V[k]));
    expect(worst).toBeGreaterThan(1e-6);
  });
});
