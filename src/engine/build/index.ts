/**
 * Build: document -> Network IR. Pure: no allocation proportional to the network (that happens
 * in a backend), every parameter converted to internal units, defaults filled in from the
 * catalogue, every problem collected with its path. A document with an error yields no IR.
 */
import type { DerivedFacts } from '../../shared/derivedFacts';
import { derivedFacts } from './facts';
import { Document, type InputNode, type MonitorNode, type Node, type PopulationNode } from '../../shared/document';
import { getModel, getPopulationModel, type ModelSpec } from '../../shared/catalog';
import { hasErrors, jsonPath, problem, type Problem } from '../../shared/problems';
import { sizeProblem, STRUCTURE_TEXT } from '../../shared/structure';
import type { InputIR, MonitorIR, NetworkIR, PopulationIR, ProjectionIR, SynapseGroupIR, ValueIR } from '../ir';
import { BuildContext, type NodeReporter } from './context';
import { runClock, showTime } from './timing';
import { listParam, perNeuronParam, quantity } from './values';
import { resolveWiring, type Wiring } from './wiring';
import { buildProjection } from './projection';
import { checkTimeSteps } from './checks';
import { checkMemory, DEFAULT_MEMORY_BUDGET_BYTES, memoryParts, recordingBudget, type MemoryPart } from './memory';
import { checkThresholds } from './threshold';
import { buildMethod } from './method';
import { registerDocumentModels } from '../../shared/modelspec/registry';

export { DEFAULT_MEMORY_BUDGET_BYTES, type MemoryPart } from './memory';

export interface BuildOptions {
  /** Refuse networks whose estimated memory exceeds this (default 4 GiB). */
  readonly memoryBudgetBytes?: number;
  /** Override the document's duration, ms. */
  readonly durationMs?: number;
  /** Override the document's seed. */
  readonly seed?: number;
}

export interface BuildResult {
  readonly ir: NetworkIR | null;
  readonly problems: Problem[];
  /** Estimated peak bytes of the run (state, connectivity, recordings), when the clock was usable. */
  readonly memoryBytes?: number;
  /** The estimate's parts, largest first. */
  readonly memoryParts?: readonly MemoryPart[];
  /** Threshold and reset lines, rheobase, V∞ and constant drive per neuron population that built (absent when the document did not parse). */
  readonly facts?: DerivedFacts;
}

/** Document (unknown input, validated here) -> IR and problems. */
export function build(input: unknown, options: BuildOptions = {}): BuildResult {
  const parsed = Document.safeParse(input);
  if (!parsed.success) {
    return {
      ir: null,
      problems: parsed.error.issues.map((issue) =>
        problem('invalid_structure', jsonPath(issue.path), `${jsonPath(issue.path) || 'The document'}: ${issue.message}.`),
      ),
    };
  }
  return buildDocument(parsed.data, options);
}

function buildDocument(doc: Document, options: BuildOptions): BuildResult {
  const sim = doc.simulation;
  const pre = new BuildContext(0);
  const { dt, duration, steps } = runClock(sim, options.durationMs, pre);
  const ctx = new BuildContext(dt ?? 0.1, steps);
  ctx.problems.push(...pre.problems, ...registerDocumentModels(doc.customModels ?? [])); // the document's own models, before any population looks one up

  const byId = new Map<string, Node>();
  const indexOf = new Map<string, number>();
  doc.nodes.forEach((node, i) => {
    if (byId.has(node.id)) {
      ctx.report('duplicate_id', `nodes[${i}].id`, STRUCTURE_TEXT.duplicateId(node.id, indexOf.get(node.id)!), node.id, 'id');
      return;
    }
    byId.set(node.id, node);
    indexOf.set(node.id, i);
  });
  const wiring = resolveWiring(doc, byId, ctx);

  const populations: PopulationIR[] = [];
  const popIndex = new Map<string, number>();
  doc.nodes.forEach((node, i) => {
    if (node.kind !== 'population' || byId.get(node.id) !== node) return;
    const pop = buildPopulation(node, populations.length, ctx, ctx.forNode(i, node.id));
    if (pop) {
      popIndex.set(node.id, pop.index);
      populations.push(pop);
    }
  });

  const inputs: InputIR[] = [];
  const projections: ProjectionIR[] = [];
  const groups: SynapseGroupIR[] = [];
  const monitors: MonitorIR[] = [];
  doc.nodes.forEach((node, i) => {
    if (byId.get(node.id) !== node) return;
    const report = ctx.forNode(i, node.id);
    if (node.kind === 'input') inputs.push(...buildInputs(node, wiring, popIndex, populations, report));
    else if (node.kind === 'projection') {
      const built = buildProjection(node, projections.length, wiring, popIndex, populations, groups, ctx, report);
      if (built) projections.push(built);
    } else if (node.kind === 'monitor') monitors.push(...buildMonitors(node, wiring, popIndex, populations, ctx, report));
  });

  checkTimeSteps(doc, ctx);
  checkThresholds(doc, populations, inputs, projections, groups, indexOf, duration, ctx);
  let memory: { memoryBytes: number; memoryParts: MemoryPart[] } | undefined;
  let recording: { recordingBudgetBytes: number } | undefined;
  if (dt !== undefined && duration !== undefined) {
    const parts = memoryParts(populations, inputs, projections, groups, monitors, dt, steps).sort((a, b) => b.bytes - a.bytes);
    const budget = options.memoryBudgetBytes ?? DEFAULT_MEMORY_BUDGET_BYTES;
    const total = checkMemory(parts, projections, populations, budget, doc, indexOf, ctx);
    memory = { memoryBytes: total, memoryParts: parts };
    if (monitors.some((m) => m.record === 'spikes')) recording = { recordingBudgetBytes: recordingBudget(parts, budget) };
  }

  // Facts of the populations that built, also when others did not (the inspector shows them while the user fixes the rest).
  const facts = derivedFacts(doc, populations, inputs);
  if (hasErrors(ctx.problems) || dt === undefined || duration === undefined) return { ir: null, problems: ctx.problems, facts, ...memory };
  const ir: NetworkIR = {
    dt,
    duration,
    steps,
    seed: options.seed ?? sim.seed,
    backend: sim.backend,
    populations,
    inputs,
    projections,
    synapseGroups: groups,
    monitors,
    ...recording,
  };
  return { ir, problems: ctx.problems, facts, ...memory };
}

/** Parameters of `node` against `spec`: numeric, per neuron where allowed, lists, and choices. */
function buildParams(
  node: PopulationNode | InputNode,
  spec: ModelSpec,
  size: number,
  report: NodeReporter,
): { params: Record<string, ValueIR>; lists: Record<string, Float64Array>; choices: Record<string, string>; ok: boolean } {
  const params: Record<string, ValueIR> = {};
  const lists: Record<string, Float64Array> = {};
  const choices: Record<string, string> = {};
  let ok = true;
  const known = new Set<string>();
  for (const p of spec.params) {
    known.add(p.name);
    const field = `params.${p.name}`;
    if (p.list) {
      const list = listParam(node.params[p.name], p, field, report);
      if (list) lists[p.name] = list;
      else ok = false;
      continue;
    }
    const v = perNeuronParam(node.params[p.name], p, size, field, report);
    if (v) params[p.name] = v;
    else ok = false;
  }
  for (const c of spec.choices ?? []) {
    known.add(c.name);
    const v = node.params[c.name] ?? c.default;
    if (typeof v === 'string' && c.choices.includes(v)) choices[c.name] = v;
    else {
      report('bad_value', `params.${c.name}`, `params.${c.name} must be one of ${c.choices.map((x) => `"${x}"`).join(', ')} (got ${JSON.stringify(v)}).`);
      ok = false;
    }
  }
  for (const name of Object.keys(node.params)) {
    if (!known.has(name)) {
      const names = [...known].join(', ') || 'none';
      report('unknown_param', `params.${name}`, `${spec.name} has no parameter "${name}" (its parameters: ${names}); it is ignored.`);
    }
  }
  return { params, lists, choices, ok };
}

function buildPopulation(node: PopulationNode, index: number, clock: BuildContext, report: NodeReporter): PopulationIR | undefined {
  const spec = getPopulationModel(node.model);
  const badSize = sizeProblem(node.size);
  const sizeOk = badSize === null;
  if (badSize) report('bad_size', 'size', badSize);
  if (!spec) {
    report('unknown_model', 'model', `There is no population model "${node.model}".`);
    return undefined;
  }
  if (!sizeOk) return undefined;
  const { params, lists, choices, ok } = buildParams(node, spec, node.size, report);
  const init: Record<string, ValueIR> = {};
  let initOk = true;
  for (const s of spec.state ?? []) {
    const given = node.init?.[s.name];
    const v = perNeuronParam(given ?? s.init, { name: s.name, dim: s.dim, doc: s.doc, perNeuron: true }, node.size, `init.${s.name}`, report);
    if (v) init[s.name] = v;
    else initOk = false;
  }
  for (const name of Object.keys(node.init ?? {})) {
    if (!(spec.state ?? []).some((s) => s.name === name)) {
      report('unknown_param', `init.${name}`, `${spec.name} has no state variable "${name}"; it is ignored.`);
    }
  }
  if (lists.indices) {
    const times = lists.times ?? new Float64Array(0);
    const idx = lists.indices;
    if (idx.length === 1 && times.length > 1) lists.indices = new Float64Array(times.length).fill(idx[0]);
    else if (idx.length !== times.length) {
      report('size_mismatch', 'params.indices', `params.indices has ${idx.length} entries but params.times has ${times.length}; give one index per spike time.`);
      return undefined;
    }
    const bad = lists.indices.findIndex((i) => i >= node.size);
    if (bad >= 0) {
      report('bad_value', `params.indices[${bad}]`, `Neuron index ${lists.indices[bad]} does not exist in a population of ${node.size}.`);
      return undefined;
    }
  }
  if (lists.times && clock.steps > 0) dropLateSpikes(lists, clock, report);
  // Return what parsed even when a parameter failed (its error is already recorded and no IR
  // will be produced), so projections and monitors on this population are still checked.
  void ok;
  void initOk;
  const method = buildMethod(node, spec.name, params, clock.dt, report);
  return { id: node.id, index, model: spec.name, family: spec.family as 'neuron' | 'source', size: node.size, params, choices, lists, init, ...(method ? { method } : {}) };
}

/**
 * Spike times at or after the end of the run are never emitted: say so and leave them out of
 * the IR, so a time such as "1e12 ms" never becomes a step number that wraps around in 32 bits.
 */
function dropLateSpikes(lists: Record<string, Float64Array>, clock: BuildContext, report: NodeReporter): void {
  const times = lists.times;
  const keep = (t: number): boolean => Math.round(t / clock.dt) < clock.steps;
  const late = times.reduce((n, t) => n + (keep(t) ? 0 : 1), 0);
  if (late === 0) return;
  const first = times.findIndex((t) => !keep(t));
  report('bad_value', `params.times[${first}]`,
    `${late === 1 ? 'A spike time' : `${late} spike times`} (the first: ${showTime(times[first])}) ${late === 1 ? 'is' : 'are'} at or after the end of the run (${showTime(clock.steps * clock.dt)}), so ${late === 1 ? 'it is' : 'they are'} never emitted.`,
    'warning');
  const kept = Array.from(times.keys()).filter((k) => keep(times[k]));
  lists.times = Float64Array.from(kept, (k) => times[k]);
  if (lists.indices) {
    const idx = lists.indices;
    lists.indices = Float64Array.from(kept, (k) => idx[k]);
  }
}

function buildInputs(node: InputNode, wiring: Wiring, popIndex: Map<string, number>, pops: PopulationIR[], report: NodeReporter): InputIR[] {
  const spec = getModel('input', node.model);
  if (!spec) {
    report('unknown_model', 'model', `There is no input model "${node.model}" (try constant, step, ramp, sinusoid or ou).`);
    return [];
  }
  const targets = wiring.inputTargets.get(node.id) ?? [];
  if (targets.length === 0) {
    report('unused_node', '', `Input "${node.id}" is not wired to any population, so it does nothing.`);
    buildParams(node, spec, 1, report); // still check its parameters
    return [];
  }
  const out: InputIR[] = [];
  for (const target of targets) {
    const t = popIndex.get(target);
    if (t === undefined) continue; // the population itself was reported
    const { params, ok } = buildParams(node, spec, pops[t].size, report);
    if (ok) out.push({ id: node.id, model: spec.name, target: t, params });
  }
  return out;
}

function buildMonitors(node: MonitorNode, wiring: Wiring, popIndex: Map<string, number>, pops: PopulationIR[], clock: BuildContext, report: NodeReporter): MonitorIR[] {
  const dt = clock.dt;
  const sources = wiring.monitorSources.get(node.id) ?? [];
  if (sources.length === 0) report('unused_node', '', `Monitor "${node.id}" is not wired from any population, so it records nothing.`);
  let every = 1;
  if (node.interval !== undefined) {
    const iv = quantity(node.interval, 'time', 'interval', report);
    if (iv !== undefined && iv > 0) {
      // beyond the run's length every interval samples step 0 only; the cap keeps `every` an ordinary number
      every = Math.min(Math.max(1, Math.round(iv / dt)), Math.max(1, clock.steps));
      if (iv < dt) report('bad_value', 'interval', `interval = ${showTime(iv)} is shorter than dt = ${showTime(dt)}; the monitor samples every step.`, 'warning');
      else if (Math.abs(iv / dt - Math.round(iv / dt)) > 1e-9 * (iv / dt)) {
        report('bad_value', 'interval', `interval = ${showTime(iv)} is not a whole number of steps of dt = ${showTime(dt)}; the monitor samples every ${every} steps (${showTime(every * dt)}).`, 'warning');
      }
    } else if (iv !== undefined) report('bad_value', 'interval', 'interval must be greater than zero.');
  }
  const out: MonitorIR[] = [];
  for (const source of sources) {
    const p = popIndex.get(source);
    if (p === undefined) continue;
    const pop = pops[p];
    const stateNames = (getPopulationModel(pop.model)?.state ?? []).map((s) => s.name);
    let variables: string[] = [];
    if (node.record === 'state') {
      variables = node.variables ?? stateNames.slice(0, 1);
      const unknown = variables.filter((v) => !stateNames.includes(v));
      if (unknown.length > 0 || variables.length === 0) {
        report('bad_value', 'variables', `${pop.model} population "${pop.id}" has no state ${unknown.length ? `"${unknown.join('", "')}"` : 'to record'} (it has: ${stateNames.join(', ') || 'none'}).`);
        continue;
      }
    }
    const neurons = node.neurons ?? (node.record === 'state' ? [0] : []);
    const bad = neurons.findIndex((n) => !Number.isInteger(n) || n < 0 || n >= pop.size);
    if (bad >= 0) {
      const k = neurons[bad]!;
      report('bad_value', `neurons[${bad}]`, Number.isInteger(k) && k >= 0 ? STRUCTURE_TEXT.neuronOutOfRange(k, pop.id, pop.size) : STRUCTURE_TEXT.badNeuronIndex(k));
      continue;
    }
    out.push({ id: node.id, record: node.record, population: p, variables, neurons: Int32Array.from(neurons), every });
  }
  return out;
}

