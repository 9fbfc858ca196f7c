/**
 * Monitor recorders of the tfjs backend. Each step a recorder keeps a small tensor on the device
 * (the spike mask, the spike count, or the sampled values); flush() stacks what is pending and
 * downloads it in one transfer, so the device is read once per advance() (or once per
 * FLUSH_ELEMENTS pending values, to bound memory), never once per step.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { MonitorIR } from '../../ir';
import type { CountTrace, SpikeTrain, StateTrace } from '../../../shared/results';
import { GrowingFloat32, GrowingInt32 } from '../common/monitors';

/** Pending float32 values (all recorders together) above which the instance flushes mid-advance. */
export const FLUSH_ELEMENTS = 4_000_000;

abstract class Pending {
  protected readonly held: Tensor[] = [];
  protected readonly heldSteps: number[] = [];
  /** float32 values waiting on the device. */
  pendingElements = 0;

  protected hold(step: number, t: Tensor, elements: number): void {
    this.held.push(tf.keep(t));
    this.heldSteps.push(step);
    this.pendingElements += elements;
  }

  /** Download what is pending, hand it to `use`, free it. */
  protected drain(use: (values: Float32Array, steps: readonly number[]) => void): void {
    if (this.held.length === 0) return;
    const stacked = tf.stack(this.held);
    const values = stacked.dataSync() as Float32Array;
    stacked.dispose();
    use(values, this.heldSteps);
    for (const t of this.held) t.dispose();
    this.held.length = 0;
    this.heldSteps.length = 0;
    this.pendingElements = 0;
  }

  abstract flush(): void;

  dispose(): void {
    for (const t of this.held) t.dispose();
    this.held.length = 0;
  }
}

export class TfSpikeRecorder extends Pending {
  private readonly steps = new GrowingInt32();
  private readonly ids = new GrowingInt32();

  constructor(private readonly monitor: MonitorIR, private readonly popId: string, private readonly size: number) {
    super();
  }

  /** `spk` is the population's 0/1 mask after the neurons phase of `step`. */
  record(step: number, spk: Tensor): void {
    this.hold(step, tf.clone(spk), this.size);
  }

  flush(): void {
    const n = this.size;
    this.drain((mask, steps) => {
      for (let s = 0; s < steps.length; s++) {
        const off = s * n;
        for (let i = 0; i < n; i++) {
          if (mask[off + i] !== 0) {
            this.steps.push(steps[s]);
            this.ids.push(i);
          }
        }
      }
    });
  }

  take(): SpikeTrain {
    this.flush();
    return { monitor: this.monitor.id, population: this.popId, size: this.size, steps: this.steps.take(), ids: this.ids.take() };
  }
}

export class TfCountRecorder extends Pending {
  private counts = new Int32Array(0);
  private from = 0;

  constructor(private readonly monitor: MonitorIR, private readonly popId: string, private readonly size: number) {
    super();
  }

  begin(fromStep: number, steps: number): void {
    this.from = fromStep;
    this.counts = new Int32Array(steps);
  }

  record(step: number, spk: Tensor): void {
    this.hold(step, tf.sum(spk), 1);
  }

  flush(): void {
    this.drain((sums, steps) => {
      for (let s = 0; s < steps.length; s++) this.counts[steps[s] - this.from] = Math.round(sums[s]);
    });
  }

  take(): CountTrace {
    this.flush();
    return { monitor: this.monitor.id, population: this.popId, size: this.size, startStep: this.from, counts: this.counts };
  }
}

export class TfStateRecorder extends Pending {
  private readonly steps = new GrowingInt32();
  private readonly values = new GrowingFloat32();
  private readonly index: Tensor;

  /** `read()` returns the variable's tensors to be summed per neuron (g of several groups), inside the step's tidy. */
  constructor(
    private readonly monitor: MonitorIR,
    private readonly popId: string,
    private readonly variable: string,
    private readonly unit: string,
    private readonly read: () => Tensor[],
  ) {
    super();
    this.index = tf.keep(tf.tensor1d(monitor.neurons, 'int32'));
  }

  record(step: number): void {
    if (step % this.monitor.every !== 0) return;
    const n = this.monitor.neurons.length;
    const parts = this.read().map((t) => tf.gather(t, this.index));
    this.hold(step, parts.length === 1 ? parts[0] : tf.addN(parts), n);
  }

  flush(): void {
    this.drain((values, steps) => {
      for (const s of steps) this.steps.push(s);
      for (let k = 0; k < values.length; k++) this.values.push(values[k]);
    });
  }

  take(): StateTrace {
    this.flush();
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

  override dispose(): void {
    super.dispose();
    this.index.dispose();
  }
}
