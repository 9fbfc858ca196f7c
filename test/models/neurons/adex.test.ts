/**
 * AdEx firing patterns of Naud, Marcille, Clopath & Gerstner (2008), Table 1: tonic spiking,
 * adaptation, initial burst and regular bursting, each with its published C, g_L, E_L, V_T,
 * Δ_T, a, τ_w, b, V_r and step current. Our parameters: R = 1/g_L, tau = C/g_L, V_rest = E_L,
 * V_reset = V_r, and the spike cut-off V_th = V_T + 5 Δ_T = -40 mV (Brian2's AdEx example).
 * The four cells run as one population with per-neuron parameters and currents.
 */
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../../engine/backends';
import { array } from '../../engine/fixtures';
import { burstSizes, drivenNetwork, isis, neurons, run } from './helpers';

/** C (pF), g_L (nS), E_L (mV), a (nS), tau_w (ms), b (pA), V_r (mV), I (pA); V_T = -50 mV, Δ_T = 2 mV. */
const CELLS = {
  tonic: [200, 10, -70, 2, 30, 0, -58, 500],
  adapting: [200, 12, -70, 2, 300, 60, -58, 500],
  initialBurst: [130, 18, -58, 4, 150, 120, -50, 400],
  bursting: [200, 10, -58, 2, 120, 100, -46, 210],
} as const;
const NAMES = Object.keys(CELLS) as (keyof typeof CELLS)[];
const col = (k: number): number[] => NAMES.map((n) => CELLS[n][k]);
const STEP_START = 20;
/** Spikes closer than this belong to one burst. */
const BURST_GAP = 20;

const spread = (xs: number[]): number => (Math.max(...xs) - Math.min(...xs)) / (xs.reduce((a, x) => a + x, 0) / xs.length);

describe.each(BACKENDS)('AdEx firing patterns of Naud et al. 2008 ($name)', (b) => {
  it('tonic, adapting, initial-burst and regular-bursting cells fire as published', async () => {
    const [C, gL, EL, a, tauW, bInc, Vr, I] = [0, 1, 2, 3, 4, 5, 6, 7].map(col);
    const pop = neurons('N', 'AdExIF', {
      R: array(gL.map((g) => 1000 / g)), tau: array(C.map((c, k) => c / gL[k])), tau_w: array(tauW),
      V_th: -40, V_reset: array(Vr), V_rest: array(EL), V_T: -50, delta_T: 2,
      a: array(a.map((x) => x / 1000)), b: array(bInc.map((x) => x / 1000)),
    }, { size: NAMES.length, init: { V: array(EL), w: 0 }, reset: 'hard' });
    const { times } = await run(b, drivenNetwork(pop, array(I.map((x) => x / 1000)), { duration: 520, start: STEP_START }));
    const [tonic, adapting, initial, bursting] = times;
    for (const t of times) expect(t[0]).toBeGreaterThanOrEqual(STEP_START);

    // Tonic: regular spikes at a nearly constant interval (ISI spread < 10 %).
    expect(tonic.length).toBeGreaterThan(40);
    expect(spread(isis(tonic))).toBeLessThan(0.1);
    expect(burstSizes(tonic, 5).every((n) => n === 1)).toBe(true);

    // Adapting: the interval grows spike after spike and ends several times longer.
    const ad = isis(adapting);
    expect(ad.length).toBeGreaterThanOrEqual(6);
    for (let k = 1; k < 5; k++) expect(ad[k]).toBeGreaterThan(ad[k - 1]);
    expect(ad[ad.length - 1]).toBeGreaterThan(4 * ad[0]);

    // Initial burst: 2-4 fast spikes at onset, then single spikes at a steady interval.
    const ib = burstSizes(initial, BURST_GAP);
    expect(ib[0]).toBeGreaterThanOrEqual(2);
    expect(ib[0]).toBeLessThanOrEqual(4);
    expect(ib.slice(1).every((n) => n === 1)).toBe(true);
    expect(ib.length).toBeGreaterThanOrEqual(5);
    expect(spread(isis(initial).slice(-4))).toBeLessThan(0.02);

    // Regular bursting: repeated bursts of 2-4 spikes separated by gaps >10x the intra-burst interval.
    const rb = burstSizes(bursting, BURST_GAP);
    expect(rb.length).toBeGreaterThanOrEqual(3);
    for (const n of rb) {
      expect(n).toBeGreaterThanOrEqual(2);
      expect(n).toBeLessThanOrEqual(4);
    }
    const rbIsi = isis(bursting);
    expect(10 * Math.max(...rbIsi.filter((x) => x <= BURST_GAP))).toBeLessThan(Math.min(...rbIsi.filter((x) => x > BURST_GAP)));
  }, 120_000);

  it('AdExIFRef holds V and w after a spike for tau_ref', async () => {
    const tauRef = 3;
    const pop = neurons('N', 'AdExIFRef', { R: 100, tau: 20, tau_w: 30, V_th: -40, V_reset: -58, V_rest: -70, V_T: -50, delta_T: 2, a: 0.002, b: 0.05, tau_ref: tauRef }, { init: { V: -70, w: 0 }, reset: 'hard' });
    const r = await run(b, drivenNetwork(pop, { kind: 'scalar', value: 0.5 }, { duration: 100, record: ['V', 'w'] }));
    const first = Math.round(r.times[0][0] / 0.1);
    const held = Math.round(tauRef / 0.1);
    const w0 = r.traces.w[first + 1];
    expect(w0).toBeGreaterThan(0.05); // w jumped by b at the reset
    for (let s = first + 1; s < first + held; s++) {
      expect(r.traces.V[s]).toBeCloseTo(-58, b.digits(6));
      expect(r.traces.w[s]).toBeCloseTo(w0, b.digits(9));
    }
    expect(r.traces.V[first + held]).toBeGreaterThan(-58);
  }, 60_000);
});
