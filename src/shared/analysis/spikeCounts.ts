/**
 * Counting helpers shared by the analysis functions. Times are step indices (t = step · dt, ms),
 * as in src/shared/results.ts.
 */
import type { SpikeTrain } from '../results';

/** Spikes of each neuron over the whole train. */
export function spikeCountsPerNeuron(train: SpikeTrain): Int32Array {
  const counts = new Int32Array(train.size);
  for (let k = 0; k < train.ids.length; k++) counts[train.ids[k]]++;
  return counts;
}

/** Spikes of the whole population in each step [0, steps). Spikes outside the range are ignored. */
export function spikesPerStep(train: SpikeTrain, steps: number): Float64Array {
  const out = new Float64Array(steps);
  for (let k = 0; k < train.steps.length; k++) {
    const s = train.steps[k];
    if (s >= 0 && s < steps) out[s]++;
  }
  return out;
}

/** Number of whole bins of `binSteps` steps that fit in `steps` (a partial last bin is dropped). */
export function wholeBins(steps: number, binSteps: number): number {
  return Math.floor(steps / binSteps);
}

/** Width of a bin in steps; refuses bins narrower than one step. */
export function binStepsOf(binMs: number, dt: number): number {
  const b = Math.round(binMs / dt);
  if (!(b >= 1)) throw new RangeError(`a bin of ${binMs} ms is shorter than one step (dt = ${dt} ms)`);
  return b;
}

/**
 * Per-neuron spike counts in bins: out[i * bins + b] is neuron i's count in bin b. Bins start at
 * step 0 and have `binSteps` steps each; spikes in the partial last bin are dropped.
 */
export function binnedCountsPerNeuron(train: SpikeTrain, steps: number, binSteps: number): { counts: Float64Array; bins: number } {
  const bins = wholeBins(steps, binSteps);
  const counts = new Float64Array(train.size * bins);
  for (let k = 0; k < train.steps.length; k++) {
    const b = Math.floor(train.steps[k] / binSteps);
    if (b >= 0 && b < bins) counts[train.ids[k] * bins + b]++;
  }
  return { counts, bins };
}

/** Spike steps grouped by neuron, each group in time order (CSR-like: starts has size + 1 entries). */
export function spikesByNeuron(train: SpikeTrain): { starts: Int32Array; steps: Int32Array } {
  const counts = spikeCountsPerNeuron(train);
  const starts = new Int32Array(train.size + 1);
  for (let i = 0; i < train.size; i++) starts[i + 1] = starts[i] + counts[i];
  const fill = starts.slice(0, train.size);
  const steps = new Int32Array(train.ids.length);
  for (let k = 0; k < train.ids.length; k++) steps[fill[train.ids[k]]++] = train.steps[k];
  // Monitors append in step order, so each group is usually sorted already; sort to be safe.
  for (let i = 0; i < train.size; i++) {
    const group = steps.subarray(starts[i], starts[i + 1]);
    for (let j = 1; j < group.length; j++) {
      if (group[j] < group[j - 1]) {
        group.sort();
        break;
      }
    }
  }
  return { starts, steps };
}
