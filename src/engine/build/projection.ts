/**
 * A projection: connectivity rule, weight (with CUBA's scale folded in), delay, synapse and
 * output. Projections onto one population whose synapse and output are identical share one
 * synapse group, as BrainPy's AlignPostProj does.
 */
import type { ProjectionNode, ValueSpec } from '../../shared/document';
import { getModel, projectionWeight, type ModelSpec } from '../../shared/catalog';
import { isUnitError, parseRaw, productToInternal, unitErrorMessage, type DimensionName, type RawQuantity } from '../../shared/units';
import type { ConnIR, ModelIR, PopulationIR, ProjectionIR, SynapseGroupIR, ValueIR } from '../ir';
import type { BuildContext, NodeReporter } from './context';
import { showTime } from './timing';
import { distribution, quantity, scalarParam } from './values';
import type { Wiring } from './wiring';
import { buildPlasticity } from './plasticity';
import { checkRequirements } from './requirements';
import { trainedWeight } from './trained';
import { isPreAlignedSynapse } from '../../shared/modelspec/specModel';
import { groupDigits } from '../../shared/groupDigits';

function modelParams(ref: Record<string, unknown>, spec: ModelSpec, prefix: string, skip: string[], report: NodeReporter): ModelIR | undefined {
  const params: Record<string, number> = {};
  let ok = true;
  for (const p of spec.params) {
    const x = scalarParam(ref[p.name] as ValueSpec | undefined, p, `${prefix}.${p.name}`, report);
    if (x === undefined) ok = false;
    else params[p.name] = x;
  }
  for (const key of Object.keys(ref)) {
    if (key !== 'model' && key !== 'rule' && !skip.includes(key) && !spec.params.some((p) => p.name === key)) {
      report('unknown_param', `${prefix}.${key}`, `${spec.name} has no parameter "${key}"; it is ignored.`);
    }
  }
  return ok ? { model: spec.name, params } : undefined;
}

/** The weight's dimension, from the catalogue's weight facets (projectionWeight); only for projections the build accepted. */
export function weightDim(node: ProjectionNode, output: ModelSpec): DimensionName {
  const dim = projectionWeight(node.synapse.model, output.name)?.dim;
  if (!dim) throw new Error(`Projection "${node.id}": the ${node.synapse.model} synapse with the ${output.name} output has no weight dimension.`);
  return dim;
}

/** The weight's value in internal units: nA for CUBA (times its scale), µS for COBA, mV for Delta. */
function weight(node: ProjectionNode, output: ModelSpec, dim: DimensionName, report: NodeReporter): ValueIR | undefined {
  if (dim === 'voltage') {
    if (output.name !== 'CUBA' || node.output.scale !== undefined) {
      return void report('bad_value', 'output.model', 'A Delta synapse moves V directly by the weight (a voltage such as "0.5 mV"); use the CUBA output without a scale.');
    }
  } else if (output.name === 'CUBA') {
    const scaleText = node.output.scale;
    if (scaleText !== undefined && typeof scaleText !== 'boolean') {
      const raw = parseRaw(String(scaleText));
      if (isUnitError(raw)) return void report('bad_quantity', 'output.scale', `output.scale: ${unitErrorMessage(raw)}`);
      return scaledWeight(node.weight, raw, report);
    }
  }
  const w = node.weight;
  if (Array.isArray(w)) return void report('bad_value', 'weight', 'weight cannot be a list: the number of synapses is only known when the network is built. Use a value or a distribution.');
  if (typeof w === 'boolean') return void report('bad_value', 'weight', 'weight must be a quantity.');
  if (typeof w === 'object') return distribution(w, dim, 'weight', report);
  const x = quantity(w, dim, 'weight', report);
  return x === undefined ? undefined : { kind: 'scalar', value: x };
}

/** CUBA with a scale: I = g · scale, so the weight's unit times the scale's unit must be a current. */
function scaledWeight(w: ValueSpec, scale: RawQuantity, report: NodeReporter): ValueIR | undefined {
  const convert = (q: string | number, field: string): number | undefined => {
    const raw = parseRaw(String(q));
    if (isUnitError(raw)) return void report('bad_quantity', field, `${field}: ${unitErrorMessage(raw)}`);
    const value = productToInternal(raw, scale, 'current');
    if (value === undefined) {
      report('wrong_dimension', field, `${field} × output.scale must be a current (e.g. weight "0.5 nA" with scale 1, or "5 nS" with scale "1 mV"), but "${q}" × scale is not.`);
    }
    return value;
  };
  if (Array.isArray(w) || typeof w === 'boolean') return void report('bad_value', 'weight', 'weight must be a value or a distribution.');
  if (typeof w === 'object') {
    if (w.dist === 'normal') {
      const mean = convert(w.mean, 'weight.mean');
      const std = convert(w.std, 'weight.std');
      return mean === undefined || std === undefined ? undefined : { kind: 'normal', mean, std };
    }
    if (w.dist === 'uniform') {
      const low = convert(w.low, 'weight.low');
      const high = convert(w.high, 'weight.high');
      return low === undefined || high === undefined ? undefined : { kind: 'uniform', low, high };
    }
    return void report('bad_value', 'weight', 'weight cannot be a linspace; use a value, normal or uniform.');
  }
  const x = convert(w, 'weight');
  return x === undefined ? undefined : { kind: 'scalar', value: x };
}

function conn(node: ProjectionNode, nPre: number, nPost: number, samePop: boolean, report: NodeReporter): ConnIR | undefined {
  const spec = getModel('conn', node.conn.rule);
  if (!spec) {
    report('unknown_rule', 'conn.rule', `There is no connectivity rule "${node.conn.rule}" (try fixed_prob, bernoulli, fixed_indegree, fixed_outdegree, all_to_all or one_to_one).`);
    return undefined;
  }
  const m = modelParams(node.conn, spec, 'conn', ['allow_self'], report);
  if (!m) return undefined;
  const allowSelf = node.conn.allow_self === undefined ? true : node.conn.allow_self === true;
  if (node.conn.allow_self !== undefined && typeof node.conn.allow_self !== 'boolean') {
    report('bad_value', 'conn.allow_self', 'conn.allow_self must be true or false.');
    return undefined;
  }
  if (spec.name === 'one_to_one' && nPre !== nPost) {
    report('size_mismatch', 'conn.rule', `one_to_one needs populations of equal size, but pre has ${nPre} and post has ${nPost} neurons.`);
    return undefined;
  }
  const k = m.params.k;
  if (spec.name === 'fixed_outdegree' && k > nPost && !samePop) {
    // drawn with replacement, so k > nPost is possible but almost certainly a mistake
    report('bad_value', 'conn.k', `k = ${k} is more than the ${nPost} postsynaptic neurons.`, 'warning');
  }
  if (spec.name === 'fixed_indegree' && k > nPre) {
    report('bad_value', 'conn.k', `k = ${k} is more than the ${nPre} presynaptic neurons.`, 'warning');
  }
  return { rule: spec.name, allowSelf, ...(m.params.p !== undefined ? { p: m.params.p } : {}), ...(k !== undefined ? { k } : {}) };
}

export function buildProjection(
  node: ProjectionNode,
  index: number,
  wiring: Wiring,
  popIndex: Map<string, number>,
  pops: PopulationIR[],
  groups: SynapseGroupIR[],
  clock: BuildContext,
  report: NodeReporter,
): ProjectionIR | undefined {
  const dt = clock.dt;
  const pres = wiring.pre.get(node.id) ?? [];
  const posts = wiring.post.get(node.id) ?? [];
  if (pres.length !== 1 || posts.length !== 1) {
    const what = (list: string[], side: string) =>
      list.length === 0 ? `no ${side} population (wire one ${side === 'pre' ? 'into' : 'out of'} it)` : list.length > 1 ? `${list.length} ${side} populations (${list.join(', ')}); use one projection per pair` : '';
    const msg = [what(pres, 'pre'), what(posts, 'post')].filter(Boolean).join(' and ');
    report('projection_unwired', '', `Projection "${node.id}" has ${msg}.`);
    return undefined;
  }
  const pre = popIndex.get(pres[0]);
  const post = popIndex.get(posts[0]);
  const synSpec = getModel('synapse', node.synapse.model);
  const outSpec = getModel('output', node.output.model);
  if (!synSpec) report('unknown_model', 'synapse.model', `There is no synapse model "${node.synapse.model}".`);
  if (!outSpec) report('unknown_model', 'output.model', `There is no output model "${node.output.model}" (try CUBA or COBA).`);
  const dim = projectionWeight(node.synapse.model, node.output.model)?.dim;
  if (synSpec && outSpec && !dim) report('unsupported', 'output.model', `The ${outSpec.name} output does not say what its weight is (no weight facet in the catalogue).`);
  if (pre === undefined || post === undefined || !synSpec || !outSpec || !dim) return undefined;
  const c = conn(node, pops[pre].size, pops[post].size, pre === post, report);
  const synapse = modelParams(node.synapse, synSpec, 'synapse', [], report);
  const output = modelParams(node.output, outSpec, 'output', outSpec.name === 'CUBA' ? ['scale'] : [], report);
  const w = node.trained ? trainedWeight(node, dim, report) : weight(node, outSpec, dim, report);
  if (synapse) checkRequirements(synapse, 'synapse', report);
  const plasticity = buildPlasticity(node, dim, report);
  let delaySteps = 0;
  if (node.delay !== undefined) {
    const d = quantity(node.delay, 'time', 'delay', report);
    if (d !== undefined && d < 0) report('bad_value', 'delay', 'delay cannot be negative.');
    else if (d !== undefined) {
      const exact = d / dt;
      if (clock.steps === 0) {
        // the run's clock is unusable (reported under simulation.*): nothing to measure the delay against
      } else if (!(exact < clock.steps)) {
        // Nothing sent can arrive before the end either way; capping keeps the delay ring the run's length, not 10^300 slots.
        delaySteps = clock.steps;
        report('bad_value', 'delay', `delay = ${showTime(d)} is at least as long as the whole run (${groupDigits(clock.steps)} steps of ${showTime(dt)}), so no spike sent through "${node.id}" ever arrives. Use a shorter delay or a longer duration.`, 'warning');
      } else {
        delaySteps = Math.round(exact);
        if (Math.abs(delaySteps * dt - d) > 1e-9 * Math.max(1, d)) {
          report('bad_value', 'delay', `delay ${showTime(d)} is not a whole number of steps of ${showTime(dt)}; it is rounded to ${showTime(delaySteps * dt)}.`, 'warning');
        }
      }
    }
  }
  if (!c || !synapse || !output || !w || !plasticity.ok) return undefined;
  // Pre-aligned synapses keep state per presynaptic neuron, so they never share a group.
  const key = isPreAlignedSynapse(synapse.model) ? null : JSON.stringify([post, synapse, output]);
  let group = key === null ? undefined : groups.find((g) => !isPreAlignedSynapse(g.synapse.model) && JSON.stringify([g.post, g.synapse, g.output]) === key);
  if (!group) {
    group = { index: groups.length, post, synapse, output, projections: [] };
    groups.push(group);
  }
  (group.projections as number[]).push(index);
  return { id: node.id, pre, post, conn: c, weight: w, delaySteps, group: group.index, ...(plasticity.ir ? { plasticity: plasticity.ir } : {}) };
}

