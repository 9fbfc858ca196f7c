/** The benchmark's printed table: one row per network, a column group per backend, then Brian2; and the tfjs/typed crossover. */
import type { ChildRecord } from './child';
import type { BenchRecord } from './run';
import type { TrainingRow } from './trainingNode';
import { isSoftwareRenderer } from '../src/engine/backends/tfjs/runtime';

const fmt = (x: number | null | undefined, digits = 2): string => (x === null || x === undefined || !Number.isFinite(x) ? '-' : x.toFixed(digits));
/** Three significant digits: a 10 % difference between two rows shows at any magnitude (0.0563 vs 0.0612). */
export const sig = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '-' : x.toPrecision(3));
const sci = (x: number | null | undefined): string => (x === null || x === undefined ? '-' : x.toExponential(2));

/** A backend's record of a network, or null when it failed or did not run. */
function ok(r: BenchRecord, backend: string): ChildRecord | null {
  const x = r.by_backend[backend];
  return x && !('error' in x) ? x : null;
}

/** CPU seconds per second of biological time: comparable across backends that ran different slices. */
export const cpuPerBioSecond = (x: ChildRecord): number => x.run_cpu_s / (x.duration_ms / 1000);

export function printTable(records: readonly BenchRecord[], backends: readonly string[], durationMs: number): void {
  const head = ['network', 'neurons', 'synapses'];
  for (const b of backends) head.push(`${b} ran`, `${b} build s`, `${b} sim ms`, `${b} run s`, `${b} CPU s/bio s`, `${b} RTF`, `${b} syn ev/s`, `${b} peak MB`, `${b} rate E/I Hz`, `${b} ÷ brian2`);
  head.push('brian2 run s', 'brian2 compile s', 'brian2 rate E/I Hz');
  const rows = records.map((r) => {
    const row = [r.name, String(r.neurons), r.synapses === null ? '-' : String(r.synapses)];
    const brianPerBio = r.brian2_run_s === null ? null : r.brian2_run_s / (durationMs / 1000);
    for (const b of backends) {
      const x = ok(r, b);
      if (!x) {
        row.push('failed', '-', '-', '-', '-', '-', '-', '-', '-', '-');
        continue;
      }
      row.push(
        x.backend, fmt(x.build_s), String(x.duration_ms), sig(x.run_s), sig(cpuPerBioSecond(x)), sig(x.run_s / (x.duration_ms / 1000)),
        sci(x.synaptic_events === null ? null : x.synaptic_events / x.run_s), fmt(x.peak_rss_mb, 0),
        `${fmt(x.rate_exc_hz)}/${fmt(x.rate_inh_hz)}`, brianPerBio === null ? '-' : sig(cpuPerBioSecond(x) / brianPerBio),
      );
    }
    row.push(sig(r.brian2_run_s), fmt(r.brian2_compile_s, 1), r.brian2_run_s === null ? '-' : `${fmt(r.brian2_rate_exc_hz)}/${fmt(r.brian2_rate_inh_hz)}`);
    return row;
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w, i) => (i === 0 ? ':' : '-') + '-'.repeat(w) + (i === 0 ? '-' : ':')).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log('ran = the backend that actually ran (tfjs-node when @tensorflow/tfjs-node loads, else tfjs-wasm); sim ms = biological time simulated;');
  console.log('CPU s/bio s = CPU seconds of the run per second of biological time; RTF = wall seconds per biological second (< 1 is faster than real');
  console.log('time); syn ev/s = synaptic events delivered per second of run time; ÷ brian2 = CPU s/bio s over Brian2 cpp_standalone\'s run time per');
  console.log('biological second (single-threaded, C++ compile excluded and shown apart; Brian2 times its loop with std::clock(), CPU time).');
  console.log(`The first backend's times and Brian2's are the medians of --repeats runs (every run is in results.json); other backends ran once.`);
}

export interface Crossover {
  /** Smallest network from which `other` stays cheaper than `base` per simulated second, or null if none measured. */
  readonly neurons: number | null;
  /** `other` CPU over `base` CPU per simulated second, per network (< 1: other wins). */
  readonly ratios: ReadonlyArray<{ readonly network: string; readonly neurons: number; readonly ratio: number }>;
  readonly text: string;
}

/** Where `other` starts to beat `base` as networks grow, from the networks both ran. */
export function crossover(records: readonly BenchRecord[], base: string, other: string): Crossover | null {
  const ratios = records
    .map((r) => ({ r, a: ok(r, base), b: ok(r, other) }))
    .filter((x): x is { r: BenchRecord; a: ChildRecord; b: ChildRecord } => x.a !== null && x.b !== null)
    .map(({ r, a, b }) => ({ network: r.name, neurons: r.neurons, ratio: cpuPerBioSecond(b) / cpuPerBioSecond(a) }))
    .sort((p, q) => p.neurons - q.neurons);
  if (ratios.length === 0) return null;
  let neurons: number | null = null;
  for (let k = ratios.length - 1; k >= 0 && ratios[k].ratio < 1; k--) neurons = ratios[k].neurons;
  const list = ratios.map((x) => `${x.network} ${x.ratio.toFixed(1)}×`).join(', ');
  const largest = ratios[ratios.length - 1].neurons;
  const text = neurons === null
    ? `Crossover: none up to ${largest} neurons; ${other} needs this many times the CPU of ${base} per simulated second: ${list}.`
    : `Crossover: ${other} needs less CPU than ${base} per simulated second from ${neurons} neurons on (${other}/${base}: ${list}).`;
  return { neurons, ratios, text };
}

/** The training row(s): time per epoch of bench/trainingEpochs.ts's fixed configuration, per place and flavour. */
export function printTrainingTable(all: readonly TrainingRow[]): void {
  let rows = all;
  const first = rows.find((r) => r.timing)?.timing;
  const choices = rows.filter((r) => r.choice !== undefined);
  rows = rows.filter((r) => r.choice === undefined);
  const head = ['training', 'ran', 's/epoch', 'ms/batch', 'epochs s', 'first epoch s', 'renderer'];
  const body = rows.map((r) => {
    const t = r.timing;
    if (!t) return [r.where, r.flavour, '-', '-', '-', '-', r.error ?? 'failed'];
    return [r.where, r.flavour, fmt(t.secondsPerEpoch), fmt(t.msPerBatch, 0), t.epochS.map((s) => fmt(s)).join(' '), fmt(t.firstEpochS), r.renderer ? (isSoftwareRenderer(r.renderer) ? 'software GL (SwiftShader)' : r.renderer) : '-'];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i < 2 || i === 6 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w, i) => (i < 2 || i === 6 ? ':' : '-') + '-'.repeat(w) + (i < 2 || i === 6 ? '-' : ':')).join('|')}|`);
  for (const row of body) console.log(line(row));
  if (first) {
    console.log(`Training: Randman (resources/training/randman.snn) 20 -> 100 LIF -> 10 LIF, ${first.steps} steps, batches of ${first.batchSize}; an epoch = ${first.samples} samples`);
    console.log(`(${first.batches} batches), forward + backward + Adam. s/epoch = median of the epochs after the first (listed under "epochs s"); the first`);
    console.log('includes kernel and shader set-up. chromium = headless /usr/bin/chromium, each flavour in a Web Worker (WebGL on an OffscreenCanvas).');
  }
  for (const c of choices) console.log(`Default for training in ${c.where} (src/engine/training/backendChoice.ts): ${c.choice}`);
}
