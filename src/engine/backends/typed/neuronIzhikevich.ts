/**
 * Izhikevich and IzhikevichRef after brainpy.state (brainpy_state/_brainpy/izhikevich.py): a stored
 * spike sets V to c and adds d to u (always a hard reset); V takes one exponential-Euler step
 * (J = 0.08 V + 5 - Σg/C), u its exact step towards b·V using the new V. Inputs are currents
 * entering as I/C (mV/ms). As in ExpIF, V is clipped at the peak V_th on the spike step (what
 * Izhikevich's own code does before plotting), so u never integrates the overshoot.
 */
import type { PopulationIR } from '../../ir';
import { type KernelContext, populationKernels } from './kernels';
import { exprel, NeuronKernelBase } from './neuronBase';

/** Coefficients of 0.04 V² + 5 V + 140 (V in mV, t in ms), Izhikevich (2003). */
const P1 = 0.04;
const P2 = 5;
const P3 = 140;
/** a and b are rates in Hz internally; the equations want them per ms. */
const MS_PER_S = 1000;

class IzhikevichKernel extends NeuronKernelBase {
  private readonly uDecay: Float64Array;
  private readonly bPerMs: Float64Array;

  constructor(pop: PopulationIR, ctx: KernelContext, refractory: boolean) {
    super(pop, ctx, { params: ['a', 'b', 'c', 'd', 'V_th', 'C'], state: { V: -65, u: -13 }, refractory });
    this.uDecay = new Float64Array(this.n);
    this.bPerMs = new Float64Array(this.n);
    this.derive();
  }

  protected override derive(): void {
    super.derive();
    if (!this.uDecay) return;
    for (let i = 0; i < this.n; i++) {
      this.uDecay[i] = Math.exp((-this.ctx.dt * this.p.a[i]) / MS_PER_S);
      this.bPerMs[i] = this.p.b[i] / MS_PER_S;
    }
  }

  protected spiking(i: number): boolean {
    return this.s.V[i] >= this.p.V_th[i];
  }

  protected integrate(step: number, iext: Float64Array, current: Float64Array | null, spikes: Int32Array, delta: Float64Array | null): number {
    const { V, u } = this.s;
    const { c, d, V_th: th, C } = this.p;
    const { isyn, gsum, gesum, uDecay, bPerMs } = this;
    const dt = this.ctx.dt;
    let count = 0;
    for (let i = 0; i < this.n; i++) {
      let v = V[i];
      let uu = u[i];
      const vth = th[i];
      if (v >= vth) {
        v = c[i];
        uu += d[i];
      }
      const g = gsum[i];
      const syn = iext[i] + isyn[i] + gesum[i] - g * v;
      if (current !== null) current[i] = syn;
      if (!this.refractoryAt(step, i)) {
        const cap = C[i];
        const f = P1 * v * v + P2 * v + P3 - uu + syn / cap;
        const J = 2 * P1 * v + P2 - g / cap;
        v += dt * exprel(dt * J) * f;
        if (delta !== null) v += delta[i];
        if (v > vth) v = vth;
        const uinf = bPerMs[i] * v;
        uu = uinf + (uu - uinf) * uDecay[i];
      }
      V[i] = v;
      u[i] = uu;
      if (v >= vth) {
        spikes[count++] = i;
        this.lastSpike[i] = step;
      }
    }
    return count;
  }
}

populationKernels.set('Izhikevich', (pop, ctx) => new IzhikevichKernel(pop, ctx, false));
populationKernels.set('IzhikevichRef', (pop, ctx) => new IzhikevichKernel(pop, ctx, true));
