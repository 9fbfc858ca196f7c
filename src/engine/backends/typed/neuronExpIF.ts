/**
 * ExpIF, AdExIF, QuaIF and their refractory variants, following brainpy.state
 * (brainpy_state/_brainpy/lif.py): reset from the previous step's spike (w += b with it), V by one
 * exponential-Euler step with the Jacobian J = df/dV (conductances enter J through I = g(E - V)),
 * then w by its exact step using the new V, threshold V >= V_th.
 *
 * One deliberate difference: the exponential (or quadratic) upswing overshoots V_th by an
 * unbounded amount within the spike step (tens of volts at dt = 0.1 ms). We clip V at V_th on that
 * step, so the trace stays readable, a soft reset lands on V_reset like a hard one, and w does not
 * integrate the overshoot (a·(V - V_rest) with V in volts). Brian2 resets within the step, so it
 * never sees the overshoot either.
 */
import type { PopulationIR } from '../../ir';
import type { KernelContext } from './kernels';
import { populationKernels } from './kernels';
import { exprel, NeuronKernelBase } from './neuronBase';

const EXP_PARAMS = ['R', 'tau', 'V_th', 'V_reset', 'V_rest', 'V_T', 'delta_T'] as const;
const ADEX_PARAMS = [...EXP_PARAMS, 'tau_w', 'a', 'b'] as const;
const QUA_PARAMS = ['R', 'tau', 'V_th', 'V_reset', 'V_rest', 'V_c', 'c'] as const;

type Upswing = 'exp' | 'quadratic';

class IntegrateFireKernel extends NeuronKernelBase {
  private readonly hard: boolean;
  /** e^{-dt/tau_w} per neuron (AdEx only). */
  private readonly wDecay: Float64Array;

  constructor(pop: PopulationIR, ctx: KernelContext, private readonly upswing: Upswing, private readonly adaptive: boolean, refractory: boolean) {
    const params = upswing === 'quadratic' ? QUA_PARAMS : adaptive ? ADEX_PARAMS : EXP_PARAMS;
    super(pop, ctx, { params, state: adaptive ? { V: -65, w: 0 } : { V: -65 }, refractory });
    this.hard = (pop.choices.reset ?? 'soft') === 'hard';
    this.wDecay = new Float64Array(this.n);
    this.derive();
  }

  protected override derive(): void {
    super.derive();
    const tauW = this.p.tau_w;
    if (tauW && this.wDecay) for (let i = 0; i < this.n; i++) this.wDecay[i] = Math.exp(-this.ctx.dt / tauW[i]);
  }

  protected spiking(i: number): boolean {
    return this.s.V[i] >= this.p.V_th[i];
  }

  protected integrate(step: number, iext: Float64Array, current: Float64Array | null, spikes: Int32Array, delta: Float64Array | null): number {
    const dt = this.ctx.dt;
    const V = this.s.V;
    const w = this.adaptive ? this.s.w : null;
    const { R, tau, V_th: th, V_reset: vr, V_rest: rest } = this.p;
    const { isyn, gsum, gesum, hard, wDecay } = this;
    const quadratic = this.upswing === 'quadratic';
    // Unused arrays of the other upswing are left undefined; the branch below never reads them.
    const { V_T: vt, delta_T: dT, V_c: vc, c: curv, a, b } = this.p;
    let count = 0;
    for (let i = 0; i < this.n; i++) {
      let v = V[i];
      const vth = th[i];
      const fired = v >= vth;
      if (fired) v = hard ? vr[i] : v - (vth - vr[i]);
      let ww = w ? w[i] + (fired ? b[i] : 0) : 0;
      const I = iext[i] + isyn[i];
      const g = gsum[i];
      const syn = I + gesum[i] - g * v;
      if (current !== null) current[i] = syn;
      if (!this.refractoryAt(step, i)) {
        const r = R[i];
        let f: number;
        let J: number;
        if (quadratic) {
          const k = curv[i];
          f = k * (v - rest[i]) * (v - vc[i]) + r * syn;
          J = k * (2 * v - rest[i] - vc[i]) - r * g;
        } else {
          const e = Math.exp((v - vt[i]) / dT[i]);
          f = -(v - rest[i]) + dT[i] * e - r * ww + r * syn;
          J = -1 + e - r * g;
        }
        const t = tau[i];
        v += dt * exprel((dt * J) / t) * (f / t);
        if (delta !== null) v += delta[i];
        if (v > vth) v = vth;
        if (w) {
          const winf = a[i] * (v - rest[i]);
          ww = winf + (ww - winf) * wDecay[i];
        }
      }
      V[i] = v;
      if (w) w[i] = ww;
      if (v >= vth) {
        spikes[count++] = i;
        this.lastSpike[i] = step;
      }
    }
    return count;
  }
}

populationKernels.set('ExpIF', (pop, ctx) => new IntegrateFireKernel(pop, ctx, 'exp', false, false));
populationKernels.set('ExpIFRef', (pop, ctx) => new IntegrateFireKernel(pop, ctx, 'exp', false, true));
populationKernels.set('AdExIF', (pop, ctx) => new IntegrateFireKernel(pop, ctx, 'exp', true, false));
populationKernels.set('AdExIFRef', (pop, ctx) => new IntegrateFireKernel(pop, ctx, 'exp', true, true));
populationKernels.set('QuaIF', (pop, ctx) => new IntegrateFireKernel(pop, ctx, 'quadratic', false, false));
