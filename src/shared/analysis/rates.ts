/** Firing rates: mean rate of a population and the smoothed population rate over time. */
import type { SpikeTrain } from '../results';
import { spikesPerStep } from './spikeCounts';

const MS_PER_S = 1000;

/** Mean firing rate per neuron (Hz) over `steps` steps of `dt` ms. */
export function meanRate(train: SpikeTrain, steps: number, dt: number): number {
  const seconds = (steps * dt) / MS_PER_S;
  if (train.size === 0 || seconds <= 0) return 0;
  return train.steps.length / (train.size * seconds);
}

/**
 * Moving average over `window` samples with numpy's `convolve(x, ones(w)/w, mode='same')`
 * alignment: out[k] averages x[k - floor(w/2) .. k + floor((w-1)/2)], zeros beyond the ends (so
 * the edges dip, exactly as in the tutorial's plot). Output has the input's length.
 */
export function movingAverageSame(x: ArrayLike<number>, window: number): Float64Array {
  const n = x.length;
  const w = Math.max(1, Math.floor(window));
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + x[i];
  const out = new Float64Array(n);
  const before = Math.floor(w / 2);
  const after = Math.floor((w - 1) / 2);
  for (let k = 0; k < n; k++) {
    const lo = Math.max(0, k - before);
    const hi = Math.min(n, k + after + 1);
    out[k] = (prefix[hi] - prefix[lo]) / w;
  }
  return out;
}

/**
 * Population rate (Hz per neuron) at every step, smoothed with a `windowMs` moving average as in
 * the tutorial (window_steps = int(window / dt), 'same' mode). Unlike the tutorial, which
 * multiplies by 1000 and so is only right for dt = 1 ms, this divides by dt in seconds.
 * windowMs <= dt gives the raw per-step rate.
 */
export function populationRate(train: SpikeTrain, steps: number, dt: number, windowMs: number): Float64Array {
  const perStep = spikesPerStep(train, steps);
  const windowSteps = Math.max(1, Math.floor(windowMs / dt + 1e-9));
  const smooth = movingAverageSame(perStep, windowSteps);
  const scale = train.size > 0 ? MS_PER_S / (dt * train.size) : 0;
  for (let k = 0; k < smooth.length; k++) smooth[k] *= scale;
  return smooth;
}
