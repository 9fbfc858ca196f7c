/** F-I curve from one run of a population whose neurons receive different inputs (a sweep). */
import type { SpikeTrain } from '../results';
import { spikeCountsPerNeuron } from './spikeCounts';

const MS_PER_S = 1000;

/** One point per neuron, sorted by input: input in the unit of the values given (nA for currents), rate in Hz. */
export interface FiCurve {
  readonly input: Float64Array;
  readonly rateHz: Float64Array;
}

/** Rate of each neuron over `steps` steps of `dt` ms against its input value, sorted by input. */
export function fiCurve(train: SpikeTrain, inputs: ArrayLike<number>, steps: number, dt: number): FiCurve {
  if (inputs.length !== train.size) {
    throw new RangeError(`F-I curve needs one input value per neuron: ${inputs.length} values for ${train.size} neurons`);
  }
  const counts = spikeCountsPerNeuron(train);
  const seconds = (steps * dt) / MS_PER_S;
  const order = Array.from({ length: train.size }, (_, i) => i).sort((a, b) => inputs[a] - inputs[b]);
  const input = new Float64Array(train.size);
  const rateHz = new Float64Array(train.size);
  order.forEach((i, k) => {
    input[k] = inputs[i];
    rateHz[k] = seconds > 0 ? counts[i] / seconds : 0;
  });
  return { input, rateHz };
}
