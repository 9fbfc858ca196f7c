/**
 * Brian2 code for populations of every neuron model: the bundled ones (LIF, ExpIF, AdEx, QuaIF,
 * ALIF, Izhikevich, HH and their refractory variants, AdQuaIF, GIF, Morris–Lecar, Wang–Buzsáki)
 * and a document's custom models. The NeuronGroup is
 * the one src/engine/spec/brian2.ts generates from the spec (checked against the reference
 * interpreter under Brian2 in test/spec/brian2.test.ts), with the network's parts added: parameters and initial values from
 * the built network, the spec's current input as the sum of its synaptic currents (g·(E - V) onto
 * the spec's voltage state for COBA) and current inputs.
 *
 * A population with an integration method of its own (document field `method`,
 * shared/modelspec/method.ts) gets its spec's states set to that method, so the group gets
 * Brian2's `method=` of that name while g keeps its exact decay (below).
 *
 * A group stepped by rk4 (or another scheme that would step g within the step, while SNN Studio
 * holds g over the step, SEMANTICS.md) gets its synaptic variables decayed by their exact factor
 * in a run_regularly after the state update instead of as equations of the group. A group in
 * exact or exponential-Euler steps (LIF, ExpIF, AdEx, ...) keeps them as equations under
 * Brian2's exponential Euler, which holds them for V and decays them exactly.
 */
import type { InputIR, PopulationIR, SynapseGroupIR } from '../ir';
import type { Problem } from '../../shared/problems';
import type { DimensionName } from '../../shared/units';
import { dimName } from '../../shared/modelspec/dimension';
import { getBundledNeuronModel, getSpecModel, type SpecModel } from '../../shared/modelspec/registry';
import { brian2HoldsOtherVariables, brian2NeuronGroup, brian2Refusal } from '../spec/brian2';
import { modelWithMethod } from '../../shared/modelspec/method';
import { renameSpec } from '../spec/rename';
import { type Dim, driveTerms, GroupParts, type Names, withUnit } from './brian2Groups';
import { valueExpr } from './python';
import { type ExportInput, unsupported } from './types';
import { jumpsVoltage } from '../../shared/catalog';

/** Variables of the exported Synapses (brian2.ts, brian2PulseSynapse.ts, brian2Plasticity.ts): a neuron variable may not share one. */
const SYNAPSE_NAMES = new Set(['w', 'x', 's', 't_arrival', 'xpre', 'xpost']);

/** Spec names that clash with the Synapses' variables, each with a free replacement ("w" -> "w_neuron"). */
function renames(names: readonly string[]): Map<string, string> {
  const taken = new Set(names);
  const out = new Map<string, string>();
  for (const n of names) {
    if (!SYNAPSE_NAMES.has(n)) continue;
    let to = `${n}_neuron`;
    while (taken.has(to)) to = `${to}_`;
    taken.add(to);
    out.set(n, to);
  }
  return out;
}

const EXPORT_DIM: Readonly<Record<DimensionName, Dim>> = {
  voltage: 'voltage', time: 'time', resistance: 'resistance', current: 'current', conductance: 'conductance', rate: 'rate', capacitance: 'capacitance', dimensionless: 'none',
};

/** A population as the Brian2 export looks it up: its model and integration method. */
type PopulationModel = Pick<PopulationIR, 'model' | 'method'>;

/** The spec a population's Brian2 group is generated from, its states set to the population's method, or undefined (sources). */
function exportedSpec(pop: PopulationModel): SpecModel | undefined {
  const model = getSpecModel(pop.model) ?? getBundledNeuronModel(pop.model);
  return model && modelWithMethod(model, pop.method);
}

/** True when the population's Brian2 group is generated from its model's spec. */
export function isSpecModel(pop: PopulationModel): boolean {
  return exportedSpec(pop) !== undefined;
}

/** Refusals for a spec-model population: what the spec's Brian2 text cannot express, named. */
export function checkSpecPopulation(input: ExportInput, pop: PopulationIR): Problem[] {
  const model = exportedSpec(pop);
  if (!model) return [];
  const jumps = pop.method !== undefined && input.ir.synapseGroups.some((g) => g.post === pop.index && jumpsVoltage(g.synapse.model));
  if (jumps) return [unsupported(input, 'brian2', pop.id, 'method', `method "${pop.method}" with voltage-jump (Delta) inputs: the Brian2 group generated from the ${pop.model} spec has no voltage jumps. Set method to "auto" to export.`)];
  const refusal = brian2Refusal(model.spec);
  if (refusal) return [unsupported(input, 'brian2', pop.id, 'model', `the ${pop.model} model cannot be written for Brian2: ${refusal}.`)];
  const currents = model.spec.inputs.filter((i) => dimName(i.dim) === 'current');
  if (model.spec.inputs.length !== currents.length || currents.length > 1) {
    return [unsupported(input, 'brian2', pop.id, 'model', `the ${pop.model} model declares inputs ${model.spec.inputs.map((i) => i.name).join(', ')}; the export feeds one current input.`)];
  }
  return [];
}

/** The name of the spec's voltage state (where COBA reads V), or undefined. */
export function specVoltage(pop: PopulationModel): string | undefined {
  return exportedSpec(pop)?.spec.states.find((s) => dimName(s.dim) === 'voltage')?.name;
}

/** Python for one spec-model population with its synapse variables and current inputs. */
export function specGroup(pop: PopulationIR, groups: readonly SynapseGroupIR[], inputs: readonly { ir: InputIR; name: string }[], names: Names): string[] {
  const model = exportedSpec(pop);
  if (!model) throw new Error(`${pop.model} is not a spec model`);
  const { catalog } = model;
  const declared = [...model.spec.params.map((p) => p.name), ...model.spec.states.map((s) => s.name), ...model.spec.inputs.map((i) => i.name), ...model.spec.subexpressions.keys()];
  const rename = renames(declared);
  const to = (n: string): string => rename.get(n) ?? n;
  const spec = renameSpec(model.spec, rename);
  const name = names.pop[pop.index];
  const g = new GroupParts(name, pop.size);
  for (const p of catalog.params) g.param(to(p.name), pop.params[p.name], EXPORT_DIM[p.dim]);
  const voltage = specVoltage(pop);
  const { currents, conductances } = driveTerms(pop, groups, inputs, names, g, voltage);
  // Synaptic variables held over the step and decayed after it (see above), unless the group's
  // own exponential Euler holds them (LIF, ExpIF, AdEx, ...): one state update, as Brian2's own examples write it.
  const decays: string[] = [];
  const eqs = brian2HoldsOtherVariables(model.spec) ? g.eqs : g.eqs.map((e) => {
    const m = /^d(\w+)\/dt = -\1 \/ (tau_\1) : (\w+)$/.exec(e);
    if (!m) return e;
    decays.push(`${m[1]} = ${m[1]} * exp(-dt / ${m[2]})`);
    return `${m[1]} : ${m[3]}`;
  });
  const input = spec.inputs[0]?.name;
  const init: Record<string, string> = {};
  for (const s of catalog.state ?? []) init[to(s.name)] = withUnit(valueExpr(pop.init[s.name] ?? { kind: 'scalar', value: 0 }, pop.size), EXPORT_DIM[s.dim]);
  const r = brian2NeuronGroup(spec, {
    name, n: pop.size, choices: pop.choices, inputs: {},
    network: {
      eqs, namespace: g.ns, after: g.after, params: 'given', init,
      inputs: input === undefined ? {} : { [input]: currents.length > 0 ? currents.join(' + ') : '0 * nA' },
      ...(conductances.length > 0 ? { conductance: conductances.join(' + ') } : {}),
    },
  });
  if (!r.ok) throw new Error(r.reason);
  return [
    `# "${pop.id}": ${pop.model}, ${pop.size} neuron${pop.size === 1 ? '' : 's'}, equations generated from its model spec` +
      (rename.size > 0 ? ` (renamed for Brian2's Synapses: ${[...rename].map(([a, b]) => `${a} -> ${b}`).join(', ')})` : ''),
    ...r.lines,
    ...(decays.length > 0 ? [`${name}.run_regularly('''${decays.join('\n')}''', dt=DT, when='groups', order=1)`] : []),
  ];
}
