/**
 * Spellings of units that people type and mathjs does not know, rewritten before parsing, and
 * the case variants of a unit used to suggest a correction. Only the spellings listed here are
 * accepted silently; any other near miss is refused with a suggestion (see units.ts).
 */
import type { Unit } from 'mathjs';
import { mathUnit } from './mathUnit';

/** Minus signs a text editor or the app's own labels print: U+2212 minus, U+2013 en dash. */
const MINUS = /[\u2212\u2013]/g;
/** No-break, thin and narrow no-break spaces (typographic spacing between number and unit). */
const SPACES = /[\u00a0\u2009\u202f]/g;

/**
 * Accepted spellings -> mathjs spellings. Applied to the unit part only. Each row is
 * unambiguous: no other unit is spelt like it in any letter case.
 */
const ALIASES: ReadonlyArray<readonly [RegExp, string]> = [
  [/Ω/g, 'ohm'],
  [/(^|[^A-Za-z])([kMG]?)[Oo]hms?\b/g, '$1$2ohm'],
  [/[µμ]/g, 'u'], // micro sign U+00B5 and Greek mu U+03BC
  [/\b([mu]?)secs?\b/g, '$1s'], // sec, secs, msec, usec
  [/\bhz\b/g, 'Hz'],
  [/\bkhz\b/g, 'kHz'],
];

/** The number part, as JavaScript reads it. */
export const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/i;

/** Text as it is stored: ASCII minus and single spaces, the unit as typed ("−50  mV" -> "-50 mV"). */
export function tidyQuantityText(text: string): string {
  return text.trim().replace(MINUS, '-').replace(SPACES, ' ').replace(/\s+/g, ' ');
}

/** Text with the accepted spellings rewritten: "−50 mV" -> "-50 mV", "10 MΩ" -> "10 Mohm". */
export function normalise(text: string): string {
  const t = text.trim().replace(MINUS, '-').replace(SPACES, ' ');
  const m = NUMBER.exec(t);
  const head = m ? m[0] : '';
  let tail = t.slice(head.length);
  for (const [pattern, replacement] of ALIASES) tail = tail.replace(pattern, replacement);
  return head + tail;
}

const VARIANTS = new Map<string, readonly Unit[]>();
const MAX_VARIANT_LETTERS = 8; // 2^8 spellings at most; longer words are not case slips

/** The units spelt like `unitText` in another letter case ("mv" -> mV, MV), each parsed once. */
export function caseVariants(unitText: string): readonly Unit[] {
  const cached = VARIANTS.get(unitText);
  if (cached) return cached;
  const letters = [...unitText].filter((c) => c.toLowerCase() !== c.toUpperCase()).length;
  const out: Unit[] = [];
  if (letters <= MAX_VARIANT_LETTERS) {
    const seen = new Set<string>([unitText]);
    for (let mask = 0; mask < 1 << letters; mask++) {
      let i = 0;
      const v = [...unitText].map((c) => (c.toLowerCase() === c.toUpperCase() ? c : mask & (1 << i++) ? c.toUpperCase() : c.toLowerCase())).join('');
      if (seen.has(v)) continue;
      seen.add(v);
      try {
        const u = mathUnit(`1 ${v}`);
        out.push(u);
      } catch {
        // not a unit in this spelling
      }
    }
  }
  VARIANTS.set(unitText, out);
  return out;
}

const PREFIX_NAMES: Readonly<Record<string, string>> = {
  G: 'giga', M: 'mega', k: 'kilo', '': '', m: 'milli', u: 'micro', n: 'nano', p: 'pico', f: 'femto', T: 'tera', P: 'peta',
};
const UNIT_NAMES: Readonly<Record<string, string>> = {
  s: 'seconds', V: 'volts', A: 'amperes', S: 'siemens', F: 'farads', ohm: 'ohms', Hz: 'hertz',
};

/** "megasiemens" for MS, "millivolts" for mV; undefined for compound or unnamed units. */
export function unitMeaning(u: Unit): string | undefined {
  if (u.units.length !== 1 || u.units[0].power !== 1) return undefined;
  const { unit } = u.units[0];
  // mathjs types the prefix as a string; at run time it is a {name, value} record
  const prefix = u.units[0].prefix as unknown as { name?: string } | undefined;
  const name = UNIT_NAMES[unit.name];
  const pre = PREFIX_NAMES[prefix?.name ?? ''];
  return name === undefined || pre === undefined ? undefined : `${pre}${name}`;
}

/** How the unit of `u` is written ("mV", "Mohm" shown as "MΩ"). */
export function unitSymbol(u: Unit): string {
  return u.formatUnits().replace(/ohm\b/g, 'Ω');
}
