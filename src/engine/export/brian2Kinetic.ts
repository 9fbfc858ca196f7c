/**
 * Brian2 code for the kinetic receptor synapses AMPA, GABAa and NMDA (typed counterpart:
 * src/engine/backends/typed/synapseModels.ts, KineticKernel). SNN Studio keeps the open fraction
 * g per presynaptic neuron (AlignPreProj); here each synapse carries it (`s`, clock-driven),
 * which is the same number for every synapse of one presynaptic neuron because it depends only
 * on that neuron's spikes. The post group's conductance is the summed w·s.
 * ds/dt = alpha T [pulse] (1 - s) - beta s is linear in s, so Brian2's exponential Euler takes the
 * exact step of our kernel; the pulse is on for ceil(T_dur / dt) steps from the arrival step.
 * The Synapses run with order=-1, so s and the summed g are updated before the neurons integrate
 * in the same step, as in SNN Studio's schedule (synapses, then neurons). With the default order
 * the neurons saw g one step late: PING's rates came out 4-6 % off instead of 1-1.5 %.
 */
import type { ModelIR } from '../ir';
import { num } from './python';

export const KINETIC_SYNAPSES = new Set(['AMPA', 'GABAa', 'NMDA']);

/** Same tolerance as the kernels: 0.5 ms / 0.1 ms stays 5 steps despite binary rounding of dt. */
const STEP_TOLERANCE = 1e-9;
/** Internal rates are Hz; the kinetic equations use them as they are (Brian2 carries the unit). */
const HZ = 'Hz';

/** The Synapses model, on_pre and initial values for a kinetic group whose post variable is `gv`. */
export function kineticSynapse(synapse: ModelIR, gv: string, conductance: boolean, dt: number): { model: string; onPre: string; init: string[] } {
  const p = synapse.params;
  const pulse = Math.max(1, Math.ceil(p.T_dur / dt - STEP_TOLERANCE));
  const on = `int(t - t_arrival < ${num(pulse - 0.5)} * DT)`;
  // NMDA (BrainPy's BioNMDA): the pulse drives x, x opens s. Brian2 steps both from the old x,
  // SNN Studio steps s from the new x: s lags by one step of x's 2 ms rise, a difference of order dt.
  const open = synapse.model === 'NMDA'
    ? [
        `dx/dt = ${num(p.alpha2)} * ${HZ} * ${num(p.T)} * ${on} * (1 - x) - ${num(p.beta2)} * ${HZ} * x : 1 (clock-driven)`,
        `ds/dt = ${num(p.alpha1)} * ${HZ} * x * (1 - s) - ${num(p.beta1)} * ${HZ} * s : 1 (clock-driven)`,
      ]
    : [`ds/dt = ${num(p.alpha)} * ${HZ} * ${num(p.T)} * ${on} * (1 - s) - ${num(p.beta)} * ${HZ} * s : 1 (clock-driven)`];
  return {
    model: [
      `w : ${conductance ? 'siemens' : 'amp'} (constant)`,
      ...open,
      't_arrival : second',
      `${gv}_post = w * s : ${conductance ? 'siemens' : 'amp'} (summed)`,
    ].join('\n'),
    // the spike of step n reaches the synapse in step n + 1 (+ the delay), as in SNN Studio
    onPre: 't_arrival = t + dt',
    init: [...(synapse.model === 'NMDA' ? ['x = 0'] : []), 's = 0', 't_arrival = -1e9 * ms'],
  };
}
