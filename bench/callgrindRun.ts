/**
 * One benchmark network built and run as bench/child.ts does, for counting the run's instructions
 * with callgrind (timings on a shared machine do not resolve a 10 % change; instruction counts do):
 *
 *   npx esbuild bench/callgrindRun.ts --bundle --platform=node --format=esm --external:@tensorflow/* --outfile=/tmp/cgrun.mjs
 *   CLOCK=cpu valgrind --tool=callgrind --dump-before=uv_resident_set_memory node /tmp/cgrun.mjs coba-4k 500
 *
 * Run it a few times: now and then (2 of 7 cuba-4k runs) the count doubles, the generated
 * WebAssembly step apparently left in V8's baseline code (Liftoff) until late in the run.
 *
 * The run is marked by two process.memoryUsage.rss() calls, so callgrind's part 2 is the run alone
 * (every thread: V8's background compiles count, as they count in the run's CPU time). The runner
 * sizes chunks and ~2 ms slices by its clock (src/engine/backends/typed/slices.ts); under valgrind
 * (~50x slower) the wall clock would cut the run into one-step slices, so CLOCK=cpu gives it this
 * process's CPU time / CLOCK_SCALE (default 50): about the slices of a native run. Prints the run's
 * CPU and wall seconds, the spikes per population and how often the clock was read.
 */
import { build } from '../src/engine/build';
import { runInstance } from '../src/engine/runner';
import { formatProblem, hasErrors } from '../src/shared/problems';
import { withSpikeMonitors } from '../src/cli/autoMonitors';
import { benchNetwork } from './networks';
import { typedBackend } from '../src/engine/backends/typed';

const net = benchNetwork(process.argv[2] ?? 'coba-4k');
const durationMs = Number(process.argv[3] ?? 500);
const scale = Number(process.env.CLOCK_SCALE ?? 50);
let reads = 0;
const now = process.env.CLOCK === 'cpu'
  ? (): number => {
    reads++;
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000 / scale;
  }
  : (): number => {
    reads++;
    return performance.now();
  };

const built = build(withSpikeMonitors(net.document(1, durationMs)));
if (!built.ir || hasErrors(built.problems)) throw new Error(built.problems.map(formatProblem).join('\n'));
const ir = net.transform ? net.transform(built.ir) : built.ir;
const instance = await typedBackend.instantiate(ir);
const t0 = performance.now();
process.memoryUsage.rss();
const cpu0 = process.cpuUsage();
const results = await runInstance(instance, ir, { now });
const cpu = process.cpuUsage(cpu0);
process.memoryUsage.rss();
const t1 = performance.now();
instance.dispose();
console.log(JSON.stringify({ network: net.name, run_cpu_s: (cpu.user + cpu.system) / 1e6, run_s: (t1 - t0) / 1000, spikes: results.spikes.map((s) => s.ids.length), clock_reads: reads }));
