/**
 * Why a quantity was refused: a code callers can branch on, the data a message needs, and the
 * one table of sentences shown to the user (inspector fields, build problems, the CLI).
 */
import { DIMENSIONS, type DimensionName } from './dimensions';

export type UnitErrorCode =
  | 'empty'
  | 'not_a_quantity'
  | 'no_number'
  | 'no_unit'
  | 'decimal_comma'
  | 'unknown_unit'
  | 'ambiguous_unit'
  | 'wrong_dimension'
  | 'out_of_range';

/** A refused quantity. `suggestion` is the whole corrected text, e.g. "-50 mV". */
export interface UnitError {
  readonly code: UnitErrorCode;
  /** The text as the user typed it. */
  readonly text: string;
  /** The dimension that was asked for, when the caller named one. */
  readonly want?: DimensionName;
  /** The unit as typed ("mv", "MS"). */
  readonly unit?: string;
  /** What the typed unit is: a dimension name, or the units of another dimension ("kg"). */
  readonly got?: string;
  /** The long name of the typed unit ("megasiemens"), for ambiguous spellings. */
  readonly meaning?: string;
  /** The typed value with its prefix as a power of ten ("5e6 S"), for ambiguous spellings. */
  readonly literal?: string;
  /** A corrected text to offer ("did you mean …?"). */
  readonly suggestion?: string;
  /** The long name of the suggested unit ("millisiemens"). */
  readonly suggestionMeaning?: string;
}

const a = (dim: DimensionName): string => (dim === 'dimensionless' ? 'a plain number' : `a ${dim}`);
const example = (e: UnitError): string => (e.want ? DIMENSIONS[e.want].example : '5 ms');
const needed = (e: UnitError): string => (e.want ? `${a(e.want)} such as "${example(e)}"` : 'a number with a unit such as "5 ms"');
const didYouMean = (e: UnitError): string =>
  e.suggestion ? ` Did you mean "${e.suggestion}"${e.suggestionMeaning ? ` (${e.suggestionMeaning})` : ''}?` : '';

const MESSAGES: Record<UnitErrorCode, (e: UnitError) => string> = {
  empty: (e) => `It is empty; type ${needed(e)}.`,
  not_a_quantity: (e) => `"${e.text}" is not a number with a unit; type ${needed(e)}.`,
  no_number: (e) => `"${e.text}" has a unit but no number; type ${needed(e)}.`,
  no_unit: (e) => `"${e.text}" has no unit; type ${needed(e)}.`,
  decimal_comma: (e) => `"${e.text}" uses a comma; write decimals with a point.${didYouMean(e)}`,
  unknown_unit: (e) =>
    e.suggestion
      ? `"${e.unit}" is not a unit (units are case-sensitive).${didYouMean(e)}`
      : `"${e.unit}" is not a unit we know; type ${needed(e)}.`,
  ambiguous_unit: (e) =>
    `"${e.unit}" means ${e.meaning ?? 'a unit of another size'} (units are case-sensitive).${didYouMean(e)}` +
    (e.literal ? ` If you really mean ${e.meaning ?? 'it'}, write "${e.literal}".` : ''),
  wrong_dimension: (e) =>
    `"${e.text}" is ${e.got && e.got in DIMENSIONS ? a(e.got as DimensionName) : `in ${e.got}, another dimension`}, ` +
    `but ${e.want ? a(e.want) : 'another unit'} is needed (e.g. "${example(e)}").${didYouMean(e)}`,
  out_of_range: (e) => `"${e.text}" is out of range.`,
};

/** The sentence for a refused quantity (starts with a capital, ends with a full stop). */
export function unitErrorMessage(e: UnitError): string {
  return MESSAGES[e.code](e);
}

/** True for the value returned by `parseRaw` when the text was refused. */
export function isUnitError(x: unknown): x is UnitError {
  return typeof x === 'object' && x !== null && 'code' in x && typeof (x as UnitError).code === 'string';
}
