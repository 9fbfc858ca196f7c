/**
 * The checks every model folder's test runs, as data: a model's `<folder>.test.ts` calls
 * modelSuite with its own cases and numbers, and adds only what is particular to it (`more`).
 * - against Brian2 on the same step (brian2Jobs.ts: `sameStep`), and optionally on the physics
 *   at fine dt (`physics`);
 * - the typed backend's spec kernel against the reference interpreter (specKernelRun.ts);
 * - the generated brainpy.state class against that kernel (brainpyRun.ts);
 * - a small network against its Brian2 export and on tfjs against typed (networks.ts).
 */
import { describe, it } from 'vitest';
import { HAS_BRIAN2, physicsAgainstBrian2, sameStepAgainstBrian2, SKIP_NOTE, type PhysicsJob, type SameStepJob } from './brian2Jobs';
import { BRIAN2_TIMEOUT_MS } from './helpers';
import { brainpyClassAgrees, V_TOL_MV, type BrainPyCase } from './brainpyRun';
import { caseLabel, specKernelAgrees, type KernelCase } from './specKernelRun';
import { COUNT_TOL, FIRST_SPIKE_TOL_STEPS, NETWORK_TIMEOUT_MS, networkAgainstBrian2, tfjsAgainstTyped, type NetCase } from './networks';

type WithoutModel<T> = Omit<T, 'model'>;

export interface ModelSuite {
  /** The model's catalogue name (its spec's name). */
  readonly model: string;
  /** Brian2 runs the equations generated from the spec; identical spike steps, V within each job's vTol. */
  readonly sameStep: readonly WithoutModel<SameStepJob>[];
  /** What Brian2 integrates in `sameStep`, for the test's title. */
  readonly sameStepTitle?: string;
  /** Brian2's rk4 on the plain equations at fine dt: spike times within tolerance, converging. */
  readonly physics?: readonly WithoutModel<PhysicsJob>[];
  /** The typed backend's spec kernel against the reference interpreter (bit-identical). */
  readonly kernel: readonly WithoutModel<KernelCase>[];
  /** The generated brainpy.state class against the kernel. */
  readonly brainpy: WithoutModel<BrainPyCase>;
  /** A small network: on the typed backend against its Brian2 export, and on tfjs against typed. */
  readonly network: WithoutModel<NetCase>;
  /** Checks particular to the model, registered inside its describe block. */
  readonly more?: () => void;
}

export function modelSuite(s: ModelSuite): void {
  const { model } = s;
  describe(model, () => {
    it.skipIf(!HAS_BRIAN2)(`${s.sameStepTitle ?? "agrees with Brian2's rk4 on the generated equations"}: identical spike steps, V within rounding${SKIP_NOTE}`,
      () => sameStepAgainstBrian2(s.sameStep.map((j) => ({ ...j, model }))), BRIAN2_TIMEOUT_MS);

    if (s.physics) {
      const physics = s.physics;
      it.skipIf(!HAS_BRIAN2)(`matches Brian2's rk4 on its equations: same spike counts, spike times within tolerance${SKIP_NOTE}`,
        () => physicsAgainstBrian2(physics.map((j) => ({ ...j, model }))), BRIAN2_TIMEOUT_MS);
    }

    s.more?.();

    for (const c of s.kernel) {
      const kc = { ...c, model };
      it(`spec kernel = interpreter: ${caseLabel(kc)}`, () => specKernelAgrees(kc));
    }

    it(`its generated brainpy.state class computes the kernel's step: identical spike steps, V within ${V_TOL_MV} mV`, () => brainpyClassAgrees({ ...s.brainpy, model }));

    const network = { ...s.network, model };
    it.skipIf(!HAS_BRIAN2)(`a network on the typed backend against its Brian2 export: spike counts within ${COUNT_TOL}, first spikes within ${FIRST_SPIKE_TOL_STEPS} step${SKIP_NOTE}`,
      () => networkAgainstBrian2(network), NETWORK_TIMEOUT_MS);

    it(`the network on tfjs against the typed backend: spike counts within ${COUNT_TOL}, first spikes within ${FIRST_SPIKE_TOL_STEPS} step`, () => tfjsAgainstTyped(network), NETWORK_TIMEOUT_MS);
  });
}
