/**
 * Documents for the synapse-library tests: a spike-time source wired to one silent LIF through a
 * projection under test, built with the real builder. g is not a document-recordable variable,
 * so `recordG` adds an IR state monitor of it (the engine tests' way of reading g).
 */
import { build } from '../../../src/engine/build';
import { typedBackend, type TypedInstance } from '../../../src/engine/backends/typed';
import type { MonitorIR, NetworkIR } from '../../../src/engine/ir';
import type { DocumentInput } from '../../../src/shared/document';
import { formatProblem } from '../../../src/shared/problems';

export interface ProjectionOptions {
  synapse: Record<string, string | number>;
  output?: Record<string, string | number>;
  weight?: string;
  plasticity?: Record<string, string | number>;
  delay?: string;
  conn?: Record<string, string | number>;
}

/** Spike source "src" (spikes at `times`, neuron `indices`) -> projection "p" -> silent LIF "N" of `size` neurons. */
export function sourceDoc(times: number[], o: ProjectionOptions & { steps: number; size?: number; srcSize?: number; indices?: number[]; V0?: string | Record<string, string> }): DocumentInput {
  return {
    simulation: { dt: '0.1 ms', duration: `${o.steps / 10} ms`, seed: 3, backend: 'typed' },
    nodes: [
      { id: 'src', kind: 'population', model: 'SpikeTimes', size: o.srcSize ?? 1, params: { times: times.map((t) => `${t} ms`), ...(o.indices ? { indices: o.indices } : {}) } },
      {
        id: 'N', kind: 'population', model: 'LIF', size: o.size ?? 1,
        params: { V_rest: '-65 mV', V_th: '1000 mV', V_reset: '-65 mV', tau: '10 ms', R: '10 MOhm' },
        init: { V: (o.V0 ?? '-65 mV') as string },
      },
      {
        id: 'p', kind: 'projection', conn: (o.conn ?? { rule: 'one_to_one' }) as { rule: string }, weight: o.weight ?? '0.5 nA',
        synapse: o.synapse as { model: string }, output: (o.output ?? { model: 'CUBA' }) as { model: string },
        ...(o.plasticity ? { plasticity: o.plasticity as { model: string } } : {}),
        ...(o.delay ? { delay: o.delay } : {}),
      },
    ],
    wires: [{ from: 'src', to: 'p' }, { from: 'p', to: 'N' }],
  };
}

/** Build or fail with every problem listed. */
export function buildOk(doc: DocumentInput): NetworkIR {
  const { ir, problems } = build(doc);
  if (!ir) throw new Error(problems.map(formatProblem).join('\n'));
  return ir;
}

/** The IR with state monitors of `variables` on population `pop` (neurons given), replacing other monitors. */
export function recording(ir: NetworkIR, pop: string, variables: string[], neurons: number[] = [0]): NetworkIR {
  const population = ir.populations.findIndex((p) => p.id === pop);
  const monitors: MonitorIR[] = variables.map((v) => ({ id: `rec-${v}`, record: 'state', population, variables: [v], neurons: Int32Array.from(neurons), every: 1 }));
  return { ...ir, monitors };
}

/** The step in which a spike emitted at `t` ms first changes g (SEMANTICS.md: the next step). */
export const arrivalStep = (t: number, dt = 0.1, delaySteps = 0): number => Math.round(t / dt) + 1 + delaySteps;

/** Instantiate on the typed backend (synchronous there), typed as its instance. */
export const typed = (ir: NetworkIR): TypedInstance => typedBackend.instantiate(ir) as TypedInstance;
