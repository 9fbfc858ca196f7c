/** The benchmark's printed table: one row per network, a column group per backend, then Brian2. */
import type { BenchRecord } from './run';

const fmt = (x: number | null | undefined, digits = 2): string => (x === null || x === undefined || !Number.isFinite(x) ? '-' : x.toFixed(digits));
const sci = (x: number | null | undefined): string => (x === null || x === undefined ? '-' : x.toExponential(2));

export function printTable(records: readonly BenchRecord[], backends: readonly string[], durationMs: number): void {
  const head = ['network', 'neurons', 'synapses'];
  for (const b of backends) head.push(`${b} build s`, `${b} run s`, `${b} run CPU s`, `${b} RTF`, `${b} syn ev/s`, `${b} peak MB`, `${b} rate E/I Hz`);
  head.push('brian2 run s', 'brian2 compile s', 'brian2 rate E/I Hz', 'ratio CPU', 'ratio wall');
  const rows = records.map((r) => {
    const row = [r.name, String(r.neurons), r.synapses === null ? '-' : String(r.synapses)];
    for (const b of backends) {
      const x = r.by_backend[b];
      if (!x || 'error' in x) {
        row.push('failed', '-', '-', '-', '-', '-', '-');
        continue;
      }
      row.push(
        fmt(x.build_s), fmt(x.run_s), fmt(x.run_cpu_s), fmt(x.run_s / (durationMs / 1000)),
        sci(x.synaptic_events === null ? null : x.synaptic_events / x.run_s), fmt(x.peak_rss_mb, 0),
        `${fmt(x.rate_exc_hz)}/${fmt(x.rate_inh_hz)}`,
      );
    }
    row.push(fmt(r.brian2_run_s), fmt(r.brian2_compile_s, 1), r.brian2_run_s === null ? '-' : `${fmt(r.brian2_rate_exc_hz)}/${fmt(r.brian2_rate_inh_hz)}`, fmt(r.ratio), fmt(r.ratio_wall));
    return row;
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w, i) => (i === 0 ? ':' : '-') + '-'.repeat(w) + (i === 0 ? '-' : ':')).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log('RTF = run seconds per second of biological time (< 1 is faster than real time); syn ev/s = synaptic events delivered per second of run time;');
  console.log('ratio = our run time / Brian2 cpp_standalone run time (single-threaded, C++ compile excluded and shown apart); Brian2 times its');
  console.log('run loop with std::clock() (CPU time), so "ratio CPU" compares CPU with CPU; "ratio wall" uses our wall time.');
}
