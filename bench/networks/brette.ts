/**
 * The Brette et al. (2007) benchmark networks as SNN Studio documents, matching
 * bench/brian2/brette.py (Brian2's examples/CUBA.py and the Brian2 port of COBA.py):
 * 80 % excitatory LIF neurons with a 5 ms refractory period, Bernoulli connectivity (each pair
 * independently with probability p, self connections allowed as in Brian2's `connect(p=...)`),
 * exponential synapses (5 ms excitatory, 10 ms inhibitory).
 */
import type { Distribution, DocumentInput } from '../../src/shared/document';

export interface BretteOptions {
  /** Neurons in total (80 % excitatory, floor(n · 4 / 5) as in brette.py). */
  readonly n?: number;
  /** Connection probability; default 0.02 (80 synapses per neuron at n = 4000). */
  readonly p?: number;
  readonly durationMs?: number;
  readonly seed?: number;
  readonly backend?: 'auto' | 'typed' | 'tfjs';
  /** Integration method of both populations (document field `method`); absent: the model's own (LIF: exact). */
  readonly method?: 'euler' | 'exponential_euler' | 'rk2' | 'rk4';
}

function sizes(n: number): { nExc: number; nInh: number } {
  const nExc = Math.floor((n * 4) / 5);
  return { nExc, nInh: n - nExc };
}

interface Proj {
  readonly from: 'E' | 'I';
  readonly to: 'E' | 'I';
  readonly weight: string;
  readonly tau: string;
  readonly output: Record<string, string>;
}

function network(name: string, opts: BretteOptions, neuron: Record<string, string>, init: Distribution, projections: readonly Proj[], extra: { nodes: unknown[]; wires: { from: string; to: string }[] } = { nodes: [], wires: [] }): DocumentInput {
  const n = opts.n ?? 4000;
  const p = opts.p ?? 0.02;
  const { nExc, nInh } = sizes(n);
  const population = (id: string, size: number, x: number) => ({
    id, kind: 'population' as const, model: 'LIFRef', size, position: [x, 0] as [number, number],
    params: { ...neuron, reset: 'hard' }, init: { V: init }, ...(opts.method ? { method: opts.method } : {}),
  });
  const projNodes = projections.map((q, k) => ({
    id: `${q.from}->${q.to}`, kind: 'projection' as const, position: [100 + 50 * k, 150] as [number, number],
    conn: { rule: 'bernoulli', p }, weight: q.weight,
    synapse: { model: 'Expon', tau: q.tau }, output: { model: q.output.model, ...q.output },
  }));
  return {
    meta: { title: `${name} (Brette et al. 2007), ${n} neurons, p = ${p}` },
    simulation: { dt: '0.1 ms', duration: `${opts.durationMs ?? 1000} ms`, seed: opts.seed ?? 1, backend: opts.backend ?? 'typed' },
    nodes: [
      population('E', nExc, 0),
      population('I', nInh, 300),
      ...projNodes,
      { id: 'spikes', kind: 'monitor', record: 'spikes', position: [150, -150] },
      ...(extra.nodes as DocumentInput['nodes']),
    ],
    wires: [
      ...projections.flatMap((q) => [{ from: q.from, to: `${q.from}->${q.to}` }, { from: `${q.from}->${q.to}`, to: q.to }]),
      { from: 'E', to: 'spikes' },
      { from: 'I', to: 'spikes' },
      ...extra.wires,
    ],
  };
}

/**
 * CUBA (examples/CUBA.py): dv/dt = (ge + gi - (v - El)) / taum with ge, gi voltages. Our LIF has
 * tau dV/dt = -(V - V_rest) + R·I and CUBA I = g, so R = 1 MΩ makes R·g (mV) = g (nA) and the
 * weights are we / R = 1.62 nA and wi / R = -9 nA. V0 uniform in [Vr, Vt]; ge = gi = 0 at start.
 */
export function cubaDocument(opts: BretteOptions = {}): DocumentInput {
  const we = (60 * 0.27) / 10; // mV
  const wi = (-20 * 4.5) / 10; // mV
  const R = 1; // MΩ
  const cuba = { model: 'CUBA' };
  return network(
    'CUBA',
    opts,
    { V_rest: '-49 mV', V_th: '-50 mV', V_reset: '-60 mV', tau: '20 ms', R: `${R} MOhm`, tau_ref: '5 ms' },
    { dist: 'uniform', low: '-60 mV', high: '-50 mV' },
    [
      { from: 'E', to: 'E', weight: `${we / R} nA`, tau: '5 ms', output: cuba },
      { from: 'E', to: 'I', weight: `${we / R} nA`, tau: '5 ms', output: cuba },
      { from: 'I', to: 'E', weight: `${wi / R} nA`, tau: '10 ms', output: cuba },
      { from: 'I', to: 'I', weight: `${wi / R} nA`, tau: '10 ms', output: cuba },
    ],
  );
}

/** How long the COBA start-up kick lasts, ms (about one excitatory synaptic time constant). */
export const COBA_KICK_MS = 10;

/**
 * COBA (Brette 2007 benchmark 1, Brian2 port): gL = 10 nS so R = 1/gL = 100 MΩ, tau 20 ms,
 * El = Vr = -60 mV, Vt = -50 mV, Ee = 0 mV, Ei = -80 mV, we = 6 nS, wi = 67 nS; V0 ~ N(-65, 5) mV.
 * Brian2 also starts ge ~ N(4, 1.5) gL and gi ~ N(20, 12) gL, which kicks the network into its
 * self-sustained state. A document cannot set synaptic state yet, so a short per-neuron current
 * step N(0.15, 0.1) nA for the first COBA_KICK_MS plays that role: it makes about the same
 * fraction of neurons fire once at the start. The sustained rates do not depend on the kick's
 * details (the activity is self-sustained; see test/reference), only the first ~20 ms do.
 */
export function cobaDocument(opts: BretteOptions = {}): DocumentInput {
  const coba = (E: string) => ({ model: 'COBA', E });
  return network(
    'COBA',
    opts,
    { V_rest: '-60 mV', V_th: '-50 mV', V_reset: '-60 mV', tau: '20 ms', R: '100 MOhm', tau_ref: '5 ms' },
    { dist: 'normal', mean: '-65 mV', std: '5 mV' },
    [
      { from: 'E', to: 'E', weight: '6 nS', tau: '5 ms', output: coba('0 mV') },
      { from: 'E', to: 'I', weight: '6 nS', tau: '5 ms', output: coba('0 mV') },
      { from: 'I', to: 'E', weight: '67 nS', tau: '10 ms', output: coba('-80 mV') },
      { from: 'I', to: 'I', weight: '67 nS', tau: '10 ms', output: coba('-80 mV') },
    ],
    {
      nodes: [{ id: 'kick', kind: 'input', model: 'step', position: [150, 300], params: { amplitude: { dist: 'normal', mean: '0.15 nA', std: '0.1 nA' }, start: '0 ms', stop: `${COBA_KICK_MS} ms` } }],
      wires: [{ from: 'kick', to: 'E' }, { from: 'kick', to: 'I' }],
    },
  );
}
