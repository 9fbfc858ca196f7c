/**
 * Working memory (Compte et al. 2000, reduced to a ring of clusters): a brief cue leaves a bump of
 * activity that outlives it at the cued place on the ring, and without the cue no bump forms.
 * The population vector of the cluster rates decodes the remembered angle.
 */
import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/shared/document';
import type { RunResults } from '../../src/shared/results';
import { simulate } from '../../src/engine/simulate';
import { clusterAngle, clusterId, RING } from './definitions/workingMemory';
import { loadExample, param, rateBetween } from './run';

const FILE = 'working-memory-ring.snn';
/** Decoded angle within half a cluster spacing either side of the next cluster (45°): the bump may sit between two clusters. */
const ANGLE_TOLERANCE_DEG = 360 / RING.clusters;

async function run(doc: Document): Promise<RunResults> {
  const out = await simulate(doc, { backend: 'typed' });
  if (!out.ok) throw new Error(out.problems.map((p) => p.message).join('\n'));
  return out.results;
}

function clusterRates(results: RunResults, fromMs: number, toMs: number): number[] {
  return Array.from({ length: RING.clusters }, (_, k) => {
    const train = results.spikes.find((s) => s.monitor === 'E spikes' && s.population === clusterId(k));
    if (!train) throw new Error(`no spikes of ${clusterId(k)} in "E spikes"`);
    return rateBetween(train, results.dt, fromMs, toMs);
  });
}

/** Population vector: the rate-weighted mean direction of the clusters' angles, degrees in [0, 360). */
function decode(rates: number[]): number {
  let [x, y] = [0, 0];
  rates.forEach((r, k) => {
    const phi = (clusterAngle(k) * Math.PI) / 180;
    x += r * Math.cos(phi);
    y += r * Math.sin(phi);
  });
  return ((Math.atan2(y, x) * 180) / Math.PI + 360) % 360;
}

const ringDistance = (a: number, b: number): number => Math.min(Math.abs(a - b), 360 - Math.abs(a - b));

describe('working memory: a bump on a ring', () => {
  const doc = loadExample(FILE);
  const cue = doc.nodes.find((n) => n.id === 'cue');
  const cueStop = param(doc, 'cue', 'stop', 'time');
  const cueStart = param(doc, 'cue', 'start', 'time');
  const cuedCluster = doc.wires.filter((w) => w.from === 'cue').map((w) => w.to);

  it('the file cues one cluster, and its description says what to look at', () => {
    expect(cue?.kind).toBe('input');
    expect(cuedCluster).toEqual([clusterId(RING.cueCluster)]);
    expect(doc.meta?.description).toMatch(/discreti[sz]ed/);
  });

  it('after the cue, activity persists for more than 1 s, localized at the cued angle', async () => {
    const results = await run(doc);
    const baseline = clusterRates(results, 0, cueStart);
    const baselineMean = baseline.reduce((a, b) => a + b, 0) / baseline.length;
    const cuedAngle = clusterAngle(RING.cueCluster);
    const end = results.steps * results.dt;
    expect(end - cueStop).toBeGreaterThanOrEqual(1000);
    // every half second after the cue, until the end of the run
    for (let t = cueStop + 500; t + 500 <= end + 1e-9; t += 500) {
      const rates = clusterRates(results, t, t + 500);
      const angle = decode(rates);
      const peak = Math.max(...rates);
      expect(ringDistance(angle, cuedAngle), `${t}-${t + 500} ms: decoded ${angle.toFixed(0)}°, cued ${cuedAngle}° (rates ${rates.map((r) => r.toFixed(1)).join(', ')})`).toBeLessThan(ANGLE_TOLERANCE_DEG);
      // the bump fires far above the spontaneous rate ...
      expect(peak, `${t} ms: peak cluster rate`).toBeGreaterThan(10);
      expect(peak).toBeGreaterThan(10 * Math.max(baselineMean, 0.1));
      // ... and it is a bump: the clusters on the far side of the ring stay quiet
      rates.forEach((r, k) => {
        if (ringDistance(clusterAngle(k), cuedAngle) >= 135) expect(r, `${t} ms: far cluster ${clusterId(k)}`).toBeLessThan(2);
      });
    }
  });

  it('a cue to the opposite cluster leaves the bump there instead', async () => {
    const other = (RING.cueCluster + RING.clusters / 2) % RING.clusters;
    const moved: Document = { ...doc, wires: doc.wires.map((w) => (w.from === 'cue' ? { ...w, to: clusterId(other) } : w)) };
    const results = await run(moved);
    const angle = decode(clusterRates(results, cueStop + 500, results.steps * results.dt));
    expect(ringDistance(angle, clusterAngle(other))).toBeLessThan(ANGLE_TOLERANCE_DEG);
  });

  it('without the cue no bump forms: every cluster stays near its spontaneous rate', async () => {
    const silent: Document = { ...doc, wires: doc.wires.filter((w) => w.from !== 'cue') };
    const results = await run(silent);
    const rates = clusterRates(results, cueStop, results.steps * results.dt);
    expect(Math.max(...rates), `cluster rates ${rates.map((r) => r.toFixed(2)).join(', ')}`).toBeLessThan(2);
  });
});
