/**
 * The check every current-input folder (src/shared/modelspec/inputs/<folder>) runs: one neuron
 * per column of the input, LIF with R = 1 MΩ and an unreachable threshold, the total input
 * current I recorded every step on both backends and compared with the closed form the folder
 * states, at t = s·dt (the kernels' time of step s). The typed kernel itself (float64, before the
 * monitor stores float32) must agree to `typedTolerance` (0: to the bit); the recorded traces of
 * both backends to float32 rounding (tfjs computes in float32: 5 significant digits).
 */
import { expect } from 'vitest';
import type { ValueIR } from '../../src/engine/ir';
import { BACKENDS } from '../engine/backends';
import { inputKernels } from '../../src/engine/backends/typed/kernels';
import '../../src/engine/backends/typed/inputs';
import { lif, network } from '../engine/fixtures';

export interface InputClosedForm {
  readonly model: string;
  readonly params: Readonly<Record<string, ValueIR>>;
  readonly size?: number;
  readonly steps?: number;
  /** Current (nA) of neuron i at time t (ms). */
  readonly current: (t: number, i: number) => number;
  /** Largest |typed - closed form| (nA); 0 checks the bits. */
  readonly typedTolerance?: number;
}

const DT = 0.1;

export async function inputAgreesWithClosedForm(c: InputClosedForm): Promise<void> {
  const size = c.size ?? 1;
  const steps = c.steps ?? 400;
  const ir = network({
    steps,
    populations: [lif('N', { size, V_th: 1e9, R: 1 })],
    inputs: [{ id: 'in', model: c.model, target: 'N', params: c.params }],
    monitors: [{ id: 'I', record: 'state', population: 'N', variables: ['I'], neurons: Array.from({ length: size }, (_, i) => i) }],
  });
  const kernel = inputKernels.get(c.model)?.(ir.inputs[0], size, 'N', { dt: DT, seed: 1 });
  if (!kernel) throw new Error(`no typed kernel for ${c.model}`);
  const iext = new Float64Array(size);
  for (let s = 0; s < steps; s++) {
    iext.fill(0);
    kernel.add(s, iext);
    for (let i = 0; i < size; i++) expect(Math.abs(iext[i] - c.current(s * DT, i)), `${c.model} typed kernel, step ${s}, neuron ${i}`).toBeLessThanOrEqual(c.typedTolerance ?? 0);
  }
  for (const b of BACKENDS) {
    const run = await b.make(ir);
    const values = run.advance(steps).traces[0].values;
    run.dispose?.();
    for (let s = 0; s < steps; s++) {
      for (let i = 0; i < size; i++) {
        const want = c.current(s * DT, i);
        const got = values[s * size + i];
        const where = `${c.model} on ${b.name}, step ${s}, neuron ${i}`;
        // typed: the float64 value stored as float32 (one rounding, at most half an ulp of 2^-24 relative)
        if (b.name === 'typed') expect(Math.abs(got - want), where).toBeLessThanOrEqual(2 ** -24 * Math.abs(want) + (c.typedTolerance ?? 0));
        else expect(Math.abs(got - want), where).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(want)));
      }
    }
  }
}
