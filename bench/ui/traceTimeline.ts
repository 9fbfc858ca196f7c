/**
 * What each thread of the page did during one run, from a trace of `npm run bench:ui -- --trace DIR`:
 * the window from the app's `snn-run-start` mark to its `snn-run-done` (the bench's "app run"), and
 * in it every task of the page's main thread and the engine worker longer than --min ms, with the
 * trace events inside it (message handlers, timers, frames, GC) and the functions with the most
 * sampled self time. Threads without samples (the thread pool: raster, V8's compile and GC helpers)
 * get their busy time in the window. Times are wall ms and, where the trace has them, CPU ms of
 * the thread (`cpu`; inner events show their CPU ms): on a loaded machine the two differ.
 *
 *   npx tsx bench/ui/traceTimeline.ts DIR/05-ei-balanced.json [--run 1|2] [--min 1] [--after 0]
 *   npx tsx bench/ui/traceTimeline.ts DIR/*.json --brief
 *
 * --brief prints one line per trace and run: the window's wall ms and the CPU ms of the worker,
 * the page's main thread and all other threads (compositor, raster, GPU process, browser): on a
 * shared machine the CPU, not the wall time, says whether a change made the page cheaper.
 * --after MS extends the window past `snn-run-done` (to see the final draw).
 */
import { type CpuNode, loadTrace, type TraceEvent } from './trace';

const args = process.argv.slice(2);
const files = args.filter((a, k) => !a.startsWith('--') && !(k > 0 && ['--run', '--min', '--after'].includes(args[k - 1])));
if (files.length === 0) throw new Error('usage: tsx bench/ui/traceTimeline.ts TRACE.json... [--run 1|2] [--min MS] [--after MS] [--brief]');
const opt = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const RUN = opt('--run', 1);
const MIN_US = opt('--min', 1) * 1000;
const AFTER_US = opt('--after', 0) * 1000;

const key = (e: TraceEvent): string => `${e.pid}:${e.tid}`;
const threadNames = (events: readonly TraceEvent[]): Map<string, string> =>
  new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [key(e), e.args?.name ?? '?']));
const marksOf = (events: readonly TraceEvent[]): TraceEvent[] => events.filter((e) => e.cat?.includes('blink.user_timing') && e.name.startsWith('snn-')).sort((a, b) => a.ts - b.ts);

/** Run `run`'s window: its snn-run-start mark to the snn-run-done after it (null if the trace has none). */
function windowOf(marks: readonly TraceEvent[], run: number): { start: TraceEvent; done: TraceEvent } | null {
  const start = marks.filter((m) => m.name === 'snn-run-start')[run - 1];
  const done = start && marks.find((m) => m.name === 'snn-run-done' && m.ts > start.ts);
  return start && done ? { start, done } : null;
}

/** CPU µs of top-level tasks per thread inside [t0, t1] (a task cut by the window counts pro rata). */
function cpuByThread(events: readonly TraceEvent[], t0: number, t1: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'ThreadControllerImpl::RunTask' || e.dur === undefined || e.ts + e.dur <= t0 || e.ts >= t1) continue;
    const share = (Math.min(t1, e.ts + e.dur) - Math.max(t0, e.ts)) / Math.max(1, e.dur);
    out.set(key(e), (out.get(key(e)) ?? 0) + (e.tdur ?? 0) * share);
  }
  return out;
}

if (args.includes('--brief')) {
  // One line per file and run: wall ms, and CPU ms of the engine's worker, the page's main thread and every other thread.
  console.log('trace | run | wall ms | started ms | worker cpu | main cpu | other cpu');
  for (const f of files) {
    const events = loadTrace(f);
    const names = threadNames(events);
    const marks = marksOf(events);
    for (const run of [1, 2]) {
      const w = windowOf(marks, run);
      if (!w) continue;
      const started = marks.find((m) => m.name === 'snn-run-started' && m.ts > w.start.ts && m.ts < w.done.ts);
      let worker = 0;
      let main = 0;
      let other = 0;
      for (const [th, us] of cpuByThread(events, w.start.ts, w.done.ts)) {
        const n = names.get(th) ?? '';
        if (n.startsWith('DedicatedWorker')) worker += us;
        else if (n === 'CrRendererMain' && th.startsWith(`${w.start.pid}:`)) main += us;
        else other += us;
      }
      const f1 = (us: number): string => (us / 1000).toFixed(1);
      console.log(`${f.replace(/^.*\//, '')} | ${run} | ${f1(w.done.ts - w.start.ts)} | ${started ? f1(started.ts - w.start.ts) : '—'} | ${f1(worker)} | ${f1(main)} | ${f1(other)}`);
    }
  }
  process.exit(0);
}

const events = loadTrace(files[0]);
const file = files[0];
const threadName = threadNames(events);
const marks = marksOf(events);
const win = windowOf(marks, RUN);
if (!win) throw new Error(`${file}: no snn-run-start mark number ${RUN} followed by snn-run-done (is blink.user_timing traced?)`);
const { start, done } = win;
const t0 = start.ts;
const t1 = done.ts + AFTER_US;
const at = (us: number): string => `${((us - t0) / 1000).toFixed(1).padStart(7)}`;
const ms = (us: number): string => `${(us / 1000).toFixed(1)} ms`;

console.log(`${file} run ${RUN}: ${ms(done.ts - t0)} from snn-run-start to snn-run-done${AFTER_US > 0 ? ` (window +${ms(AFTER_US)})` : ''}`);
for (const m of marks) if (m.ts >= t0 && m.ts <= t1) console.log(`  mark ${at(m.ts)}  ${m.name}`);

/** Samples per thread, with absolute times. */
const samplesOf = new Map<string, { t: number; node: CpuNode | undefined }[]>();
{
  const byProfile = new Map<string, { thread: string; nodes: Map<number, CpuNode>; samples: number[]; deltas: number[]; start: number }>();
  for (const e of events) {
    if (e.name === 'Profile' && e.id) {
      byProfile.set(`${e.pid}:${e.id}`, { thread: key(e), nodes: new Map(), samples: [], deltas: [], start: e.args?.data?.startTime ?? e.ts });
    }
  }
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || !e.id) continue;
    const p = byProfile.get(`${e.pid}:${e.id}`);
    if (!p) continue;
    for (const n of e.args?.data?.cpuProfile?.nodes ?? []) p.nodes.set(n.id, n);
    p.samples.push(...(e.args?.data?.cpuProfile?.samples ?? []));
    p.deltas.push(...(e.args?.data?.timeDeltas ?? []));
  }
  for (const p of byProfile.values()) {
    const list = samplesOf.get(p.thread) ?? [];
    let t = p.start;
    for (let k = 0; k < p.samples.length; k++) {
      t += p.deltas[k] ?? 0;
      list.push({ t, node: p.nodes.get(p.samples[k]) });
    }
    samplesOf.set(p.thread, list.sort((a, b) => a.t - b.t));
  }
}

const short = (url: string | undefined): string => (url ?? '').replace(/^.*\/(assets|src|node_modules)\//, '').replace(/\?.*$/, '');
function topFunctions(thread: string, from: number, to: number, n: number): string {
  const list = samplesOf.get(thread) ?? [];
  const self = new Map<string, number>();
  for (let k = 0; k < list.length; k++) {
    const s = list[k];
    if (s.t < from || s.t >= to) continue;
    const dt = (list[k + 1]?.t ?? s.t) - s.t;
    const name = s.node?.callFrame.functionName || '(anon)';
    if (name === '(idle)') continue;
    const where = `${name}${s.node?.callFrame.url ? `@${short(s.node.callFrame.url)}:${(s.node.callFrame.lineNumber ?? 0) + 1}` : ''}`;
    self.set(where, (self.get(where) ?? 0) + dt);
  }
  return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`).join(', ');
}

/** Events worth naming inside a task. */
const INNER = new Set(['HandlePostMessage', 'TimerFire', 'FireAnimationFrame', 'FunctionCall', 'EventDispatch', 'Layout', 'Paint', 'UpdateLayoutTree', 'Layerize', 'PrePaint', 'RunMicrotasks', 'V8.GC_MC_INCREMENTAL', 'MajorGC', 'MinorGC', 'V8.GC_SCAVENGER', 'V8.GCScavenger', 'V8.GC_MARK_COMPACTOR', 'EvaluateScript', 'v8.compile', 'V8.GC_MC_INCREMENTAL_FINALIZE']);

const tasks = events.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && e.dur !== undefined && e.ts + e.dur > t0 && e.ts < t1);
const threads = [...new Set(tasks.map(key))];
const renderer = key(start).split(':')[0];
for (const th of threads.sort()) {
  const name = threadName.get(th) ?? th;
  const mine = tasks.filter((e) => key(e) === th).sort((a, b) => a.ts - b.ts);
  const busy = mine.reduce((a, e) => a + Math.min(t1, e.ts + e.dur!) - Math.max(t0, e.ts), 0);
  const cpu = mine.reduce((a, e) => a + (e.tdur ?? 0) * ((Math.min(t1, e.ts + e.dur!) - Math.max(t0, e.ts)) / Math.max(1, e.dur!)), 0);
  const sampled = (name === 'CrRendererMain' || name.startsWith('DedicatedWorker')) && th.startsWith(`${renderer}:`);
  if (!sampled) {
    if (busy >= MIN_US) console.log(`\n== ${name} (${th}): busy ${ms(busy)} (cpu ${ms(cpu)}) in the window`);
    continue;
  }
  console.log(`\n== ${name} (${th}): busy ${ms(busy)} (cpu ${ms(cpu)}) in the window; top: ${topFunctions(th, t0, t1, 8)}`);
  for (const task of mine) {
    if (task.dur! < MIN_US) continue;
    const end = task.ts + task.dur!;
    const inner = events.filter((e) => key(e) === th && e.ts >= task.ts && e.ts < end && e !== task && INNER.has(e.name) && (e.dur ?? 0) >= 200);
    const names = inner.map((e) => `${e.name}${e.args?.data?.type ? `(${e.args.data.type})` : ''}${e.args?.data?.functionName ? `(${e.args.data.functionName})` : ''} ${((e.tdur ?? e.dur ?? 0) / 1000).toFixed(1)}`);
    console.log(`  ${at(task.ts)} +${((task.dur ?? 0) / 1000).toFixed(1).padStart(6)} cpu ${((task.tdur ?? 0) / 1000).toFixed(1).padStart(6)}  ${names.slice(0, 6).join(' | ')}`);
    console.log(`                    ${topFunctions(th, task.ts, end, 5)}`);
  }
}
