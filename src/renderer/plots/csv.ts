/** CSV export of what the plots show: one header row, comma separated, numbers as JavaScript prints them. */
import type { RunResults } from '../../shared/results';
import { trainsByPopulation } from '../../shared/analysis';
import type { RateCurve } from './shaping';

/** Quote a field if it holds a comma, quote or newline (RFC 4180). */
export function csvField(v: string | number): string {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: Iterable<readonly (string | number)[]>): string {
  const lines = [header.map(csvField).join(',')];
  for (const r of rows) lines.push(r.map(csvField).join(','));
  return lines.join('\n') + '\n';
}

/** Every spike: population, neuron index, time (ms). */
export function spikesCsv(results: RunResults): string {
  const dt = results.dt;
  function* rows(): Generator<(string | number)[]> {
    for (const t of trainsByPopulation(results)) for (let i = 0; i < t.steps.length; i++) yield [t.population, t.ids[i], +(t.steps[i] * dt).toPrecision(12)];
  }
  return toCsv(['population', 'neuron', 'time_ms'], rows());
}

/** Rate curves side by side: time (ms), then one column per population (Hz). Curves share their time grid. */
export function ratesCsv(curves: readonly RateCurve[]): string {
  const n = curves[0]?.points.length ?? 0;
  function* rows(): Generator<(string | number)[]> {
    for (let i = 0; i < n; i++) yield [+curves[0].points[i][0].toPrecision(12), ...curves.map((c) => +c.points[i][1].toPrecision(8))];
  }
  return toCsv(['time_ms', ...curves.map((c) => `${c.population}_rate_hz`)], rows());
}

/** Any set of [x, y] series sharing nothing: long format (series, x, y). */
export function seriesCsv(xName: string, yName: string, series: readonly { label: string; points: readonly (readonly [number, number])[] }[]): string {
  function* rows(): Generator<(string | number)[]> {
    for (const s of series) for (const [x, y] of s.points) yield [s.label, x, y];
  }
  return toCsv(['series', xName, yName], rows());
}
