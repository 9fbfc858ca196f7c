/**
 * The one chunk loop (runner/chunkLoop.ts) on an injected clock and a fake instance whose steps
 * cost a fixed number of clock ms: chunk sizes follow the wall-time target, the gate's stop, cap
 * and exact steps, the first-chunk deadline, the recording guard and the between hook.
 */
import { describe, expect, it } from 'vitest';
import { runChunks, runInstance } from '../../src/engine/runner';
import { FIRST_CHUNK_STEPS, TARGET_CHUNK_WALL_MS } from '../../src/engine/runner/chunkSizer';
import { RecordingGuard } from '../../src/engine/runner/recordingGuard';
import type { BackendInstance, Deadline } from '../../src/engine/backend';
import type { MonitorBatch } from '../../src/shared/results';
import type { NetworkIR } from '../../src/engine/ir';

interface Call {
  readonly steps: number;
  readonly deadline?: Deadline;
}

/** An instance whose every step costs `msPerStep` on the fake clock; one spike of neuron 0 per step. */
function fake(msPerStep: number, honoursDeadline = false) {
  const clock = { t: 0 };
  const calls: Call[] = [];
  const instance: BackendInstance & { step: number } = {
    name: 'fake',
    step: 0,
    ...(honoursDeadline ? { honoursDeadline: true } : {}),
    advance(steps, deadline) {
      calls.push({ steps, ...(deadline ? { deadline } : {}) });
      let n = 0;
      while (n < steps) {
        clock.t += msPerStep;
        n++;
        if (deadline && clock.t >= deadline.atMs) break;
      }
      const from = instance.step;
      instance.step += n;
      const stepsArr = Int32Array.from({ length: n }, (_, i) => from + i);
      return { fromStep: from, toStep: instance.step, spikes: [{ monitor: 'spikes', population: 'P', size: 1, steps: stepsArr, ids: new Int32Array(n) }], traces: [], counts: [] } as MonitorBatch;
    },
    setParameter() {},
    dispose() {},
  };
  return { instance, calls, now: () => clock.t };
}

describe('runChunks', () => {
  it('starts with FIRST_CHUNK_STEPS and grows towards the wall-time target, then hands on every chunk', async () => {
    const { instance, calls, now } = fake(0.5);
    const batches: MonitorBatch[] = [];
    let betweens = 0;
    const end = await runChunks(instance, 1000, { now, onChunk: (b) => batches.push(b), between: async () => void betweens++ });
    expect(end).toBe('done');
    expect(calls[0]!.steps).toBe(FIRST_CHUNK_STEPS);
    // 0.5 ms per step: the target of 50 ms is 100 steps; growth is limited to 4x per chunk.
    expect(calls.slice(1, 3).map((c) => c.steps)).toEqual([40, 100]);
    expect(calls.at(-2)!.steps).toBe(TARGET_CHUNK_WALL_MS / 0.5);
    expect(batches.map((b) => b.fromStep)).toEqual(calls.reduce<number[]>((a, c, i) => [...a, i === 0 ? 0 : a[i - 1]! + calls[i - 1]!.steps], []));
    expect(batches.at(-1)!.toStep).toBe(1000);
    expect(betweens).toBe(calls.length); // after every chunk, the last one included
  });

  it('gives a deadline-honouring instance a deadline, the first one shortened', async () => {
    const { instance, calls, now } = fake(0.01, true);
    await runChunks(instance, 20000, { now, firstChunkWallMs: 20, onChunk: () => {}, between: async () => {} });
    expect(calls[0]!.deadline!.atMs).toBe(20);
    expect(calls[1]!.deadline!.atMs - (calls[0]!.deadline!.atMs)).toBeCloseTo(TARGET_CHUNK_WALL_MS, 6);
    expect(calls[0]!.steps).toBeGreaterThan(2000); // room beyond the deadline: the deadline ends the chunk
    expect(instance.step).toBe(20000);
  });

  it('follows the gate: a cap, exact steps without a deadline, and null to stop', async () => {
    const { instance, calls, now } = fake(0.01, true);
    const gates = [{ cap: 3 }, { steps: 7 }, {}, null];
    const end = await runChunks(instance, 100000, { now, gate: () => gates.shift()!, onChunk: () => {}, between: async () => {} });
    expect(end).toBe('stopped');
    expect(calls.map((c) => c.steps).slice(0, 2)).toEqual([3, 7]);
    expect(calls[1]!.deadline).toBeUndefined();
    expect(calls).toHaveLength(3);
  });

  it('a fixed chunk overrides the sizer and must be at least one step', async () => {
    const { instance, calls, now } = fake(1);
    await runChunks(instance, 25, { now, chunkSteps: 10, onChunk: () => {}, between: async () => {} });
    expect(calls.map((c) => c.steps)).toEqual([10, 10, 5]);
    await expect(runChunks(fake(1).instance, 5, { now, chunkSteps: 0, onChunk: () => {}, between: async () => {} })).rejects.toThrow(/at least one step/);
  });

  it('never runs more than stepCap steps in a chunk, sized, deadlined or fixed, but runs a gate\'s exact Step N', async () => {
    const sized = fake(0.01, true);
    await runChunks(sized.instance, 5000, { now: sized.now, stepCap: 700, onChunk: () => {}, between: async () => {} });
    expect(Math.max(...sized.calls.map((c) => c.steps))).toBe(700);
    expect(sized.instance.step).toBe(5000);
    const fixed = fake(1);
    await runChunks(fixed.instance, 25, { now: fixed.now, chunkSteps: 10, stepCap: 4, onChunk: () => {}, between: async () => {} });
    expect(fixed.calls.map((c) => c.steps)).toEqual([4, 4, 4, 4, 4, 4, 1]);
    const stepped = fake(1);
    const gates = [{ steps: 9 }, null];
    await runChunks(stepped.instance, 100, { now: stepped.now, stepCap: 4, gate: () => gates.shift()!, onChunk: () => {}, between: async () => {} });
    expect(stepped.calls.map((c) => c.steps)).toEqual([9]);
  });

  it('ends at the chunk the recording guard refuses, without handing it on', async () => {
    const { instance, now } = fake(1);
    const ir = { dt: 0.1, steps: 100, populations: [{ id: 'P', size: 1 }] } as unknown as NetworkIR;
    // A budget that admits some tens of spikes (the guard's own byte count decides where).
    const guard = new RecordingGuard(ir, 400);
    const kept: MonitorBatch[] = [];
    let overrunAt = -1;
    const end = await runChunks(instance, 100, { now, chunkSteps: 10, guard, onChunk: (b) => kept.push(b), onOverrun: (o) => (overrunAt = o.step), between: async () => {} });
    expect(end).toBe('overrun');
    expect(overrunAt).toBe(kept.length * 10);
    expect(kept.length).toBeLessThan(10);
    expect(guard.overrun!.nodeId).toBe('P');
  });
});

describe('runInstance on the chunk loop', () => {
  it('reports progress on the injected clock and joins the chunks into results', async () => {
    const { instance, now } = fake(2);
    const progress: { step: number; wallMs: number }[] = [];
    const ir = { dt: 0.1, steps: 30, seed: 1, populations: [], monitors: [] } as unknown as NetworkIR;
    const results = await runInstance(instance, ir, { now, chunkSteps: 10, onProgress: (p) => progress.push({ step: p.step, wallMs: p.wallMs }) });
    expect(progress).toEqual([{ step: 10, wallMs: 20 }, { step: 20, wallMs: 40 }, { step: 30, wallMs: 60 }]);
    expect(results.steps).toBe(30);
    expect(Array.from(results.spikes[0]!.steps)).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });
});
