/**
 * One benchmark network on one backend, in its own process so its peak memory (maxRSS) is its
 * own. Prints one JSON line (a ChildRecord) on stdout. Used by bench/run.ts:
 *   node --import tsx bench/child.ts --network cuba-4k --backend typed --seed 1 --duration-ms 1000
 */
import { build } from '../src/engine/build';
import type { Csr } from '../src/engine/connectivity';
import { runInstance } from '../src/engine/runner';
import { isiCv, meanRate } from '../src/engine/analysis';
import { formatProblem, hasErrors } from '../src/shared/problems';
import { withSpikeMonitors } from '../src/cli/autoMonitors';
import { benchNetwork } from './networks';
import { BENCH_BACKENDS } from './backends';

export interface ChildRecord {
  readonly network: string;
  readonly backend: string;
  readonly neurons: number;
  /** Exact number of synapses when the backend exposes its connectivity, else null. */
  readonly synapses: number | null;
  /** Spikes delivered to synapses (each spike times its row length), when known. */
  readonly synaptic_events: number | null;
  /** Document -> IR -> instantiated network (connectivity, initial state), s. */
  readonly build_s: number;
  /** The time steps only, wall clock, s. */
  readonly run_s: number;
  /**
   * The time steps only, CPU time of this process (user + system), s. Brian2's run_s is
   * std::clock() CPU time, so this is the like-for-like number on a busy machine.
   */
  readonly run_cpu_s: number;
  readonly duration_ms: number;
  readonly peak_rss_mb: number;
  readonly rate_exc_hz: number;
  readonly rate_inh_hz: number;
  readonly cv_exc: number | null;
  readonly cv_inh: number | null;
}

function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? process.argv[i + 1] : fallback;
  if (v === undefined) throw new Error(`missing ${name}`);
  return v;
}

type WithConnectivity = { connectivity(projectionId: string): Csr };
const hasConnectivity = (x: unknown): x is WithConnectivity => typeof (x as WithConnectivity).connectivity === 'function';

async function main(): Promise<void> {
  const net = benchNetwork(arg('--network'));
  const backendName = arg('--backend', 'typed');
  const backend = BENCH_BACKENDS[backendName];
  if (!backend) throw new Error(`unknown backend ${backendName}`);
  const durationMs = Number(arg('--duration-ms', '1000'));
  const seed = Number(arg('--seed', '1'));

  const t0 = performance.now();
  // every population's spikes are recorded (an example may monitor only some), as in its Brian2 export
  const built = build(withSpikeMonitors(net.document(seed, durationMs)));
  if (!built.ir || hasErrors(built.problems)) throw new Error(built.problems.map(formatProblem).join('\n'));
  const ir = net.transform ? net.transform(built.ir) : built.ir;
  const instance = await backend.instantiate(ir);
  const t1 = performance.now();
  const cpu0 = process.cpuUsage();
  const results = await runInstance(instance, ir, {});
  const cpu = process.cpuUsage(cpu0);
  const t2 = performance.now();

  const train = (id: string) => {
    const t = results.spikes.find((s) => s.population === id);
    if (!t) throw new Error(`no spikes recorded for ${id}`);
    return t;
  };
  let synapses: number | null = null;
  let events: number | null = null;
  if (hasConnectivity(instance)) {
    synapses = 0;
    events = 0;
    for (const proj of ir.projections) {
      const csr = instance.connectivity(proj.id);
      synapses += csr.rowPtr[csr.nPre];
      const pre = train(ir.populations[proj.pre].id);
      for (let k = 0; k < pre.ids.length; k++) events += csr.rowPtr[pre.ids[k] + 1] - csr.rowPtr[pre.ids[k]];
    }
  }
  instance.dispose();
  const E = train('E');
  const I = train('I');
  const record: ChildRecord = {
    network: net.name,
    backend: instance.name,
    neurons: net.neurons,
    synapses,
    synaptic_events: events,
    build_s: (t1 - t0) / 1000,
    run_s: (t2 - t1) / 1000,
    run_cpu_s: (cpu.user + cpu.system) / 1e6,
    duration_ms: durationMs,
    // maxRSS is in kilobytes on Linux and macOS.
    peak_rss_mb: process.resourceUsage().maxRSS / 1024,
    rate_exc_hz: meanRate(E, results.steps, results.dt),
    rate_inh_hz: meanRate(I, results.steps, results.dt),
    cv_exc: isiCv(E),
    cv_inh: isiCv(I),
  };
  process.stdout.write(`${JSON.stringify(record)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exitCode = 1;
});
