/**
 * Small networks of each spec-only model (AdQuaIF, GIF, Morris–Lecar, Wang–Buzsáki) for the network
 * tests: population A driven by constant currents; B receives A through CUBA synapses (all to all),
 * C through COBA synapses (one to one, E = 0 mV), each on top of a constant current below its
 * threshold, so the synaptic paths decide B's and C's spikes. Nothing is random.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PYTHON } from '../../bench/brian2';

export interface NetCase {
  readonly model: string;
  readonly dt: string;
  readonly params: Record<string, string | number>;
  /** nA: the three neurons of A, and the constant current of B and C. */
  readonly driveA: readonly string[];
  readonly driveBC: string;
  readonly cuba: string;
  readonly coba: string;
  /** Every neuron's first spike (typed backend) falls before this time, ms (short runs: test/spec/tfjs.test.ts). */
  readonly firstSpikesWithinMs: number;
}

export const NET_CASES: readonly NetCase[] = [
  {
    model: 'AdQuaIF', dt: '0.1 ms', driveA: ['0.6 nA', '1 nA', '1.5 nA'], driveBC: '0.3 nA', cuba: '0.5 nA', coba: '0.02 uS', firstSpikesWithinMs: 130,
    params: { R: '10 MOhm', tau: '10 ms', tau_w: '100 ms', V_th: '-30 mV', V_reset: '-68 mV', V_rest: '-65 mV', V_c: '-50 mV', c: 0.07, a: '2 nS', b: '0.05 nA', reset: 'hard' },
  },
  { model: 'GIF', dt: '0.1 ms', driveA: ['1.2 nA', '1.5 nA', '2 nA'], driveBC: '0.8 nA', cuba: '1 nA', coba: '0.02 uS', firstSpikesWithinMs: 80, params: { A1: '0.2 nA', A2: '-0.05 nA' } },
  { model: 'MorrisLecar', dt: '0.05 ms', driveA: ['100 nA', '150 nA', '200 nA'], driveBC: '60 nA', cuba: '50 nA', coba: '1 uS', firstSpikesWithinMs: 60, params: {} },
  { model: 'WangBuzsakiHH', dt: '0.05 ms', driveA: ['0.5 nA', '1 nA', '3 nA'], driveBC: '0.1 nA', cuba: '1 nA', coba: '0.02 uS', firstSpikesWithinMs: 60, params: {} },
];

export function documentFor(c: NetCase) {
  const pop = (id: string, size: number) => ({ id, kind: 'population', model: c.model, size, position: [0, 0], params: c.params });
  const input = (id: string, amplitude: string | readonly string[]) => ({ id, kind: 'input', model: 'constant', position: [0, 0], params: { amplitude } });
  const proj = (id: string, rule: string, weight: string, output: Record<string, unknown>) => ({
    id, kind: 'projection', position: [0, 0], conn: { rule }, weight, synapse: { model: 'Expon', tau: '5 ms' }, output,
  });
  return {
    meta: { title: `${c.model} network` },
    simulation: { dt: c.dt, duration: '200 ms', seed: 1, backend: 'typed' },
    nodes: [
      input('driveA', c.driveA), input('driveB', c.driveBC), input('driveC', c.driveBC),
      pop('A', 3), pop('B', 2), pop('C', 3),
      proj('AB', 'all_to_all', c.cuba, { model: 'CUBA' }),
      proj('AC', 'one_to_one', c.coba, { model: 'COBA', E: '0 mV' }),
      { id: 'V', kind: 'monitor', record: 'state', position: [0, 0], variables: ['V'], neurons: [0] },
    ],
    wires: [
      { from: 'driveA', to: 'A' }, { from: 'driveB', to: 'B' }, { from: 'driveC', to: 'C' },
      { from: 'A', to: 'AB' }, { from: 'AB', to: 'B' }, { from: 'A', to: 'AC' }, { from: 'AC', to: 'C' }, { from: 'A', to: 'V' },
    ],
  };
}

/** Spikes per population and each neuron's first spike step (-1: none). */
export type Firing = Record<string, { count: number; first: number[] }>;

export function firing(trains: readonly { population: string; size: number; steps: ArrayLike<number>; ids: ArrayLike<number> }[]): Firing {
  const out: Firing = {};
  for (const t of trains) {
    const first = new Array<number>(t.size).fill(-1);
    for (let k = 0; k < t.steps.length; k++) if (first[t.ids[k]] < 0) first[t.ids[k]] = t.steps[k];
    out[t.population] = { count: t.steps.length, first };
  }
  return out;
}


let work: string | null = null;

/**
 * Run an exported Brian2 script (`--save` an .npz) under /usr/bin/python3 and read its spike
 * monitors back as firing per population (`sizes`: neurons per population), spike times rounded
 * to steps of `dtMs`.
 */
export function runBrian2(script: string, key: string, dtMs: number, sizes: Readonly<Record<string, number>>): Firing {
  work ??= mkdtempSync(join(tmpdir(), 'snn-spec-net-'));
  const file = join(work, `${key}.py`);
  const npz = join(work, `${key}.npz`);
  writeFileSync(file, script);
  const r = spawnSync(PYTHON, [file, '--save', npz], { encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`Brian2 script failed:\n${r.stderr.slice(-3000)}`);
  const read = spawnSync(PYTHON, ['-c', [
    'import json, sys, numpy as np',
    `d = np.load(${JSON.stringify(npz)})`,
    'out = {}',
    "for k in d.files:",
    "    if k.startswith('spikes ') and k.endswith(' i'):",
    "        pop = k[len('spikes '):-2]",
    "        out[pop] = {'ids': d[k].tolist(), 't': d['spikes ' + pop + ' t_ms'].tolist()}",
    'print(json.dumps(out))',
  ].join('\n')], { encoding: 'utf8' });
  if (read.status !== 0) throw new Error(read.stderr);
  const data = JSON.parse(read.stdout) as Record<string, { ids: number[]; t: number[] }>;
  return firing(Object.entries(data).map(([population, v]) => ({ population, size: sizes[population], ids: v.ids, steps: v.t.map((t) => Math.round(t / dtMs)) })));
}
