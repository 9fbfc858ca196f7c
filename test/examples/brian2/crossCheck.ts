/**
 * The working-memory and decision-making examples exported with `snn export --to brian2` and run
 * under Brian2 2.5.1 (/usr/bin/python3): does the exported network behave as the engine does?
 * Too slow for the unit tests (Brian2 integrates every NMDA synapse on its own: minutes per run
 * with the numpy target), so it is a script; the numbers it printed are in the README.
 *
 *   npx tsx test/examples/brian2/crossCheck.ts [wm] [dm]
 *
 * wm: the ring with and without the cue, 1500 ms (1 s after the cue): rates of every cluster
 *     from 1000 ms on and the population-vector angle, engine and Brian2.
 * dm: coherence 0.256 (the file's) and 0, seeds 1..SEEDS: who wins in the last 400 ms of the
 *     stimulus, engine and Brian2.
 * Exits 1 when Brian2 disagrees with the behaviour the engine's tests assert.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportProject } from '../../../src/engine/export';
import { simulate } from '../../../src/engine/simulate';
import type { Document } from '../../../src/shared/document';
import { clusterAngle, clusterId, RING } from '../definitions/workingMemory';
import { loadExample, rateBetween } from '../run';

const PYTHON = '/usr/bin/python3';
const SEEDS = 5;
const dir = mkdtempSync(join(tmpdir(), 'snn-crosscheck-'));

/** Mean rate per neuron (Hz) of each population in [fromMs, toMs), from the script's --save file. */
const WINDOW_PY = `
import sys, json, numpy as np
d = np.load(sys.argv[1]); a, b = float(sys.argv[2]), float(sys.argv[3]); sizes = json.loads(sys.argv[4])
out = {}
for pop, n in sizes.items():
    t = d['spikes %s t_ms' % pop]
    out[pop] = float(((t >= a) & (t < b)).sum()) / n / ((b - a) / 1000)
print(json.dumps(out))
`;

function brian2Rates(doc: Document, name: string, seed: number, durationMs: number, fromMs: number, toMs: number): Record<string, number> {
  const exported = exportProject(doc, 'brian2');
  if (!exported.ok) throw new Error(exported.problems.map((p) => p.message).join('\n'));
  const script = join(dir, `${name}.py`);
  const npz = join(dir, `${name}-${seed}.npz`);
  writeFileSync(script, exported.script);
  const run = spawnSync(PYTHON, [script, '--seed', String(seed), '--duration-ms', String(durationMs), '--save', npz], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr.slice(-2000));
  const sizes = Object.fromEntries(doc.nodes.filter((n) => n.kind === 'population').map((n) => [n.id, (n as { size: number }).size]));
  const win = spawnSync(PYTHON, ['-c', WINDOW_PY, npz, String(fromMs), String(toMs), JSON.stringify(sizes)], { encoding: 'utf8' });
  if (win.status !== 0) throw new Error(win.stderr);
  return JSON.parse(win.stdout) as Record<string, number>;
}

async function engineRates(doc: Document, seed: number, durationMs: number, fromMs: number, toMs: number): Promise<Record<string, number>> {
  const out = await simulate(doc, { backend: 'typed', seed, durationMs });
  if (!out.ok) throw new Error(out.problems.map((p) => p.message).join('\n'));
  const results = out.results;
  return Object.fromEntries(results.spikes.map((s) => [s.population, rateBetween(s, results.dt, fromMs, toMs)]));
}

function angleOf(rates: Record<string, number>): number {
  let [x, y] = [0, 0];
  for (let k = 0; k < RING.clusters; k++) {
    const phi = (clusterAngle(k) * Math.PI) / 180;
    x += rates[clusterId(k)] * Math.cos(phi);
    y += rates[clusterId(k)] * Math.sin(phi);
  }
  return ((Math.atan2(y, x) * 180) / Math.PI + 360) % 360;
}

const show = (r: Record<string, number>): string => Object.entries(r).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ');
let failures = 0;
const expect = (ok: boolean, what: string): void => {
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
};

async function workingMemory(): Promise<void> {
  const doc = loadExample('working-memory-ring.snn');
  const noCue: Document = { ...doc, wires: doc.wires.filter((w) => w.from !== 'cue') };
  const [duration, from] = [1500, 1000];
  for (const [label, d] of [['cue', doc], ['no cue', noCue]] as const) {
    const ours = await engineRates(d, doc.simulation.seed, duration, from, duration);
    const theirs = brian2Rates(d, `wm-${label.replace(' ', '')}`, doc.simulation.seed, duration, from, duration);
    console.log(`working memory, ${label}, rates ${from}-${duration} ms\n  engine: ${show(ours)}\n  Brian2: ${show(theirs)}`);
    const peak = Math.max(...Array.from({ length: RING.clusters }, (_, k) => theirs[clusterId(k)]));
    if (label === 'cue') {
      const angle = angleOf(theirs);
      console.log(`  decoded angle: engine ${angleOf(ours).toFixed(0)}°, Brian2 ${angle.toFixed(0)}° (cue at ${clusterAngle(RING.cueCluster)}°)`);
      expect(Math.min(Math.abs(angle - 90), 360 - Math.abs(angle - 90)) < 45, 'Brian2: the bump persists at the cued angle');
      expect(peak > 10, `Brian2: bump above 10 Hz (${peak.toFixed(1)})`);
    } else {
      expect(peak < 2, `Brian2: no bump without the cue (max ${peak.toFixed(2)} Hz)`);
    }
  }
}

async function decisionMaking(): Promise<void> {
  const doc = loadExample('decision-making.snn');
  const stim = (n: Document['nodes'][number], x: string): Document['nodes'][number] => (n.kind === 'input' && n.id.startsWith('stimulus') ? { ...n, params: { ...n.params, amplitude: x } } : n);
  const zero: Document = { ...doc, nodes: doc.nodes.map((n) => stim(n, '0.05 nA')) };
  const [stop, window] = [1200, 400];
  for (const [label, d] of [['c = 0.256', doc], ['c = 0', zero]] as const) {
    const rows: string[] = [];
    let [winsOurs, winsTheirs, clear] = [0, 0, 0];
    for (let seed = 1; seed <= SEEDS; seed++) {
      const ours = await engineRates(d, seed, stop, stop - window, stop);
      const theirs = brian2Rates(d, `dm-${label.replace(/\W/g, '')}`, seed, stop, stop - window, stop);
      if (ours.A > ours.B) winsOurs++;
      if (theirs.A > theirs.B) winsTheirs++;
      if (Math.min(theirs.A, theirs.B) < Math.max(theirs.A, theirs.B) / 4 && Math.max(theirs.A, theirs.B) > 15) clear++;
      rows.push(`  seed ${seed}: engine A ${ours.A.toFixed(1)} B ${ours.B.toFixed(1)} | Brian2 A ${theirs.A.toFixed(1)} B ${theirs.B.toFixed(1)}`);
    }
    console.log(`decision making, ${label}, rates ${stop - window}-${stop} ms\n${rows.join('\n')}\n  A wins: engine ${winsOurs}/${SEEDS}, Brian2 ${winsTheirs}/${SEEDS}`);
    expect(clear >= SEEDS - 1, `Brian2: winner-take-all in ${clear}/${SEEDS} trials`);
    if (label === 'c = 0.256') expect(winsTheirs >= SEEDS - 1, 'Brian2: A (favoured by the stimulus) wins');
  }
}

const which = process.argv.slice(2);
if (which.length === 0 || which.includes('dm')) await decisionMaking();
if (which.length === 0 || which.includes('wm')) await workingMemory();
process.exit(failures > 0 ? 1 : 0);
