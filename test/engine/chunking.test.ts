/**
 * Chunks sized by wall time (issue 13), with injected clocks only: the ChunkSizer's plans, the
 * typed instance ending a chunk at its deadline in both its drivers (fused WebAssembly and per
 * step) with results bit-identical to an uncut run, connectivity progress, and the worker's
 * throttled `building` reports.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ChunkSizer, DEADLINE_HEADROOM, FIRST_CHUNK_STEPS, FIRST_DEADLINE_CHUNK_STEPS, TARGET_CHUNK_WALL_MS } from '../../src/engine/runner/chunkSizer';
import { Slicer, SLICE_TARGET_MS } from '../../src/engine/backends/typed/slices';
import { typedBackend, type TypedInstance } from '../../src/engine/backends/typed';
import { useFusedSteps } from '../../src/engine/backends/typed/fused';
import { connectNetwork } from '../../src/engine/connectNetwork';
import { runInstance } from '../../src/engine/runner';
import type { InstantiateProgress } from '../../src/engine/backend';
import type { MonitorIR, NetworkIR } from '../../src/engine/ir';
import type { EngineEvent } from '../../src/shared/protocol';
import { buildReporter } from '../../src/engine/worker/runSession';
import { bretteCuba } from './fixtures';

/** A clock that moves only when told to. */
function fakeClock(start = 1000): { now: () => number; advance(ms: number): void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

afterEach(() => useFusedSteps(true));

describe('ChunkSizer', () => {
  it('gives an instance that honours deadlines a deadline one target from now from the first chunk on', () => {
    const clock = fakeClock(500);
    const sizer = new ChunkSizer(clock.now);
    const first = sizer.plan(1_000_000, Infinity, true);
    expect(first.steps).toBe(FIRST_DEADLINE_CHUNK_STEPS);
    expect(first.deadline?.atMs).toBe(500 + TARGET_CHUNK_WALL_MS);
    expect(first.deadline?.now()).toBe(500);
    // 100 steps took 50 ms: 0.5 ms per step; the next chunk may hold HEADROOM times the target.
    sizer.observe(100, 50);
    clock.advance(50);
    const next = sizer.plan(1_000_000, Infinity, true);
    expect(next.steps).toBe(Math.ceil((DEADLINE_HEADROOM * TARGET_CHUNK_WALL_MS) / 0.5));
    expect(next.deadline?.atMs).toBe(600);
  });

  it('never plans more than what remains or the cap (the paced speed), and at least one step', () => {
    const sizer = new ChunkSizer(() => 0);
    expect(sizer.plan(7, Infinity, true).steps).toBe(7);
    expect(sizer.plan(1000, 30, true).steps).toBe(30);
    sizer.observe(1, 10_000); // one step took 10 s
    expect(sizer.plan(1000, Infinity, true).steps).toBe(1);
    expect(sizer.plan(1000, Infinity, false).steps).toBe(1);
  });

  it('predicts step counts for an instance without deadlines: a small first chunk, growth at most 4× a chunk', () => {
    const sizer = new ChunkSizer(() => 0);
    const first = sizer.plan(1_000_000);
    expect(first).toEqual({ steps: FIRST_CHUNK_STEPS });
    sizer.observe(first.steps, 0.01); // very fast: the estimate alone would ask for 50 000 steps
    expect(sizer.plan(1_000_000).steps).toBe(4 * FIRST_CHUNK_STEPS);
    sizer.observe(40, 0.04);
    expect(sizer.plan(1_000_000).steps).toBe(16 * FIRST_CHUNK_STEPS);
    // Now 1 ms per step (moving average with the older, faster timings).
    for (let k = 0; k < 20; k++) sizer.observe(10, 10);
    expect(sizer.plan(1_000_000).steps).toBe(TARGET_CHUNK_WALL_MS);
  });
});

describe('Slicer', () => {
  it('runs whole ranges without a deadline, and stops at the first slice boundary after one', () => {
    const clock = fakeClock();
    const slicer = new Slicer();
    const ranges: [number, number][] = [];
    expect(slicer.run(0, 100, undefined, (a, b) => ranges.push([a, b]))).toBe(100);
    expect(ranges).toEqual([[0, 100]]);
    ranges.length = 0;
    // Each step costs 0.5 ms of the fake clock; the deadline is 10 ms away.
    const run = (a: number, b: number): void => {
      ranges.push([a, b]);
      clock.advance(0.5 * (b - a));
    };
    const reached = slicer.run(0, 1000, { atMs: clock.now() + 10, now: clock.now }, run);
    // Slices double while under SLICE_TARGET_MS (1, 2 steps), then stay at 4 steps (2 ms) until
    // the clock passes the deadline: 23 steps, 11.5 ms.
    expect(SLICE_TARGET_MS).toBe(2);
    expect(ranges).toEqual([[0, 1], [1, 3], [3, 7], [7, 11], [11, 15], [15, 19], [19, 23]]);
    expect(reached).toBe(23);
    expect(slicer.sliceSteps).toBe(4);
    // A slice far over its aim is halved; the length carries over to the next chunk.
    const expensive = (a: number, b: number): void => clock.advance(10 * SLICE_TARGET_MS * (b - a));
    expect(slicer.run(23, 1000, { atMs: clock.now() + 1, now: clock.now }, expensive)).toBe(27);
    expect(slicer.sliceSteps).toBe(2);
  });

  it('always runs at least one slice, even when the deadline has passed', () => {
    const clock = fakeClock();
    const slicer = new Slicer();
    expect(slicer.run(5, 50, { atMs: clock.now() - 1, now: clock.now }, () => clock.advance(1))).toBe(6);
  });
});

describe('typed instance at a deadline', () => {
  for (const fused of [true, false]) {
    it(`ends chunks at their deadline and gives bit-identical spikes and rate counts (${fused ? 'fused WebAssembly' : 'per-step'} driver)`, async () => {
      const ir = bretteCuba({ n: 500, steps: 600, seed: 5 });
      const rateMonitor: MonitorIR = { id: 'rE', record: 'rate', population: 0, variables: [], neurons: new Int32Array(0), every: 1 };
      const withRate: NetworkIR = { ...ir, monitors: [...ir.monitors, rateMonitor] };
      useFusedSteps(fused);
      const whole = await runInstance(typedBackend.instantiate(withRate) as TypedInstance, withRate, { chunkSteps: withRate.steps });
      const inst = typedBackend.instantiate(withRate) as TypedInstance;
      expect(inst.honoursDeadline).toBe(true);
      // A fake clock that moves 3 ms each time it is read (slices then stay one step long): a
      // deadline 30 ms away cuts a chunk after a few steps.
      let t = 0;
      const now = (): number => (t += 3);
      const batches = [];
      while (inst.step < withRate.steps) {
        const from = inst.step;
        const batch = inst.advance(withRate.steps - from, { atMs: now() + 30, now });
        expect(batch.fromStep).toBe(from);
        expect(batch.toStep).toBe(inst.step);
        expect(batch.counts[0].counts.length).toBe(batch.toStep - batch.fromStep);
        batches.push(batch);
      }
      expect(batches.length).toBeGreaterThan(50);
      expect(inst.fusedSteps > 0).toBe(fused);
      const steps = batches.flatMap((b) => Array.from(b.spikes[0].steps));
      const ids = batches.flatMap((b) => Array.from(b.spikes[0].ids));
      expect(steps).toEqual(Array.from(whole.spikes[0].steps));
      expect(ids).toEqual(Array.from(whole.spikes[0].ids));
      expect(batches.flatMap((b) => Array.from(b.counts[0].counts))).toEqual(Array.from(whole.counts[0].counts));
      expect(whole.spikes[0].steps.length).toBeGreaterThan(100);
    });
  }
});

describe('build progress', () => {
  it('reports connectivity from 0 towards 1, weighted by each projection\'s synapses, without changing the network', () => {
    const ir = bretteCuba({ n: 1000, steps: 10, rule: 'fixed_prob', p: 0.2 });
    const seen: InstantiateProgress[] = [];
    const withProgress = connectNetwork(ir, (p) => seen.push(p));
    const without = connectNetwork(ir);
    withProgress.forEach((c, k) => expect(Array.from(c.col)).toEqual(Array.from(without[k].col)));
    expect(seen.length).toBeGreaterThan(ir.projections.length);
    expect(seen.every((p) => p.phase === 'connectivity')).toBe(true);
    const fractions = seen.map((p) => p.fraction);
    expect(fractions[0]).toBe(0);
    for (let k = 1; k < fractions.length; k++) expect(fractions[k]).toBeGreaterThanOrEqual(fractions[k - 1]);
    expect(fractions[fractions.length - 1]).toBeGreaterThan(0.9);
    expect(fractions[fractions.length - 1]).toBeLessThan(1);
    expect(new Set(seen.map((p) => p.detail.split(':')[0]))).toEqual(new Set(ir.projections.map((p) => p.id)));
  });

  it('the worker sends building events at each change of phase and at most every 50 ms within one', () => {
    const clock = fakeClock(0);
    const sent: EngineEvent[] = [];
    const report = buildReporter((e) => sent.push(e), 9, clock.now);
    report('network', 0, 'doc');
    report('connectivity', 0.1, 'a');
    report('connectivity', 0.2, 'a'); // same phase, no time passed: dropped
    clock.advance(49);
    report('connectivity', 0.3, 'a'); // still within 50 ms: dropped
    clock.advance(1);
    report('connectivity', 0.4, 'b');
    report('instantiation', 1.5, 'state'); // new phase: sent, fraction clamped to 1
    expect(sent).toEqual([
      { type: 'building', id: 9, phase: 'network', fraction: 0, detail: 'doc' },
      { type: 'building', id: 9, phase: 'connectivity', fraction: 0.1, detail: 'a' },
      { type: 'building', id: 9, phase: 'connectivity', fraction: 0.4, detail: 'b' },
      { type: 'building', id: 9, phase: 'instantiation', fraction: 1, detail: 'state' },
    ]);
  });
});
