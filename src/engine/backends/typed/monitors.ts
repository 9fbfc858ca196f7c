/**
 * Monitor recorders of the typed backend. They read population state after the neurons phase
 * of each step and hand out each chunk's data as fresh typed arrays (see MonitorBatch).
 */
import type { MonitorIR } from '../../ir';
import type { CountTrace, SpikeTrain, StateTrace } from '../../../shared/results';
import { GrowingFloat32, GrowingInt32 } from '../common/monitors';

export interface RecordSource {
  readonly id: string;
  readonly size: number;
  readonly spikes: Int32Array;
  spikeCount: number;
}

export class SpikeRecorder {
  private readonly steps = new GrowingInt32();
  private readonly ids = new GrowingInt32();
  constructor(private readonly monitor: MonitorIR, private readonly pop: RecordSource) {}

  get source(): RecordSource {
    return this.pop;
  }

  record(step: number): void {
    const c = this.pop.spikeCount;
    if (c === 0) return;
    this.steps.fill(step, c);
    this.ids.pushMany(this.pop.spikes, c);
  }

  /** `count` spikes of this population recorded elsewhere (the fused driver): their steps and neurons. */
  appendSpikes(steps: Int32Array, ids: Int32Array, count: number): void {
    this.steps.pushMany(steps, count);
    this.ids.pushMany(ids, count);
  }

  take(): SpikeTrain {
    return { monitor: this.monitor.id, population: this.pop.id, size: this.pop.size, steps: this.steps.take(), ids: this.ids.take() };
  }
}

export class CountRecorder {
  private counts = new Int32Array(0);
  private from = 0;
  constructor(private readonly monitor: MonitorIR, private readonly pop: RecordSource) {}

  get source(): RecordSource {
    return this.pop;
  }

  begin(fromStep: number, steps: number): void {
    this.from = fromStep;
    this.counts = new Int32Array(steps);
  }

  /** The chunk ended at `toStep` (a deadline may end it before the steps begin() was told). */
  end(toStep: number): void {
    const n = toStep - this.from;
    if (n < this.counts.length) this.counts = this.counts.slice(0, n);
  }

  record(step: number): void {
    this.counts[step - this.from] = this.pop.spikeCount;
  }

  /** The steps of `count` spikes of this population recorded elsewhere (the fused driver). */
  addSpikes(steps: Int32Array, count: number): void {
    const counts = this.counts;
    const from = this.from;
    for (let e = 0; e < count; e++) counts[steps[e] - from]++;
  }

  take(): CountTrace {
    return { monitor: this.monitor.id, population: this.pop.id, size: this.pop.size, startStep: this.from, counts: this.counts };
  }
}

/** One variable of chosen neurons, every `every` steps (steps that are multiples of `every`). */
export class StateRecorder {
  private readonly steps = new GrowingInt32();
  private readonly values = new GrowingFloat32();

  /** `parts` are summed per neuron (g of several synapse groups); usually one array. */
  constructor(
    private readonly monitor: MonitorIR,
    private readonly popId: string,
    private readonly variable: string,
    private readonly unit: string,
    private readonly parts: readonly Float64Array[],
  ) {}

  /** The one array it samples, when it samples one (the fused driver can sample it in WebAssembly). */
  get source(): Float64Array | null {
    return this.parts.length === 1 && this.variable !== 'I' ? this.parts[0] : null;
  }

  get neurons(): Int32Array {
    return this.monitor.neurons;
  }

  get every(): number {
    return this.monitor.every;
  }

  /** Samples taken elsewhere (the fused driver): these steps, neurons.length values each, in order. */
  append(steps: Int32Array, values: Float32Array): void {
    this.steps.pushMany(steps, steps.length);
    this.values.pushMany(values);
  }

  record(step: number): void {
    if (step % this.monitor.every !== 0) return;
    this.steps.push(step);
    const neurons = this.monitor.neurons;
    for (let j = 0; j < neurons.length; j++) {
      let v = 0;
      for (const part of this.parts) v += part[neurons[j]];
      this.values.push(v);
    }
  }

  take(): StateTrace {
    return {
      monitor: this.monitor.id,
      population: this.popId,
      variable: this.variable,
      unit: this.unit,
      neurons: this.monitor.neurons.slice(),
      steps: this.steps.take(),
      values: this.values.take(),
    };
  }
}
