/**
 * HH, ExpIF and AdEx against Brian2 (2.5, numpy runtime) running the same equations
 * (test/models/neurons/brian2_neurons.py). Skipped, with the reason in the test name, when
 * /usr/bin/python3 cannot import brian2.
 *
 * - HH: both simulators use exponential Euler with every other variable frozen over the step
 *   (Brian2's "exponential_euler" is exactly our kernel's scheme) at dt = 0.05 ms, so rheobase and
 *   F-I curve agree far inside the 2 % of issue 7. Rheobase = the smallest current on a 0.01 nA grid
 *   that fires >= 3 spikes after the 50 ms onset transient; rate = (spikes - 1) / (last - first)
 *   after the transient (a steady-state rate, not a count, so it is resolved better than 1 spike).
 * - ExpIF / AdEx: the exponential term is not linear in V, so Brian2 cannot use exponential Euler;
 *   it runs RK4 at dt = 0.01 ms as the reference solution and we run our exponential Euler at
 *   dt = 0.05 ms. Tolerances are written at each check with the reason.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { brian2Available, PYTHON } from '../../../bench/brian2';
import { BACKENDS, type BackendCase } from '../../engine/backends';
import { array, scalar } from '../../engine/fixtures';
import { drivenNetwork, neurons, run } from './helpers';

const HAS_BRIAN2 = brian2Available();
const SKIP_NOTE = HAS_BRIAN2 ? '' : " [skipped: /usr/bin/python3 -c 'import brian2' failed; install python3-brian]";
const SCRIPT = fileURLToPath(new URL('./brian2_neurons.py', import.meta.url));
const TIMEOUT_MS = 180_000;

interface Brian2Out {
  spikes: number[][];
  v?: number[];
}

function brian2(job: object): Promise<Brian2Out> {
  return new Promise((resolve, reject) => {
    const child = execFile(PYTHON, [SCRIPT], { encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`brian2_neurons.py failed: ${err.message}\n${stderr.trim().split('\n').slice(-5).join('\n')}`));
      else resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Brian2Out);
    });
    child.stdin?.end(JSON.stringify(job));
  });
}

const HH_PARAMS = { ENa: 50, gNa: 120, EK: -77, gK: 36, EL: -54.387, gL: 0.03, C: 1, V_th: 20 };
const HH_INIT = { V: -65, m: 0.052932, h: 0.596121, n: 0.317677 };
const HH_DT = 0.05;
const HH_DURATION = 200;
const TRANSIENT = 50;
const RHEO_GRID = Array.from({ length: 41 }, (_, k) => Math.round((3.9 + 0.01 * k) * 100) / 100);
const FI_CURRENTS = [6, 8, 10, 12, 14, 16, 18, 20];

/** Smallest grid current firing >= 3 spikes after the transient. */
function rheobase(currents: number[], trains: number[][]): number {
  const k = trains.findIndex((t) => t.filter((x) => x >= TRANSIENT).length >= 3);
  return k < 0 ? Number.NaN : currents[k];
}

/** Steady-state rate (Hz) from the spikes after the transient. */
function steadyRate(train: number[]): number {
  const t = train.filter((x) => x >= TRANSIENT);
  return t.length < 2 ? 0 : (1000 * (t.length - 1)) / (t[t.length - 1] - t[0]);
}

async function hhOurs(b: BackendCase): Promise<number[][]> {
  const currents = [...RHEO_GRID, ...FI_CURRENTS];
  const pop = neurons('N', 'HH', HH_PARAMS, { size: currents.length, init: HH_INIT });
  return (await run(b, drivenNetwork(pop, array(currents), { dt: HH_DT, duration: HH_DURATION }))).times;
}

describe.skipIf(!HAS_BRIAN2)(`neurons against Brian2${SKIP_NOTE}`, () => {
  it('HH: rheobase and F-I curve within 2 % of Brian2 (typed and tfjs)', async () => {
    const currents = [...RHEO_GRID, ...FI_CURRENTS];
    const theirsP = brian2({
      model: 'hh', method: 'exponential_euler', dt: HH_DT, duration: HH_DURATION, params: HH_PARAMS,
      init: { v: HH_INIT.V, m: HH_INIT.m, h: HH_INIT.h, n: HH_INIT.n }, currents,
    });
    theirsP.catch(() => {});
    const ours = await Promise.all(BACKENDS.map((b) => hhOurs(b)));
    const theirs = (await theirsP).spikes;
    const grid = RHEO_GRID.length;
    const rheoTheirs = rheobase(RHEO_GRID, theirs.slice(0, grid));
    expect(rheoTheirs).toBeGreaterThan(RHEO_GRID[0]); // the grid brackets the rheobase
    for (const [k, times] of ours.entries()) {
      const rheoOurs = rheobase(RHEO_GRID, times.slice(0, grid));
      expect(Math.abs(rheoOurs - rheoTheirs) / rheoTheirs, `${BACKENDS[k].name} rheobase ${rheoOurs} vs ${rheoTheirs} nA`).toBeLessThan(0.02);
      FI_CURRENTS.forEach((I, j) => {
        const fOurs = steadyRate(times[grid + j]);
        const fTheirs = steadyRate(theirs[grid + j]);
        expect(fTheirs).toBeGreaterThan(40); // type II: repetitive firing starts near 50 Hz
        expect(Math.abs(fOurs - fTheirs) / fTheirs, `${BACKENDS[k].name} at ${I} nA: ${fOurs} vs ${fTheirs} Hz`).toBeLessThan(0.02);
      });
    }
  }, TIMEOUT_MS);
});

interface TraceCase {
  readonly model: 'ExpIF' | 'AdExIF';
  readonly params: Record<string, number>;
  readonly current: number;
}

/** ExpIF with BrainPy's shape parameters and R = 10 MΩ; AdEx with Naud et al. (2008) "adapting". */
const TRACE_CASES: readonly TraceCase[] = [
  { model: 'ExpIF', params: { R: 10, tau: 10, V_th: -30, V_reset: -68, V_rest: -65, V_T: -59.9, delta_T: 3.48 }, current: 0.3 },
  { model: 'AdExIF', params: { R: 1000 / 12, tau: 200 / 12, tau_w: 300, V_th: -40, V_reset: -58, V_rest: -70, V_T: -50, delta_T: 2, a: 0.002, b: 0.06 }, current: 0.5 },
];
const TRACE_DT = 0.05;
const REF_DT = 0.01;
const TRACE_DURATION = 300;
/** See the checks below for the measured values. */
const SPIKE_TIME_TOLERANCE_MS = 0.3;
const V_RMS_TOLERANCE_MV = 0.3;

async function traceOurs(b: BackendCase, c: TraceCase): Promise<{ spikes: number[]; v: Float32Array }> {
  const init: Record<string, number> = c.model === 'AdExIF' ? { V: c.params.V_rest, w: 0 } : { V: c.params.V_rest };
  const pop = neurons('N', c.model, c.params, { init, reset: 'hard' });
  const r = await run(b, drivenNetwork(pop, scalar(c.current), { dt: TRACE_DT, duration: TRACE_DURATION, record: ['V'] }));
  return { spikes: r.times[0], v: r.traces.V };
}

describe.skipIf(!HAS_BRIAN2)(`ExpIF and AdEx traces against Brian2${SKIP_NOTE}`, () => {
  it.each(TRACE_CASES)('$model: spike times and V trace match Brian2 RK4', async (c) => {
    const theirsP = brian2({
      model: c.model === 'ExpIF' ? 'expif' : 'adex', method: 'rk4', dt: REF_DT, duration: TRACE_DURATION,
      params: c.params,
      init: c.model === 'AdExIF' ? { v: c.params.V_rest, w: 0 } : { v: c.params.V_rest }, currents: [c.current], trace: true,
    });
    theirsP.catch(() => {});
    const ours = await Promise.all(BACKENDS.map((b) => traceOurs(b, c)));
    const theirs = await theirsP;
    const refSpikes = theirs.spikes[0];
    const refV = theirs.v ?? [];
    const ratio = Math.round(TRACE_DT / REF_DT);
    for (const [k, o] of ours.entries()) {
      const label = BACKENDS[k].name;
      const dts = o.spikes.map((t, j) => t - refSpikes[j]);
      // Our sample s is V at (s + 1)·dt; Brian2's monitor sample j is V at j·REF_DT.
      // Samples within 1 ms after a spike of either run are left out: there one run shows the
      // clipped spike or the reset a step earlier than the other, a timing (checked above) and
      // not a voltage difference.
      const near = (t: number): boolean => [...o.spikes, ...refSpikes].some((s) => t >= s - TRACE_DT && t <= s + 1);
      let sum = 0;
      let count = 0;
      for (let s = 0; s < o.v.length; s++) {
        const t = (s + 1) * TRACE_DT;
        const j = (s + 1) * ratio;
        if (j >= refV.length || near(t)) continue;
        sum += (o.v[s] - refV[j]) ** 2;
        count++;
      }
      const rms = Math.sqrt(sum / count);
      expect(refSpikes.length).toBeGreaterThanOrEqual(4);
      expect(o.spikes.length, label).toBe(refSpikes.length);
      // Exponential Euler's O(dt²) error in the upswing shifts each spike by ~0.02-0.04 ms and the
      // shift accumulates over the run; measured 0.19 ms (ExpIF) and 0.17 ms (AdEx) after 300 ms.
      expect(Math.max(...dts.map(Math.abs)), `${label} spike times`).toBeLessThan(SPIKE_TIME_TOLERANCE_MS);
      // Measured 0.14 mV (ExpIF) and 0.08 mV (AdEx): the subthreshold trajectory is resolved well.
      expect(rms, `${label} V RMS difference (mV)`).toBeLessThan(V_RMS_TOLERANCE_MV);
    }
  }, TIMEOUT_MS);
});
