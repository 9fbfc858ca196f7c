/**
 * LIF and LIFRef on tensors, the same equations and order as the typed kernels
 * (src/engine/backends/typed/neurons.ts, following brainpy.state): reset from the previous step's
 * spike, exponential-Euler integration (exact for this linear equation), threshold V >= V_th.
 * LIFRef holds V at its post-reset value while steps since the last spike < ceil(tau_ref/dt).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Tensor } from '@tensorflow/tfjs-core';
import type { PopulationIR, ValueIR } from '../../ir';
import { streamFor } from '../../random';
import { fillValues, isRandom } from '../../values';
import { need } from '../typed/params';
import { type KernelContext, populationKernels, type TfDrive, type TfPopulationKernel, withJumps } from './kernels';
import { compactTensor, Held, paramTensor, paramValues } from './tensors';

const LIF_PARAMS = ['V_rest', 'V_th', 'V_reset', 'tau', 'R'] as const;

/** Same tolerance as the typed backend: 5 ms / 0.1 ms stays 50 steps despite binary rounding of dt. */
const STEP_TOLERANCE = 1e-9;

/**
 * "Steps since the last spike" of a neuron that never spiked. 2^30 is exact in float32 and
 * 2^30 + 1 rounds back to it, so the counter saturates instead of overflowing.
 */
const NEVER_STEPS = 2 ** 30;

/**
 * One exact LIF step with current input from the post-reset V (mV): V_inf + (V - V_inf) e^{-dt/tau},
 * V_inf = V_rest + R I (I in nA, R in MΩ, `decay` = e^{-dt/tau}). Written once for the simulator
 * kernel below and for surrogate-gradient training (src/engine/training), so both integrate alike.
 */
export function lifCubaIntegrate(v: Tensor, I: Tensor | null, rest: Tensor | number, R: Tensor | number, decay: Tensor | number): Tensor {
  const vinf = I ? tf.add(rest, tf.mul(R, I)) : rest;
  return tf.add(vinf, tf.mul(tf.sub(v, vinf), decay));
}

class TfLifKernel implements TfPopulationKernel {
  readonly size: number;
  private readonly V: Held;
  private readonly spk: Held;
  /** Steps since the last spike (LIFRef only), float32. */
  private readonly since: Held | null;
  private readonly p = new Map<string, Held>();
  /** Float64 values of parameters changed during the run (tau, tau_ref feed JS-side derivations). */
  private readonly overrides = new Map<string, Float64Array>();
  /** e^{-dt/tau} and dt/tau, computed in float64 on the JS side, then uploaded. */
  private readonly decay = new Held();
  private readonly dtOverTau = new Held();
  /** V_th - V_reset (soft reset jump), and V_reset as a full [n] tensor for where(). */
  private readonly jump = new Held();
  private readonly resetFull = new Held();
  private readonly refSteps = new Held();
  private readonly zeros: Held;
  private readonly hard: boolean;

  constructor(private readonly pop: PopulationIR, private readonly ctx: KernelContext, refractory: boolean) {
    const n = pop.size;
    this.size = n;
    this.hard = (pop.choices.reset ?? 'soft') === 'hard';
    const names: string[] = [...LIF_PARAMS];
    if (refractory) names.push('tau_ref');
    for (const name of names) this.p.set(name, new Held(paramTensor(need(pop.params, name, pop.id), n, ctx.seed, pop.id, name)));
    const init = pop.init.V ?? { kind: 'scalar', value: 0 };
    const v0 = new Float64Array(n);
    fillValues(init, v0, isRandom(init) ? streamFor(ctx.seed, 'init', pop.id, 'V') : null, `${pop.id}.init.V`);
    this.V = new Held(tf.tensor1d(Float32Array.from(v0)));
    this.zeros = new Held(tf.zeros([n]));
    this.derive();
    this.spk = new Held(tf.tidy(() => tf.cast(tf.greaterEqual(this.V.value, this.param('V_th')), 'float32')));
    this.since = refractory ? new Held(tf.fill([n], NEVER_STEPS)) : null;
  }

  private param(name: string): Tensor {
    const h = this.p.get(name);
    if (!h) throw new Error(`${this.pop.model} "${this.pop.id}" has no parameter ${name}.`);
    return h.value;
  }

  /** Quantities derived from parameters; re-derived when a parameter changes during a run. */
  private derive(): void {
    const { ctx, pop } = this;
    const n = pop.size;
    const tau = paramValues(need(pop.params, 'tau', pop.id), n, ctx.seed, pop.id, 'tau');
    const tauNow = this.overrides.get('tau') ?? tau;
    this.dtOverTau.set(compactTensor(tauNow.map((t) => ctx.dt / t)));
    this.decay.set(compactTensor(tauNow.map((t) => Math.exp(-ctx.dt / t))));
    tf.tidy(() => {
      this.jump.set(tf.sub(this.param('V_th'), this.param('V_reset')));
      this.resetFull.set(tf.add(this.zeros.value, this.param('V_reset')));
    });
    if (this.p.has('tau_ref')) {
      const ref = this.overrides.get('tau_ref') ?? paramValues(need(pop.params, 'tau_ref', pop.id), n, ctx.seed, pop.id, 'tau_ref');
      this.refSteps.set(compactTensor(ref.map((r) => Math.max(0, Math.ceil(r / ctx.dt - STEP_TOLERANCE)))));
    }
  }

  spikes(): Tensor {
    return this.spk.value;
  }

  update(_step: number, drive: TfDrive, wantCurrent: boolean): Tensor | null {
    const V = this.V.value;
    const vth = this.param('V_th');
    const rest = this.param('V_rest');
    const R = this.param('R');
    // Like the typed kernel, the reset tests V >= V_th afresh (a V_th changed live applies at once).
    const above = tf.greaterEqual(V, vth);
    const vReset = tf.where(above, this.hard ? this.resetFull.value : tf.sub(V, this.jump.value), V);
    const I = drive.iext && drive.isyn ? tf.add(drive.iext, drive.isyn) : (drive.iext ?? drive.isyn);
    let vNew: Tensor;
    let current: Tensor | null = null;
    if (drive.gsum && drive.gesum) {
      // J = -(1 + R Σg)/tau and V_inf = (V_rest + R (Σ gE + I)) / (1 + R Σg): exact for fixed g.
      const leak = tf.add(tf.mul(R, drive.gsum), 1);
      const drivePart = I ? tf.add(drive.gesum, I) : drive.gesum;
      const vinf = tf.div(tf.add(rest, tf.mul(R, drivePart)), leak);
      vNew = tf.add(vinf, tf.mul(tf.sub(vReset, vinf), tf.exp(tf.neg(tf.mul(this.dtOverTau.value, leak)))));
      if (wantCurrent) current = tf.sub(drivePart, tf.mul(drive.gsum, vReset));
    } else {
      vNew = lifCubaIntegrate(vReset, I, rest, R, this.decay.value);
      if (wantCurrent) current = I ?? this.zeros.value;
    }
    if (current && current.rank === 0) current = tf.broadcastTo(current, [this.size]);
    vNew = withJumps(vNew, drive);
    if (this.since) {
      const active = tf.greaterEqual(this.since.value, this.refSteps.value);
      vNew = tf.where(active, vNew, vReset);
    }
    const fired = tf.greaterEqual(vNew, vth);
    this.V.set(vNew);
    this.spk.set(tf.cast(fired, 'float32'));
    if (this.since) this.since.set(tf.add(tf.where(fired, this.zeros.value, this.since.value), 1));
    return current;
  }

  variable(name: string): Tensor | undefined {
    return name === 'V' ? this.V.value : undefined;
  }

  setParam(name: string, value: ValueIR): void {
    const held = this.p.get(name);
    if (!held) throw new Error(`${this.pop.model} "${this.pop.id}" has no parameter "${name}" that can be changed during a run.`);
    const { ctx, pop } = this;
    held.set(paramTensor(value, pop.size, ctx.seed, pop.id, name));
    if (name === 'tau' || name === 'tau_ref') this.overrides.set(name, paramValues(value, pop.size, ctx.seed, pop.id, name));
    this.derive();
  }

  dispose(): void {
    for (const h of [this.V, this.spk, this.since, this.decay, this.dtOverTau, this.jump, this.resetFull, this.refSteps, this.zeros, ...this.p.values()]) h?.dispose();
  }
}

populationKernels.set('LIF', (pop, ctx) => new TfLifKernel(pop, ctx, false));
populationKernels.set('LIFRef', (pop, ctx) => new TfLifKernel(pop, ctx, true));
