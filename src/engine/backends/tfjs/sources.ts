/**
 * Spike sources on the tfjs backend. Their spikes do not depend on the network, so they are made
 * on the JS side from the same seeded streams as the typed backend (Poisson: one uniform per
 * neuron per step from stream ("poisson", id), spike when < rate·dt) and uploaded as a 0/1 mask
 * each step; both backends therefore emit identical source spikes.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { PopulationIR, ValueIR } from '../../ir';
import { type Rng, streamFor } from '../../random';
import { need } from '../common/params';
import { notLiveParameter } from '../common/liveParameters';
import { poissonProbabilities, spikeTimeEvents } from '../typed/sources';
import { type KernelContext, populationKernels, type TfPopulationKernel } from './kernels';
import { Held } from './tensors';

abstract class MaskSource implements TfPopulationKernel {
  readonly size: number;
  protected readonly mask: Float32Array;
  private readonly spk: Held;

  constructor(protected readonly pop: PopulationIR) {
    this.size = pop.size;
    this.mask = new Float32Array(pop.size);
    this.spk = new Held(tf.zeros([pop.size]));
  }

  /** Write this step's spikes into `mask` (already cleared). */
  protected abstract fill(step: number): void;

  spikes(): Tensor {
    return this.spk.value;
  }

  update(step: number): null {
    this.mask.fill(0);
    this.fill(step);
    this.spk.set(tf.tensor1d(this.mask));
    return null;
  }

  variable(): undefined {
    return undefined;
  }

  abstract setParam(name: string, value: ValueIR): void;

  dispose(): void {
    this.spk.dispose();
  }
}

class TfPoissonKernel extends MaskSource {
  private prob: Float64Array;
  private readonly rng: Rng;

  constructor(pop: PopulationIR, private readonly ctx: KernelContext) {
    super(pop);
    this.prob = poissonProbabilities(need(pop.params, 'rate', pop.id), pop, ctx);
    this.rng = streamFor(ctx.seed, 'poisson', pop.id);
  }

  protected fill(): void {
    const { prob, rng, mask } = this;
    for (let i = 0; i < prob.length; i++) if (rng.uniform() < prob[i]) mask[i] = 1;
  }

  setParam(name: string, value: ValueIR): void {
    if (name !== 'rate') throw notLiveParameter('Poisson', this.pop.id, name, ['rate']);
    this.prob = poissonProbabilities(value, this.pop, this.ctx);
  }
}

class TfSpikeTimesKernel extends MaskSource {
  private readonly steps: Int32Array;
  private readonly ids: Int32Array;
  private next = 0;

  constructor(pop: PopulationIR, ctx: KernelContext) {
    super(pop);
    ({ steps: this.steps, ids: this.ids } = spikeTimeEvents(pop, ctx.dt));
  }

  protected fill(step: number): void {
    const { steps, ids, mask } = this;
    while (this.next < steps.length && steps[this.next] < step) this.next++;
    // A neuron listed twice in one step spikes once: the mask is 0/1.
    while (this.next < steps.length && steps[this.next] === step) mask[ids[this.next++]] = 1;
  }

  setParam(name: string): void {
    throw new Error(`SpikeTimes "${this.pop.id}" cannot change ${name} during a run; stop, edit and run again.`);
  }
}

populationKernels.set('Poisson', (pop, ctx) => new TfPoissonKernel(pop, ctx));
populationKernels.set('SpikeTimes', (pop, ctx) => new TfSpikeTimesKernel(pop, ctx));
