/**
 * Where the time went in a Chromium trace written by `npm run bench:ui -- --trace DIR`: for each
 * thread with V8 CPU samples (the page's main thread, the engine's Web Worker), its busy time
 * (top-level tasks), the sampled CPU time and the functions and scripts with the most self time.
 *
 *   npx tsx bench/ui/traceSummary.ts DIR/brunel-ai.json [--top 25]
 */
import { type CpuNode, loadTrace } from './trace';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) throw new Error('usage: tsx bench/ui/traceSummary.ts TRACE.json [--top N]');
const topIndex = args.indexOf('--top');
const TOP = topIndex >= 0 ? Number(args[topIndex + 1]) : 20;

const events = loadTrace(file);
const threadName = new Map<string, string>();
for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');

/** Busy time per thread: top-level tasks (ThreadControllerImpl::RunTask), µs. */
const busy = new Map<string, number>();
let t0 = Infinity;
let t1 = -Infinity;
for (const e of events) {
  if (e.ph === 'X' && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') && e.dur !== undefined) {
    const k = `${e.pid}:${e.tid}`;
    busy.set(k, (busy.get(k) ?? 0) + e.dur);
  }
  if (e.ts > 0 && e.ph !== 'M') {
    t0 = Math.min(t0, e.ts);
    t1 = Math.max(t1, e.ts + (e.dur ?? 0));
  }
}

/** Samples per profile (one profile per thread), from its chunks. */
interface Profile {
  thread: string;
  nodes: Map<number, CpuNode>;
  samples: number[];
  deltas: number[];
}
const profiles = new Map<string, Profile>();
for (const e of events) {
  if (e.name !== 'ProfileChunk' || !e.id) continue;
  const key = `${e.pid}:${e.id}`;
  const p: Profile = profiles.get(key) ?? { thread: `${e.pid}:${e.tid}`, nodes: new Map<number, CpuNode>(), samples: [], deltas: [] };
  profiles.set(key, p);
  for (const n of e.args?.data?.cpuProfile?.nodes ?? []) p.nodes.set(n.id, n);
  p.samples.push(...(e.args?.data?.cpuProfile?.samples ?? []));
  p.deltas.push(...(e.args?.data?.timeDeltas ?? []));
}

const ms = (us: number): string => `${(us / 1000).toFixed(0)} ms`;
console.log(`trace ${file}: ${ms(t1 - t0)} from first to last event`);
const short = (url: string | undefined): string => (url ?? '').replace(/^.*\/(assets|src|node_modules)\//, '$1/').replace(/\?.*$/, '') || '(native)';
for (const p of profiles.values()) {
  const self = new Map<string, number>();
  const byScript = new Map<string, number>();
  let cpu = 0;
  let idle = 0;
  for (let k = 0; k < p.samples.length; k++) {
    // A sample's time is the delta to the next sample (the last one's is unknown; use its own delta).
    const dt = p.deltas[k + 1] ?? p.deltas[k] ?? 0;
    const node = p.nodes.get(p.samples[k]);
    const name = node?.callFrame.functionName || '(anonymous)';
    if (name === '(idle)' || name === '(program)') {
      if (name === '(idle)') idle += dt;
      else cpu += dt;
      if (name === '(idle)') continue;
    } else cpu += dt;
    const where = node ? `${name} ${short(node.callFrame.url)}:${(node.callFrame.lineNumber ?? 0) + 1}:${(node.callFrame.columnNumber ?? 0) + 1}` : '?';
    self.set(where, (self.get(where) ?? 0) + dt);
    const script = node ? short(node.callFrame.url) : '?';
    byScript.set(script, (byScript.get(script) ?? 0) + dt);
  }
  const name = threadName.get(p.thread) ?? p.thread;
  console.log(`\n== ${name} (${p.thread}): sampled cpu ${ms(cpu)}, idle ${ms(idle)}, busy in tasks ${ms(busy.get(p.thread) ?? 0)}`);
  const top = (m: Map<string, number>): void => {
    for (const [k, v] of [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`  ${ms(v).padStart(9)}  ${k}`);
  };
  console.log(' by script (self):');
  top(byScript);
  console.log(' by function (self):');
  top(self);
}
