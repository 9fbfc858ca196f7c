/**
 * A seeded generator of hostile project files: small valid networks damaged in every way a
 * careless or hostile user can (see CATEGORIES). Each file is the text `snn run` would read.
 */
import { FILE_FORMAT } from '../../src/shared/projectFile';
import { rng } from './rng';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = Record<string, Json>;

export interface HostileFile {
  readonly category: Category;
  readonly text: string;
}

const lif = (): Obj => ({ V_rest: '-65 mV', V_th: '-50 mV', V_reset: '-65 mV', tau: '10 ms', R: '10 MOhm' });

/** A small valid network with every kind of node: E/I LIFs, a Poisson and a spike-list source, inputs, projections, monitors. */
function base(): Obj {
  return {
    simulation: { dt: '0.1 ms', duration: '100 ms', seed: 7, backend: 'typed' },
    nodes: [
      { id: 'E', kind: 'population', model: 'LIF', size: 80, params: lif(), init: { V: { dist: 'normal', mean: '-60 mV', std: '3 mV' } } },
      { id: 'I', kind: 'population', model: 'LIFRef', size: 20, params: { ...lif(), tau_ref: '2 ms' } },
      { id: 'P', kind: 'population', model: 'Poisson', size: 50, params: { rate: '20 Hz' } },
      { id: 'S', kind: 'population', model: 'SpikeTimes', size: 2, params: { times: ['5 ms', '20 ms'], indices: [0, 1] } },
      { id: 'drive', kind: 'input', model: 'step', params: { amplitude: '2 nA', start: '10 ms', stop: '90 ms' } },
      { id: 'E->I', kind: 'projection', conn: { rule: 'fixed_prob', p: 0.1 }, weight: '0.3 nA', delay: '1 ms', synapse: { model: 'Expon', tau: '5 ms' }, output: { model: 'CUBA' } },
      { id: 'I->E', kind: 'projection', conn: { rule: 'bernoulli', p: 0.2 }, weight: { dist: 'normal', mean: '-1 nA', std: '0.1 nA' }, synapse: { model: 'Alpha', tau: '8 ms' }, output: { model: 'CUBA' } },
      { id: 'P->E', kind: 'projection', conn: { rule: 'fixed_indegree', k: 5 }, weight: '2 nS', synapse: { model: 'Expon', tau: '5 ms' }, output: { model: 'COBA', E: '0 mV' } },
      { id: 'S->E', kind: 'projection', conn: { rule: 'all_to_all' }, weight: '0.5 mV', synapse: { model: 'Delta' }, output: { model: 'CUBA' } },
      { id: 'spikes', kind: 'monitor', record: 'spikes' },
      { id: 'V', kind: 'monitor', record: 'state', variables: ['V'], neurons: [0, 1], interval: '0.5 ms' },
      { id: 'rate', kind: 'monitor', record: 'rate' },
    ],
    wires: [
      { from: 'drive', to: 'E' }, { from: 'E', to: 'E->I' }, { from: 'E->I', to: 'I' }, { from: 'I', to: 'I->E' }, { from: 'I->E', to: 'E' },
      { from: 'P', to: 'P->E' }, { from: 'P->E', to: 'E' }, { from: 'S', to: 'S->E' }, { from: 'S->E', to: 'E' },
      { from: 'E', to: 'spikes' }, { from: 'E', to: 'V' }, { from: 'I', to: 'rate' },
    ],
  };
}

const HOSTILE_IDS = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'prototype', 'valueOf', '', ' ', 'x'.repeat(65), '🧠', '\u202eE', 'E\u200b', 'cli:spikes:E', 'nodes[0]', '../../etc/passwd', '\u0000', 'E'];
const HUGE_NUMBERS = [1e308, -1e308, 2 ** 53 + 1, 5e-324, -0, 1e15, 100_000_001, 1e9, 4294967296, -1, 0, 0.5, 1e-300];
const BAD_QUANTITIES = ['NaN mV', 'nan', 'Infinity ms', '-Infinity ms', '1e999 mV', '--5 mV', '5 mV mV', '5 meters', '5 kg', '10 Hz', '2 nA', '1 V', '', ' ', 'fast', '１０ ms', '−65 mV', '10 µs', '10 μs', '0x10 ms', '1_000 ms', '5e ms', '.', 'ms', '1/0 ms', 'sqrt(-1) mV', '2 nA * 3', 'e', '10 MΩ', '10 Mohm', '1e-320 ms', '1e308 ms', '1e9 s', '0 ms', '-5 ms'];
const WRONG_TYPES: Json[] = [true, false, null, [], {}, [[]], [1, 'a'], { dist: 'normal' }, { dist: 'poisson', mean: '1 mV' }, { dist: 'normal', mean: true, std: '1 mV' }, 42, -1, 'x'.repeat(300), { model: 'Expon' }];
const TIMES = ['1e9 s', '1e308 ms', '1e-320 ms', '0 ms', '-1 ms', '0.05 ms', '0.1 ms', '0.3 ms', '30 ms', '20 ms', '100 ms', '1e12 ms', '1e-9 ms', '99.95 ms', '1e5 s', 'Infinity ms'];

export const CATEGORIES = [
  'clock', 'time_fields', 'wrong_type', 'missing_field', 'hostile_id', 'hostile_key', 'huge_number', 'bad_quantity',
  'unicode', 'deep_nesting', 'wrong_unit', 'dangling_wire', 'huge_size', 'huge_recording', 'structure', 'text_damage',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Set key `k` on `o` as an own, enumerable property even when it is "__proto__" (plain assignment would change the prototype). */
function put(o: Obj | Json[], k: string | number, v: Json): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/** A value nested `depth` levels deep. */
function nest(depth: number, leaf: Json, asArray: boolean): Json {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { dist: v };
  return v;
}

/** Every (container, key) below `v`, so a damage can hit any field at any depth. */
function slots(v: Json, out: Array<[Obj | Json[], string | number]> = []): typeof out {
  if (Array.isArray(v)) v.forEach((x, i) => { out.push([v, i]); slots(x, out); });
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { out.push([v, k]); slots(x, out); }
  return out;
}

export function hostileFiles(count: number, seed: number): HostileFile[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const out: HostileFile[] = [];
  for (let i = 0; i < count; i++) {
    const category = CATEGORIES[i % CATEGORIES.length];
    const doc = base();
    const nodes = doc.nodes as Obj[];
    const wires = doc.wires as Obj[];
    const sim = doc.simulation as Obj;
    const node = (): Obj => pick(nodes);
    const paramsOf = (n: Obj): Obj => (n.params ?? n.synapse ?? n.conn ?? (n.params = {})) as Obj;
    let text: string | undefined;
    switch (category) {
      case 'clock':
        if (r() < 0.7) sim.duration = pick(TIMES);
        if (r() < 0.7) sim.dt = pick(TIMES);
        break;
      case 'time_fields': {
        const where = Math.floor(r() * 6);
        if (where === 0) (nodes[0].params as Obj).tau = pick(TIMES);
        else if (where === 1) nodes[5].delay = pick(TIMES);
        else if (where === 2) nodes[10].interval = pick(TIMES);
        else if (where === 3) (nodes[3].params as Obj).times = [pick(TIMES), pick(TIMES)];
        else if (where === 4) Object.assign(nodes[4].params as Obj, { start: pick(TIMES), stop: pick(TIMES) });
        else (nodes[1].params as Obj).tau_ref = pick(TIMES);
        break;
      }
      case 'wrong_type': {
        const [holder, key] = pick(slots(doc));
        put(holder, key, pick(WRONG_TYPES));
        break;
      }
      case 'missing_field': {
        const [holder, key] = pick(slots(doc));
        if (Array.isArray(holder)) holder.splice(Number(key), 1);
        else delete holder[key as string];
        break;
      }
      case 'hostile_id': {
        const id = pick(HOSTILE_IDS);
        if (r() < 0.5) {
          const n = node();
          const old = n.id;
          n.id = id;
          if (r() < 0.7) for (const w of wires) for (const end of ['from', 'to']) if (w[end] === old) w[end] = id;
        } else pick(wires)[pick(['from', 'to'])] = id;
        break;
      }
      case 'hostile_key': {
        const key = pick(['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'prototype', 'k'.repeat(65), '']);
        const target = pick([doc, sim, node(), paramsOf(node()), (nodes[0].init as Obj), pick(wires)]);
        put(target, key, pick<Json>(['1 mV', 5, { polluted: true }, null, []]));
        break;
      }
      case 'huge_number': {
        const n = pick(nodes.filter((x) => x.kind === 'population' || x.kind === 'projection'));
        const v = pick(HUGE_NUMBERS);
        if (n.kind === 'population') n.size = v;
        else (n.conn as Obj)[r() < 0.5 ? 'p' : 'k'] = v;
        if (r() < 0.3) sim.seed = pick(HUGE_NUMBERS);
        break;
      }
      case 'bad_quantity': {
        const n = pick(nodes.filter((x) => x.params !== undefined));
        const params = n.params as Obj;
        const keys = Object.keys(params);
        if (keys.length) params[pick(keys)] = pick(BAD_QUANTITIES);
        break;
      }
      case 'unicode': {
        const n = node();
        n.label = pick(['🧠🔥', '\u202eevil', 'é'.repeat(300), '\ud800', 'Ω', '\u0000']);
        if (n.params) (n.params as Obj)[pick(['V_th', 'τ', 'V_th\u200b', 'Ｖ_th'])] = pick(['-50 mV', '５ mV', '−50 mV', '-50 ㎷']);
        break;
      }
      case 'deep_nesting': {
        const depth = pick([5, 20, 31, 40, 200]);
        const leaf = pick<Json>(['1 mV', 1, null]);
        if (r() < 0.5) (nodes[0].params as Obj).V_th = nest(depth, leaf, r() < 0.5);
        else nodes[5].weight = nest(depth, leaf, r() < 0.5);
        break;
      }
      case 'wrong_unit': {
        const choices: Array<() => void> = [
          () => { (nodes[0].params as Obj).V_th = pick(['5 kg', '2 nA', '10 ms', '1 Hz', '3']); },
          () => { nodes[7].weight = pick(['2 nA', '1 mV', '3 ms']); },
          () => { nodes[5].weight = pick(['2 nS', '1 mV', '3 Ohm']); },
          () => { (nodes[2].params as Obj).rate = pick(['20 ms', '20', '20 kg', '20 nA']); },
          () => { sim.dt = pick(['0.1 mV', '0.1', '1 Hz']); },
          () => { (nodes[7].output as Obj).E = pick(['0 nA', '0', '0 ms']); },
        ];
        pick(choices)();
        break;
      }
      case 'dangling_wire':
        for (let k = 0; k < 1 + Math.floor(r() * 3); k++) wires.push({ from: pick([...nodes.map((n) => n.id as string), 'ghost', '']), to: pick(['ghost', 'nowhere', 'E', 'spikes', 'drive']) });
        break;
      case 'huge_size': {
        const n = pick(nodes.filter((x) => x.kind === 'population'));
        n.size = pick([1e6, 1e7, 1e8, 5e7]);
        if (r() < 0.5) (nodes[6].conn as Obj).rule = pick(['all_to_all', 'bernoulli']);
        break;
      }
      case 'huge_recording': {
        nodes[2].size = pick([1e5, 1e6, 1e7]);
        (nodes[2].params as Obj).rate = pick(['500 Hz', '10 kHz', '1e9 Hz']);
        sim.duration = pick(['1 s', '10 s', '100 s']);
        if (r() < 0.5) { nodes[10].neurons = Array.from({ length: 200 }, (_, k) => k % 80); nodes[10].interval = undefined as unknown as Json; delete nodes[10].interval; }
        wires.push({ from: 'P', to: 'spikes' });
        break;
      }
      case 'structure': {
        const damage = Math.floor(r() * 7);
        const env: Obj = { format: FILE_FORMAT, version: 1, document: doc };
        if (damage === 0) doc.nodes = pick<Json>([{}, 'nodes', null, 5]);
        else if (damage === 1) doc.wires = pick<Json>([{}, 'wires', [1, 2], [[]]]);
        else if (damage === 2) node().kind = pick(['neuron', 'Population', '', 5, null]);
        else if (damage === 3) env.version = pick<Json>([99, -1, 1.5, '1', null]);
        else if (damage === 4) env.format = pick<Json>(['snn', null, 1]);
        else if (damage === 5) env.document = pick<Json>([[], null, 'doc', { nodes: [] , extra: 1 }]);
        else nodes.push(structuredClone(node()));
        text = JSON.stringify(env);
        break;
      }
      case 'text_damage': {
        const whole = JSON.stringify({ format: FILE_FORMAT, version: 1, document: doc }, null, r() < 0.5 ? 2 : 0);
        const how = Math.floor(r() * 4);
        if (how === 0) text = whole.slice(0, Math.floor(r() * whole.length));
        else if (how === 1) text = whole.replace(/"duration": ?"100 ms"/, pick(['"duration": NaN', '"duration": 1e999', '"duration": Infinity', '"duration": -0']));
        else if (how === 2) text = whole.replace(/"size": ?80/, pick(['"size": 1e999', '"size": NaN', '"size": 08', '"size": 0x50']));
        else text = `\ufeff${whole}\u0000`;
        break;
      }
    }
    out.push({ category, text: text ?? JSON.stringify({ format: FILE_FORMAT, version: 1, document: doc }) });
  }
  return out;
}
