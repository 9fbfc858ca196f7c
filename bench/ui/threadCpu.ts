/**
 * CPU seconds per thread of the browser the bench launched, read from Linux's /proc (user + system
 * time of every thread of every descendant process of this bench). Wall time alone cannot tell a
 * slow engine from a starved one on a shared machine: this says how much CPU the engine's worker
 * thread and the page's main thread really used during a run, and at which nice level. Linux only;
 * elsewhere it returns an empty list.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** One thread's CPU use. */
export interface ThreadCpu {
  readonly pid: number;
  readonly tid: number;
  /** The thread's name (Linux truncates it to 15 characters), e.g. "DedicatedWorker". */
  readonly name: string;
  /** The process's --type (renderer, gpu-process, ...), or "browser". */
  readonly process: string;
  /** Nice level of the thread. */
  readonly nice: number;
  /** User + system CPU time, s. */
  readonly cpuS: number;
}

const TICKS_PER_S = 100;

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Fields of /proc/.../stat after the command name (which may hold spaces). */
function statFields(text: string): string[] {
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const stat = read(`/proc/${d}/stat`);
    if (stat) parent.set(Number(d), Number(statFields(stat)[1]));
  }
  const out: number[] = [];
  const want = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (want.has(ppid) && !want.has(pid)) {
        want.add(pid);
        out.push(pid);
        grew = true;
      }
    }
  }
  return out;
}

/** Every thread of every process below `root` (default: this process). */
export function threadCpu(root = process.pid): ThreadCpu[] {
  if (process.platform !== 'linux') return [];
  const out: ThreadCpu[] = [];
  for (const pid of descendants(root)) {
    const cmd = read(`/proc/${pid}/cmdline`) ?? '';
    const type = /--type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser';
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      const stat = read(`/proc/${pid}/task/${tid}/stat`);
      if (!stat) continue;
      const f = statFields(stat);
      // After "(comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ... priority nice
      const utime = Number(f[11]);
      const stime = Number(f[12]);
      out.push({ pid, tid: Number(tid), name: (read(`/proc/${pid}/task/${tid}/comm`) ?? '').trim(), process: type, nice: Number(f[16]), cpuS: (utime + stime) / TICKS_PER_S });
    }
  }
  return out;
}

/** CPU seconds used between two readings, per thread, largest first (threads under `minS` left out). */
export function cpuBetween(before: readonly ThreadCpu[], after: readonly ThreadCpu[], minS = 0.05): ThreadCpu[] {
  const was = new Map(before.map((t) => [`${t.pid}:${t.tid}`, t.cpuS]));
  return after.map((t) => ({ ...t, cpuS: t.cpuS - (was.get(`${t.pid}:${t.tid}`) ?? 0) })).filter((t) => t.cpuS >= minS).sort((a, b) => b.cpuS - a.cpuS);
}
