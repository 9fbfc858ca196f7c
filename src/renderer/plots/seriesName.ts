/**
 * Series names that are safe to hand to ECharts. ECharts keeps some state in plain objects keyed
 * by series name (the legend's `selected` map calls `selected.hasOwnProperty(name)`), so a
 * population called "hasOwnProperty", "__proto__" or "constructor" would break the legend. Every
 * name a user chose gets an invisible prefix no Object.prototype member starts with; legends and
 * tooltips show the name without it.
 */

/** U+2060 WORD JOINER: zero width, not whitespace, never at the start of a JavaScript property name in Object.prototype. */
const PREFIX = '\u2060';

/** The series name for a label that may come from the user (a population id, a run label). */
export function seriesName(label: string): string {
  return PREFIX + label;
}

/** The label a series name stands for (names without the prefix are returned as they are). */
export function shownName(name: string): string {
  return name.startsWith(PREFIX) ? name.slice(PREFIX.length) : name;
}
