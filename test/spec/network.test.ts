/**
 * A small network of each spec-only model (AdQuaIF, GIF, Morris–Lecar, Wang–Buzsáki), built from
 * a document and run by the typed backend's spec kernel, then exported to Brian2 (the equations
 * generated from the spec, src/engine/export/brian2Spec.ts) and run under /usr/bin/python3.
 * Population A is driven by constant currents; B receives A through CUBA synapses (all to all),
 * C through COBA synapses (one to one, E = 0 mV), each on top of a constant current below its
 * threshold, so the synaptic paths decide B's and C's spikes. Nothing is random, so the tolerance
 * is the one of test/export/brian2.test.ts for deterministic networks: spike counts per population
 * within 1 (a threshold crossing decided by float rounding); here also every neuron's first spike
 * time within one step. Skipped, with the reason in the name, without Brian2.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brian2Available, PYTHON } from '../../bench/brian2';
import { withSpikeMonitors } from '../../src/cli/autoMonitors';
import { exportProject } from '../../src/engine/export';
import { simulate } from '../../src/engine/simulate';

const HAS_BRIAN2 = brian2Available();
const SKIP_NOTE = HAS_BRIAN2 ? '' : " [skipped: /usr/bin/python3 -c 'import brian2' failed]";
/** Spike count difference allowed per population (deterministic networks, test/export/brian2.test.ts). */
const COUNT_TOL = 1;
/** First spike times may differ by one step (a crossing decided by rounding). */
const FIRST_SPIKE_TOL_STEPS = 1;

interface NetCase {
  readonly model: string;
  readonly dt: string;
  readonly params: Record<string, string | number>;
  /** nA: the three neurons of A, and the constant current of B and C. */
  readonly driveA: readonly string[];
  readonly driveBC: string;
  readonly cuba: string;
  readonly coba: string;
}

const CASES: readonly NetCase[] = [
  {
    model: 'AdQuaIF', dt: '0.1 ms', driveA: ['0.6 nA', '1 nA', '1.5 nA'], driveBC: '0.3 nA', cuba: '0.5 nA', coba: '0.02 uS',
    params: { R: '10 MOhm', tau: '10 ms', tau_w: '100 ms', V_th: '-30 mV', V_reset: '-68 mV', V_rest: '-65 mV', V_c: '-50 mV', c: 0.07, a: '2 nS', b: '0.05 nA', reset: 'hard' },
  },
  { model: 'GIF', dt: '0.1 ms', driveA: ['1.2 nA', '1.5 nA', '2 nA'], driveBC: '0.8 nA', cuba: '1 nA', coba: '0.02 uS', params: { A1: '0.2 nA', A2: '-0.05 nA' } },
  { model: 'MorrisLecar', dt: '0.05 ms', driveA: ['100 nA', '150 nA', '200 nA'], driveBC: '60 nA', cuba: '50 nA', coba: '1 uS', params: {} },
  { model: 'WangBuzsakiHH', dt: '0.05 ms', driveA: ['0.5 nA', '1 nA', '3 nA'], driveBC: '0.1 nA', cuba: '1 nA', coba: '0.02 uS', params: {} },
];

function documentFor(c: NetCase) {
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
type Firing = Record<string, { count: number; first: number[] }>;

function firing(trains: readonly { population: string; size: number; steps: ArrayLike<number>; ids: ArrayLike<number> }[]): Firing {
  const out: Firing = {};
  for (const t of trains) {
    const first = new Array<number>(t.size).fill(-1);
    for (let k = 0; k < t.steps.length; k++) if (first[t.ids[k]] < 0) first[t.ids[k]] = t.steps[k];
    out[t.population] = { count: t.steps.length, first };
  }
  return out;
}

const work = mkdtempSync(join(tmpdir(), 'snn-spec-net-'));

function runBrian2(script: string, key: string, dtMs: number): Firing {
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
  const sizes: Record<string, number> = { A: 3, B: 2, C: 3 };
  return firing(Object.entries(data).map(([population, v]) => ({ population, size: sizes[population], ids: v.ids, steps: v.t.map((t) => Math.round(t / dtMs)) })));
}

describe('spec-only models in a network: typed backend against the Brian2 export', () => {
  for (const c of CASES) {
    it.skipIf(!HAS_BRIAN2)(`${c.model}: CUBA and COBA paths, spike counts within ${COUNT_TOL}, first spikes within ${FIRST_SPIKE_TOL_STEPS} step${SKIP_NOTE}`, async () => {
      const doc = documentFor(c);
      const out = await simulate(withSpikeMonitors(doc), { backend: 'typed' });
      if (!out.ok) throw new Error(out.problems.map((p) => p.message).join('\n'));
      const ours = firing(out.results.spikes);
      expect(out.results.traces.length, 'the V monitor records').toBe(1);
      const exported = exportProject(doc, 'brian2');
      if (!exported.ok) throw new Error(exported.problems.map((p) => p.message).join('\n'));
      const theirs = runBrian2(exported.script, c.model, out.results.dt);
      console.log(`${c.model}: engine ${JSON.stringify(ours)}\n  brian2 ${JSON.stringify(theirs)}`);
      for (const id of ['A', 'B', 'C']) {
        expect(ours[id].count, `${id} fires`).toBeGreaterThan(0);
        expect(Math.abs(ours[id].count - theirs[id].count), `${id} spike count`).toBeLessThanOrEqual(COUNT_TOL);
        ours[id].first.forEach((s, i) => {
          expect(theirs[id].first[i] >= 0, `${id}[${i}] fires in Brian2`).toBe(s >= 0);
          expect(Math.abs(s - theirs[id].first[i]), `${id}[${i}] first spike step`).toBeLessThanOrEqual(FIRST_SPIKE_TOL_STEPS);
        });
      }
    }, 600_000);
  }
});
