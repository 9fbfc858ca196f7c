/**
 * LIF and LIFRef kernels, following brainpy.state (brainpy_state/_brainpy/lif.py, brainstate's
 * nn/_neuron.py): reset from the previous step's spike, exponential-Euler integration (exact for
 * this linear equation), threshold V >= V_th. LIFRef holds V at its post-reset value while
 * t - t_last_spike < tau_ref and records t_last_spike when the new V is at threshold.
 *
 * The hand-written LIF kernel. Populations with current-based inputs and parameters shared by all
 * neurons run instead on the kernel generated from LIF's spec (neuronModels.ts, bundledLifRefusal),
 * which gives the same bits; this one still takes conductances (COBA, $lif_coba), voltage jumps,
 * a monitor of I, per-neuron parameters, non-Expon synapses and runs without WebAssembly.
 */
import type { PopulationIR, ValueIR } from '../../ir';
import { type Drive, type KernelContext, type PopulationKernel, populationArenaBytes, populationKernels } from './kernels';
import { need, paramArray } from '../common/params';
import { streamFor } from '../../random';
import { fillValues, isRandom } from '../../values';
import { type LifConstants, type LifOutputs, type LifStepArgs, LifWasm, type WasmArena } from './wasm';
import { detExp } from '../../math/detExp';

const LIF_PARAMS = ['V_rest', 'V_th', 'V_reset', 'tau', 'R'] as const;

/**
 * Refractory steps from tau_ref: held while (step - lastSpike)·dt < tau_ref. The tolerance
 * keeps 5 ms / 0.1 ms at 50 steps despite binary rounding of dt.
 */
const STEP_TOLERANCE = 1e-9;

/** Far in the past, so no neuron starts refractory (BrainPy starts t_last_spike at -1e7 ms). */
const NEVER = -(2 ** 30);

/** Parameters that are the same for every neuron, when they all are (the fast loop's constants). */
type Uniform = LifConstants;

function allEqual(a: ArrayLike<number>): boolean {
  for (let i = 1; i < a.length; i++) if (a[i] !== a[0]) return false;
  return true;
}

class LifKernel implements PopulationKernel {
  readonly V: Float64Array;
  /** Voltage jumps (Delta projections) are added after integration, outside refractoriness. */
  readonly acceptsDelta = true;
  private readonly p: Record<string, Float64Array> = {};
  /** e^{-dt/tau} per neuron. */
  private readonly decay: Float64Array;
  /** dt/tau per neuron (COBA needs e^{-dt(1+RΣg)/tau}). */
  private readonly dtOverTau: Float64Array;
  private readonly hard: boolean;
  /** Steps a neuron stays refractory after a spike (0 for LIF). */
  private readonly refSteps: Int32Array;
  private readonly lastSpike: Int32Array;
  private uniform: Uniform | null = null;
  /**
   * Which outputs updateFast applies with (null: it does not apply), decided at the first step
   * after construction or a parameter change.
   */
  private fast: LifOutputs | null | undefined = undefined;
  /** Scratch sums over synapse groups for the general loop, allocated on first use. */
  private isyn: Float64Array | null = null;
  private gsum: Float64Array | null = null;
  private gesum: Float64Array | null = null;
  /** Stands in for a missing synapse group in the fast loop (always 0: 0·decay = 0). */
  private readonly zeros: Float64Array;
  /** The fast loop in WebAssembly, holding V and lastSpike; null where it cannot run. */
  private readonly wasm: LifWasm | null;

  constructor(private readonly pop: PopulationIR, private readonly ctx: KernelContext, refractory: boolean) {
    const n = pop.size;
    for (const name of LIF_PARAMS) this.p[name] = paramArray(need(pop.params, name, pop.id), n, ctx.seed, pop.id, name);
    this.p.tau_ref = refractory ? paramArray(need(pop.params, 'tau_ref', pop.id), n, ctx.seed, pop.id, 'tau_ref') : new Float64Array(n);
    this.hard = (pop.choices.reset ?? 'soft') === 'hard';
    this.wasm = LifWasm.create(n, ctx.arena);
    this.V = this.wasm?.V ?? new Float64Array(n);
    const init = pop.init.V ?? { kind: 'scalar', value: 0 };
    fillValues(init, this.V, isRandom(init) ? streamFor(ctx.seed, 'init', pop.id, 'V') : null, `${pop.id}.init.V`);
    this.decay = new Float64Array(n);
    this.dtOverTau = new Float64Array(n);
    this.refSteps = new Int32Array(n);
    this.lastSpike = (this.wasm?.last ?? new Int32Array(n)).fill(NEVER);
    this.zeros = new Float64Array(n);
    this.derive();
  }

  private derive(): void {
    this.fast = undefined;
    const { tau, tau_ref: ref } = this.p;
    const dt = this.ctx.dt;
    for (let i = 0; i < tau.length; i++) {
      this.dtOverTau[i] = dt / tau[i];
      this.decay[i] = Math.exp(-this.dtOverTau[i]);
      this.refSteps[i] = Math.max(0, Math.ceil(ref[i] / dt - STEP_TOLERANCE));
    }
    const { V_rest, V_th, V_reset, R } = this.p;
    const same = [V_rest, V_th, V_reset, R, this.decay, this.dtOverTau, this.refSteps].every(allEqual);
    this.uniform = same && tau.length > 0
      ? { V_rest: V_rest[0], V_th: V_th[0], V_reset: V_reset[0], R: R[0], decay: this.decay[0], dtOverTau: this.dtOverTau[0], ref: this.refSteps[0] }
      : null;
  }

  initialSpikes(spikes: Int32Array): number {
    const V = this.V;
    const th = this.p.V_th;
    let c = 0;
    for (let i = 0; i < V.length; i++) if (V[i] >= th[i]) spikes[c++] = i;
    return c;
  }

  /**
   * The outputs updateFast runs with, or null where it does not apply; the drive is complete
   * before the first step and parameter changes reset the choice.
   */
  private fastOutputs(drive: Drive): LifOutputs | null {
    if (this.fast !== undefined) return this.fast;
    const groups = drive.groups;
    if (this.uniform === null || drive.current !== null || drive.delta || groups.length > 2) return (this.fast = null);
    let cond = 0;
    const E = [0, 0];
    groups.forEach((g, k) => {
      if (g.output.kind !== 'conductance') return;
      cond |= 1 << k;
      E[k] = g.output.E;
    });
    return (this.fast = { cond, Ea: E[0], Eb: E[1] });
  }

  update(step: number, drive: Drive, spikes: Int32Array): number {
    const out = this.fastOutputs(drive);
    // Without WebAssembly, conductances go through updateGeneral, which does the same operations.
    if (out !== null && (out.cond === 0 || this.wasm)) return this.updateFast(step, drive, spikes, this.uniform as Uniform, out);
    return this.updateGeneral(step, drive, spikes);
  }

  wasmStep(arena: WasmArena, drive: Drive, spikes: Int32Array): LifStepArgs | null {
    const out = this.fastOutputs(drive);
    if (!this.wasm || out === null) return null;
    return this.wasm.stepArgs(arena, drive.iext, drive.groups, spikes, this.uniform as Uniform, this.hard, out);
  }

  /**
   * The common case in one loop: parameters shared by all neurons, at most two synapse groups.
   * Current-based: V <- V_inf + (V - V_inf) e^{-dt/tau} with V_inf = V_rest + R I (exact); with
   * conductances updateGeneral's formula (in WebAssembly only: the JavaScript loop for them is
   * updateGeneral itself).
   */
  private updateFast(step: number, drive: Drive, spikes: Int32Array, u: Uniform, out: LifOutputs): number {
    const iext = drive.iext;
    const ga = drive.groups[0]?.g ?? this.zeros;
    const da = drive.groups[0]?.decay ?? 0;
    const gb = drive.groups[1]?.g ?? this.zeros;
    const db = drive.groups[1]?.decay ?? 0;
    if (this.wasm) return this.wasm.update(step, iext, ga, da, gb, db, u, this.hard, spikes, out);
    return this.updateFastJs(step, iext, ga, da, gb, db, u, spikes);
  }

  /**
   * updateFast's loop in JavaScript, where WebAssembly is missing. A function of its own so the
   * JIT never compiles it when WebAssembly runs (its optimised code is large).
   */
  private updateFastJs(step: number, iext: Float64Array, ga: Float64Array, da: number, gb: Float64Array, db: number, u: Uniform, spikes: Int32Array): number {
    const V = this.V;
    const last = this.lastSpike;
    const { V_rest: rest, V_th: th, V_reset: vr, R, decay, ref } = u;
    const hard = this.hard;
    const jump = th - vr;
    const n = V.length;
    let c = 0;
    for (let i = 0; i < n; i++) {
      let v = V[i];
      if (v >= th) v = hard ? vr : v - jump;
      const a = ga[i];
      const b = gb[i];
      ga[i] = a * da;
      gb[i] = b * db;
      if (step - last[i] >= ref) {
        const vinf = rest + R * (iext[i] + a + b);
        v = vinf + (v - vinf) * decay;
      }
      V[i] = v;
      if (v >= th) {
        spikes[c++] = i;
        last[i] = step;
      }
    }
    return c;
  }

  /** Sum the synapse groups into current and conductance terms, decaying each g for the next step. */
  private sumGroups(drive: Drive): boolean {
    const n = this.V.length;
    const isyn = (this.isyn ??= new Float64Array(n));
    isyn.fill(0);
    let conductance = false;
    for (const group of drive.groups) {
      const { g, decay: d, output } = group;
      if (output.kind === 'current') {
        for (let i = 0; i < n; i++) {
          const v = g[i];
          isyn[i] += v;
          g[i] = v * d;
        }
        continue;
      }
      if (!conductance) {
        (this.gsum ??= new Float64Array(n)).fill(0);
        (this.gesum ??= new Float64Array(n)).fill(0);
        conductance = true;
      }
      const gsum = this.gsum as Float64Array;
      const gesum = this.gesum as Float64Array;
      const E = output.E;
      for (let i = 0; i < n; i++) {
        const v = g[i];
        gsum[i] += v;
        gesum[i] += v * E;
        g[i] = v * d;
      }
    }
    return conductance;
  }

  /**
   * Any parameters, any outputs. With conductances the exponential-Euler Jacobian is
   * J = -(1 + R Σg)/tau and V_inf = (V_rest + R Σ gE + R I) / (1 + R Σg); exact for fixed g.
   * Its exponential is detExp, which $lif_coba in lif.wat evaluates the same way (so the two
   * give the same bits, and a run does not depend on which of them stepped it).
   */
  private updateGeneral(step: number, drive: Drive, spikes: Int32Array): number {
    const conductance = this.sumGroups(drive);
    const V = this.V;
    const { V_th: th, V_reset: vr, V_rest: rest, R } = this.p;
    const { decay, dtOverTau, refSteps, lastSpike: last } = this;
    const iext = drive.iext;
    const isyn = this.isyn as Float64Array;
    const gsum = conductance ? (this.gsum as Float64Array) : this.zeros;
    const gesum = conductance ? (this.gesum as Float64Array) : this.zeros;
    const current = drive.current;
    const delta = drive.delta ?? null;
    const hard = this.hard;
    const n = V.length;
    let c = 0;
    for (let i = 0; i < n; i++) {
      let v = V[i];
      const vth = th[i];
      if (v >= vth) v = hard ? vr[i] : v - (vth - vr[i]);
      const I = iext[i] + isyn[i];
      const g = gsum[i];
      if (current !== null) current[i] = I + gesum[i] - g * v;
      if (step - last[i] >= refSteps[i]) {
        const r = R[i];
        if (conductance) {
          const leak = 1 + r * g;
          const vinf = (rest[i] + r * (gesum[i] + I)) / leak;
          v = vinf + (v - vinf) * detExp(-dtOverTau[i] * leak);
        } else {
          const vinf = rest[i] + r * I;
          v = vinf + (v - vinf) * decay[i];
        }
        if (delta !== null) v += delta[i];
      }
      V[i] = v;
      if (v >= vth) {
        spikes[c++] = i;
        last[i] = step;
      }
    }
    return c;
  }

  variable(name: string): Float64Array | undefined {
    return name === 'V' ? this.V : undefined;
  }

  hostArray(role: string): Float64Array | undefined {
    return this.wasm?.host(role);
  }

  hostSpikes(): Int32Array | undefined {
    return this.wasm?.hostSpikes();
  }

  setParam(name: string, value: ValueIR): void {
    if (!(name in this.p) || (name === 'tau_ref' && this.pop.model !== 'LIFRef')) {
      throw new Error(`${this.pop.model} "${this.pop.id}" has no parameter "${name}" that can be changed during a run.`);
    }
    this.p[name] = paramArray(value, this.pop.size, this.ctx.seed, this.pop.id, name);
    this.derive();
  }
}

populationKernels.set('LIF', (pop, ctx) => new LifKernel(pop, ctx, false));
populationKernels.set('LIFRef', (pop, ctx) => new LifKernel(pop, ctx, true));
populationArenaBytes.set('LIF', LifWasm.bytes);
populationArenaBytes.set('LIFRef', LifWasm.bytes);
