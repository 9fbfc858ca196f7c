/**
 * The synchrony measure chi of Golomb & Rinzel (1993) / Golomb (2007), used by Brunel & Hakim:
 *   chi² = Var_t( (1/N) Σ_i x_i(t) ) / ( (1/N) Σ_i Var_t( x_i(t) ) ),
 * i.e. the variance of the population average over the mean single-neuron variance. chi is 1
 * for identical neurons and about 1/sqrt(N) for independent ones.
 */
import type { SpikeTrain, StateTrace } from '../results';
import { binStepsOf, binnedCountsPerNeuron } from './spikeCounts';

/**
 * chi over N signals of T samples each, stored neuron-major (x[i * T + t]) or sample-major
 * (x[t * N + i]). Returns null when every single-neuron variance is zero.
 */
export function chiOf(x: ArrayLike<number>, neurons: number, samples: number, layout: 'neuron-major' | 'sample-major'): number | null {
  if (neurons === 0 || samples < 2) return null;
  const at = layout === 'neuron-major' ? (i: number, t: number) => x[i * samples + t] : (i: number, t: number) => x[t * neurons + i];
  const avg = new Float64Array(samples);
  let meanSingleVar = 0;
  for (let i = 0; i < neurons; i++) {
    let m = 0;
    for (let t = 0; t < samples; t++) {
      const v = at(i, t);
      m += v;
      avg[t] += v / neurons;
    }
    m /= samples;
    let s = 0;
    for (let t = 0; t < samples; t++) s += (at(i, t) - m) ** 2;
    meanSingleVar += s / samples / neurons;
  }
  if (meanSingleVar === 0) return null;
  let m = 0;
  for (let t = 0; t < samples; t++) m += avg[t];
  m /= samples;
  let popVar = 0;
  for (let t = 0; t < samples; t++) popVar += (avg[t] - m) ** 2;
  popVar /= samples;
  return Math.sqrt(popVar / meanSingleVar);
}

/** chi from recorded state (usually V): population-averaged trace over the recorded neurons. */
export function synchronyFromTrace(trace: StateTrace): number | null {
  return chiOf(trace.values, trace.neurons.length, trace.steps.length, 'sample-major');
}

/**
 * chi from spikes: x_i(t) is neuron i's spike count in bins of `binMs` (so the population average
 * is the binned population rate). Neurons that never spike add zero variance but still count in N,
 * as in the definition. Bins of a few ms (e.g. 2 ms) resolve gamma-band synchrony.
 */
export function synchronyFromSpikes(train: SpikeTrain, steps: number, dt: number, binMs: number): number | null {
  const { counts, bins } = binnedCountsPerNeuron(train, steps, binStepsOf(binMs, dt));
  return chiOf(counts, train.size, bins, 'neuron-major');
}
