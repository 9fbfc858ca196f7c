/**
 * Whole-network checks done after every node is built: time constants the step cannot resolve
 * and the memory estimate made before anything is allocated (thresholds: threshold.ts).
 */
import type { Document } from '../../shared/document';
import { getModel, getPopulationModel } from '../../shared/catalog';
import { formatQuantity } from '../../shared/units';
import type { MonitorIR, PopulationIR, ProjectionIR, SynapseGroupIR } from '../ir';
import type { BuildContext } from './context';
import { showTime } from './timing';

/** 4 GiB: what a laptop can give one simulation without swapping. */
export const DEFAULT_MEMORY_BUDGET_BYTES = 4 * 1024 ** 3;
/**
 * Largest dt for Hodgkin–Huxley, ms: the sodium activation time constant falls to ~0.1 ms during
 * the spike, so coarser steps distort its shape and timing (the F-I curve drifts by several %).
 */
const HH_MAX_DT = 0.05;
/** Smallest time step worth suggesting, ms (1 ns): a time constant needing less is a unit mistake, not physics. */
const MIN_SENSIBLE_DT = 1e-6;
/** dt must resolve a time constant at least this many times. */
const STEPS_PER_TIME_CONSTANT = 10;
/**
 * Bytes per synapse: Int32 target + Float32 weight, plus the targets' second copy while the
 * typed backend moves them into its WebAssembly memory (the peak of building an instance).
 */
const BYTES_PER_SYNAPSE = 12;
/** Bytes per neuron of state and parameters (V, input current, spike flag, last spike, per-neuron params). */
const BYTES_PER_NEURON = 64;
/** STDP per synapse: float64 weight, Int32 column order, Int32 presynaptic index. */
const BYTES_PER_PLASTIC_SYNAPSE = 16;
/** CSR column indices are Int32. */
const MAX_SYNAPSES_PER_PROJECTION = 2 ** 31 - 1;

/** Warn when dt > tau / 10 for any time constant of a population, input or synapse. */
export function checkTimeSteps(doc: Document, ctx: BuildContext): void {
  const dt = ctx.dt;
  const warn = (i: number, id: string, field: string, tau: number): void => {
    if (tau > 0 && tau / STEPS_PER_TIME_CONSTANT < MIN_SENSIBLE_DT) {
      ctx.report('dt_too_large', `nodes[${i}].${field}`,
        `${field} = ${showTime(tau)} is far shorter than any time step can follow (it would need dt ≤ ${showTime(tau / STEPS_PER_TIME_CONSTANT)}). ` +
          'Check its unit: time constants of neurons and synapses are milliseconds, e.g. "10 ms".',
        id, field);
    } else if (tau > 0 && dt > tau / STEPS_PER_TIME_CONSTANT) {
      ctx.report('dt_too_large', `nodes[${i}].${field}`,
        `dt = ${formatQuantity(dt, 'time')} is larger than a tenth of ${field} = ${formatQuantity(tau, 'time')}; the simulation may be inaccurate. Use dt ≤ ${formatQuantity(tau / STEPS_PER_TIME_CONSTANT, 'time')}.`,
        id, field);
    }
  };
  doc.nodes.forEach((node, i) => {
    if (node.kind === 'population' && node.model === 'HH' && dt > HH_MAX_DT) {
      ctx.report('dt_too_large', 'simulation.dt',
        `dt = ${formatQuantity(dt, 'time')} is too large for the Hodgkin–Huxley population "${node.id}": its sodium gates change within a tenth of a millisecond. Use dt ≤ ${formatQuantity(HH_MAX_DT, 'time')}.`,
        node.id);
    }
    if (node.kind === 'population' || node.kind === 'input') {
      const spec = node.kind === 'population' ? getPopulationModel(node.model) : getModel('input', node.model);
      for (const p of spec?.params ?? []) {
        if (!p.timeConstant) continue;
        const tau = timeConstantOf(node.params[p.name] ?? p.default);
        if (tau !== undefined) warn(i, node.id, `params.${p.name}`, tau);
      }
    } else if (node.kind === 'projection') {
      const spec = getModel('synapse', node.synapse.model);
      for (const p of spec?.params ?? []) {
        if (!p.timeConstant) continue;
        const tau = timeConstantOf((node.synapse[p.name] as string | number | undefined) ?? p.default);
        if (tau !== undefined) warn(i, node.id, `synapse.${p.name}`, tau);
      }
    }
  });
}

function timeConstantOf(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined; // arrays and distributions: checked per neuron at run time is overkill; skip
  const m = /^\s*([+-]?[\d.]+(?:e[+-]?\d+)?)\s*(ms|s|us|µs)\s*$/i.exec(v);
  if (!m) return undefined;
  const scale = { ms: 1, s: 1000, us: 1e-3, 'µs': 1e-3 }[m[2].toLowerCase() as 'ms'] ?? 1;
  return Number(m[1]) * scale;
}

/** Expected synapse count of a projection, before anything is drawn. */
export function expectedSynapses(p: ProjectionIR, pops: PopulationIR[]): number {
  const nPre = pops[p.pre].size;
  const nPost = pops[p.post].size;
  switch (p.conn.rule) {
    case 'fixed_prob':
      return nPre * Math.floor(nPost * (p.conn.p ?? 0));
    case 'bernoulli':
      return nPre * nPost * (p.conn.p ?? 0);
    case 'fixed_indegree':
      return nPost * (p.conn.k ?? 0);
    case 'fixed_outdegree':
      return nPre * (p.conn.k ?? 0);
    case 'all_to_all':
      return nPre * nPost;
    case 'one_to_one':
      return nPre;
    default:
      return 0;
  }
}

function gib(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GiB` : `${(bytes / 1024 ** 2).toFixed(0)} MiB`;
}

/** Estimate the memory the network needs and refuse it, naming the biggest part, if over budget. */
export function checkMemory(
  pops: PopulationIR[],
  projections: ProjectionIR[],
  groups: SynapseGroupIR[],
  monitors: MonitorIR[],
  steps: number,
  budget: number,
  doc: Document,
  indexOf: Map<string, number>,
  ctx: BuildContext,
): void {
  const parts: Array<{ id: string; bytes: number; what: string }> = [];
  for (const pop of pops) parts.push({ id: pop.id, bytes: pop.size * BYTES_PER_NEURON, what: `${pop.size.toLocaleString('en')} neurons` });
  for (const p of projections) {
    const n = expectedSynapses(p, pops);
    if (n > MAX_SYNAPSES_PER_PROJECTION) {
      ctx.report('memory_budget', `nodes[${indexOf.get(p.id)}].conn`,
        `Projection "${p.id}" would have ${n.toExponential(2)} synapses, more than one projection can index (${MAX_SYNAPSES_PER_PROJECTION.toLocaleString('en')}). Lower p or k, or split the populations.`,
        p.id, 'conn');
    }
    const plastic = p.plasticity?.model === 'STDP' ? n * BYTES_PER_PLASTIC_SYNAPSE : 0;
    parts.push({ id: p.id, bytes: n * BYTES_PER_SYNAPSE + plastic + (pops[p.pre].size + 1) * 4, what: `${Math.round(n).toLocaleString('en')} ${plastic ? 'plastic ' : ''}synapses` });
  }
  for (const g of groups) {
    const maxDelay = Math.max(0, ...g.projections.map((i) => projections[i].delaySteps));
    parts.push({ id: projections[g.projections[0]].id, bytes: pops[g.post].size * 8 * (maxDelay + 2), what: 'synapse state and delay buffer' });
  }
  for (const m of monitors) {
    if (m.record === 'state') {
      const bytes = Math.ceil(steps / m.every) * m.neurons.length * m.variables.length * 4;
      parts.push({ id: m.id, bytes, what: `${m.neurons.length} traces × ${Math.ceil(steps / m.every).toLocaleString('en')} samples` });
    } else if (m.record === 'rate') parts.push({ id: m.id, bytes: steps * 4, what: 'per-step counts' });
  }
  const total = parts.reduce((s, p) => s + p.bytes, 0);
  if (total <= budget) return;
  const biggest = parts.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const i = indexOf.get(biggest.id) ?? 0;
  ctx.report('memory_budget', `nodes[${i}]`,
    `The network needs about ${gib(total)}, more than the memory budget of ${gib(budget)}. The largest part is "${biggest.id}" (${biggest.what}, ${gib(biggest.bytes)}). Make it smaller or raise the budget.`,
    doc.nodes[i]?.id);
}
