/** Spike-train irregularity: ISI coefficient of variation and the Fano factor of binned counts. */
import type { SpikeTrain } from '../results';
import { binStepsOf, binnedCountsPerNeuron, spikesByNeuron } from './spikeCounts';

/** Fewest spikes (two ISIs) for which a neuron's CV is defined; same as bench/brian2/brette.py. */
export const MIN_SPIKES_FOR_CV = 3;

/**
 * Mean ISI coefficient of variation over the neurons with at least 3 spikes: for each such neuron
 * std(ISI) / mean(ISI) with the population std (ddof = 0), then the plain mean over neurons.
 * This is the definition used by bench/brian2/brette.py (`mean_cv`), so the two compare directly.
 * Returns null when no neuron has 3 spikes. ISIs are in steps; the ratio does not depend on dt.
 */
export function isiCv(train: SpikeTrain): number | null {
  const { starts, steps } = spikesByNeuron(train);
  let sum = 0;
  let neurons = 0;
  for (let i = 0; i < train.size; i++) {
    const n = starts[i + 1] - starts[i];
    if (n < MIN_SPIKES_FOR_CV) continue;
    const first = starts[i];
    const intervals = n - 1;
    const mean = (steps[first + intervals] - steps[first]) / intervals;
    let sq = 0;
    for (let j = 1; j < n; j++) {
      const d = steps[first + j] - steps[first + j - 1] - mean;
      sq += d * d;
    }
    if (mean <= 0) continue;
    sum += Math.sqrt(sq / intervals) / mean;
    neurons++;
  }
  return neurons > 0 ? sum / neurons : null;
}

/**
 * Fano factor of spike counts: for each neuron with at least one spike, var / mean of its counts in
 * consecutive bins of `binMs` (population variance over bins), averaged over those neurons.
 * A Poisson train gives 1, a perfectly regular train whose period divides the bin gives 0.
 * Returns null when no neuron spiked or fewer than two whole bins fit in the run.
 */
export function fanoFactor(train: SpikeTrain, steps: number, dt: number, binMs: number): number | null {
  const { counts, bins } = binnedCountsPerNeuron(train, steps, binStepsOf(binMs, dt));
  if (bins < 2) return null;
  let sum = 0;
  let neurons = 0;
  for (let i = 0; i < train.size; i++) {
    const row = counts.subarray(i * bins, (i + 1) * bins);
    let mean = 0;
    for (let b = 0; b < bins; b++) mean += row[b];
    mean /= bins;
    if (mean === 0) continue;
    let v = 0;
    for (let b = 0; b < bins; b++) v += (row[b] - mean) ** 2;
    sum += v / bins / mean;
    neurons++;
  }
  return neurons > 0 ? sum / neurons : null;
}
