/**
 * ALIF after brainpy.state (brainpy_state/_brainpy/lif.py): spike when V >= V_th + beta·a; the
 * stored spike resets V (soft: by V_th - V_reset, as BrainPy, not by the adapted threshold) and
 * adds 1 to a; V then takes the LIF's exact exponential step and a decays by e^{-dt/tau_a}.
 */
import type { PopulationIR } from '../../ir';
import { type KernelContext, populationKernels } from './kernels';
import { NeuronKernelBase } from './neuronBase';

class AlifKernel extends NeuronKernelBase {
  private readonly hard: boolean;
  private readonly decay: Float64Array;
  private readonly aDecay: Float64Array;

  constructor(pop: PopulationIR, ctx: KernelContext) {
    super(pop, ctx, { params: ['R', 'tau', 'tau_a', 'V_th', 'V_reset', 'V_rest', 'beta'], state: { V: 0, a: 0 }, refractory: false });
    this.hard = (pop.choices.reset ?? 'soft') === 'hard';
    this.decay = new Float64Array(this.n);
    this.aDecay = new Float64Array(this.n);
    this.derive();
  }

  protected override derive(): void {
    super.derive();
    if (!this.decay) return;
    for (let i = 0; i < this.n; i++) {
      this.decay[i] = Math.exp(-this.ctx.dt / this.p.tau[i]);
      this.aDecay[i] = Math.exp(-this.ctx.dt / this.p.tau_a[i]);
    }
  }

  protected spiking(i: number): boolean {
    return this.s.V[i] >= this.p.V_th[i] + this.p.beta[i] * this.s.a[i];
  }

  protected integrate(step: number, iext: Float64Array, current: Float64Array | null, spikes: Int32Array, delta: Float64Array | null): number {
    const { V, a } = this.s;
    const { R, tau, V_th: th, V_reset: vr, V_rest: rest, beta } = this.p;
    const { isyn, gsum, gesum, decay, aDecay, hard } = this;
    const dt = this.ctx.dt;
    let count = 0;
    for (let i = 0; i < this.n; i++) {
      let v = V[i];
      let aa = a[i];
      if (v >= th[i] + beta[i] * aa) {
        v = hard ? vr[i] : v - (th[i] - vr[i]);
        aa += 1;
      }
      const I = iext[i] + isyn[i];
      const g = gsum[i];
      if (current !== null) current[i] = I + gesum[i] - g * v;
      const r = R[i];
      if (g !== 0) {
        // Exact for fixed g: J = -(1 + R g)/tau, V_inf = (V_rest + R (Σ gE + I)) / (1 + R g).
        const leak = 1 + r * g;
        const vinf = (rest[i] + r * (gesum[i] + I)) / leak;
        v = vinf + (v - vinf) * Math.exp((-dt * leak) / tau[i]);
      } else {
        const vinf = rest[i] + r * I;
        v = vinf + (v - vinf) * decay[i];
      }
      if (delta !== null) v += delta[i];
      aa *= aDecay[i];
      V[i] = v;
      a[i] = aa;
      if (v >= th[i] + beta[i] * aa) {
        spikes[count++] = i;
        this.lastSpike[i] = step;
      }
    }
    return count;
  }
}

populationKernels.set('ALIF', (pop, ctx) => new AlifKernel(pop, ctx));
