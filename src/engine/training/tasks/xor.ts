/**
 * Temporal XOR: two cues one after the other, each "0" or "1". Input units 0..n-1 signal a 0 and
 * n..2n-1 a 1; each cue is a burst of Poisson spikes of the chosen group within its window. The
 * class is cue1 XOR cue2, so the network must hold the first cue until the second arrives.
 */
import { streamFor } from '../../random';
import type { SpikeDataset, SpikeSample } from '../dataset';

export interface XorOptions {
  /** Units per cue group (inputs = 2 × this). */
  readonly unitsPerGroup: number;
  readonly samples: number;
  /** Start and length of the two cue windows and of the sample, ms. */
  readonly cue1: number;
  readonly cue2: number;
  readonly cueLength: number;
  readonly duration: number;
  /** Firing rate of a cued unit inside its window, Hz. */
  readonly rate: number;
  readonly seed: number;
}

export const XOR_DEFAULTS: Omit<XorOptions, 'seed'> = { unitsPerGroup: 10, samples: 400, cue1: 0, cue2: 30, cueLength: 10, duration: 50, rate: 200 };

export function xorTask(o: XorOptions): SpikeDataset {
  if (!(o.cue1 >= 0 && o.cueLength > 0 && o.cue1 + o.cueLength <= o.cue2 && o.cue2 + o.cueLength <= o.duration)) {
    throw new Error('xor task: the two cue windows must not overlap and must fit in the duration.');
  }
  if (!(Number.isInteger(o.unitsPerGroup) && o.unitsPerGroup >= 1 && Number.isInteger(o.samples) && o.samples >= 1 && o.rate > 0)) {
    throw new Error('xor task: unitsPerGroup and samples must be whole numbers of at least 1, rate > 0 Hz.');
  }
  const rng = streamFor(o.seed, 'xor');
  const samples: SpikeSample[] = [];
  const perMs = o.rate / 1000;
  for (let s = 0; s < o.samples; s++) {
    // Balanced: the four cue combinations in turn.
    const a = s & 1;
    const b = (s >> 1) & 1;
    const times: number[] = [];
    const units: number[] = [];
    for (const [start, cue] of [[o.cue1, a], [o.cue2, b]] as const) {
      for (let i = 0; i < o.unitsPerGroup; i++) {
        // Poisson process over the window: exponential gaps.
        let t = start - Math.log(1 - rng.uniform()) / perMs;
        while (t < start + o.cueLength) {
          times.push(t);
          units.push(cue * o.unitsPerGroup + i);
          t += -Math.log(1 - rng.uniform()) / perMs;
        }
      }
    }
    samples.push({ times: Float64Array.from(times), units: Int32Array.from(units), label: a ^ b });
  }
  return { name: 'xor', nInputs: 2 * o.unitsPerGroup, nClasses: 2, duration: o.duration, samples };
}
