/**
 * Brian2 code for synapse models with a spec (`synapse Name`): the bundled DualExpon and Alpha
 * (src/shared/modelspec/synapses) and those typed as text. Their states live per
 * postsynaptic neuron, so each synapse group gets a NeuronGroup of its own, one "neuron" per
 * target, written from the spec by the spec exporter (spec/brian2.ts: equations and method, or
 * the interpreter's step as code) with order=1, so in every step the target neurons (order 0)
 * read the states before the synapse's update, as the engine's neurons read g after it:
 *
 *   engine, step k:  S <- on_pre(integrate(S)) (spikes of step k-1);  V integrated with output(S)
 *   Brian2, step k:  V integrated with output(S) (order 0);  S <- integrate(S) (order 1);
 *                    then the Synapses' on_pre for the spikes of step k
 *
 * which is the same recursion. The target group links each state (`h_g : 1 (linked)`) and reads
 * `g = output · unit : amp|siemens`; the Synapses write on_pre into the state group with
 * w / unit, since the spec's states and w are plain numbers in the weight's unit (nA or µS).
 */
import type { Expr } from '../../shared/modelspec/ast';
import { SPIKE_WEIGHT } from '../../shared/modelspec/check';
import { unitWord } from '../../shared/modelspec/dimension';
import { getSpecModel, internalPerCoherent, isBundledModel } from '../../shared/modelspec/registry';
import type { NeuronSpec } from '../../shared/modelspec/check';
import type { SynapseGroupIR } from '../ir';
import { brian2Expr, brian2NeuronGroup, brian2Refusal } from '../spec/brian2';
import { linearPropagator } from '../spec/linearSystem';

/** How the script's comments name a spec synapse: bundled (from its spec) or the user's (typed as text). */
export const specSynapseOrigin = (model: string): string => (isBundledModel(model) ? 'from its spec' : 'typed as text');

/** `e` with the spec's named expressions written out (they live in the spec, not in the target group). */
export function inlined(spec: NeuronSpec, e: Expr, seen: ReadonlySet<string> = new Set()): Expr {
  switch (e.kind) {
    case 'name': {
      const sub = spec.subexpressions.get(e.name);
      return sub && !seen.has(e.name) ? inlined(spec, sub.value, new Set([...seen, e.name])) : e;
    }
    case 'unary': return { ...e, arg: inlined(spec, e.arg, seen) };
    case 'binary': return { ...e, left: inlined(spec, e.left, seen), right: inlined(spec, e.right, seen) };
    case 'call': return { ...e, args: e.args.map((a) => inlined(spec, a, seen)) };
    default: return e;
  }
}

/**
 * The spec of a post-aligned synapse model run from its spec (bundled DualExpon, Alpha, or typed
 * as text); undefined for the others, and for those with a pulse (brian2PulseSynapse.ts).
 */
function synapseSpec(model: string) {
  const m = getSpecModel(model);
  return m?.spec.synapse && !m.spec.synapse.pulse ? m : undefined;
}

export const isSpecSynapse = (model: string): boolean => synapseSpec(model) !== undefined;

/** Why this group's synapse model cannot be written for Brian2, or undefined. */
export function specSynapseRefusal(g: SynapseGroupIR): string | undefined {
  const m = synapseSpec(g.synapse.model);
  if (!m) return `${g.synapse.model} is not a synapse model with a spec`;
  const refusal = brian2Refusal(m.spec);
  if (refusal) return `${m.name} cannot be written for Brian2: ${refusal}`;
  return undefined;
}

/** Python name of the NeuronGroup holding group `gv`'s synapse states. */
export const stateGroupName = (gv: string): string => `${gv}_states`;

/** Parameters of the group in coherent units (rates per ms), as the spec exporter wants them. */
function coherentParams(g: SynapseGroupIR): Record<string, number> {
  const m = synapseSpec(g.synapse.model);
  const out: Record<string, number> = {};
  for (const p of m?.catalog.params ?? []) out[p.name] = g.synapse.params[p.name] / internalPerCoherent(p.dim);
  return out;
}

/** The NeuronGroup of the synapse states of group `gv` (one per target neuron). */
export function specSynapseStateGroup(g: SynapseGroupIR, gv: string, postSize: number, dt: number): string[] {
  const m = synapseSpec(g.synapse.model);
  if (!m) throw new Error(`${g.synapse.model} is not a synapse spec`);
  // "exact" states forming a linear system with constant coefficients are stepped by their
  // propagator (spec/linearSystem.ts), which is Brian2's 'exact'. Otherwise the engine steps each
  // exact state with the others held, which is Brian2's exponential_euler.
  const params = coherentParams(g);
  const coupledByState = m.spec.states.length > 1 && m.spec.states.every((s) => s.scheme === 'exact') && linearPropagator(m.spec, params, dt) === null;
  const spec = coupledByState ? { ...m.spec, states: m.spec.states.map((s) => ({ ...s, scheme: 'exponential_euler' as const })) } : m.spec;
  const r = brian2NeuronGroup(spec, { name: stateGroupName(gv), n: postSize, params, inputs: {}, order: 1 });
  if (!r.ok) throw new Error(r.reason);
  return [`# synapse states of ${m.name} (${specSynapseOrigin(m.name)}), one per target neuron; updated after the neurons read them`, ...r.lines];
}

/** Python spelling of a name in the spec: states and parameters renamed, unit words as units. */
function spelling(declared: ReadonlySet<string>, rename: (n: string) => string): (e: Expr) => string {
  return (e) => brian2Expr(e, (n) => (declared.has(n) ? rename(n) : unitWord(n) ? n : n));
}

/**
 * The target group's side: a linked variable per state and `gv = output · unit`. Parameters the
 * output reads go into the target's namespace as `<param>_<gv>`.
 */
export function specSynapseDrive(g: SynapseGroupIR, gv: string, postName: string, cond: boolean, parts: { readonly eqs: string[]; readonly ns: string[]; readonly after: string[] }): void {
  const m = synapseSpec(g.synapse.model);
  if (!m?.spec.synapse) throw new Error(`${g.synapse.model} is not a synapse spec`);
  const states = new Set(m.spec.states.map((s) => s.name));
  const params = coherentParams(g);
  const declared = new Set([...states, ...Object.keys(params)]);
  const py = spelling(declared, (n) => `${n}_${gv}`);
  for (const s of states) {
    parts.eqs.push(`${s}_${gv} : 1 (linked)`);
    parts.after.push(`${postName}.${s}_${gv} = b2.linked_var(${stateGroupName(gv)}, '${s}')`);
  }
  for (const [p, v] of Object.entries(params)) parts.ns.push(`'${p}_${gv}': ${paramLiteral(m.catalog.params.find((c) => c.name === p)?.dim, v)}`);
  parts.eqs.push(`${gv} = ${py(inlined(m.spec, m.spec.synapse.output))} * ${cond ? 'uS' : 'nA'} : ${cond ? 'siemens' : 'amp'}`);
}

/** A parameter's coherent value with its Brian2 unit ("0.98 * (1/ms)"). */
export function paramLiteral(dim: string | undefined, v: number): string {
  const unit: Record<string, string> = { time: 'ms', voltage: 'mV', current: 'nA', conductance: 'uS', resistance: 'Mohm', capacitance: 'nF', rate: '(1/ms)' };
  const u = dim ? unit[dim] : undefined;
  return u ? `${v} * ${u}` : String(v);
}

/** The Synapses' on_pre (into the state group, `w` divided by the weight's unit) and its namespace. */
export function specSynapseOnPre(g: SynapseGroupIR, cond: boolean): { onPre: string; namespace: string } {
  const m = synapseSpec(g.synapse.model);
  if (!m?.spec.synapse) throw new Error(`${g.synapse.model} is not a synapse spec`);
  const states = new Set(m.spec.states.map((s) => s.name));
  const params = coherentParams(g);
  const declared = new Set([...states, ...Object.keys(params), SPIKE_WEIGHT]);
  const unit = cond ? 'uS' : 'nA';
  const py = spelling(declared, (n) => (states.has(n) ? `${n}_post` : n === SPIKE_WEIGHT ? `(w / ${unit})` : `${n}_syn`));
  const onPre = m.spec.synapse.onPre.map((s) => `${s.target}_post ${s.op} ${py(inlined(m.spec, s.value))}`).join('\n');
  const namespace = Object.entries(params).map(([p, v]) => `'${p}_syn': ${paramLiteral(m.catalog.params.find((c) => c.name === p)?.dim, v)}`).join(', ');
  return { onPre, namespace };
}
