/**
 * Physical quantities: parse unit strings ("-65 mV", "200 pA", "10 MOhm") with mathjs and
 * convert them to the engine's coherent internal system (ms, mV, nA, uS, MOhm, nF, Hz).
 * MOhm * nF = ms, nA * MOhm = mV, uS * mV = nA, so kernels need no conversion factors.
 */
import { create, unitDependencies, type Unit } from 'mathjs';

/**
 * mathjs builds its unit parser (a typed function for every operation units need, matrices
 * included) when first asked, not on import: the largest single start-up cost of the command
 * line, which a usage error or a file that is not JSON never needs. With a bundler only the unit
 * parser's factories are included.
 */
let unitParser: ((text: string) => Unit) | null = null;
function mathUnit(text: string): Unit {
  unitParser ??= create(unitDependencies).unit;
  return unitParser(text);
}

/** A named physical dimension with its internal unit (the unit kernels compute in). */
export interface Dimension {
  readonly name: string;
  /** Unit string the internal value is expressed in, e.g. "mV". */
  readonly internal: string;
  /** Example shown in error messages. */
  readonly example: string;
}

export const DIMENSIONS = {
  time: { name: 'time', internal: 'ms', example: '5 ms' },
  voltage: { name: 'voltage', internal: 'mV', example: '-65 mV' },
  current: { name: 'current', internal: 'nA', example: '0.5 nA' },
  conductance: { name: 'conductance', internal: 'uS', example: '6 nS' },
  resistance: { name: 'resistance', internal: 'Mohm', example: '10 MOhm' },
  capacitance: { name: 'capacitance', internal: 'nF', example: '0.2 nF' },
  rate: { name: 'rate', internal: 'Hz', example: '10 Hz' },
  dimensionless: { name: 'dimensionless', internal: '', example: '0.5' },
} as const satisfies Record<string, Dimension>;

export type DimensionName = keyof typeof DIMENSIONS;

/** Result of parsing a quantity: the value in internal units, or a sentence saying what is wrong. */
export type ParsedQuantity = { ok: true; value: number } | { ok: false; reason: string };

const SIGNIFICANT_DIGITS = 15; // drop float noise such as 999.9999999999999 from 1 uF -> nF

/** Spellings people type that mathjs does not know: Ohm, Ω, µ, "mHz" is fine as is. */
function normalise(text: string): string {
  return text
    .trim()
    .replace(/Ω/g, 'ohm')
    .replace(/([kMG]?)Ohms?\b/g, '$1ohm')
    .replace(/µ|μ/g, 'u')
    .replace(/\bsec\b/g, 's');
}

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

const BARE_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A parsed quantity: a bare number has `unit` null. */
export interface RawQuantity {
  readonly number: number;
  readonly unit: Unit | null;
}

/** Parse text into a number with an optional mathjs unit, or return a sentence saying why not. */
export function parseRaw(text: string): RawQuantity | string {
  const t = normalise(text);
  if (t === '') return 'it is empty';
  if (BARE_NUMBER.test(t)) {
    const x = Number(t);
    return Number.isFinite(x) ? { number: x, unit: null } : `"${text}" is out of range`;
  }
  try {
    const u = mathUnit(t);
    if (u.value === null) return `"${text}" has a unit but no number`;
    if (!Number.isFinite(u.value)) return `"${text}" is out of range`;
    return { number: u.value, unit: u };
  } catch (e) {
    return `"${text}" is not a number with a unit (${(e as Error).message})`;
  }
}

/** Parse `text` as a quantity of dimension `dim` and return its value in internal units. */
export function parseQuantity(text: string | number, dim: DimensionName): ParsedQuantity {
  const want = DIMENSIONS[dim];
  if (typeof text === 'number') {
    if (!Number.isFinite(text)) return { ok: false, reason: 'the number is not finite' };
    if (dim === 'dimensionless') return { ok: true, value: text };
    return { ok: false, reason: `a bare number has no unit; write a ${want.name} such as "${want.example}"` };
  }
  const raw = parseRaw(text);
  if (typeof raw === 'string') return { ok: false, reason: raw };
  if (raw.unit === null) {
    if (dim === 'dimensionless') return { ok: true, value: raw.number };
    return { ok: false, reason: `"${text}" has no unit; write a ${want.name} such as "${want.example}"` };
  }
  const value = toInternal(raw.unit, dim);
  if (value === undefined) {
    const got = dimensionOf(raw.unit);
    const what = got ? `a ${DIMENSIONS[got].name}` : `in ${raw.unit.formatUnits()}, another dimension`;
    return { ok: false, reason: `"${text}" is ${what}, but a ${want.name} is needed (e.g. "${want.example}")` };
  }
  if (!Number.isFinite(value)) return { ok: false, reason: `"${text}" is out of range` };
  return { ok: true, value };
}

/** Value of `u` in the internal unit of `dim`, if it has that dimension. */
export function toInternal(u: Unit, dim: DimensionName): number | undefined {
  const p = probeFor(dim);
  if (p === null) return isDimensionless(u) ? roundNoise(u.toNumber('')) : undefined;
  if (!u.equalBase(p) || u.value === null) return undefined;
  return roundNoise(u.toNumber(DIMENSIONS[dim].internal));
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
