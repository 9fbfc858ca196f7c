/**
 * Physical quantities: parse unit strings ("-65 mV", "200 pA", "10 MOhm") with mathjs and
 * convert them to the engine's coherent internal system (ms, mV, nA, uS, MOhm, nF, Hz).
 * MOhm * nF = ms, nA * MOhm = mV, uS * mV = nA, so kernels need no conversion factors.
 */
import type { Unit } from 'mathjs';
import { mathUnit } from './mathUnit';
import { DIMENSIONS, type DimensionName } from './dimensions';
import { isUnitError, unitErrorMessage, type UnitError } from './unitErrors';
import { caseVariants, normalise, NUMBER, unitMeaning, unitSymbol } from './unitSpelling';

export { DIMENSIONS, type Dimension, type DimensionName } from './dimensions';
export { isUnitError, unitErrorMessage, type UnitError, type UnitErrorCode } from './unitErrors';
export { tidyQuantityText } from './unitSpelling';

/**
 * Result of parsing a quantity: the value in internal units, or why not — `error.code` for
 * callers to branch on, `reason` the sentence from the message table for people to read.
 */
export type ParsedQuantity = { ok: true; value: number } | { ok: false; error: UnitError; reason: string };

const SIGNIFICANT_DIGITS = 15; // drop float noise such as 999.9999999999999 from 1 uF -> nF
/**
 * A unit this many powers of ten away from the internal one (megasiemens for a conductance,
 * milliohms for a membrane resistance) is a case slip when the other case is nearer: refused
 * with a suggestion rather than taken at its word.
 */
const IMPLAUSIBLE_DECADES = 9;

function probe(dim: DimensionName): Unit | null {
  return dim === 'dimensionless' ? null : mathUnit(`1 ${DIMENSIONS[dim].internal}`);
}

const PROBES = new Map<DimensionName, Unit | null>();
function probeFor(dim: DimensionName): Unit | null {
  if (!PROBES.has(dim)) PROBES.set(dim, probe(dim));
  return PROBES.get(dim) ?? null;
}

/** The dimension of a parsed mathjs unit, or undefined if it is none of ours. */
export function dimensionOf(u: Unit): DimensionName | undefined {
  for (const name of Object.keys(DIMENSIONS) as DimensionName[]) {
    const p = probeFor(name);
    if (p === null ? isDimensionless(u) : u.equalBase(p)) return name;
  }
  return undefined;
}

function isDimensionless(u: Unit): boolean {
  return u.dimensions.every((d) => d === 0);
}

/** A parsed quantity: a bare number has `unit` null. */
export interface RawQuantity {
  readonly number: number;
  readonly unit: Unit | null;
}

const DECIMAL_COMMA = /^([+-]?\d+),(\d+)(.*)$/;
type Fail = (code: UnitError['code'], more?: Partial<UnitError>) => UnitError;

/** Parse text into a number with an optional mathjs unit, or say why not (no dimension asked for). */
export function parseRaw(text: string): RawQuantity | UnitError {
  return parseText(text, undefined);
}

function parseText(text: string, want: DimensionName | undefined): RawQuantity | UnitError {
  const t = normalise(text);
  const fail: Fail = (code, more = {}) => ({ code, text, ...(want ? { want } : {}), ...more });
  if (t === '') return fail('empty');
  const comma = DECIMAL_COMMA.exec(t);
  if (comma) return fail('decimal_comma', { suggestion: `${comma[1]}.${comma[2]}${comma[3]}` });
  const m = NUMBER.exec(t);
  if (!m) return isUnitText(t) ? fail('no_number') : fail('not_a_quantity');
  const number = Number(m[0]);
  const unitText = t.slice(m[0].length).trim();
  if (!Number.isFinite(number)) return fail('out_of_range');
  if (unitText === '') return { number, unit: null };
  let u: Unit;
  try {
    u = mathUnit(`${m[0]} ${unitText}`);
  } catch {
    if (!/^[A-Za-z]/.test(unitText)) return fail('not_a_quantity');
    return fail('unknown_unit', { unit: unitText, ...variantSuggestion(m[0], unitText, want) });
  }
  if (u.value === null || !Number.isFinite(u.value)) return fail('out_of_range');
  return { number: u.value, unit: u };
}

function isUnitText(t: string): boolean {
  try {
    return mathUnit(t).value === null;
  } catch {
    return false;
  }
}

/** A spelling of `unitText` in another letter case that has the wanted dimension (or any of ours). */
function variantSuggestion(numberText: string, unitText: string, want: DimensionName | undefined): Partial<UnitError> {
  const candidates = caseVariants(unitText).filter((v) => (want ? toInternal(v, want) !== undefined : dimensionOf(v) !== undefined));
  const best = nearestToInternal(candidates, want);
  return best ? { suggestion: `${numberText} ${unitSymbol(best)}`, suggestionMeaning: unitMeaning(best) } : {};
}

const DECADES = new Map<string, number>();

/** Powers of ten between one `u` and one internal unit of its dimension (cached per spelling). */
function decadesFromInternal(u: Unit, dim: DimensionName): number {
  const key = `${dim} ${u.formatUnits()}`;
  let d = DECADES.get(key);
  if (d === undefined) {
    const one = toInternal(mathUnit(`1 ${u.formatUnits()}`), dim);
    d = one === undefined || one === 0 ? Infinity : Math.abs(Math.log10(Math.abs(one)));
    DECADES.set(key, d);
  }
  return d;
}

function nearestToInternal(units: readonly Unit[], want: DimensionName | undefined): Unit | undefined {
  let best: Unit | undefined;
  let bestScore = Infinity;
  for (const u of units) {
    const dim = want ?? dimensionOf(u);
    const score = dim === undefined ? Infinity : decadesFromInternal(u, dim);
    if (best === undefined || score < bestScore) [best, bestScore] = [u, score];
  }
  return best;
}

/** "5 MS" written without its prefix: "5e6 S" (undefined for compound units). */
function powerOfTen(numberText: string, u: Unit): string | undefined {
  if (u.units.length !== 1) return undefined;
  const prefix = u.units[0].prefix as unknown as { value?: number } | undefined;
  const exponent = Math.round(Math.log10(prefix?.value ?? 1));
  return `${numberText}e${exponent} ${u.units[0].unit.name.replace(/^ohm$/, 'Ω')}`;
}

/**
 * The spellings nearly every project uses, one prefix and one unit ("-65 mV", "10 Mohm", "5 ms"),
 * each with the power of ten of one such unit in the internal unit of its dimension. They are
 * converted without mathjs, whose unit parser costs more to build than a short run takes (the
 * command line's start-up); a test checks every row against mathjs. Anything else, and every
 * refusal, goes through mathjs.
 */
const PLAIN_UNITS: Readonly<Record<string, readonly [DimensionName, number]>> = {
  s: ['time', 3], V: ['voltage', 3], A: ['current', 9], S: ['conductance', 6], ohm: ['resistance', -6], F: ['capacitance', 9], Hz: ['rate', 0],
};
const PLAIN_PREFIXES: Readonly<Record<string, number>> = { G: 9, M: 6, k: 3, '': 0, m: -3, u: -6, n: -9, p: -12, f: -15 };
const PLAIN_MAGNITUDE = { min: 1e-200, max: 1e200 } as const;
const PLAIN_QUANTITY = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?) *([GMkmunpf]?)(s|V|A|S|ohm|F|Hz)$/;

/** Value of normalised text such as "-65 mV" in the internal unit of `dim`, if it is that plain. */
export function plainQuantity(normalised: string, dim: DimensionName): number | undefined {
  const m = PLAIN_QUANTITY.exec(normalised);
  if (!m) return undefined;
  const unit = Object.hasOwn(PLAIN_UNITS, m[3]) ? PLAIN_UNITS[m[3]] : undefined;
  const prefix = Object.hasOwn(PLAIN_PREFIXES, m[2]) ? PLAIN_PREFIXES[m[2]] : undefined;
  if (unit === undefined || prefix === undefined || unit[0] !== dim) return undefined;
  const exponent = prefix + unit[1];
  if (Math.abs(exponent) >= IMPLAUSIBLE_DECADES) return undefined;
  const number = Number(m[1]);
  // Near the ends of the double range mathjs's own arithmetic decides (and may refuse).
  if (number !== 0 && !(Math.abs(number) > PLAIN_MAGNITUDE.min && Math.abs(number) < PLAIN_MAGNITUDE.max)) return undefined;
  // Integer powers of ten up to 1e22 are exact doubles: one correctly rounded operation.
  const value = exponent >= 0 ? number * 10 ** exponent : number / 10 ** -exponent;
  return Number.isFinite(value) ? roundNoise(value) : undefined;
}

/** Parse `text` as a quantity of dimension `dim` and return its value in internal units. */
export function parseQuantity(text: string | number, dim: DimensionName): ParsedQuantity {
  const refuse = (error: UnitError): ParsedQuantity => ({ ok: false, error, reason: unitErrorMessage(error) });
  if (typeof text === 'number') {
    if (!Number.isFinite(text)) return refuse({ code: 'out_of_range', text: String(text), want: dim });
    if (dim === 'dimensionless') return { ok: true, value: text };
    return refuse({ code: 'no_unit', text: String(text), want: dim });
  }
  const plain = plainQuantity(normalise(text), dim);
  if (plain !== undefined) return { ok: true, value: plain };
  const raw = parseText(text, dim);
  if (isUnitError(raw)) return refuse(raw);
  if (raw.unit === null) {
    if (dim === 'dimensionless') return { ok: true, value: raw.number };
    return refuse({ code: 'no_unit', text, want: dim });
  }
  const t = normalise(text);
  const numberText = NUMBER.exec(t)?.[0] ?? String(raw.number);
  const unitText = t.slice(numberText.length).trim();
  const value = toInternal(raw.unit, dim);
  if (value === undefined) {
    const got = dimensionOf(raw.unit);
    return refuse({
      code: 'wrong_dimension', text, want: dim, unit: unitText, got: got ?? raw.unit.formatUnits(),
      ...variantSuggestion(numberText, unitText, dim),
    });
  }
  if (!Number.isFinite(value)) return refuse({ code: 'out_of_range', text, want: dim });
  const typed = dim === 'dimensionless' ? 0 : decadesFromInternal(raw.unit, dim);
  if (typed >= IMPLAUSIBLE_DECADES) {
    const other = nearestToInternal(caseVariants(unitText).filter((v) => toInternal(v, dim) !== undefined), dim);
    if (other && decadesFromInternal(other, dim) < typed) {
      return refuse({
        code: 'ambiguous_unit', text, want: dim, unit: unitText, meaning: unitMeaning(raw.unit), literal: powerOfTen(numberText, raw.unit),
        suggestion: `${numberText} ${unitSymbol(other)}`, suggestionMeaning: unitMeaning(other),
      });
    }
  }
  return { ok: true, value };
}

/** Value of `u` in the internal unit of `dim`, if it has that dimension. */
export function toInternal(u: Unit, dim: DimensionName): number | undefined {
  const p = probeFor(dim);
  if (p === null) return isDimensionless(u) ? roundNoise(u.toNumber('')) : undefined;
  if (!u.equalBase(p) || u.value === null) return undefined;
  return roundNoise(u.toNumber(DIMENSIONS[dim].internal));
}

/** Milliseconds (the internal time unit) in a second. */
export const MS_PER_SECOND = 1000;

/**
 * The plain number a rate in Hz (the internal rate unit) times a time in ms (the internal time
 * unit) makes: events expected in that time, a Poisson source's spike probability per step
 * (rate·dt), cycles of a sinusoid. Written as (rate·time)/1000 everywhere, so every backend
 * rounds it alike.
 */
export function hzTimesMs(rate: number, time: number): number {
  return (rate * time) / MS_PER_SECOND;
}

/** SI symbol and the size of one internal unit in it (1 mV = 1e-3 V). */
const SI_OF: Record<Exclude<DimensionName, 'dimensionless'>, readonly [string, number]> = {
  time: ['s', 1e-3],
  voltage: ['V', 1e-3],
  current: ['A', 1e-9],
  conductance: ['S', 1e-6],
  resistance: ['Ω', 1e6],
  capacitance: ['F', 1e-9],
  rate: ['Hz', 1],
};
const PREFIXES: ReadonlyArray<readonly [string, number]> = [
  ['G', 1e9], ['M', 1e6], ['k', 1e3], ['', 1], ['m', 1e-3], ['µ', 1e-6], ['n', 1e-9], ['p', 1e-12], ['f', 1e-15],
];

/** Format an internal value with a readable prefix, e.g. 0.002 (nA) -> "2 pA". */
export function formatQuantity(value: number, dim: DimensionName, digits = 4): string {
  const num = (x: number): string => String(Number(x.toPrecision(digits)));
  if (dim === 'dimensionless') return num(value);
  const [symbol, scale] = SI_OF[dim];
  const si = value * scale;
  const mag = Math.abs(si);
  const [prefix, factor] = mag === 0 ? ['', 1] : (PREFIXES.find(([, f]) => mag >= f * 0.9995) ?? PREFIXES[PREFIXES.length - 1]);
  return `${num(si / factor)} ${prefix}${symbol}`;
}

function roundNoise(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(SIGNIFICANT_DIGITS));
}

/** Value of a·b in the internal unit of `dim`, or undefined if a·b is not of that dimension. */
export function productToInternal(a: RawQuantity, b: RawQuantity, dim: DimensionName): number | undefined {
  if (a.unit && b.unit) return toInternal(a.unit.multiply(b.unit), dim);
  const unit = a.unit ?? b.unit;
  const factor = a.unit ? b.number : a.unit === null && b.unit ? a.number : a.number * b.number;
  if (!unit) return dim === 'dimensionless' ? factor : undefined;
  const x = toInternal(unit, dim);
  return x === undefined ? undefined : roundNoise(x * factor);
}
