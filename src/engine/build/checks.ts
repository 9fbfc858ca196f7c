/**
 * Whole-network checks done after every node is built: time constants the step cannot resolve
 * (thresholds: threshold.ts; the memory estimate: memory.ts).
 */
import type { Document } from '../../shared/document';
import { getModel, getPopulationModel } from '../../shared/catalog';
import { formatQuantity, parseQuantity } from '../../shared/units';
import type { BuildContext } from './context';
import { showTime } from './timing';

/**
 * Largest dt for Hodgkin–Huxley, ms: the sodium activation time constant falls to ~0.1 ms during
 * the spike, so coarser steps distort its shape and timing (the F-I curve drifts by several %).
 */
const HH_MAX_DT = 0.05;
/** Smallest time step worth suggesting, ms (1 ns): a time constant needing less is a unit mistake, not physics. */
const MIN_SENSIBLE_DT = 1e-6;
/** dt must resolve a time constant at least this many times. */
const STEPS_PER_TIME_CONSTANT = 10;

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

/** A time constant given as one quantity ("10 ms", 10): ms; arrays and distributions are checked per neuron at run time, so they are skipped here. */
function timeConstantOf(v: unknown): number | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const r = parseQuantity(v, 'time');
  return r.ok ? r.value : undefined;
}
