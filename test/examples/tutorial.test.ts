/** The tutorial's sections 1-3 as examples: each checked against a closed form, not against itself. */
import { describe, expect, it } from 'vitest';
import { countsPerNeuron, param, runExample, spikesOf, traceOf } from './run';

/** LIF period from V_reset to V_th under constant input, in whole steps (SEMANTICS.md "Analytic checks"). */
function periodSteps(RI: number, V_rest: number, V_reset: number, V_th: number, tau: number, dt: number): number {
  const T = tau * Math.log((RI + V_rest - V_reset) / (RI + V_rest - V_th));
  return Math.ceil(T / dt - 1e-9);
}

describe('01 single LIF', () => {
  it('fires exactly as often as the closed form says, and V shows threshold and reset', async () => {
    const { doc, results } = await runExample('01-single-lif.snn');
    const [R, I, tau] = [param(doc, 'neuron', 'R', 'resistance'), param(doc, 'drive', 'amplitude', 'current'), param(doc, 'neuron', 'tau', 'time')];
    const [V_rest, V_th, V_reset] = ['V_rest', 'V_th', 'V_reset'].map((p) => param(doc, 'neuron', p, 'voltage'));
    const P = periodSteps(R * I, V_rest, V_reset, V_th, tau, results.dt);
    expect(P).toBe(139); // 10 ms · ln(20/5) = 13.86 ms -> 139 steps
    // starting at V_reset, the k-th spike is stored at the end of step k·P - 1
    const expected = Array.from({ length: Math.floor(results.steps / P) }, (_, k) => (k + 1) * P - 1);
    const spikes = spikesOf(results, 'spikes');
    expect(Array.from(spikes.steps)).toEqual(expected);
    expect(expected).toHaveLength(7);

    const V = traceOf(results, 'V');
    // first step: exact exponential Euler, V_inf + (V0 - V_inf) e^{-dt/tau}
    const V_inf = V_rest + R * I;
    expect(V.values[0]).toBeCloseTo(V_inf + (V_reset - V_inf) * Math.exp(-results.dt / tau), 4);
    const max = Math.max(...V.values);
    expect(max).toBeGreaterThanOrEqual(V_th);
    expect(max).toBeLessThan(V_th + 0.2); // crosses threshold by less than one step's rise
    // the step after a spike starts again from the reset
    expect(V.values[expected[0] + 1]).toBeCloseTo(V.values[0], 4);
  });
});

describe('02 F-I curve', () => {
  it('is zero below rheobase and rises above it, as the closed form says', async () => {
    const { doc, results } = await runExample('02-fi-curve.snn');
    const R = param(doc, 'neurons', 'R', 'resistance');
    const tau = param(doc, 'neurons', 'tau', 'time');
    const [V_rest, V_th, V_reset] = ['V_rest', 'V_th', 'V_reset'].map((p) => param(doc, 'neurons', p, 'voltage'));
    const rheobase = (V_th - V_rest) / R;
    expect(rheobase).toBeCloseTo(1.5, 12);
    const counts = countsPerNeuron(spikesOf(results, 'spikes'));
    expect(counts).toHaveLength(20);
    const currents = counts.map((_, i) => 0.5 + (i * (5 - 0.5)) / 19);
    const below = currents.filter((I) => I <= rheobase).length;
    expect(below).toBe(5);
    counts.forEach((n, i) => {
      const I = currents[i];
      const expected = I <= rheobase ? 0 : Math.floor(results.steps / periodSteps(R * I, V_rest, V_reset, V_th, tau, results.dt));
      expect(n, `neuron ${i} at ${I.toFixed(3)} nA`).toBe(expected);
    });
    for (let i = below + 1; i < counts.length; i++) expect(counts[i]).toBeGreaterThan(counts[i - 1]);
  });
});

describe('03 exponential synapse', () => {
  it('the voltmeter neuron follows the closed form of g filtered by the membrane', async () => {
    const { doc, results } = await runExample('03-exponential-synapse.snn');
    const V = traceOf(results, 'V');
    const dt = results.dt;
    const tauS = 5;
    const tauM = param(doc, 'voltmeter', 'tau', 'time');
    const R = param(doc, 'voltmeter', 'R', 'resistance');
    const V_rest = param(doc, 'voltmeter', 'V_rest', 'voltage');
    const w = 1; // nA, the projection's weight
    // continuous closed form: each spike at t_k adds R w tau_s/(tau_s - tau_m) (e^{-s/tau_s} - e^{-s/tau_m}), s = t - t_k
    const psp = (s: number): number => (s <= 0 ? 0 : ((R * w * tauS) / (tauS - tauM)) * (Math.exp(-s / tauS) - Math.exp(-s / tauM)));
    const times = [10, 15, 20, 30];
    // a spike at t_k reaches g one step later (SEMANTICS: stored at the end of step n-1, acts in step n)
    const closed = (t: number): number => V_rest + times.reduce((sum, tk) => sum + psp(t - tk - dt), 0);
    let worst = 0;
    for (let s = 0; s < V.steps.length; s++) {
      const t = (V.steps[s] + 1) * dt; // the sample stored at the end of step n is V at (n + 1)·dt
      worst = Math.max(worst, Math.abs(V.values[s] - closed(t)));
    }
    // g is held constant within a step while V integrates it: error ≈ R·w·dt/(2·tau_s) = 0.1 mV at most
    expect(worst).toBeLessThan(0.15);
    // before the first spike nothing moves; spikes 5 ms apart sum (peak after 20 ms > peak after 10 ms)
    expect(V.values[Math.round(9.5 / dt)]).toBe(V_rest);
    const peak = (from: number, to: number): number => Math.max(...V.values.slice(Math.round(from / dt), Math.round(to / dt)));
    expect(peak(20, 25)).toBeGreaterThan(peak(10, 15) + 3);
  });
});

describe('04 two neurons', () => {
  it('the post neuron fires only after several pre spikes have summed', async () => {
    const { doc, results } = await runExample('04-two-neurons.snn');
    const pre = Array.from(spikesOf(results, 'pre spikes').steps);
    const post = Array.from(spikesOf(results, 'post spikes').steps);
    expect(pre.length).toBeGreaterThan(10);
    expect(post.length).toBeGreaterThanOrEqual(2);
    let last = -1;
    for (const p of post) {
      const between = pre.filter((s) => s > last && s < p).length;
      expect(between, `pre spikes before the post spike at step ${p}`).toBeGreaterThanOrEqual(3);
      last = p;
    }
    // one EPSP alone stays far below threshold: V_post before the second pre spike
    const V = traceOf(results, 'V post');
    const V_th = param(doc, 'post', 'V_th', 'voltage');
    const V_rest = param(doc, 'post', 'V_rest', 'voltage');
    const single = Math.max(...V.values.slice(0, pre[1] + 1)) - V_rest;
    expect(single).toBeGreaterThan(1);
    expect(single).toBeLessThan((V_th - V_rest) / 2);
  });
});
