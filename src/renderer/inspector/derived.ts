/**
 * Quantities a student needs to see for a LIF-like population: the drive R·I from constant
 * inputs wired to it, where V settles (V_inf), the smallest current that makes it fire
 * (rheobase), and the firing rate a constant drive gives. Shows the tutorial's R = 1 Ω pitfall.
 */
import type { Document, PopulationNode, ValueSpec } from '../../shared/document';
import { getPopulationModel } from '../../shared/catalog';
import { formatQuantity, parseQuantity, type DimensionName } from '../../shared/units';
import { lifPeriod, rheobase, steadyVoltage, thresholdGap } from '../../shared/catalog/thresholdFacts';

export interface Derived {
  readonly label: string;
  readonly value: string;
  /** What it means, in one line. */
  readonly note: string;
  readonly warn?: boolean;
}

function scalar(value: ValueSpec | undefined, dim: DimensionName): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const q = parseQuantity(value, dim);
  return q.ok ? q.value : undefined;
}

/** A parameter of `node` in internal units, falling back to the catalogue default. */
function param(node: PopulationNode, name: string): number | undefined {
  const spec = getPopulationModel(node.model)?.params.find((p) => p.name === name);
  if (!spec) return undefined;
  return scalar(node.params[name] ?? spec.default, spec.dim);
}

/** Sum of the constant currents wired into `popId` (nA), and whether some input is not constant. */
export function constantDrive(doc: Document, popId: string): { current: number; others: number } {
  let current = 0;
  let others = 0;
  for (const w of doc.wires) {
    if (w.to !== popId) continue;
    const src = doc.nodes.find((n) => n.id === w.from);
    if (src?.kind !== 'input') continue;
    const amp = src.model === 'constant' ? scalar(src.params.amplitude ?? '0 nA', 'current') : undefined;
    if (amp === undefined) others++;
    else current += amp;
  }
  return { current, others };
}

/** Derived quantities for a population, or [] when its model is not LIF-like or a parameter is unreadable. */
export function derivedQuantities(doc: Document, node: PopulationNode): Derived[] {
  const [Vrest, Vth, Vreset, tau, R] = ['V_rest', 'V_th', 'V_reset', 'tau', 'R'].map((n) => param(node, n));
  if (Vrest === undefined || Vth === undefined || Vreset === undefined || tau === undefined || R === undefined || R <= 0) return [];
  const threshold = thresholdGap(node.model, (name) => param(node, name));
  if (!threshold) return [];
  const tauRef = param(node, 'tau_ref') ?? 0;
  const { current, others } = constantDrive(doc, node.id);
  const RI = R * current; // MΩ · nA = mV
  const Vinf = steadyVoltage(Vrest, R, current);
  const out: Derived[] = [
    { label: 'R·I', value: formatQuantity(RI, 'voltage'), note: `from ${formatQuantity(current, 'current')} of constant input${others ? ` (+${others} varying input${others > 1 ? 's' : ''} not counted)` : ''}` },
    ...(threshold.lif ? [{ label: 'V∞', value: formatQuantity(Vinf, 'voltage'), note: 'where V settles: V_rest + R·I' }] : []),
    { label: 'Rheobase', value: formatQuantity(rheobase(threshold.gap, R), 'current'), note: `least constant current that fires: (${threshold.formula})/R` },
    { label: 'τ', value: formatQuantity(tau, 'time'), note: 'membrane time constant R·C' },
    { label: 'C', value: formatQuantity(tau / R, 'capacitance'), note: 'membrane capacitance τ/R' },
  ];
  if (tauRef > 0) out.push({ label: 'τ_ref', value: formatQuantity(tauRef, 'time'), note: 'refractory period' });
  if (!threshold.lif) return out;
  const period = lifPeriod(tau, RI, threshold.gap, Vrest, Vreset);
  if (period !== undefined) {
    const T = period + tauRef;
    out.push({ label: 'Rate', value: T > 0 ? formatQuantity(1000 / T, 'rate') : 'a spike every step', note: `from the constant input alone (no synaptic input, no noise): period ${formatQuantity(T, 'time')}` });
  } else if (current !== 0 || others === 0) {
    out.push({ label: 'Rate', value: '0 Hz', note: `V∞ stays ${formatQuantity(Vth - Vinf, 'voltage')} below V_th: constant input alone never fires it`, warn: true });
  }
  return out;
}
