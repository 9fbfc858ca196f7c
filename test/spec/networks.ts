/**
 * A small network of one model for the network tests of the model folders
 * (src/shared/modelspec/neurons/<model>/): population A driven by constant currents; B receives A
 * through CUBA synapses (all to all), C through COBA synapses (one to one, E = 0 mV), each on top
 * of a constant current below its threshold, so the synaptic paths decide B's and C's spikes.
 * Nothing is random. Two checks run on it:
 *
 * - networkAgainstBrian2: built from the document and run by the typed backend, then exported to
 *   Brian2 (the equations generated from the spec, src/engine/export/brian2Spec.ts) and run under
 *   /usr/bin/python3. The tolerance is the one of test/export/brian2.test.ts for deterministic
 *   networks: spike counts per population within 1 (a threshold crossing decided by float
 *   rounding); here also every neuron's first spike time within one step.
 * - tfjsAgainstTyped: the tfjs backend (ops interpreted from the spec's syntax tree,
 *   src/engine/spec/tfjsKernel.ts) against the typed backend. tfjs computes in float32 and the
 *   typed kernel in float64, so a threshold crossing may move by a step: the same tolerances, and
 *   V of A[0] within 0.5 mV until its first spike (measured 1e-5 to 2.3e-2 mV, Wang–Buzsáki the largest).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { PYTHON } from '../../bench/brian2';
import { withSpikeMonitors } from '../../src/cli/autoMonitors';
import { build } from '../../src/engine/build';
import { exportProject } from '../../src/engine/export';
import { simulate } from '../../src/engine/simulate';
import { tfjsInstance, typedInstance } from '../tfjs/helpers';

export interface NetCase {
  readonly model: string;
  readonly dt: string;
  readonly params: Record<string, string | number>;
  /** nA: the three neurons of A, and the constant current of B and C. */
  readonly driveA: readonly string[];
  readonly driveBC: string;
  readonly cuba: string;
  readonly coba: string;
  /** Every neuron's first spike (typed backend) falls before this time, ms (tfjsAgainstTyped runs that long). */
  readonly firstSpikesWithinMs: number;
  /** Integration method of the three populations (document field `method`); absent: the model's own schemes. */
  readonly method?: string;
  /** Initial values of every population (document values), else the model's. */
  readonly init?: Readonly<Record<string, string>>;
  /** Both projections' synapse (document values); default Expon with tau 5 ms. */
  readonly synapse?: Readonly<Record<string, string>>;
}

export function documentFor(c: NetCase) {
  const pop = (id: string, size: number) => ({ id, kind: 'population', model: c.model, size, position: [0, 0], params: c.params, ...(c.method ? { method: c.method } : {}), ...(c.init ? { init: c.init } : {}) });
  const input = (id: string, amplitude: string | readonly string[]) => ({ id, kind: 'input', model: 'constant', position: [0, 0], params: { amplitude } });
  const proj = (id: string, rule: string, weight: string, output: Record<string, unknown>) => ({
    id, kind: 'projection', position: [0, 0], conn: { rule }, weight, synapse: c.synapse ?? { model: 'Expon', tau: '5 ms' }, output,
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

/** Spike count difference allowed per population (deterministic networks, test/export/brian2.test.ts). */
export const COUNT_TOL = 1;
/** First spike times may differ by one step (a crossing decided by rounding). */
export const FIRST_SPIKE_TOL_STEPS = 1;
/** float32 against float64 over the subthreshold approach (measured: printed by each case). */
const TFJS_V_TOL_MV = 0.5;
/** Longest a network check may take on a shared 2-core machine (tfjs steps one small op per syntax-tree node). */
export const NETWORK_TIMEOUT_MS = 600_000;

/** The typed backend against the network's Brian2 export. */
export async function networkAgainstBrian2(c: NetCase): Promise<void> {
  const doc = documentFor(c);
  const out = await simulate(withSpikeMonitors(doc), { backend: 'typed' });
  if (!out.ok) throw new Error(out.problems.map((p) => p.message).join('\n'));
  const ours = firing(out.results.spikes);
  expect(out.results.traces.length, 'the V monitor records').toBe(1);
  const exported = exportProject(doc, 'brian2');
  if (!exported.ok) throw new Error(exported.problems.map((p) => p.message).join('\n'));
  const theirs = runBrian2(exported.script, `${c.model}${c.synapse?.model ?? ''}`, out.results.dt, { A: 3, B: 2, C: 3 });
  console.log(`${c.model}${c.synapse ? ` with ${c.synapse.model}` : ''}: engine ${JSON.stringify(ours)}\n  brian2 ${JSON.stringify(theirs)}`);
  expectSameFiring(ours, theirs, 'in Brian2');
}

/**
 * `ref` and `other` fire alike in A, B and C: every population of `ref` fires, spike counts within
 * COUNT_TOL, each neuron's first spike within FIRST_SPIKE_TOL_STEPS (and present in both or neither).
 */
function expectSameFiring(ref: Firing, other: Firing, where: string): void {
  for (const id of ['A', 'B', 'C']) {
    expect(ref[id].count, `${id} fires`).toBeGreaterThan(0);
    expect(Math.abs(ref[id].count - other[id].count), `${id} spike count`).toBeLessThanOrEqual(COUNT_TOL);
    ref[id].first.forEach((s, i) => {
      expect(other[id].first[i] >= 0, `${id}[${i}] fires ${where}`).toBe(s >= 0);
      expect(Math.abs(s - other[id].first[i]), `${id}[${i}] first spike step`).toBeLessThanOrEqual(FIRST_SPIKE_TOL_STEPS);
    });
  }
}

/** The tfjs backend against the typed backend, over the first `firstSpikesWithinMs` of the network. */
export async function tfjsAgainstTyped(c: NetCase): Promise<void> {
  const { ir, problems } = build(withSpikeMonitors(documentFor(c)), { durationMs: c.firstSpikesWithinMs });
  if (!ir) throw new Error(problems.map((p) => p.message).join('\n'));
  const tf = await tfjsInstance(ir);
  const a = tf.advance(ir.steps);
  tf.dispose();
  const b = typedInstance(ir).advance(ir.steps);
  const ours = firing(a.spikes);
  const ref = firing(b.spikes);
  const firstA = ref.A.first[0];
  let worst = 0;
  const va = a.traces[0].values;
  const vb = b.traces[0].values;
  for (let s = 0; s < (firstA < 0 ? vb.length : firstA); s++) worst = Math.max(worst, Math.abs(va[s] - vb[s]));
  console.log(`${c.model}: tfjs ${JSON.stringify(ours)}\n  typed ${JSON.stringify(ref)}; max |ΔV| before A[0]'s first spike ${worst.toExponential(2)} mV`);
  expect(worst).toBeLessThan(TFJS_V_TOL_MV);
  expectSameFiring(ref, ours, 'on tfjs');
}
