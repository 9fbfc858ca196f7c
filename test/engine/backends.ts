/**
 * The engine's backends as one list, so backend-independent tests run once per backend:
 *   describe.each(BACKENDS)('LIF ($name)', (b) => { it('...', async () => { const run = await b.make(ir); ... }) })
 * Tolerances: where a test's closed form allows only float64 rounding on typed, tfjs computes in
 * float32 and gets `b.digits(n)` decimal places (at most 4: |error| < 5e-5 in mV, nA or µS, inside
 * the 1e-4 of issue 6); exact equalities stay exact wherever float32 represents the numbers.
 */
import type { Backend, BackendInstance } from '../../src/engine/backend';
import type { Csr } from '../../src/engine/connectivity';
import type { NetworkIR } from '../../src/engine/ir';
import type { MonitorBatch } from '../../src/shared/results';
import { typedBackend } from '../../src/engine/backends/typed';
import { createTfjsBackend } from '../../src/engine/backends/tfjs';
import { nodeTfjsOptions } from '../../src/engine/node/tfjsLoader';

/** What the engine tests use of an instance; both backends provide it. */
export interface TestInstance extends BackendInstance {
  advance(steps: number): MonitorBatch;
  /** A copy (tfjs) or the live array (typed) of a state variable; read it again after advancing. */
  readVariable(popId: string, name: string): Float64Array;
  connectivity(projectionId: string): Csr;
  readonly groupCount: number;
}

export interface BackendCase {
  readonly name: 'typed' | 'tfjs';
  readonly backend: Backend;
  /** True when the backend computes in float32 (then spike trains of chaotic networks drift). */
  readonly float32: boolean;
  /** Decimal places for toBeCloseTo where typed would use `typedDigits`. */
  digits(typedDigits: number): number;
  make(ir: NetworkIR): Promise<TestInstance>;
}

const tfjs = createTfjsBackend(nodeTfjsOptions());

export const BACKENDS: readonly BackendCase[] = [
  {
    name: 'typed',
    backend: typedBackend,
    float32: false,
    digits: (d) => d,
    make: async (ir) => (await typedBackend.instantiate(ir)) as unknown as TestInstance,
  },
  {
    name: 'tfjs',
    backend: tfjs,
    float32: true,
    // float32 spacing near 65 mV is 7.6e-6 mV; a few hundred steps stay well under 5e-5.
    digits: (d) => Math.min(d, 4),
    make: async (ir) => (await tfjs.instantiate(ir)) as unknown as TestInstance,
  },
];
