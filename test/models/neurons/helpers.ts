/** Single-population runs of the model-library neurons on any backend, for the pattern and trace tests. */
import type { NetworkIR, PopulationIR, ValueIR } from '../../../src/engine/ir';
import type { BackendCase } from '../../engine/backends';
import { type InputSpec, type MonitorSpec, network, scalar } from '../../engine/fixtures';

/** A population of `model` with parameters in internal units (ms, mV, nA, µS, MΩ, nF, Hz). */
export function neurons(id: string, model: string, params: Record<string, number | ValueIR>, o: { size?: number; init?: Record<string, number | ValueIR>; reset?: 'soft' | 'hard' } = {}): PopulationIR {
  const toValue = (x: number | ValueIR): ValueIR => (typeof x === 'number' ? scalar(x) : x);
  return {
    id, index: -1, model, family: 'neuron', size: o.size ?? 1,
    params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, toValue(v)])),
    choices: o.reset ? { reset: o.reset } : {},
    lists: {},
    init: Object.fromEntries(Object.entries(o.init ?? {}).map(([k, v]) => [k, toValue(v)])),
  };
}

/** One population driven by a constant (or per-neuron) current, recording spikes and optionally state. */
export function drivenNetwork(pop: PopulationIR, current: ValueIR, o: { dt?: number; duration: number; start?: number; record?: string[] }): NetworkIR {
  const dt = o.dt ?? 0.1;
  const steps = Math.round(o.duration / dt);
  const input: InputSpec = o.start !== undefined
    ? { id: 'I', model: 'step', target: pop.id, params: { amplitude: current, start: scalar(o.start), stop: scalar(1e9) } }
    : { id: 'I', model: 'constant', target: pop.id, params: { amplitude: current } };
  const monitors: MonitorSpec[] = [{ id: 'spk', record: 'spikes', population: pop.id }];
  if (o.record) monitors.push({ id: 'st', record: 'state', population: pop.id, variables: o.record, neurons: [0] });
  return network({ dt, steps, populations: [pop], inputs: [input], monitors });
}

export interface Run {
  /** Spike times per neuron, ms. */
  readonly times: number[][];
  /** Recorded traces of neuron 0 by variable (when asked). */
  readonly traces: Record<string, Float32Array>;
}

export async function run(b: BackendCase, ir: NetworkIR): Promise<Run> {
  const inst = await b.make(ir);
  try {
    const batch = inst.advance(ir.steps);
    const size = ir.populations[ir.monitors[0]?.population ?? 0].size;
    const times: number[][] = Array.from({ length: size }, () => []);
    const train = batch.spikes[0];
    if (train) for (let k = 0; k < train.ids.length; k++) times[train.ids[k]].push(train.steps[k] * ir.dt);
    const traces: Record<string, Float32Array> = {};
    for (const t of batch.traces) traces[t.variable] = t.values;
    return { times, traces };
  } finally {
    inst.dispose();
  }
}

/** Inter-spike intervals, ms. */
export function isis(times: readonly number[]): number[] {
  return times.slice(1).map((t, k) => t - times[k]);
}

/**
 * Group spikes into bursts: a new burst starts when the gap to the previous spike exceeds
 * `gap` ms. Returns the number of spikes in each burst.
 */
export function burstSizes(times: readonly number[], gap: number): number[] {
  const sizes: number[] = [];
  times.forEach((t, k) => {
    if (k === 0 || t - times[k - 1] > gap) sizes.push(1);
    else sizes[sizes.length - 1]++;
  });
  return sizes;
}
