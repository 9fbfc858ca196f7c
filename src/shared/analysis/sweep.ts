/**
 * The F-I sweep of a document: the per-neuron input current of a population driven by constant
 * inputs whose amplitude spreads over its neurons (a linspace, or one value per neuron). Read
 * from the document by sweepOf (the build's derived facts and the lessons' rheobase check), so the
 * F-I plot and the lessons agree on the inputs.
 */
import type { Document, ValueSpec } from '../document';
import type { DerivedFacts } from '../derivedFacts';
import { getModel } from '../catalog';
import { linspace } from '../linspace';
import { parseQuantity } from '../units';

export interface Sweep {
  readonly kind: 'sweep';
  readonly population: string;
  /** The constant inputs wired to it (ids, in document order). */
  readonly inputs: readonly string[];
  /** Per-neuron input current, nA (the sum of the constant inputs). */
  readonly values: Float64Array;
}

/** Why a population has no sweep: no constant input, or one whose amplitude is not known per neuron. */
export type SweepProblem =
  | { readonly kind: 'no-input' }
  | { readonly kind: 'random'; readonly input: string }
  | { readonly kind: 'unreadable'; readonly input: string };

/** Per-neuron values (nA) of a constant input's amplitude, or why they are not known. */
function amplitudeValues(amp: ValueSpec | undefined, n: number): Float64Array | 'random' | 'unreadable' {
  const one = (q: string | number): number | undefined => {
    const p = parseQuantity(q, 'current');
    return p.ok ? p.value : undefined;
  };
  if (amp === undefined) return 'unreadable';
  if (typeof amp === 'string' || typeof amp === 'number') {
    const v = one(amp);
    return v === undefined ? 'unreadable' : new Float64Array(n).fill(v);
  }
  if (Array.isArray(amp)) {
    const vs = amp.map(one);
    if (vs.some((v) => v === undefined) || (vs.length !== 1 && vs.length !== n)) return 'unreadable';
    return vs.length === 1 ? new Float64Array(n).fill(vs[0] as number) : Float64Array.from(vs as number[]);
  }
  if (amp.dist !== 'linspace') return 'random';
  const from = one(amp.from);
  const to = one(amp.to);
  return from === undefined || to === undefined ? 'unreadable' : linspace(from, to, n);
}

function constantDefault(): ValueSpec | undefined {
  return getModel('input', 'constant')?.params.find((p) => p.name === 'amplitude')?.default;
}

/** The summed constant input of `population` (n neurons) in `doc`, per neuron. */
export function sweepOf(doc: Document, population: string, n: number): Sweep | SweepProblem {
  const values = new Float64Array(n);
  const inputs: string[] = [];
  for (const node of doc.nodes) {
    if (node.kind !== 'input' || node.model !== 'constant') continue;
    if (!doc.wires.some((w) => w.from === node.id && w.to === population)) continue;
    const v = amplitudeValues(node.params.amplitude ?? constantDefault(), n);
    if (v === 'random' || v === 'unreadable') return { kind: v, input: node.id };
    v.forEach((x, i) => (values[i] += x));
    inputs.push(node.id);
  }
  return inputs.length === 0 ? { kind: 'no-input' } : { kind: 'sweep', population, inputs, values };
}

/**
 * The first population (of those in `sizes`) whose constant drive varies over its neurons: an
 * F-I sweep, read from the build's derived facts (their constant drive is sweepOf's).
 */
export function findSweep(facts: DerivedFacts | null, sizes: ReadonlyMap<string, number>): Sweep | null {
  if (!facts) return null;
  for (const [population, n] of sizes) {
    const drive = facts.find((f) => f.id === population)?.constantDrive;
    // A drive that is one number is the same for every neuron: no sweep.
    if (!drive || typeof drive.nA === 'number' || n <= 1 || drive.nA.length !== n) continue;
    return { kind: 'sweep', population, inputs: drive.inputs, values: drive.nA };
  }
  return null;
}
