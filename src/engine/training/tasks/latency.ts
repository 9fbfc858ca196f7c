/**
 * Latency-coded pattern classification: each class is a prototype in which every input unit fires
 * once at its own latency (uniform over the first `spread` of the duration); a sample jitters each
 * latency (Gaussian, `jitter` ms) and drops each spike with probability `dropout`. Seeded.
 */
import { streamFor } from '../../random';
import type { SpikeDataset, SpikeSample } from '../dataset';

export interface LatencyOptions {
  readonly classes: number;
  readonly units: number;
  readonly samplesPerClass: number;
  /** Length of a sample, ms. */
  readonly duration: number;
  /** Fraction of the duration over which prototype latencies spread. */
  readonly spread: number;
  /** Standard deviation of the per-sample latency jitter, ms. */
  readonly jitter: number;
  /** Probability that a spike is missing from a sample. */
  readonly dropout: number;
  readonly seed: number;
}

export const LATENCY_DEFAULTS: Omit<LatencyOptions, 'seed'> = { classes: 4, units: 20, samplesPerClass: 100, duration: 40, spread: 0.75, jitter: 1, dropout: 0.1 };

export function latencyTask(o: LatencyOptions): SpikeDataset {
  if (!(Number.isInteger(o.classes) && o.classes >= 2 && Number.isInteger(o.units) && o.units >= 1 && Number.isInteger(o.samplesPerClass) && o.samplesPerClass >= 1)) {
    throw new Error('latency task: classes (at least 2), units and samplesPerClass must be whole numbers.');
  }
  if (!(o.duration > 0 && o.spread > 0 && o.spread <= 1 && o.jitter >= 0 && o.dropout >= 0 && o.dropout < 1)) {
    throw new Error('latency task: duration > 0 ms, spread in (0, 1], jitter >= 0 ms and dropout in [0, 1) are needed.');
  }
  const samples: SpikeSample[] = [];
  for (let c = 0; c < o.classes; c++) {
    const proto = streamFor(o.seed, 'latency', 'prototype', c);
    const latency = Float64Array.from({ length: o.units }, () => proto.uniform() * o.spread * o.duration);
    const rng = streamFor(o.seed, 'latency', 'samples', c);
    for (let s = 0; s < o.samplesPerClass; s++) {
      const times: number[] = [];
      const units: number[] = [];
      for (let i = 0; i < o.units; i++) {
        const t = latency[i] + rng.gauss(0, o.jitter);
        if (rng.uniform() < o.dropout || t < 0 || t >= o.duration) continue;
        times.push(t);
        units.push(i);
      }
      samples.push({ times: Float64Array.from(times), units: Int32Array.from(units), label: c });
    }
  }
  return { name: 'latency', nInputs: o.units, nClasses: o.classes, duration: o.duration, samples };
}
