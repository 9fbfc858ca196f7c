/**
 * Monitor data produced by a run. Bulk data lives in typed arrays so it can cross a worker
 * boundary as transferables, never as JSON arrays. Times are step indices; t = step * dt (ms).
 */

/** Spikes of one population seen by one spike monitor. */
export interface SpikeTrain {
  readonly monitor: string;
  readonly population: string;
  readonly size: number;
  /** Step index of each spike (t = step * dt). */
  readonly steps: Int32Array;
  /** Neuron index (0-based within the population) of each spike. */
  readonly ids: Int32Array;
}

/** Samples of one state variable for chosen neurons of one population. */
export interface StateTrace {
  readonly monitor: string;
  readonly population: string;
  readonly variable: string;
  /** Internal unit of the variable, e.g. "mV". */
  readonly unit: string;
  readonly neurons: Int32Array;
  /** Step index of each sample. */
  readonly steps: Int32Array;
  /** Sample-major: values[s * neurons.length + j] is neuron neurons[j] at steps[s]. */
  readonly values: Float32Array;
}

/** Number of spikes of one population in each step. */
export interface CountTrace {
  readonly monitor: string;
  readonly population: string;
  readonly size: number;
  /** First step covered by counts[0]. */
  readonly startStep: number;
  readonly counts: Int32Array;
}

/** Everything a run recorded, plus what produced it. */
export interface RunResults {
  /** Time step, ms. */
  readonly dt: number;
  /** Steps simulated. */
  readonly steps: number;
  readonly seed: number;
  /** Backend that ran, e.g. "typed" or "tfjs-wasm". */
  readonly backend: string;
  readonly spikes: readonly SpikeTrain[];
  readonly traces: readonly StateTrace[];
  readonly counts: readonly CountTrace[];
}

/** One chunk's new monitor data, streamed while a run goes on. */
export interface MonitorBatch {
  /** Steps covered: [fromStep, toStep). */
  readonly fromStep: number;
  readonly toStep: number;
  readonly spikes: readonly SpikeTrain[];
  readonly traces: readonly StateTrace[];
  readonly counts: readonly CountTrace[];
}
