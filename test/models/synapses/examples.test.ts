/**
 * The synapse-library examples run headless through simulate(): PING's population rate has its
 * spectral peak in the gamma band, and the STDP demo's neuron learns its repeated pattern.
 */
import { describe, expect, it } from 'vitest';
import { peakFrequency, powerSpectrum, spikesPerStep } from '../../../src/engine/analysis';
import { build } from '../../../src/engine/build';
import { typedBackend, type TypedInstance } from '../../../src/engine/backends/typed';
import { simulate } from '../../../src/engine/simulate';
import { exampleText } from '../../examples/exampleFile';
import { loadExample, runExample, spikesOf } from '../../examples/run';
import { PATTERN_AFFERENTS, PATTERN_PERIOD_MS, PATTERN_WINDOW_MS, patternOffsets, PING, SYNAPSE_EXAMPLES } from './exampleDefinitions';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const TRANSIENT_STEPS = 2000; // the first 200 ms, before the rhythm settles

function gammaOf(train: Parameters<typeof spikesPerStep>[0], steps: number, dt: number): { peak: number | null; share: number } {
  const s = powerSpectrum(Array.from(spikesPerStep(train, steps)).slice(TRANSIENT_STEPS), dt);
  let total = 0;
  let gamma = 0;
  for (let k = 0; k < s.freqHz.length; k++) {
    const f = s.freqHz[k];
    if (f < 5 || f > 500) continue;
    total += s.power[k];
    if (f >= 30 && f <= 80) gamma += s.power[k];
  }
  return { peak: peakFrequency(s, 5, 500), share: gamma / total };
}

describe('synapse-library example files', () => {
  it.each(Object.keys(SYNAPSE_EXAMPLES))('%s is exactly what its definition serialises to', async (name) => {
    const onDisk = readFileSync(join(import.meta.dirname, '../../../resources/examples', name), 'utf8');
    expect(onDisk).toBe(await exampleText(SYNAPSE_EXAMPLES[name]));
    expect(loadExample(name).meta?.description).toMatch(/Look at/);
  });
});

describe('ping-gamma.snn', () => {
  it('the population rate of E peaks in the gamma band (30–80 Hz); without I->E inhibition it does not', async () => {
    const { results } = await runExample('ping-gamma.snn');
    const E = spikesOf(results, 'E spikes');
    const I = spikesOf(results, 'I spikes');
    expect(E.steps.length).toBeGreaterThan(400 * 5); // E fires (>5 Hz)
    expect(I.steps.length).toBeGreaterThan(100 * 5);
    const ping = gammaOf(E, results.steps, results.dt);
    expect(ping.peak).toBeGreaterThanOrEqual(30);
    expect(ping.peak).toBeLessThanOrEqual(80);
    expect(ping.share).toBeGreaterThan(0.35);

    // control: the same network with the inhibition cut loses its rhythm
    const control = JSON.parse(JSON.stringify(PING)) as typeof PING;
    const ie = control.nodes.find((n) => n.id === 'I->E') as { weight: string };
    ie.weight = '0 nS';
    const out = await simulate(control);
    if (!out.ok) throw new Error(out.problems.map((p) => p.message).join('\n'));
    const async = gammaOf(spikesOf(out.results, 'E spikes'), out.results.steps, out.results.dt);
    expect(async.share).toBeLessThan(ping.share / 3);
  });
});

describe('stdp-pattern.snn', () => {
  const dt = 0.1;
  /** Mean time (ms) into its presentation of the output spikes between fromMs and toMs. */
  function latency(steps: Int32Array, fromMs: number, toMs: number): number {
    const v = Array.from(steps, (s) => s * dt).filter((t) => t >= fromMs && t < toMs).map((t) => t % PATTERN_PERIOD_MS);
    return v.reduce((a, b) => a + b, 0) / v.length;
  }

  it('the output neuron fires within the pattern and ever earlier in it as STDP learns', async () => {
    const { results } = await runExample('stdp-pattern.snn');
    const out = spikesOf(results, 'out spikes');
    const inside = Array.from(out.steps).filter((s) => (s * dt) % PATTERN_PERIOD_MS < PATTERN_WINDOW_MS + 5).length;
    expect(inside / out.steps.length).toBeGreaterThan(0.95);
    const early = latency(out.steps, 0, 1000);
    const late = latency(out.steps, 3000, 4000);
    expect(late).toBeLessThan(early * 0.7);
  });

  it('the weights of the pattern afferents grow relative to the random ones, the earliest to the bound', async () => {
    const { ir } = build(loadExample('stdp-pattern.snn'));
    if (!ir) throw new Error('stdp-pattern.snn does not build');
    const run = (await typedBackend.instantiate(ir)) as TypedInstance;
    const mean = (a: Float64Array): number => a.reduce((s, x) => s + x, 0) / a.length;
    expect(mean(run.weights('pattern->out'))).toBeCloseTo(mean(run.weights('noise->out')), 12);
    run.advance(ir.steps);
    const wp = run.weights('pattern->out');
    const wn = run.weights('noise->out');
    expect(mean(wp)).toBeGreaterThan(2 * mean(wn));
    // all_to_all onto one neuron: synapse i is afferent i; the 10 earliest in the pattern
    const order = patternOffsets().map((o, i) => [o, i]).sort((a, b) => a[0] - b[0]).map(([, i]) => i);
    const earliest = order.slice(0, 10).map((i) => wp[i]);
    expect(Math.min(...earliest)).toBeGreaterThan(0.8);
    expect(order.length).toBe(PATTERN_AFFERENTS);
  });
});
