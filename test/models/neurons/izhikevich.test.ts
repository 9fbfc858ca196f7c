/**
 * Izhikevich (2003) firing patterns. The four cortical cell types of his Fig. 2 (a, b, c, d from
 * the paper, a and b per ms) under the same step of I = 10 (10 nA with C = 1 nF) from rest, run as
 * one population with per-neuron parameters. Checked by spike counts and burst structure, the
 * qualitative signatures the paper names: RS adapts, IB bursts once and then fires tonically,
 * CH bursts repeatedly, FS fires fast without adaptation.
 */
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../../engine/backends';
import { array, scalar } from '../../engine/fixtures';
import { burstSizes, drivenNetwork, isis, neurons, run } from './helpers';

/** a (1/ms), b (1/ms), c (mV), d (mV/ms): Izhikevich (2003), Fig. 2 caption. */
const CELLS = {
  RS: [0.02, 0.2, -65, 8],
  IB: [0.02, 0.2, -55, 4],
  CH: [0.02, 0.2, -50, 2],
  FS: [0.1, 0.2, -65, 2],
} as const;
const NAMES = Object.keys(CELLS) as (keyof typeof CELLS)[];
const col = (k: number): number[] => NAMES.map((n) => CELLS[n][k]);
/** Resting potential of these cells for I = 0 (the lower root of 0.04V² + 4.8V + 140 = 0). */
const V_REST = -70;
const STEP_START = 20;
/** Spikes closer than this belong to one burst. */
const BURST_GAP = 10;

const spread = (xs: number[]): number => (Math.max(...xs) - Math.min(...xs)) / (xs.reduce((a, x) => a + x, 0) / xs.length);

describe.each(BACKENDS)('Izhikevich firing patterns ($name)', (b) => {
  it('RS adapts, IB bursts then fires tonically, CH chatters, FS fires fast without adaptation', async () => {
    const [a, bb, c, d] = [0, 1, 2, 3].map(col);
    const pop = neurons('N', 'Izhikevich', { a: array(a.map((x) => x * 1000)), b: array(bb.map((x) => x * 1000)), c: array(c), d: array(d), V_th: 30, C: 1 }, {
      size: NAMES.length,
      init: { V: V_REST, u: array(bb.map((x) => x * V_REST)) },
    });
    const { times } = await run(b, drivenNetwork(pop, scalar(10), { duration: 320, start: STEP_START }));
    const [rs, ib, ch, fs] = times;
    // nothing fires before the step: the initial state is the resting state
    for (const t of times) expect(t[0]).toBeGreaterThanOrEqual(STEP_START);

    // RS: tonic spikes (no bursts) whose interval lengthens: first ISI well below the last.
    const rsIsi = isis(rs);
    expect(rs.length).toBeGreaterThanOrEqual(5);
    expect(Math.min(...rsIsi)).toBeGreaterThan(BURST_GAP);
    expect(rsIsi[0]).toBeLessThan(0.6 * rsIsi[rsIsi.length - 1]);

    // IB: an initial burst of 2-5 spikes, then single spikes at a steady interval.
    const ibBursts = burstSizes(ib, BURST_GAP);
    expect(ibBursts[0]).toBeGreaterThanOrEqual(2);
    expect(ibBursts[0]).toBeLessThanOrEqual(5);
    expect(ibBursts.slice(1).every((n) => n === 1)).toBe(true);
    expect(ibBursts.length).toBeGreaterThanOrEqual(5);
    expect(spread(isis(ib).slice(-5))).toBeLessThan(0.02);

    // CH: repeated bursts of 2-5 spikes (after the onset burst); intra-burst ISIs far shorter than the gaps.
    const chBursts = burstSizes(ch, BURST_GAP);
    expect(chBursts.length).toBeGreaterThanOrEqual(4);
    for (const n of chBursts.slice(1)) {
      expect(n).toBeGreaterThanOrEqual(2);
      expect(n).toBeLessThanOrEqual(5);
    }
    const chIsi = isis(ch);
    const intra = chIsi.filter((x) => x <= BURST_GAP);
    const inter = chIsi.filter((x) => x > BURST_GAP);
    expect(5 * Math.max(...intra)).toBeLessThan(Math.min(...inter));

    // FS: above 100 Hz, no bursts, and no adaptation once past the first three spikes.
    const fsIsi = isis(fs);
    expect(fs.length).toBeGreaterThan(30);
    expect(1000 / fsIsi[fsIsi.length - 1]).toBeGreaterThan(100);
    expect(spread(fsIsi.slice(3))).toBeLessThan(0.06);
    expect(fs.length).toBeGreaterThan(3 * rs.length);
  }, 120_000);

  it('IzhikevichRef holds V at c and u for tau_ref after a spike', async () => {
    const tauRef = 5;
    const pop = neurons('N', 'IzhikevichRef', { a: 100, b: 200, c: -65, d: 2, V_th: 30, C: 1, tau_ref: tauRef }, { init: { V: V_REST, u: 0.2 * V_REST } });
    const r = await run(b, drivenNetwork(pop, scalar(10), { duration: 100, start: STEP_START, record: ['V'] }));
    const t = r.times[0];
    expect(t.length).toBeGreaterThan(3);
    // FS without a refractory period fires every ~7.5 ms; 5 ms of hold adds 5 ms to every interval
    for (const isi of isis(t)) expect(isi).toBeGreaterThan(tauRef + 1);
    const first = Math.round(t[0] / 0.1);
    // BrainPy's rule: refractory while t - t_spike < tau_ref, so held at c in the 49 steps after
    // the spike step and integrating again 5 ms after it
    const held = Math.round(tauRef / 0.1);
    for (let s = first + 1; s < first + held; s++) expect(r.traces.V[s]).toBeCloseTo(-65, b.digits(6));
    expect(r.traces.V[first + held]).not.toBeCloseTo(-65, 3);
  }, 60_000);
});
