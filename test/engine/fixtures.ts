/**
 * Hand-built NetworkIR pieces for engine tests, so they do not depend on the document builder.
 * Units are the internal ones: ms, mV, nA, µS, MΩ, Hz.
 */
import type { ConnIR, InputIR, ModelIR, MonitorIR, NetworkIR, PopulationIR, ProjectionIR, SynapseGroupIR, ValueIR } from '../../src/engine/ir';

export const scalar = (value: number): ValueIR => ({ kind: 'scalar', value });
export const array = (values: ArrayLike<number>): ValueIR => ({ kind: 'array', values: Float64Array.from(values) });

export interface LifOptions {
  size?: number;
  V_rest?: number;
  V_th?: number;
  V_reset?: number;
  tau?: number;
  R?: number;
  tau_ref?: number;
  reset?: 'soft' | 'hard';
  V0?: ValueIR;
}

/** A LIF (or LIFRef when tau_ref is given) population; index is fixed by `network`. */
export function lif(id: string, o: LifOptions = {}): PopulationIR {
  const params: Record<string, ValueIR> = {
    V_rest: scalar(o.V_rest ?? -65),
    V_th: scalar(o.V_th ?? -50),
    V_reset: scalar(o.V_reset ?? -65),
    tau: scalar(o.tau ?? 10),
    R: scalar(o.R ?? 10),
  };
  if (o.tau_ref !== undefined) params.tau_ref = scalar(o.tau_ref);
  return {
    id, index: -1, model: o.tau_ref !== undefined ? 'LIFRef' : 'LIF', family: 'neuron', size: o.size ?? 1,
    params, choices: { reset: o.reset ?? 'hard' }, lists: {}, init: { V: o.V0 ?? scalar(o.V_rest ?? -65) },
  };
}

export function poisson(id: string, size: number, rateHz: number): PopulationIR {
  return { id, index: -1, model: 'Poisson', family: 'source', size, params: { rate: scalar(rateHz) }, choices: {}, lists: {}, init: {} };
}

export function spikeTimes(id: string, size: number, timesMs: number[], indices: number[] = timesMs.map(() => 0)): PopulationIR {
  return {
    id, index: -1, model: 'SpikeTimes', family: 'source', size, params: {}, choices: {},
    lists: { times: Float64Array.from(timesMs), indices: Float64Array.from(indices) }, init: {},
  };
}

export interface InputSpec {
  id: string;
  model: string;
  target: string;
  params: Record<string, ValueIR>;
}

export interface ProjectionSpec {
  id: string;
  pre: string;
  post: string;
  conn: ConnIR;
  weight: ValueIR;
  delaySteps?: number;
  synapse?: ModelIR;
  output?: ModelIR;
}

export interface MonitorSpec {
  id: string;
  record: MonitorIR['record'];
  population: string;
  variables?: string[];
  neurons?: number[];
  every?: number;
}

export const expon = (tau: number): ModelIR => ({ model: 'Expon', params: { tau } });
export const cuba: ModelIR = { model: 'CUBA', params: {} };
export const coba = (E: number): ModelIR => ({ model: 'COBA', params: { E } });

/**
 * Assemble a NetworkIR; synapse groups are merged per post population when synapse and output
 * are identical, as build does (AlignPostProj).
 */
export function network(o: {
  dt?: number;
  steps: number;
  seed?: number;
  populations: PopulationIR[];
  inputs?: InputSpec[];
  projections?: ProjectionSpec[];
  monitors?: MonitorSpec[];
}): NetworkIR {
  const dt = o.dt ?? 0.1;
  const populations = o.populations.map((p, index) => ({ ...p, index }));
  const idx = (id: string): number => {
    const i = populations.findIndex((p) => p.id === id);
    if (i < 0) throw new Error(`fixture: no population ${id}`);
    return i;
  };
  const groups: { index: number; post: number; synapse: ModelIR; output: ModelIR; projections: number[] }[] = [];
  const projections: ProjectionIR[] = (o.projections ?? []).map((p, k) => {
    const post = idx(p.post);
    const synapse = p.synapse ?? expon(5);
    const output = p.output ?? cuba;
    const key = JSON.stringify([post, synapse, output]);
    let g = groups.find((x) => JSON.stringify([x.post, x.synapse, x.output]) === key);
    if (!g) groups.push((g = { index: groups.length, post, synapse, output, projections: [] }));
    g.projections.push(k);
    return { id: p.id, pre: idx(p.pre), post, conn: p.conn, weight: p.weight, delaySteps: p.delaySteps ?? 0, group: g.index };
  });
  const inputs: InputIR[] = (o.inputs ?? []).map((i) => ({ id: i.id, model: i.model, target: idx(i.target), params: i.params }));
  const monitors: MonitorIR[] = (o.monitors ?? []).map((m) => ({
    id: m.id, record: m.record, population: idx(m.population), variables: m.variables ?? [],
    neurons: Int32Array.from(m.neurons ?? []), every: m.every ?? 1,
  }));
  return {
    dt, duration: o.steps * dt, steps: o.steps, seed: o.seed ?? 1, backend: 'typed',
    populations, inputs, projections, synapseGroups: groups as SynapseGroupIR[], monitors,
  };
}

/** The Brette et al. (2007) CUBA network (Brian2 examples/CUBA.py) as two populations, R = 1 MΩ so nA = mV. */
export function bretteCuba(o: { n?: number; seed?: number; steps?: number; rule?: string; p?: number } = {}): NetworkIR {
  const n = o.n ?? 4000;
  const nE = Math.floor((n * 4) / 5);
  const p = o.p ?? 80 / n;
  const rule = o.rule ?? 'bernoulli';
  const cell = { V_rest: -49, V_th: -50, V_reset: -60, tau: 20, R: 1, tau_ref: 5, reset: 'hard' as const, V0: { kind: 'uniform', low: -60, high: -50 } as ValueIR };
  const conn: ConnIR = { rule, p, allowSelf: true };
  const we = (60 * 0.27) / 10;
  const wi = (-20 * 4.5) / 10;
  return network({
    steps: o.steps ?? 10000,
    seed: o.seed ?? 1,
    populations: [lif('E', { ...cell, size: nE }), lif('I', { ...cell, size: n - nE })],
    projections: [
      { id: 'EE', pre: 'E', post: 'E', conn, weight: scalar(we), synapse: expon(5) },
      { id: 'EI', pre: 'E', post: 'I', conn, weight: scalar(we), synapse: expon(5) },
      { id: 'IE', pre: 'I', post: 'E', conn, weight: scalar(wi), synapse: expon(10) },
      { id: 'II', pre: 'I', post: 'I', conn, weight: scalar(wi), synapse: expon(10) },
    ],
    monitors: [
      { id: 'sE', record: 'spikes', population: 'E' },
      { id: 'sI', record: 'spikes', population: 'I' },
    ],
  });
}
