/**
 * Hodgkin–Huxley after brainpy.state (brainpy_state/_brainpy/hh.py), for networks the kernel
 * generated from HH's spec does not take (neuronModels.ts: no WebAssembly, more than two synapse
 * groups, voltage jumps, a monitor of I); the same scheme, test/engine/hhFused.test.ts compares
 * the two. BrainPy's rate functions and
 * exponential Euler on the gating variables with V of the previous step. Two documented choices:
 * - V also takes an exponential-Euler step (exact for frozen m, h, n, g), J = -(Σ conductances)/C.
 *   brainpy.state's dV ignores its argument, which makes its V step forward Euler and unstable at
 *   dt = 0.1 ms; this is Brian2's "exponential_euler" for the same equations.
 * - A spike is an upward crossing of V_th (BrainPy 2's HH rule). brainpy.state's V >= V_th would
 *   count every step of the ~1 ms the action potential stays above V_th.
 */
import type { PopulationIR } from '../../ir';
import { type KernelContext, populationKernels } from './kernels';
import { exprel, NeuronKernelBase } from './neuronBase';

/** Rate functions in 1/ms with V in mV (Hodgkin & Huxley 1952, shifted to rest at -65 mV). */
export const hhRates = {
  am: (v: number): number => 1 / exprel(-(v + 40) / 10),
  bm: (v: number): number => 4 * Math.exp(-(v + 65) / 18),
  ah: (v: number): number => 0.07 * Math.exp(-(v + 65) / 20),
  bh: (v: number): number => 1 / (1 + Math.exp(-(v + 35) / 10)),
  an: (v: number): number => 0.1 / exprel(-(v + 55) / 10),
  bn: (v: number): number => 0.125 * Math.exp(-(v + 65) / 80),
};

/** x <- x_inf + (x - x_inf) e^{-dt(α+β)}: the exact step of dx/dt = α(1 - x) - βx for fixed V. */
function gateStep(x: number, alpha: number, beta: number, dt: number): number {
  const k = alpha + beta;
  const inf = alpha / k;
  return inf + (x - inf) * Math.exp(-dt * k);
}

class HHKernel extends NeuronKernelBase {
  constructor(pop: PopulationIR, ctx: KernelContext) {
    super(pop, ctx, { params: ['ENa', 'gNa', 'EK', 'gK', 'EL', 'gL', 'V_th', 'C'], state: { V: -65, m: 0.052932, h: 0.596121, n: 0.317677 }, refractory: false });
    this.derive();
  }

  protected spiking(i: number): boolean {
    return this.s.V[i] >= this.p.V_th[i];
  }

  protected integrate(step: number, iext: Float64Array, current: Float64Array | null, spikes: Int32Array, delta: Float64Array | null): number {
    const { V, m, h, n } = this.s;
    const { ENa, gNa, EK, gK, EL, gL, V_th: th, C } = this.p;
    const { isyn, gsum, gesum } = this;
    const dt = this.ctx.dt;
    const r = hhRates;
    let count = 0;
    for (let i = 0; i < this.n; i++) {
      const v = V[i];
      const mm = m[i];
      const hh = h[i];
      const nn = n[i];
      const I = iext[i] + isyn[i];
      const g = gsum[i];
      if (current !== null) current[i] = I + gesum[i] - g * v;
      const gna = gNa[i] * mm * mm * mm * hh;
      const gk = gK[i] * nn * nn * nn * nn;
      const total = gna + gk + gL[i] + g;
      const vinf = (gna * ENa[i] + gk * EK[i] + gL[i] * EL[i] + gesum[i] + I) / total;
      let vNew = vinf + (v - vinf) * Math.exp((-dt * total) / C[i]);
      if (delta !== null) vNew += delta[i];
      m[i] = gateStep(mm, r.am(v), r.bm(v), dt);
      h[i] = gateStep(hh, r.ah(v), r.bh(v), dt);
      n[i] = gateStep(nn, r.an(v), r.bn(v), dt);
      V[i] = vNew;
      if (vNew >= th[i] && v < th[i]) {
        spikes[count++] = i;
        this.lastSpike[i] = step;
      }
    }
    return count;
  }
}

populationKernels.set('HH', (pop, ctx) => new HHKernel(pop, ctx));
