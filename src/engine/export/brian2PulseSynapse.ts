/**
 * Brian2 code for synapse specs with a transmitter pulse (AMPA, GABAa, NMDA, or typed in the app),
 * written from the spec (typed counterpart: spec/pulseSynapseKernel.ts). SNN Studio keeps the states
 * per presynaptic neuron (AlignPreProj); here each synapse carries them (clock-driven), which are the
 * same numbers for every synapse of one presynaptic neuron because they depend only on that
 * neuron's spikes. The post group's conductance (or current) is the summed w · output.
 *
 * The pulse `TT = T for T_dur` becomes `T * int(t - t_arrival < (steps - 0.5) * DT)` with the
 * arrival time set by on_pre to the step after the spike (the spike of step n reaches the synapse in
 * step n + 1, plus the delay, as in SNN Studio) and `steps` the engine's count (spec/pulse.ts).
 * Each "exact" equation is linear in its state with the pulse held, so Brian2's exponential Euler
 * takes the engine's step. A spec in "sequential" order (NMDA: g stepped with the new x) is stepped
 * by Brian2 from the values before the step: g lags by one step of x, a difference of order dt.
 * The Synapses run with order=-1, so the states and the summed g are updated before the neurons
 * integrate in the same step, as in SNN Studio's schedule (synapses, then neurons); with the
 * default order the neurons saw g one step late (PING's rates came out 4-6 % off instead of 1-1.5 %).
 * States and parameters get the suffix `_syn` so they cannot meet a variable of the target group.
 */
import type { Expr } from '../../shared/modelspec/ast';
import { getBundledSynapseModel, getSpecModel, isPreAlignedSynapse, type SpecModel } from '../../shared/modelspec/registry';
import type { SynapseGroupIR } from '../ir';
import { brian2BaseUnit, brian2CoherentUnit, brian2Expr } from '../spec/brian2';
import { coherentParams, constantOf, type Pulse, pulseOf } from '../spec/pulse';
import { inlined, paramLiteral } from './brian2Synapse';
import { num } from './python';

/** True for a synapse model with a pulse (states per presynaptic neuron). */
export const isPulseSynapse = (model: string): boolean => isPreAlignedSynapse(model);

function modelOf(name: string): SpecModel {
  const m = getSpecModel(name) ?? getBundledSynapseModel(name);
  if (!m?.spec.synapse?.pulse) throw new Error(`${name} is not a synapse model with a pulse`);
  return m;
}

/** Why this group's pulse synapse cannot be written for Brian2, or undefined. */
export function pulseSynapseRefusal(g: SynapseGroupIR): string | undefined {
  const m = modelOf(g.synapse.model);
  const other = m.spec.states.find((s) => (s.scheme !== 'exact' && s.scheme !== 'exponential_euler') || s.max);
  if (other) return `${m.name} cannot be written for Brian2: the export steps a pulse synapse's states by exponential Euler, and ${other.name} is ${other.max ? 'bounded (max = …)' : `integrated by ${other.scheme}`}`;
  return undefined;
}

/** The Synapses' model, on_pre, namespace and initial values for group `gv` (the target's variable). */
export function pulseSynapse(g: SynapseGroupIR, gv: string, conductance: boolean, dt: number): { model: string; onPre: string; namespace: string; init: string[] } {
  const m = modelOf(g.synapse.model);
  const spec = m.spec;
  const params = coherentParams(m, g.synapse);
  const pulse = pulseOf(m, params, dt) as Pulse;
  const states = new Set(spec.states.map((s) => s.name));
  const pulseDecl = spec.synapse?.pulse;
  const py = (e: Expr): string => brian2Expr(inlined(spec, e), (n) => {
    if (states.has(n) || Object.hasOwn(params, n)) return `${n}_syn`;
    if (n === pulse.name && pulseDecl) return `(${py(pulseDecl.value)} * int(t - t_arrival < ${num(pulse.steps - 0.5)} * DT))`;
    return n;
  });
  const unit = conductance ? 'siemens' : 'amp';
  const output = spec.synapse?.output as Expr;
  return {
    model: [
      `w : ${unit} (constant)`,
      ...spec.states.map((s) => `d${s.name}_syn/dt = ${py(s.rhs)} : ${brian2BaseUnit(s.dim)} (clock-driven)`),
      't_arrival : second',
      `${gv}_post = w * ${py(output)} : ${unit} (summed)`,
    ].join('\n'),
    onPre: 't_arrival = t + dt',
    namespace: Object.entries(params).map(([p, v]) => `'${p}_syn': ${paramLiteral(m.catalog.params.find((c) => c.name === p)?.dim, v)}`).join(', '),
    init: [
      ...spec.states.map((s) => {
        const u = brian2CoherentUnit(s.dim);
        return `${s.name}_syn = ${num(constantOf(s.init, params))}${u ? ` * ${u}` : ''}`;
      }),
      't_arrival = -1e9 * ms',
    ],
  };
}
