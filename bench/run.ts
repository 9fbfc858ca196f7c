/**
 * `npm run bench`: the Brette et al. (2007) CUBA and COBA networks (4000 neurons), CUBA scaled
 * to 16k, 64k and 256k neurons at 80 synapses per neuron, COBA-HH (benchmark 3's network with the
 * catalogue's HH cell, bench/networks/cobaHH.ts) and the four Brunel (2000) examples, 1 s of
 * biological time at dt = 0.1 ms. Brian2 runs the Brette series from bench/brian2/brette.py and
 * the others from their generated Brian2 export (src/engine/export), both in cpp_standalone.
 * Each network runs in its own child process (bench/child.ts) so peak RSS is per network. When
 * Brian2 is installed, the same networks also run in Brian2 cpp_standalone (bench/brian2/brette.py)
 * and the table shows our run time over Brian2's (Brian2's C++ compile time is shown apart).
 * Every backend of bench/backends.ts gets a column group (typed and tfjs; tfjs runs a shorter
 * slice by default, see DEFAULT_SLICE_MS), and the run ends with the crossover size, if any, at
 * which tfjs needs less CPU per simulated second than typed. Last comes the training row: time
 * per epoch of bench/trainingEpochs.ts's fixed Randman configuration on WASM in Node and on WebGL
 * and WASM in headless Chromium (bench/trainingBrowser.ts; --no-training skips it).
 * Writes bench/results.json. Not a test: nothing here passes or fails.
 *
 *   npm run bench -- --help
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_NETWORKS, type BenchNetwork } from './networks';
import { BENCH_BACKENDS, DEFAULT_SLICE_MS, PRIMARY_BACKEND } from './backends';
import type { ChildRecord } from './child';
import { brian2Available, runBrette, runExportedBrian2, type Brian2Record } from './brian2';
import { crossover, printTable, printTrainingTable, sig } from './table';
import type { TrainingRow } from './trainingNode';

const DEFAULT_DURATION_MS = 1000;
/** One run on a shared 2-core machine can be slowed by a busy moment; the median of three cannot. */
const DEFAULT_REPEATS = 3;
const DT_MS = 0.1;
const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));

const HELP = `npm run bench -- [options]

  --quick                only the 4000-neuron networks (cuba-4k, coba-4k and their variants)
  --networks a,b         these networks (${BENCH_NETWORKS.map((n) => n.name).join(', ')})
  --backends a,b         these backends (default: ${Object.keys(BENCH_BACKENDS).join(',')})
  --duration-ms N        biological time per network, ms (default ${DEFAULT_DURATION_MS}; Brian2 runs the same)
  --slice-ms name=N,...  shorter time for a slow backend, ms (default ${Object.entries(DEFAULT_SLICE_MS).map(([b, ms]) => `${b}=${ms}`).join(',')});
                         run times are compared per simulated second
  --no-brian2            skip Brian2 cpp_standalone
  --seed N               seed of every network (default 1)
  --repeats N            runs of the ${PRIMARY_BACKEND} backend and of Brian2's binary per network; the table
                         shows the median (default ${DEFAULT_REPEATS}; other backends run once)
  --no-training          skip the training row (time per epoch on wasm in Node, webgl and wasm in Chromium)
  --training-only        only the training row
  --out FILE             where to write the results (default bench/results.json)
  --help                 this text
`;

interface Flags {
  quick: boolean;
  brian2: boolean;
  backends: string[];
  seed: number;
  networks: string[] | null;
  durationMs: number;
  sliceMs: Record<string, number>;
  out: string;
  repeats: number;
  training: boolean;
  trainingOnly: boolean;
}

function positive(text: string | undefined, flag: string): number {
  const v = Number(text);
  if (!(v > 0)) throw new Error(`${flag} needs a positive number of ms (got ${text})`);
  return v;
}

function parseFlags(argv: readonly string[]): Flags | null {
  const flags: Flags = { quick: false, brian2: true, backends: Object.keys(BENCH_BACKENDS), seed: 1, networks: null, durationMs: DEFAULT_DURATION_MS, sliceMs: { ...DEFAULT_SLICE_MS }, out: RESULTS, repeats: DEFAULT_REPEATS, training: true, trainingOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') return null;
    else if (a === '--quick') flags.quick = true;
    else if (a === '--no-brian2') flags.brian2 = false;
    else if (a === '--no-training') flags.training = false;
    else if (a === '--training-only') flags.trainingOnly = true;
    else if (a === '--backends') flags.backends = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (a === '--seed') flags.seed = Number(argv[++i]);
    else if (a === '--repeats') {
      flags.repeats = Number(argv[++i]);
      if (!Number.isInteger(flags.repeats) || flags.repeats < 1) throw new Error(`--repeats needs a whole number >= 1 (got ${argv[i]})`);
    }
    else if (a === '--networks') flags.networks = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (a === '--out') flags.out = resolve(argv[++i] ?? RESULTS);
    else if (a === '--duration-ms') flags.durationMs = positive(argv[++i], a);
    else if (a === '--slice-ms') {
      for (const pair of (argv[++i] ?? '').split(',').filter(Boolean)) {
        const [name, ms] = pair.split('=');
        flags.sliceMs[name] = positive(ms, `--slice-ms ${name}`);
      }
    } else throw new Error(`unknown flag ${a} (see npm run bench -- --help)`);
  }
  for (const b of flags.backends) if (!BENCH_BACKENDS[b]) throw new Error(`unknown backend ${b} (known: ${Object.keys(BENCH_BACKENDS).join(', ')})`);
  return flags;
}

/** One network on one backend in a fresh Node process. */
function runChild(net: BenchNetwork, backend: string, seed: number, durationMs: number): ChildRecord {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CHILD, '--network', net.name, '--backend', backend, '--seed', String(seed), '--duration-ms', String(durationMs)], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`${net.name} on ${backend} failed (exit ${r.status ?? r.signal}): ${(r.stderr ?? '').trim()}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '') as ChildRecord;
}

/** `repeats` fresh runs; the one with the median CPU time (its record whole), and every CPU time. */
function runMedian(net: BenchNetwork, backend: string, seed: number, durationMs: number, repeats: number): { median: ChildRecord; cpu: number[] } {
  const runs = Array.from({ length: repeats }, () => runChild(net, backend, seed, durationMs));
  const sorted = [...runs].sort((a, b) => a.run_cpu_s - b.run_cpu_s);
  return { median: sorted[Math.floor((repeats - 1) / 2)], cpu: runs.map((r) => r.run_cpu_s) };
}

export interface BenchRecord {
  readonly name: string;
  readonly neurons: number;
  readonly synapses: number | null;
  readonly build_s: number | null;
  readonly run_s: number | null;
  /** CPU seconds of the run (see ChildRecord.run_cpu_s); the median of run_cpu_s_samples. */
  readonly run_cpu_s: number | null;
  /** CPU seconds of every repeat of the primary backend. */
  readonly run_cpu_s_samples: number[] | null;
  readonly real_time_factor: number | null;
  readonly synaptic_events_per_s: number | null;
  readonly peak_rss_mb: number | null;
  readonly rate_exc_hz: number | null;
  readonly rate_inh_hz: number | null;
  readonly cv_exc: number | null;
  readonly cv_inh: number | null;
  /** Median of brian2_run_s_samples (repeated runs of the compiled binary). */
  readonly brian2_run_s: number | null;
  readonly brian2_run_s_samples: number[] | null;
  readonly brian2_compile_s: number | null;
  readonly brian2_synapses: number | null;
  readonly brian2_rate_exc_hz: number | null;
  readonly brian2_rate_inh_hz: number | null;
  /**
   * Our run time / Brian2 cpp_standalone run time (< 1: we are faster), both CPU seconds: Brian2's
   * _last_run_time is std::clock() CPU time, so CPU against CPU stays fair when other processes
   * share the machine. ratio_wall uses our wall time instead.
   */
  readonly ratio: number | null;
  readonly ratio_wall: number | null;
  readonly by_backend: Record<string, ChildRecord | { error: string }>;
  readonly brian2_error?: string;
}

function record(net: BenchNetwork, byBackend: Record<string, ChildRecord | { error: string }>, cpuSamples: number[] | null, b2: Brian2Record | { error: string } | null, durationMs: number): BenchRecord {
  const main = byBackend[PRIMARY_BACKEND];
  const ours = main && !('error' in main) ? main : null;
  const brian = b2 && !('error' in b2) ? b2 : null;
  return {
    name: net.name,
    neurons: net.neurons,
    synapses: ours?.synapses ?? null,
    build_s: ours?.build_s ?? null,
    run_s: ours?.run_s ?? null,
    run_cpu_s: ours?.run_cpu_s ?? null,
    run_cpu_s_samples: ours ? cpuSamples : null,
    real_time_factor: ours ? ours.run_s / (durationMs / 1000) : null,
    synaptic_events_per_s: ours && ours.synaptic_events !== null ? ours.synaptic_events / ours.run_s : null,
    peak_rss_mb: ours?.peak_rss_mb ?? null,
    rate_exc_hz: ours?.rate_exc_hz ?? null,
    rate_inh_hz: ours?.rate_inh_hz ?? null,
    cv_exc: ours?.cv_exc ?? null,
    cv_inh: ours?.cv_inh ?? null,
    brian2_run_s: brian?.run_s ?? null,
    brian2_run_s_samples: brian?.run_s_samples ?? null,
    brian2_compile_s: brian?.compile_s ?? null,
    brian2_synapses: brian?.synapses ?? null,
    brian2_rate_exc_hz: brian?.rate_exc_hz ?? null,
    brian2_rate_inh_hz: brian?.rate_inh_hz ?? null,
    ratio: ours && brian ? ours.run_cpu_s / brian.run_s : null,
    ratio_wall: ours && brian ? ours.run_s / brian.run_s : null,
    by_backend: byBackend,
    ...(b2 && 'error' in b2 ? { brian2_error: b2.error } : {}),
  };
}

/**
 * The training row: WASM in this process (the networks above ran in children, so tfjs starts here
 * fresh), then WebGL and WASM in headless Chromium. Each flavour trains 1 + repeats epochs; the
 * row is the median of the repeats.
 */
async function trainingRows(repeats: number): Promise<TrainingRow[]> {
  const [{ benchTrainingInNode }, { benchTrainingInChromium }, { BENCH_SAMPLES }] = await Promise.all([import('./trainingNode'), import('./trainingBrowser'), import('./trainingEpochs')]);
  const say = (r: TrainingRow): void => console.log(`  training on ${r.flavour} in ${r.where}: ${r.choice ?? (r.timing ? `${r.timing.secondsPerEpoch.toFixed(2)} s/epoch` : r.error)}`);
  const rows = await benchTrainingInNode(['auto', 'tfjs-wasm'], BENCH_SAMPLES, repeats, say);
  try {
    const browser = await benchTrainingInChromium(['auto', 'tfjs-webgl', 'tfjs-wasm'], BENCH_SAMPLES, repeats, (r) => say({ where: 'chromium', ...r }));
    rows.push(...browser.map((r) => ({ where: 'chromium', ...r })));
  } catch (e) {
    // No Chromium here (SNN_CHROMIUM / /usr/bin/chromium): the Node row still stands.
    rows.push({ where: 'chromium', flavour: '-', error: (e as Error).message.split('\n')[0] });
  }
  return rows;
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  if (flags === null) {
    process.stdout.write(HELP);
    return;
  }
  if (flags.trainingOnly) {
    const training = await trainingRows(flags.repeats);
    console.log('');
    printTrainingTable(training);
    writeFileSync(flags.out, `${JSON.stringify({ date: new Date().toISOString(), training }, null, 2)}\n`);
    console.log(`\nwrote ${flags.out}`);
    return;
  }
  const durationMs = flags.durationMs;
  const sliceOf = (backend: string): number => Math.min(durationMs, flags.sliceMs[backend] ?? durationMs);
  const networks = BENCH_NETWORKS.filter((n) => (flags.networks ? flags.networks.includes(n.name) : !flags.quick || n.quick));
  let withBrian2 = flags.brian2 && brian2Available();
  if (flags.brian2 && !withBrian2) console.log("Brian2 not found (/usr/bin/python3 -c 'import brian2' failed): our numbers only.");
  console.log(`Benchmark: ${networks.map((n) => n.name).join(', ')}; ${durationMs} ms at dt ${DT_MS} ms; backends ${flags.backends.map((b) => (sliceOf(b) < durationMs ? `${b} (${sliceOf(b)} ms slice)` : b)).join(', ')}${withBrian2 ? '; Brian2 cpp_standalone' : ''}`);

  const records: BenchRecord[] = [];
  const write = (training?: TrainingRow[]): void => {
    const cross = crossover(records, PRIMARY_BACKEND, 'tfjs');
    writeFileSync(flags.out, `${JSON.stringify({ duration_ms: durationMs, dt_ms: DT_MS, seed: flags.seed, date: new Date().toISOString(), slice_ms: flags.sliceMs, crossover: cross, networks: records, ...(training ? { training } : {}) }, null, 2)}\n`);
  };
  for (const net of networks) {
    const byBackend: Record<string, ChildRecord | { error: string }> = {};
    let cpuSamples: number[] | null = null;
    for (const backend of flags.backends) {
      process.stdout.write(`  ${net.name} on ${backend} ... `);
      try {
        const { median: r, cpu } = runMedian(net, backend, flags.seed, sliceOf(backend), backend === PRIMARY_BACKEND ? flags.repeats : 1);
        byBackend[backend] = r;
        if (backend === PRIMARY_BACKEND) cpuSamples = cpu;
        const runs = cpu.length > 1 ? ` (median of ${cpu.map((c) => sig(c)).join(', ')})` : '';
        console.log(`build ${r.build_s.toFixed(2)} s, run ${sig(r.run_s)} s wall / ${sig(r.run_cpu_s)} s CPU${runs}`);
      } catch (e) {
        byBackend[backend] = { error: (e as Error).message };
        console.log(`failed: ${(e as Error).message.split('\n')[0]}`);
      }
    }
    let b2: Brian2Record | { error: string } | null = null;
    if (withBrian2) {
      process.stdout.write(`  ${net.name} on Brian2 cpp_standalone ... `);
      try {
        b2 = net.brian2Args
          ? runBrette([...net.brian2Args, '--seed', String(flags.seed), '--duration-ms', String(durationMs), '--dt-ms', String(DT_MS), '--device', 'cpp_standalone', '--repeats', String(flags.repeats)])
          : runExportedBrian2(net.name, net.document(flags.seed, durationMs), flags.seed, durationMs, flags.repeats);
        const runs = b2.run_s_samples.length > 1 ? ` (median of ${b2.run_s_samples.map((c) => sig(c)).join(', ')})` : '';
        console.log(`compile ${b2.compile_s.toFixed(1)} s, run ${sig(b2.run_s)} s${runs}`);
      } catch (e) {
        b2 = { error: (e as Error).message };
        console.log(`failed: ${(e as Error).message.split('\n')[0]}`);
        if (/not found|ENOENT/.test((e as Error).message)) withBrian2 = false;
      }
    }
    records.push(record(net, byBackend, cpuSamples, b2, durationMs));
    // Written after every network so an interrupted run keeps what it measured.
    write();
  }
  const training = flags.training ? await trainingRows(flags.repeats) : null;
  if (training) write(training);
  console.log('');
  printTable(records, flags.backends, durationMs);
  const cross = crossover(records, PRIMARY_BACKEND, 'tfjs');
  if (cross) console.log(`\n${cross.text}`);
  if (training) {
    console.log('');
    printTrainingTable(training);
  }
  console.log(`\nwrote ${flags.out}`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
