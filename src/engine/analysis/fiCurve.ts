/** F-I curve from one run of a population whose neurons receive different inputs (a sweep). */
import type { ValueIR } from '../ir';
import type { SpikeTrain } from '../../shared/results';
import { spikeCountsPerNeuron } from './spikeCounts';
import { linspace } from '../../shared/linspace';

const MS_PER_S = 1000;

/** One point per neuron, sorted by input: input in the unit of the values given (nA for currents), rate in Hz. */
export interface FiCurve {
  readonly input: Float64Array;
  readonly rateHz: Float64Array;
}

/**
 * Per-neuron values of a deterministic ValueIR (scalar, array, linspace), e.g. the amplitude of a
 * constant input. linspace spreads from..to evenly over the neurons, both ends included. Random
 * draws (normal, uniform) are made by the backend, so they cannot be reproduced here: null.
 */
export function perNeuronValues(value: ValueIR, size: number): Float64Array | null {
  switch (value.kind) {
    case 'scalar':
      return new Float64Array(size).fill(value.value);
    case 'array':
      return value.values.length === size ? Float64Array.from(value.values) : null;
    case 'linspace':
      return linspace(value.from, value.to, size);
    default:
      return null;
  }
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
