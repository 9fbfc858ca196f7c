/** Spike sources and current inputs against their definitions. */
import { describe, expect, it } from 'vitest';
import type { NetworkIR } from '../../src/engine/ir';
import { array, lif, network, poisson, scalar, spikeTimes } from './fixtures';
import { BACKENDS } from './backends';

describe.each(BACKENDS)('Poisson source ($name)', (b) => {
  const inst = b.make;
  it('count mean r·T and Fano factor 1 - r·dt within 4σ', async () => {
    const n = 1000;
    const rate = 20; // Hz
    const steps = 10000; // 1 s
    const ir = network({ steps, populations: [poisson('P', n, rate)], monitors: [{ id: 's', record: 'spikes', population: 'P' }] });
    const ids = (await inst(ir)).advance(steps).spikes[0].ids;
    const counts = new Float64Array(n);
    for (const i of ids) counts[i]++;
    const mean = counts.reduce((a, b) => a + b) / n;
    const variance = counts.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
    // Per neuron: Binomial(10000, p = r·dt = 0.002): mean 20, variance 19.96, Fano 0.998.
    // σ of the mean over 1000 neurons: sqrt(19.96/1000) = 0.141 -> 4σ = 0.57.
    expect(Math.abs(mean - 20)).toBeLessThan(0.57);
    // σ of the sample variance ≈ sqrt((2λ² + λ)/n) = 0.91, i.e. 0.045 in the Fano factor -> 4σ = 0.18.
    expect(Math.abs(variance / mean - 0.998)).toBeLessThan(0.18);
  });

  it('SpikeTimes emits each listed spike once, at round(t/dt), on the listed neuron', async () => {
    const ir = network({
      steps: 100,
      populations: [spikeTimes('S', 3, [0, 1.04, 1.06, 1.06, 5, 99], [0, 1, 2, 2, 0, 1])],
      monitors: [{ id: 's', record: 'spikes', population: 'S' }],
    });
    const train = (await inst(ir)).advance(100).spikes[0];
    expect(Array.from(train.steps)).toEqual([0, 10, 11, 50]);
    expect(Array.from(train.ids)).toEqual([0, 1, 2, 0]);
  });
});

/** One neuron per input, R = 1 MΩ, with the total input current I recorded every step. */
function inputNet(model: string, params: Record<string, ReturnType<typeof scalar>>, size = 1, steps = 1000): NetworkIR {
  return network({
    steps,
    populations: [lif('N', { size, V_th: 1e9, R: 1 })],
    inputs: [{ id: 'in', model, target: 'N', params }],
    monitors: [{ id: 'I', record: 'state', population: 'N', variables: ['I'], neurons: Array.from({ length: size }, (_, i) => i) }],
  });
}

describe.each(BACKENDS)('current inputs ($name)', (b) => {
  const inst = b.make;
  it('step is the amplitude for start <= t < stop and 0 elsewhere', async () => {
    const tr = (await inst(inputNet('step', { amplitude: scalar(1.5), start: scalar(10), stop: scalar(20) }))).advance(300).traces[0];
    for (const m of [0, 99, 200, 299]) expect(tr.values[m]).toBe(0);
    for (const m of [100, 150, 199]) expect(tr.values[m]).toBeCloseTo(1.5, 6);
  });

  it('ramp rises linearly from `from` to `to` between start and stop and holds', async () => {
    const tr = (await inst(inputNet('ramp', { from: scalar(1), to: scalar(3), start: scalar(10), stop: scalar(30) }))).advance(400).traces[0];
    expect(tr.values[50]).toBeCloseTo(1, 6);
    expect(tr.values[200]).toBeCloseTo(2, 6);
    expect(tr.values[350]).toBeCloseTo(3, 6);
  });

  it('sinusoid is offset + amplitude sin(2π f t + phase) with f in Hz and t in ms', async () => {
    const tr = (await inst(inputNet('sinusoid', { amplitude: scalar(2), offset: scalar(1), frequency: scalar(10), phase: scalar(0.3) }))).advance(1000).traces[0];
    for (const m of [0, 37, 250, 999]) expect(tr.values[m]).toBeCloseTo(1 + 2 * Math.sin(2 * Math.PI * 10 * (m * 0.1) / 1000 + 0.3), 5);
  });

  it('constant input can differ per neuron (an F-I sweep in one population)', async () => {
    const ir = network({
      steps: 1,
      populations: [lif('N', { size: 3, V_th: 1e9, R: 1 })],
      inputs: [{ id: 'sweep', model: 'constant', target: 'N', params: { amplitude: array([0.5, 1, 2]) } }],
      monitors: [{ id: 'I', record: 'state', population: 'N', variables: ['I'], neurons: [0, 1, 2] }],
    });
    expect(Array.from((await inst(ir)).advance(1).traces[0].values)).toEqual([0.5, 1, 2]);
  });

  it('OU noise has mean μ, stationary SD σ and autocorrelation e^{-lag/τ}', async () => {
    const n = 200;
    const steps = 4000;
    const tau = 10;
    const tr = (await inst(inputNet('ou', { mean: scalar(1), sigma: scalar(0.5), tau: scalar(tau) }, n, steps))).advance(steps).traces[0];
    // Skip 5τ so the start at μ is forgotten; then samples of one neuron are correlated over
    // ~τ/dt = 100 steps, giving ≈ 200 neurons × 3500/200 ≈ 3500 independent samples:
    // σ of the mean ≈ 0.5/sqrt(3500) = 0.0085 -> bound 0.04; σ of the SD ≈ 0.5/sqrt(2·3500) = 0.006 -> bound 0.03.
    let s = 0;
    let s2 = 0;
    let lagged = 0;
    let count = 0;
    const lag = 100; // steps = τ
    for (let m = 500; m < steps; m++) {
      for (let j = 0; j < n; j++) {
        const x = tr.values[m * n + j] - 1;
        s += x;
        s2 += x * x;
        count++;
        if (m + lag < steps) lagged += x * (tr.values[(m + lag) * n + j] - 1);
      }
    }
    expect(Math.abs(s / count)).toBeLessThan(0.04);
    expect(Math.abs(Math.sqrt(s2 / count) - 0.5)).toBeLessThan(0.03);
    const rho = lagged / ((steps - 500 - lag) * n) / (s2 / count);
    expect(Math.abs(rho - Math.exp(-1))).toBeLessThan(0.08);
  });

  it('setParameter changes an input amplitude from the next step on', async () => {
    const run = await inst(inputNet('constant', { amplitude: scalar(1) }));
    const before = run.advance(5).traces[0].values;
    run.setParameter('in', 'amplitude', scalar(2.5));
    const after = run.advance(5).traces[0].values;
    expect(Array.from(before)).toEqual([1, 1, 1, 1, 1]);
    expect(Array.from(after)).toEqual([2.5, 2.5, 2.5, 2.5, 2.5]);
    expect(() => run.setParameter('nope', 'amplitude', scalar(1))).toThrow(/no node "nope"/);
  });
});
