/**
 * What a chart sends to ECharts when its option changes: the whole option on the first draw (or
 * when the option's shape changed), else only what differs from the option drawn before. A live
 * redraw then merges the new data into the series models ECharts already has (matched by series
 * id) instead of replacing every series and re-merging every axis, legend and title (issue 13:
 * brette-coba's live draws took 87–168 ms of the page's main thread, most of it in setOption).
 * Pure, so the renderer tests assert exactly what is sent.
 */
import type { Option } from './echarts';

/** One call of `chart.setOption(option, opts)`. */
export interface ChartUpdate {
  readonly option: Option;
  /** `replaceMerge: ['series']`: the series list is replaced (ids not in it are removed); absent: merged by id. */
  readonly replaceSeries: boolean;
}

type Obj = Record<string, unknown>;

const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x) && !ArrayBuffer.isView(x);

/**
 * Structural equality of option values: typed arrays (series data) by identity, so a new array of
 * the same numbers counts as changed (comparing millions of numbers would cost more than the draw);
 * functions by identity.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    for (const k of ka) if (!(k in b) || !sameValue(a[k], b[k])) return false;
    return true;
  }
  return false;
}

const seriesOf = (o: Obj): Obj[] | null => (Array.isArray(o.series) && o.series.every(isObj) ? (o.series as Obj[]) : null);

/**
 * The series part of a patch: each changed series as its id and changed fields, or null when the
 * series cannot be merged by id (a series without id, another list of ids, a field removed).
 */
function seriesPatch(prev: Obj[], next: Obj[]): Obj[] | null {
  if (prev.length !== next.length) return null;
  const out: Obj[] = [];
  for (let i = 0; i < next.length; i++) {
    const p = prev[i];
    const n = next[i];
    if (typeof n.id !== 'string' || n.id !== p.id) return null;
    if (Object.keys(p).some((k) => !(k in n))) return null;
    const changed: Obj = {};
    for (const k of Object.keys(n)) if (!sameValue(p[k], n[k])) changed[k] = n[k];
    if (Object.keys(changed).length > 0) out.push({ id: n.id, ...changed });
  }
  return out;
}

/**
 * The update that takes a chart from `prev` (the option last sent in full or merged, null before
 * the first draw) to `next`; null when nothing changed. Top-level components are sent only when
 * they differ; a component that went away, or series that cannot be merged by id, send the whole
 * option with the series replaced.
 */
export function chartUpdate(prev: Option | null, next: Option): ChartUpdate | null {
  const whole: ChartUpdate = { option: next, replaceSeries: true };
  if (prev === null) return whole;
  const p = prev as Obj;
  const n = next as Obj;
  if (Object.keys(p).some((k) => !(k in n))) return whole;
  const patch: Obj = {};
  for (const k of Object.keys(n)) {
    if (k === 'series' || sameValue(p[k], n[k])) continue;
    patch[k] = n[k];
  }
  const ps = seriesOf(p);
  const ns = seriesOf(n);
  if (ps && ns) {
    const s = seriesPatch(ps, ns);
    if (s === null) return whole;
    if (s.length > 0) patch.series = s;
  } else if (!sameValue(p.series, n.series)) {
    return whole;
  }
  return Object.keys(patch).length === 0 ? null : { option: patch, replaceSeries: false };
}

/** Longest a live chart's title (alone) lags behind its data, ms: a title change alone would cost a whole setOption. */
export const LIVE_TITLE_MS = 1000;

/**
 * Whether a live chart holds this update back: it changes the title alone (a raster's spike count)
 * and the last setOption was less than `everyMs` ago. The title then lags its data by at most
 * everyMs, where sending it would render every component again for one line of text (issue 13).
 */
export function holdTitle(update: ChartUpdate | null, live: boolean, sinceSetMs: number, everyMs: number): boolean {
  if (!live || update === null || update.replaceSeries) return false;
  const keys = Object.keys(update.option);
  return keys.length > 0 && keys.every((k) => k === 'title') && sinceSetMs < everyMs;
}
