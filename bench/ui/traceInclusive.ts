/**
 * Inclusive sampled time of the page's main thread during the live redraws of one run (the tasks
 * that start at an `snn-publish` mark before `snn-run-done`), by function: what a redraw's time is
 * spent under (React, shaping, setOption, zrender's paint). Needs a trace with samples, best of an
 * unminified build: `npm run bench:ui -- --only brette-coba --no-minify --trace DIR`.
 *
 *   npx tsx bench/ui/traceInclusive.ts DIR/brette-coba.json [--run 1] [--top 40] [--final]
 *
 * --final reads the tasks after `snn-run-done` (the full-quality draw) instead.
 */
import { type CpuNode, loadTrace, type TraceEvent } from './trace';

const args = process.argv.slice(2);
const file = args.find((a, k) => !a.startsWith('--') && !(k > 0 && ['--run', '--top'].includes(args[k - 1])));
if (!file) throw new Error('usage: tsx bench/ui/traceInclusive.ts TRACE.json [--run 1] [--top 40] [--final]');
const opt = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const RUN = opt('--run', 1);
const TOP = opt('--top', 40);
const FINAL = args.includes('--final');

const events = loadTrace(file);
const key = (e: TraceEvent): string => `${e.pid}:${e.tid}`;
const marks = events.filter((e) => e.cat?.includes('blink.user_timing') && e.name.startsWith('snn-')).sort((a, b) => a.ts - b.ts);
const start = marks.filter((m) => m.name === 'snn-run-start')[RUN - 1];
const done = start && marks.find((m) => m.name === 'snn-run-done' && m.ts > start.ts);
if (!start || !done) throw new Error('no run window');
const main = key(start);
const tasks = events.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && key(e) === main && e.dur !== undefined).sort((a, b) => a.ts - b.ts);
const publishes = marks.filter((m) => m.name === 'snn-publish' && m.ts > start.ts && m.ts < done.ts);
// The task holding each publish mark (or, for --final, the tasks of the 600 ms after done).
const chosen = FINAL
  ? tasks.filter((t) => t.ts >= done.ts && t.ts < done.ts + 600_000 && t.dur! > 2000)
  : publishes.map((m) => tasks.find((t) => t.ts <= m.ts && t.ts + t.dur! >= m.ts)).filter((t): t is TraceEvent => !!t);

const nodes = new Map<string, CpuNode>();
const samples: { t: number; node: string }[] = [];
{
  const profiles = new Map<string, { thread: string; start: number; s: number[]; d: number[]; pid: number; id: string }>();
  for (const e of events) if (e.name === 'Profile' && e.id) profiles.set(`${e.pid}:${e.id}`, { thread: key(e), start: e.args?.data?.startTime ?? e.ts, s: [], d: [], pid: e.pid, id: e.id });
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || !e.id) continue;
    const p = profiles.get(`${e.pid}:${e.id}`);
    if (!p) continue;
    for (const n of e.args?.data?.cpuProfile?.nodes ?? []) nodes.set(`${p.pid}:${p.id}:${n.id}`, n);
    p.s.push(...(e.args?.data?.cpuProfile?.samples ?? []));
    p.d.push(...(e.args?.data?.timeDeltas ?? []));
  }
  for (const p of profiles.values()) {
    if (p.thread !== main) continue;
    let t = p.start;
    for (let k = 0; k < p.s.length; k++) {
      t += p.d[k] ?? 0;
      samples.push({ t, node: `${p.pid}:${p.id}:${p.s[k]}` });
    }
  }
  samples.sort((a, b) => a.t - b.t);
}
const parentOf = (id: string): string | null => {
  const n = nodes.get(id);
  if (n?.parent === undefined) return null;
  return id.replace(/:\d+$/, `:${n.parent}`);
};
const inclusive = new Map<string, number>();
let total = 0;
for (const task of chosen) {
  for (let k = 0; k < samples.length; k++) {
    const s = samples[k];
    if (s.t < task.ts || s.t >= task.ts + task.dur!) continue;
    const dt = (samples[k + 1]?.t ?? s.t) - s.t;
    if (nodes.get(s.node)?.callFrame.functionName === '(idle)') continue;
    total += dt;
    const seen = new Set<string>();
    for (let id: string | null = s.node; id; id = parentOf(id)) {
      const f = nodes.get(id)?.callFrame;
      const name = `${f?.functionName || '(anon)'}:${(f?.lineNumber ?? 0) + 1}`;
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + dt);
    }
  }
}
console.log(`${file} run ${RUN}: ${chosen.length} ${FINAL ? 'final' : 'live redraw'} tasks, ${(chosen.reduce((a, t) => a + (t.tdur ?? 0), 0) / 1000).toFixed(1)} cpu ms, ${(total / 1000).toFixed(1)} sampled ms`);
for (const [name, us] of [...inclusive.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`  ${(us / 1000).toFixed(1).padStart(7)}  ${name}`);
