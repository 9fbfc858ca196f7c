/** Shared set-up for the tfjs backend tests: one WASM runtime per test file, typed instances beside it. */
import { createTfjsBackend, type TfjsInstance } from '../../src/engine/backends/tfjs';
import { nodeTfjsOptions } from '../../src/engine/node/tfjsLoader';
import { typedBackend, type TypedInstance } from '../../src/engine/backends/typed';
import type { NetworkIR } from '../../src/engine/ir';
import type { Layout } from '../../src/engine/backends/tfjs';

const backend = createTfjsBackend(nodeTfjsOptions());

export function tfjsInstance(ir: NetworkIR, layout?: Layout): Promise<TfjsInstance> {
  return layout ? createTfjsBackend(nodeTfjsOptions({ layout })).instantiate(ir) : backend.instantiate(ir);
}

export const typedInstance = (ir: NetworkIR): TypedInstance => typedBackend.instantiate(ir) as TypedInstance;

/** Largest absolute difference of two equally long arrays. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}
