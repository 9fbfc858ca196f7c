/**
 * The derived facts of a build (shared/derivedFacts.ts): computed here from the IR (every
 * parameter converted, defaults filled in) with the closed forms of shared/catalog/thresholdFacts
 * and the constant drive of shared/analysis/sweep, so the plots and the inspector read them
 * instead of re-deriving them from the document.
 */
import type { Document } from '../../shared/document';
import { valueAt, type DerivedFacts, type PopulationFacts, type VoltageLine } from '../../shared/derivedFacts';
import { lifPeriod, rheobase, steadyVoltage, thresholdGap } from '../../shared/catalog/thresholdFacts';
import { sweepOf } from '../../shared/analysis/sweep';
import type { InputIR, PopulationIR, ValueIR } from '../ir';
import { perNeuronValues } from '../values';
import { valueRange } from './values';

/** Models whose threshold moves with a state variable: the state and the parameter scaling it (mV per unit). */
const MOVING_THRESHOLD: Readonly<Record<string, { readonly state: string; readonly scale: string }>> = {
  ALIF: { state: 'a', scale: 'beta' },
};

/** One number when every neuron has the same value (keeps the facts of 10,000 neurons small in a message), else the array. */
function compact(values: Float64Array): number | Float64Array {
  return values.length > 0 && values.every((v) => v === values[0]) ? values[0]! : values;
}

/** Per neuron, compacted; null for random draws. */
function perNeuron(value: ValueIR | undefined, size: number): number | Float64Array | null {
  if (value === undefined) return null;
  if (value.kind === 'scalar') return value.value;
  const values = perNeuronValues(value, size);
  return values === null ? null : compact(values);
}

function line(pop: PopulationIR, name: string, moving?: { state: string; scale: string }): VoltageLine | undefined {
  const mV = perNeuron(pop.params[name], pop.size);
  if (mV === null) return undefined;
  if (!moving) return { mV };
  const scale = perNeuron(pop.params[moving.scale], pop.size);
  return scale === null ? undefined : { mV, moving: { state: moving.state, scale } };
}

function populationFacts(doc: Document, pop: PopulationIR, inputs: readonly InputIR[]): PopulationFacts {
  const threshold = line(pop, 'V_th', MOVING_THRESHOLD[pop.model]);
  const reset = line(pop, 'V_reset');
  const ends = (name: string, end: 'lo' | 'hi'): number | undefined => {
    const v = pop.params[name];
    return v === undefined ? undefined : valueRange(v)[end === 'lo' ? 0 : 1];
  };
  const gap = thresholdGap(pop.model, ends);
  const rMax = ends('R', 'hi');
  const sweep = sweepOf(doc, pop.id, pop.size);
  const others = inputs.filter((i) => i.target === pop.index && i.model !== 'constant').length;
  const drive = sweep.kind === 'sweep' ? { nA: compact(sweep.values), inputs: sweep.inputs, others }
    : sweep.kind === 'no-input' ? { nA: 0, inputs: [], others } : undefined;
  let vInf: number | Float64Array | undefined;
  const rest = perNeuron(pop.params.V_rest, pop.size);
  const R = perNeuron(pop.params.R, pop.size);
  if (gap?.lif && drive && rest !== null && R !== null) {
    const I = drive.nA;
    vInf = typeof I === 'number' && typeof rest === 'number' && typeof R === 'number' ? steadyVoltage(rest, R, I) : compact(Float64Array.from({ length: pop.size }, (_, k) => steadyVoltage(valueAt(rest, k), valueAt(R, k), valueAt(drive.nA, k))));
  }
  const tau = perNeuron(pop.params.tau, pop.size);
  const tauRef = pop.params.tau_ref === undefined ? 0 : perNeuron(pop.params.tau_ref, pop.size);
  const membrane = gap && typeof tau === 'number' && typeof R === 'number' && typeof tauRef === 'number' ? { tau, R, tauRef } : undefined;
  let period: number | null | undefined;
  if (gap?.lif && membrane && typeof drive?.nA === 'number' && typeof rest === 'number' && typeof reset?.mV === 'number') {
    const T = lifPeriod(membrane.tau, membrane.R * drive.nA, gap.gap, rest, reset.mV);
    period = T === undefined ? null : T + membrane.tauRef;
  }
  return {
    id: pop.id,
    ...(threshold ? { threshold } : {}),
    ...(reset ? { reset } : {}),
    ...(gap && rMax !== undefined && rMax > 0 ? { rheobase: { nA: rheobase(gap.gap, rMax), formula: gap.formula } } : {}),
    ...(drive ? { constantDrive: drive } : {}),
    ...(vInf !== undefined ? { vInf } : {}),
    ...(membrane ? { membrane } : {}),
    ...(period !== undefined ? { period } : {}),
  };
}

/** Facts of every neuron population of a built network, in IR order. */
export function derivedFacts(doc: Document, populations: readonly PopulationIR[], inputs: readonly InputIR[]): DerivedFacts {
  return populations.filter((p) => p.family === 'neuron').map((p) => populationFacts(doc, p, inputs));
}
