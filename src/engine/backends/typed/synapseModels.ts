/**
 * Synapse kernels of the model library (issue 7) on typed arrays, following brainpy.state
 * (brainpy_state/_brainpy/exponential.py, synapse.py, synouts.py):
 * - DualExpon, Alpha: specs (src/shared/modelspec/synapses), aligned on the post neurons, their
 *   kernels compiled from the spec (spec/synapseKernel.ts), g computed in the 'synapses' phase
 *   (decay = 1 for the neuron loop). Their states are linear, so "exact" is their propagator and
 *   g matches the closed-form kernels at every sample.
 * - AMPA, GABAa, NMDA: kinetic, per presynaptic neuron (AlignPreProj). Their equations are
 *   linear in the updated variable for a fixed transmitter pulse, so exponential Euler (BrainPy's
 *   method) is exact per step and used here in closed form.
 */
import type { ModelIR } from '../../ir';
import { getBundledSynapseModel, getSpecModel, type SpecModel } from '../../../shared/modelspec/registry';
import { BUNDLED_SYNAPSE_SPECS } from '../../../shared/modelspec/synapses';
import { specSynapseFactory } from '../../spec/synapseKernel';
import { type PreSynapseKernel, preSynapseKernels, synapseKernelFallbacks, synapseKernels } from './kernels';
import { stepsAtLeast } from '../common/steps';

/** Rates are stored in Hz; the kernels step in ms. */
const MS_PER_S = 1000;
/** "Never arrived": far enough in the past that no transmitter pulse is active. */
const NEVER = -(2 ** 30);

export function positive(model: ModelIR, name: string): number {
  const x = model.params[name];
  if (!(x > 0)) throw new Error(`${model.model} synapse needs ${name} > 0 (got ${x}).`);
  return x;
}

/** Steps a transmitter pulse of `duration` ms lasts: t − t_arrival < T_dur (BrainPy). */
function pulseSteps(duration: number, dt: number): number {
  return stepsAtLeast(duration, dt, 1);
}

/** AMPA / GABAa: dg/dt = alpha [T] (1 − g) − beta g with a square transmitter pulse. */
class KineticKernel implements PreSynapseKernel {
  readonly state: Float64Array;
  private readonly arrival: Int32Array;
  private readonly pulse: number;
  private readonly gOn: number;
  private readonly eOn: number;
  private readonly eOff: number;

  constructor(model: ModelIR, nPre: number, dt: number) {
    const alpha = positive(model, 'alpha') / MS_PER_S;
    const beta = positive(model, 'beta') / MS_PER_S;
    const T = model.params.T;
    if (!(T >= 0)) throw new Error(`${model.model} synapse needs T >= 0 (got ${T}).`);
    this.state = new Float64Array(nPre);
    this.arrival = new Int32Array(nPre).fill(NEVER);
    this.pulse = pulseSteps(positive(model, 'T_dur'), dt);
    const kOn = alpha * T + beta;
    this.gOn = (alpha * T) / kOn;
    this.eOn = Math.exp(-dt * kOn);
    this.eOff = Math.exp(-dt * beta);
  }

  advance(step: number, arrived: Uint8Array): void {
    const { state: g, arrival, pulse, gOn, eOn, eOff } = this;
    for (let i = 0; i < g.length; i++) {
      if (arrived[i]) arrival[i] = step;
      if (step - arrival[i] < pulse) g[i] = gOn + (g[i] - gOn) * eOn;
      else g[i] *= eOff;
    }
  }
}

/** NMDA (BrainPy's BioNMDA): x driven by the pulse, then g driven by the new x. */
class NmdaKernel implements PreSynapseKernel {
  readonly state: Float64Array;
  private readonly x: Float64Array;
  private readonly arrival: Int32Array;
  private readonly pulse: number;
  private readonly xOn: number;
  private readonly exOn: number;
  private readonly exOff: number;
  private readonly alpha1: number;
  private readonly beta1: number;
  private readonly dt: number;

  constructor(model: ModelIR, nPre: number, dt: number) {
    this.alpha1 = positive(model, 'alpha1') / MS_PER_S;
    this.beta1 = positive(model, 'beta1') / MS_PER_S;
    const alpha2 = positive(model, 'alpha2') / MS_PER_S;
    const beta2 = positive(model, 'beta2') / MS_PER_S;
    const T = model.params.T;
    if (!(T >= 0)) throw new Error(`NMDA synapse needs T >= 0 (got ${T}).`);
    this.dt = dt;
    this.state = new Float64Array(nPre);
    this.x = new Float64Array(nPre);
    this.arrival = new Int32Array(nPre).fill(NEVER);
    this.pulse = pulseSteps(positive(model, 'T_dur'), dt);
    const kOn = alpha2 * T + beta2;
    this.xOn = (alpha2 * T) / kOn;
    this.exOn = Math.exp(-dt * kOn);
    this.exOff = Math.exp(-dt * beta2);
  }

  advance(step: number, arrived: Uint8Array): void {
    const { state: g, x, arrival, pulse, xOn, exOn, exOff, alpha1, beta1, dt } = this;
    for (let i = 0; i < g.length; i++) {
      if (arrived[i]) arrival[i] = step;
      const xi = step - arrival[i] < pulse ? xOn + (x[i] - xOn) * exOn : x[i] * exOff;
      x[i] = xi;
      const k = alpha1 * xi + beta1;
      const gInf = (alpha1 * xi) / k;
      g[i] = gInf + (g[i] - gInf) * Math.exp(-dt * k);
    }
  }
}

// Bundled synapse models with a spec (DualExpon, Alpha: src/shared/modelspec/synapses), except
// those known by name (Expon, the decay fused into the neuron loops): kernels from their spec.
for (const src of BUNDLED_SYNAPSE_SPECS) {
  if (src.knownByName !== true) synapseKernels.set(src.name, specSynapseFactory(getBundledSynapseModel(src.name) as SpecModel));
}
// Synapse models typed in the app (registered at run time): a kernel compiled from their spec.
synapseKernelFallbacks.push((name) => {
  const model = getSpecModel(name);
  return model?.spec.synapse ? specSynapseFactory(model) : undefined;
});
preSynapseKernels.set('AMPA', (model, nPre, ctx) => new KineticKernel(model, nPre, ctx.dt));
preSynapseKernels.set('GABAa', (model, nPre, ctx) => new KineticKernel(model, nPre, ctx.dt));
preSynapseKernels.set('NMDA', (model, nPre, ctx) => new NmdaKernel(model, nPre, ctx.dt));
