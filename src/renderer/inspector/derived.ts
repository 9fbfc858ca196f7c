/**
 * Quantities a student needs to see for a LIF-like population: the drive R·I from constant
 * inputs wired to it, where V settles (V_inf), the smallest current that makes it fire
 * (rheobase), and the firing rate a constant drive gives. Shows the tutorial's R = 1 Ω pitfall.
 * Every number comes from the build's derived facts (engine/build/facts.ts, sent with the live
 * validation); this file only words them.
 */
import type { PopulationFacts } from '../../shared/derivedFacts';
import { formatQuantity } from '../../shared/units';

export interface Derived {
  readonly label: string;
  readonly value: string;
  /** What it means, in one line. */
  readonly note: string;
  readonly warn?: boolean;
}

/** Derived quantities of a population from its build facts, or [] when it has none (no rheobase, parameters per neuron, not built). */
export function derivedQuantities(facts: PopulationFacts | undefined): Derived[] {
  const membrane = facts?.membrane;
  const rheobase = facts?.rheobase;
  if (!facts || !membrane || !rheobase || !(membrane.R > 0)) return [];
  const { tau, R, tauRef } = membrane;
  const drive = facts.constantDrive;
  // A drive that differs between neurons (a sweep) is not one R·I: counted with the varying inputs.
  const uniform = typeof drive?.nA === 'number';
  const current = uniform ? (drive!.nA as number) : 0;
  const others = (drive?.others ?? 0) + (drive && !uniform ? drive.inputs.length : 0);
  const RI = R * current; // MΩ · nA = mV
  const vInf = typeof facts.vInf === 'number' ? facts.vInf : undefined;
  const out: Derived[] = [
    { label: 'R·I', value: formatQuantity(RI, 'voltage'), note: `from ${formatQuantity(current, 'current')} of constant input${others ? ` (+${others} varying input${others > 1 ? 's' : ''} not counted)` : ''}` },
    ...(vInf !== undefined ? [{ label: 'V∞', value: formatQuantity(vInf, 'voltage'), note: 'where V settles: V_rest + R·I' }] : []),
    { label: 'Rheobase', value: formatQuantity(rheobase.nA, 'current'), note: `least constant current that fires: (${rheobase.formula})/R` },
    { label: 'τ', value: formatQuantity(tau, 'time'), note: 'membrane time constant R·C' },
    { label: 'C', value: formatQuantity(tau / R, 'capacitance'), note: 'membrane capacitance τ/R' },
  ];
  if (tauRef > 0) out.push({ label: 'τ_ref', value: formatQuantity(tauRef, 'time'), note: 'refractory period' });
  if (facts.period === undefined) return out;
  if (facts.period !== null) {
    const T = facts.period;
    out.push({ label: 'Rate', value: T > 0 ? formatQuantity(1000 / T, 'rate') : 'a spike every step', note: `from the constant input alone (no synaptic input, no noise): period ${formatQuantity(T, 'time')}` });
  } else if ((current !== 0 || others === 0) && vInf !== undefined && typeof facts.threshold?.mV === 'number') {
    out.push({ label: 'Rate', value: '0 Hz', note: `V∞ stays ${formatQuantity(facts.threshold.mV - vInf, 'voltage')} below V_th: constant input alone never fires it`, warn: true });
  }
  return out;
}
