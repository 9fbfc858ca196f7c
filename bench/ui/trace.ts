/**
 * A Chromium trace as `npm run bench:ui -- --trace DIR` writes it: its events (with V8's CPU
 * profile chunks) and the reading both trace tools share (traceSummary.ts, traceTimeline.ts).
 */
import { readFileSync } from 'node:fs';

export interface CpuNode {
  readonly id: number;
  readonly parent?: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber?: number; readonly columnNumber?: number };
}

export interface ProfileData {
  readonly cpuProfile?: { nodes?: CpuNode[]; samples?: number[] };
  readonly timeDeltas?: number[];
  readonly startTime?: number;
}

export interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  /** CPU time of the event on its thread, µs (what a loaded machine does not inflate). */
  readonly tdur?: number;
  readonly id?: string;
  readonly cat?: string;
  readonly args?: { name?: string; data?: ProfileData & { functionName?: string; type?: string } };
}

/** The events of a trace file (either of Chromium's two layouts). */
export function loadTrace(path: string): TraceEvent[] {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  return Array.isArray(raw) ? raw : raw.traceEvents;
}
