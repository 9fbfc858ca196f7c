/**
 * Spike sources: Poisson (each neuron spikes in a step when rand < rate·dt, as BrainPy's
 * PoissonSpike) and SpikeTimes (listed times rounded to the nearest step).
 */
import { hzTimesMs } from '../../../shared/units';
import type { PopulationIR, ValueIR } from '../../ir';
import { type Rng, streamFor } from '../../random';
import { type KernelContext, type PopulationKernel, populationArenaBytes, populationKernels } from './kernels';
import { need, paramArray } from '../common/params';
import { notLiveParameter } from '../common/liveParameters';
import { type PoissonStepArgs, WasmArena } from './wasm';

/** A Poisson source's spike probability per step for each neuron, rate·dt (both backends draw against it). */
export function poissonProbabilities(rate: ValueIR, pop: PopulationIR, ctx: { seed: number; dt: number }): Float64Array {
  const p = paramArray(rate, pop.size, ctx.seed, pop.id, 'rate');
  for (let i = 0; i < p.length; i++) p[i] = hzTimesMs(p[i], ctx.dt);
  return p;
}

/**
 * Where the instance has a WebAssembly arena, the probabilities, the random stream's state and
 * the spike list live there and every step runs $poisson (lif.wat), in the fused driver or
 * not; elsewhere the same draws run here in JavaScript on the Rng (the same bits).
 */
class PoissonKernel implements PopulationKernel {
  /** Spike probability per step, rate·dt; in the arena, rate·dt·2^32 ($poisson compares the raw 32-bit draw). */
  private readonly prob: Float64Array;
  private readonly rng: Rng;
  private readonly wasm: { arena: WasmArena; state: Int32Array; spikes: Int32Array; hosted: boolean } | null;

  constructor(private readonly pop: PopulationIR, private readonly ctx: KernelContext) {
    const n = pop.size;
    const arena = ctx.arena && ctx.arena.free >= poissonArenaBytes(n) ? ctx.arena : null;
    this.prob = arena ? arena.f64(n) : new Float64Array(n);
    this.rng = streamFor(ctx.seed, 'poisson', pop.id);
    this.wasm = arena ? { arena, state: arena.i32(4), spikes: arena.i32(n), hosted: false } : null;
    this.setProbabilities(need(pop.params, 'rate', pop.id));
    if (this.wasm) this.rng.saveState(this.wasm.state);
  }

  hostSpikes(): Int32Array | undefined {
    if (!this.wasm || this.wasm.hosted) return undefined;
    this.wasm.hosted = true;
    return this.wasm.spikes;
  }

  wasmStep(arena: WasmArena, _drive: unknown, spikes: Int32Array): PoissonStepArgs | null {
    const w = this.wasm;
    if (!w || w.arena !== arena || spikes !== w.spikes) return null;
    return { kind: 'poisson', n: this.prob.length, pProb: this.prob.byteOffset, pState: w.state.byteOffset, pSpikes: spikes.byteOffset };
  }

  initialSpikes(): number {
    return 0;
  }

  update(_step: number, _drive: unknown, spikes: Int32Array): number {
    const w = this.wasm;
    if (w) {
      const out = w.arena.holds(spikes) ? spikes : w.spikes;
      const c = w.arena.poisson(this.prob.length, this.prob.byteOffset, w.state.byteOffset, out.byteOffset);
      if (out !== spikes) spikes.set(out.subarray(0, c));
      return c;
    }
    const prob = this.prob;
    const rng = this.rng;
    let c = 0;
    for (let i = 0; i < prob.length; i++) if (rng.uniform() < prob[i]) spikes[c++] = i;
    return c;
  }

  variable(): undefined {
    return undefined;
  }

  setParam(name: string, value: ValueIR): void {
    if (name !== 'rate') throw notLiveParameter('Poisson', this.pop.id, name, ['rate']);
    this.setProbabilities(value);
  }

  /**
   * rate·dt per neuron, times 2^32 for $poisson (uniform() < p is next < p·2^32 exactly: scaling
   * by a power of two and next / 2^32 are both exact).
   */
  private setProbabilities(rate: ValueIR): void {
    this.prob.set(poissonProbabilities(rate, this.pop, this.ctx));
    if (this.wasm) for (let i = 0; i < this.prob.length; i++) this.prob[i] *= 2 ** 32;
  }
}

/** Arena bytes of a Poisson source of n neurons: probabilities, random state, spike list. */
function poissonArenaBytes(n: number): number {
  return WasmArena.size(8 * n, 16, 4 * n);
}

/**
 * A SpikeTimes population's events for both backends: times rounded to the nearest step, sorted
 * by step (stable, so equal steps keep their listed order), each with its neuron index.
 */
export function spikeTimeEvents(pop: PopulationIR, dt: number): { steps: Int32Array; ids: Int32Array } {
  const times = pop.lists.times ?? new Float64Array(0);
  const indices = pop.lists.indices ?? new Float64Array(times.length);
  const order = Array.from(times, (_, k) => k);
  const stepOf = (k: number): number => Math.round(times[k] / dt);
  order.sort((a, b) => stepOf(a) - stepOf(b) || a - b);
  const steps = Int32Array.from(order, stepOf);
  const ids = Int32Array.from(order, (k) => (indices.length === 1 ? indices[0] : indices[k]));
  for (const id of ids) {
    if (!(id >= 0 && id < pop.size)) throw new Error(`SpikeTimes "${pop.id}" lists neuron ${id}, which is not in a population of ${pop.size}.`);
  }
  return { steps, ids };
}

class SpikeTimesKernel implements PopulationKernel {
  /** Events sorted by step (stable, so equal steps keep their listed order). */
  private readonly steps: Int32Array;
  private readonly ids: Int32Array;
  private next = 0;
  /** Last step each neuron was emitted in, so a neuron listed twice in one step spikes once. */
  private readonly emitted: Int32Array;

  constructor(private readonly pop: PopulationIR, ctx: KernelContext) {
    ({ steps: this.steps, ids: this.ids } = spikeTimeEvents(pop, ctx.dt));
    this.emitted = new Int32Array(pop.size).fill(-1);
  }

  initialSpikes(): number {
    return 0;
  }

  update(step: number, _drive: unknown, spikes: Int32Array): number {
    let c = 0;
    const { steps, ids, emitted } = this;
    while (this.next < steps.length && steps[this.next] < step) this.next++;
    while (this.next < steps.length && steps[this.next] === step) {
      const id = ids[this.next++];
      if (emitted[id] !== step) {
        emitted[id] = step;
        spikes[c++] = id;
      }
    }
    return c;
  }

  variable(): undefined {
    return undefined;
  }

  setParam(name: string): void {
    throw new Error(`SpikeTimes "${this.pop.id}" cannot change ${name} during a run; stop, edit and run again.`);
  }
}

populationKernels.set('Poisson', (pop, ctx) => new PoissonKernel(pop, ctx));
populationArenaBytes.set('Poisson', poissonArenaBytes);
populationKernels.set('SpikeTimes', (pop, ctx) => new SpikeTimesKernel(pop, ctx));
