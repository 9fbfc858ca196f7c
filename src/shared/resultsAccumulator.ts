/** Joins the monitor batches of a run into RunResults (growing typed arrays, no JS arrays). */
import type { CountTrace, MonitorBatch, RunResults, SpikeTrain, StateTrace } from './results';

type Typed = Int32Array | Float32Array;

/** Append `b` to the filled part [0, used) of `a`, growing it by doubling. */
/** Cuts an array to its used length: a view (subarray) or a copy (slice), of the same type. */
interface Take {
  (a: Int32Array, n: number): Int32Array;
  (a: Float32Array, n: number): Float32Array;
}

function append<T extends Typed>(a: T, used: number, b: T, make: (n: number) => T): T {
  if (used + b.length <= a.length) {
    a.set(b, used);
    return a;
  }
  let cap = Math.max(16, a.length * 2);
  while (cap < used + b.length) cap *= 2;
  const grown = make(cap);
  grown.set(a.subarray(0, used));
  grown.set(b, used);
  return grown;
}

const int32 = (n: number): Int32Array => new Int32Array(n);
const float32 = (n: number): Float32Array => new Float32Array(n);

interface Growing<T> {
  readonly head: T;
  used: number;
  a: Int32Array;
  b: Int32Array | Float32Array;
}

export class ResultsAccumulator {
  private spikes: Growing<SpikeTrain>[] = [];
  private traces: Growing<StateTrace>[] = [];
  private counts: Growing<CountTrace>[] = [];
  private steps = 0;

  /**
   * `samples`: how many samples each state monitor (by id) will take in the whole run, when the
   * caller knows it (the build does: steps / every). Its traces are then allocated once at their
   * full length instead of growing by doubling, and finish() hands them over without a copy: a
   * run's peak is the recording once (what build/memory.ts estimates), not also a doubling's
   * spare capacity or a trimmed copy. More samples than announced still fit: the arrays then grow.
   */
  constructor(private readonly samples: ReadonlyMap<string, number> = new Map()) {}

  add(batch: MonitorBatch): void {
    this.steps = batch.toStep;
    batch.spikes.forEach((s, k) => {
      const g = (this.spikes[k] ??= { head: s, used: 0, a: new Int32Array(0), b: new Int32Array(0) });
      g.a = append(g.a, g.used, s.steps, int32);
      g.b = append(g.b as Int32Array, g.used, s.ids, int32);
      g.used += s.steps.length;
    });
    batch.traces.forEach((t, k) => {
      const g = (this.traces[k] ??= this.newTrace(t));
      g.b = append(g.b as Float32Array, g.used * t.neurons.length, t.values, float32);
      g.a = append(g.a, g.used, t.steps, int32);
      g.used += t.steps.length;
    });
    batch.counts.forEach((c, k) => {
      const g = (this.counts[k] ??= { head: c, used: 0, a: new Int32Array(0), b: new Int32Array(0) });
      g.a = append(g.a, g.used, c.counts, int32);
      g.used += c.counts.length;
    });
  }

  private newTrace(t: StateTrace): Growing<StateTrace> {
    const n = Math.max(0, Math.floor(this.samples.get(t.monitor) ?? 0));
    return { head: t, used: 0, a: new Int32Array(n), b: new Float32Array(n * t.neurons.length) };
  }

  /**
   * The results so far as views of the growing arrays, without copying (a live plot's update
   * then costs nothing here). Only ever appended to, a view's contents never change; they are
   * read-only to the caller.
   */
  view(meta: { dt: number; seed: number; backend: string }): RunResults {
    return this.snapshot(meta, ((a: Typed, n: number) => a.subarray(0, n)) as Take);
  }

  /** The results so far, trimmed to exact lengths (copies the caller owns). */
  results(meta: { dt: number; seed: number; backend: string }): RunResults {
    return this.snapshot(meta, ((a: Typed, n: number) => a.slice(0, n)) as Take);
  }

  /**
   * The run's results, for its end: an array filled to its length (a state trace allocated at its
   * full length) is handed over as it is, any other trimmed by a copy. The accumulator must not be
   * added to afterwards.
   */
  finish(meta: { dt: number; seed: number; backend: string }): RunResults {
    return this.snapshot(meta, ((a: Typed, n: number) => (n === a.length ? a : a.slice(0, n))) as Take);
  }

  /** The results so far, each array cut to its used length by `take` (a view or a copy). */
  private snapshot(meta: { dt: number; seed: number; backend: string }, take: Take): RunResults {
    return {
      ...meta,
      steps: this.steps,
      spikes: this.spikes.map((g) => ({ ...g.head, steps: take(g.a, g.used), ids: take(g.b as Int32Array, g.used) })),
      traces: this.traces.map((g) => ({
        ...g.head,
        steps: take(g.a, g.used),
        values: take(g.b as Float32Array, g.used * g.head.neurons.length),
      })),
      counts: this.counts.map((g) => ({ ...g.head, counts: take(g.a, g.used) })),
    };
  }
}
