/**
 * Shared machinery of the typed neuron kernels of the model library: per-neuron parameter and
 * state arrays, the synapse-group sums (decaying each g for the next step, as the generated
 * kernels do), refractory bookkeeping and live parameter changes. A model supplies only its
 * fused per-step loop (`integrate`).
 */
import type { PopulationIR, ValueIR } from '../../ir';
import { streamFor } from '../../random';
import { fillValues, isRandom } from '../../values';
import type { Drive, KernelContext, PopulationKernel } from './kernels';
import { need, paramArray } from '../common/params';

/** Same tolerance as the LIF kernel: 5 ms / 0.1 ms stays 50 steps despite binary rounding of dt. */
const STEP_TOLERANCE = 1e-9;

/** Far in the past, so no neuron starts refractory (BrainPy starts t_last_spike at -1e7 ms). */
const NEVER = -(2 ** 30);

/** Below this |z| exprel(z) = 1 + z/2 to double precision, and expm1(z)/z would lose digits. */
const EXPREL_SERIES = 1e-8;

/** exprel(z) = (e^z - 1)/z, the factor of the exponential-Euler step V += dt·exprel(dt·J)·f(V). */
export function exprel(z: number): number {
  return Math.abs(z) < EXPREL_SERIES ? 1 + z / 2 : Math.expm1(z) / z;
}

/** What a model kernel is made of: parameter names read from the IR and state names with fallbacks. */
/**
 * A step's synaptic drive of n neurons: the current groups summed into `isyn`, the conductance
 * groups into Σg (`gsum`) and Σg·E (`gesum`), each group's g decayed for the next step. True when
 * any group is conductance-based. Shared by the hand-written kernels and the spec kernel; `from`
 * (the external current) starts the current sum instead of 0, as the generated kernels add it.
 */
export function sumSynapseGroups(drive: Drive, n: number, isyn: Float64Array, gsum: Float64Array, gesum: Float64Array, from: Float64Array | null = null): boolean {
  if (from) isyn.set(from);
  else isyn.fill(0);
  gsum.fill(0);
  gesum.fill(0);
  let conductances = false;
  for (const { g, decay: d, output } of drive.groups) {
    if (output.kind === 'current') {
      for (let i = 0; i < n; i++) {
        isyn[i] += g[i];
        g[i] *= d;
      }
    } else {
      conductances = true;
      const E = output.E;
      for (let i = 0; i < n; i++) {
        const x = g[i];
        gsum[i] += x;
        gesum[i] += x * E;
        g[i] = x * d;
      }
    }
  }
  return conductances;
}

export interface NeuronLayout {
  readonly params: readonly string[];
  /** State variables and the value used when the IR gives no initial value (internal units). */
  readonly state: Readonly<Record<string, number>>;
  /** Has tau_ref and holds its state for that long after a spike. */
  readonly refractory: boolean;
}

export abstract class NeuronKernelBase implements PopulationKernel {
  protected readonly n: number;
  protected readonly p: Record<string, Float64Array> = {};
  protected readonly s: Record<string, Float64Array> = {};
  /** Per step, summed over synapse groups: current outputs (nA), conductances (µS), g·E (nA). */
  protected readonly isyn: Float64Array;
  protected readonly gsum: Float64Array;
  protected readonly gesum: Float64Array;
  /** Steps a neuron stays refractory after a spike (all 0 without tau_ref). */
  protected readonly refSteps: Int32Array;
  protected readonly lastSpike: Int32Array;

  constructor(protected readonly pop: PopulationIR, protected readonly ctx: KernelContext, private readonly layout: NeuronLayout) {
    const n = (this.n = pop.size);
    const names = layout.refractory ? [...layout.params, 'tau_ref'] : layout.params;
    for (const name of names) this.p[name] = paramArray(need(pop.params, name, pop.id), n, ctx.seed, pop.id, name);
    for (const [name, fallback] of Object.entries(layout.state)) {
      const arr = (this.s[name] = new Float64Array(n));
      const init = pop.init[name] ?? { kind: 'scalar', value: fallback };
      fillValues(init, arr, isRandom(init) ? streamFor(ctx.seed, 'init', pop.id, name) : null, `${pop.id}.init.${name}`);
    }
    this.isyn = new Float64Array(n);
    this.gsum = new Float64Array(n);
    this.gesum = new Float64Array(n);
    this.refSteps = new Int32Array(n);
    this.lastSpike = new Int32Array(n).fill(NEVER);
  }

  /** Recompute quantities derived from parameters (called once built and after every setParam). */
  protected derive(): void {
    const ref = this.p.tau_ref;
    if (!ref) return;
    for (let i = 0; i < this.n; i++) this.refSteps[i] = Math.max(0, Math.ceil(ref[i] / this.ctx.dt - STEP_TOLERANCE));
  }

  /**
   * The fused loop of one step: reset from the stored spike, integrate, add the voltage jumps
   * `delta` (mV, Delta projections; null when there are none) as BrainPy's sum_delta_inputs does,
   * threshold.
   */
  protected abstract integrate(step: number, iext: Float64Array, current: Float64Array | null, spikes: Int32Array, delta: Float64Array | null): number;

  /** Whether neuron i spikes given its stored state (the spk of the previous step). */
  protected abstract spiking(i: number): boolean;

  /** Voltage jumps (Delta projections) are added after integration, outside refractoriness. */
  readonly acceptsDelta = true;

  update(step: number, drive: Drive, spikes: Int32Array): number {
    this.sumGroups(drive);
    return this.integrate(step, drive.iext, drive.current, spikes, drive.delta ?? null);
  }

  /** Sum the synapse groups into current and conductance terms, decaying each g for the next step. */
  private sumGroups(drive: Drive): void {
    sumSynapseGroups(drive, this.n, this.isyn, this.gsum, this.gesum);
  }

  /** True while neuron i is refractory in step `step`. */
  protected refractoryAt(step: number, i: number): boolean {
    return step - this.lastSpike[i] < this.refSteps[i];
  }

  initialSpikes(spikes: Int32Array): number {
    let c = 0;
    for (let i = 0; i < this.n; i++) if (this.spiking(i)) spikes[c++] = i;
    return c;
  }

  variable(name: string): Float64Array | undefined {
    return this.s[name];
  }

  setParam(name: string, value: ValueIR): void {
    if (!(name in this.p)) {
      throw new Error(`${this.pop.model} "${this.pop.id}" has no parameter "${name}" that can be changed during a run (it has: ${Object.keys(this.p).join(', ')}).`);
    }
    this.p[name] = paramArray(value, this.n, this.ctx.seed, this.pop.id, name);
    this.derive();
  }
}
