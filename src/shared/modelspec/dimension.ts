/**
 * Dimensions of expressions in model specs: exponent vectors over mathjs's base dimensions, so
 * that products, quotients and powers of any units can be checked (units.ts names only the eight
 * dimensions a document field can have). Unit words are read by the project's unit parser
 * (`mathUnit`, after `normalise`), and values are converted to the engine's coherent internal
 * system (ms, mV, nA, µS, MΩ, nF) by units.ts's `toInternal` wherever that dimension is one it
 * names; the rest (mV/ms, 1/ms, …) by the same coherent scale computed from the exponents.
 * One difference: a rate is per ms here (coherent), while document fields store rates in Hz.
 */
import type { Unit } from 'mathjs';
import { mathUnit } from '../mathUnit';
import { normalise } from '../unitSpelling';
import { DIMENSIONS, dimensionOf, toInternal, type DimensionName } from '../units';

/** Exponents of mass, length, time, current, temperature, luminosity, amount, angle, bit (mathjs's order). */
export type Dim = readonly number[];

const BASES = 9;
const [MASS, LENGTH, TIME, CURRENT] = [0, 1, 2, 3];

export const DIMENSIONLESS: Dim = Object.freeze(new Array<number>(BASES).fill(0));

export const dimMul = (a: Dim, b: Dim): Dim => a.map((x, i) => x + b[i]);
export const dimDiv = (a: Dim, b: Dim): Dim => a.map((x, i) => x - b[i]);
export const dimPow = (a: Dim, p: number): Dim => a.map((x) => x * p);
export const dimEqual = (a: Dim, b: Dim): boolean => a.every((x, i) => Math.abs(x - b[i]) < 1e-12);
export const isDimensionless = (a: Dim): boolean => dimEqual(a, DIMENSIONLESS);

/**
 * Powers of ten of the coherent internal unit of each base: ms, nA, and mass·length² at 1e-21
 * so that mV, µS, MΩ and nF come out (mass and length only ever appear as kg·m² here).
 */
const COHERENT_DECADES = [-21, 0, -3, -9, 0, 0, 0, 0, 0];

/** Powers of ten between one coherent internal unit of `d` and its SI unit (mV: -3). */
export function coherentDecades(d: Dim): number {
  return d.reduce((s, x, i) => s + x * COHERENT_DECADES[i], 0);
}

/** SI value -> coherent internal value for dimension `d`. */
export function fromSI(value: number, d: Dim): number {
  const n = Math.round(coherentDecades(d));
  return n >= 0 ? value / 10 ** n : value * 10 ** -n;
}

/** Coherent internal value -> SI value for dimension `d`. */
export function toSI(value: number, d: Dim): number {
  const n = Math.round(coherentDecades(d));
  return n >= 0 ? value * 10 ** n : value / 10 ** -n;
}

const NAMED = Object.keys(DIMENSIONS) as DimensionName[];
const NAMED_DIMS = new Map<DimensionName, Dim>();

/** The exponent vector of a named dimension of units.ts. */
export function namedDim(name: DimensionName): Dim {
  let d = NAMED_DIMS.get(name);
  if (!d) {
    d = name === 'dimensionless' ? DIMENSIONLESS : [...mathUnit(`1 ${DIMENSIONS[name].internal}`).dimensions];
    NAMED_DIMS.set(name, d);
  }
  return d;
}

/** The units.ts name of `d` ("voltage"), or undefined when it has none (mV/ms). */
export function dimName(d: Dim): DimensionName | undefined {
  return NAMED.find((n) => dimEqual(namedDim(n), d));
}

const SI_SYMBOLS = ['kg', 'm', 's', 'A', 'K', 'cd', 'mol', 'rad', 'b'];

/**
 * How a dimension reads in a message: its name ("voltage"), or its SI units ("V/s" for
 * voltage per time when the quotient of two named ones reads better, else "kg m^2 s^-3").
 */
export function formatDim(d: Dim): string {
  const named = dimName(d);
  if (named) return named;
  for (const a of NAMED) {
    for (const b of NAMED) {
      if (a !== 'dimensionless' && b !== 'dimensionless' && a !== b && dimEqual(dimDiv(namedDim(a), namedDim(b)), d)) return `${a} per ${b}`;
      if (a !== 'dimensionless' && b !== 'dimensionless' && a <= b && dimEqual(dimMul(namedDim(a), namedDim(b)), d)) return `${a} × ${b}`;
    }
  }
  const parts = d.map((x, i) => (x === 0 ? '' : x === 1 ? SI_SYMBOLS[i] : `${SI_SYMBOLS[i]}^${x}`)).filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : 'dimensionless';
}

/** A unit word as written in a spec ("mV", "Mohm", "uS", "Hz"): its dimension and coherent value. */
export interface UnitWord {
  readonly dim: Dim;
  /** Value of one such unit in coherent internal units (1 for mV, 1000 for s, 0.001 for Hz). */
  readonly value: number;
}

/** Unit words: one SI prefix and one base symbol, as document quantities spell them. */
const UNIT_WORD = /^([GMkmunpf]?)(s|V|A|S|ohm|F|Hz)$/;
const WORDS = new Map<string, UnitWord | null>();

/**
 * The unit a word names, or undefined. Only prefix + symbol words count (mV, nA, ms, Mohm, MΩ,
 * uS, µS, nF, Hz): short names such as h (hour), m (metre) or C (coulomb) stay free for variables.
 */
export function unitWord(word: string): UnitWord | undefined {
  const cached = WORDS.get(word);
  if (cached !== undefined) return cached ?? undefined;
  let result: UnitWord | null = null;
  const spelt = normalise(`1 ${word}`).slice(2);
  if (UNIT_WORD.test(spelt)) {
    try {
      const u = mathUnit(`1 ${spelt}`);
      result = { dim: [...u.dimensions], value: coherentValue(u) };
    } catch {
      result = null;
    }
  }
  WORDS.set(word, result);
  return result ?? undefined;
}

/** Value of a mathjs unit in coherent internal units: units.ts's conversion where it names the dimension. */
export function coherentValue(u: Unit): number {
  const named = dimensionOf(u);
  if (named !== undefined && named !== 'rate' && named !== 'dimensionless') {
    const v = toInternal(u, named);
    if (v !== undefined) return v;
  }
  return fromSI(u.value ?? 0, [...u.dimensions]);
}

/** Exponent vector -> the units of the coherent system (for generated text): mV^k ms^t nA^c. */
export function coherentUnitParts(d: Dim): { mV: number; ms: number; nA: number } | undefined {
  const k = d[MASS];
  if (d[LENGTH] !== 2 * k || d.some((x, i) => i > CURRENT && x !== 0)) return undefined;
  // kg m^2 = V s^3 A, so kg^k m^2k s^t A^c = V^k s^(t+3k) A^(c+k).
  return { mV: k, ms: d[TIME] + 3 * k, nA: d[CURRENT] + k };
}
