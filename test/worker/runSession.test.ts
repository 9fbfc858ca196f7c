/**
 * The engine host in a real Node worker thread: runs stream batches with transferred typed
 * arrays, stop and pause take effect, set-parameter changes the firing rate from the step it
 * reports, and a bad document or engine failure is an `error`, not a dead worker. How soon stop
 * and pause land is measured on an injected clock in controlLatency.test.ts, never here: wall
 * time on a shared machine is not a unit test's business.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../src/shared/protocol';
import type { MonitorBatch } from '../../src/shared/results';
import { EngineHarness } from './harness';
import { drivenLif, lifPeriodMs } from './networks';

let engine: EngineHarness | null = null;
afterEach(async () => {
  await engine?.terminate();
  engine = null;
});

const batches = (events: EngineEvent[]): MonitorBatch[] => events.flatMap((e) => (e.type === 'batch' ? [e.batch] : []));
const spikeCount = (bs: MonitorBatch[], from = 0, to = Infinity): number =>
  bs.reduce((n, b) => n + b.spikes.reduce((m, s) => m + s.steps.filter((k) => k >= from && k < to).length, 0), 0);

describe('RunSession over worker_threads', () => {
  it('runs a network and streams contiguous batches whose spikes match the closed-form period', async () => {
    engine = new EngineHarness();
    const id = engine.send({ type: 'run', document: drivenLif({ amplitude: '1.5 nA', duration: '200 ms' }) });
    const done = await engine.waitFor((e) => e.id === id && (e.type === 'done' || e.type === 'error'));
    expect(done.type).toBe('done');
    const events = engine.of(id);
    const started = events.find((e) => e.type === 'started');
    expect(started).toMatchObject({ dt: 0.1, steps: 2000, backend: 'typed' });
    const bs = batches(events);
    expect(bs.length).toBeGreaterThan(0);
    // Contiguous, covering every step once.
    bs.forEach((b, i) => expect(b.fromStep).toBe(i === 0 ? 0 : bs[i - 1].toStep));
    expect(bs[bs.length - 1].toStep).toBe(2000);
    // Typed arrays arrive as typed arrays (structured clone of transferred buffers), not JSON arrays.
    expect(bs[0].spikes[0].steps).toBeInstanceOf(Int32Array);
    const last = events.filter((e) => e.type === 'progress').pop();
    expect(last).toMatchObject({ step: 2000, steps: 2000 });
    expect((last as { simulatedMs: number }).simulatedMs).toBeCloseTo(200, 6);
    // Soft reset, constant drive: after the first spike a neuron fires every ceil(T/dt) steps
    // (within one step of it, because the soft reset carries the overshoot over).
    const period = lifPeriodMs(1.5) / 0.1;
    const train = bs.flatMap((b) => [...b.spikes[0].steps].filter((_, j) => b.spikes[0].ids[j] === 0));
    const gaps = train.slice(1).map((s, j) => s - train[j]);
    for (const g of gaps) expect(Math.abs(g - period)).toBeLessThanOrEqual(1);
  });

  it('stops a long run: done with stopped, long before its end, and no batch after the done', async () => {
    engine = new EngineHarness();
    const id = engine.send({ type: 'run', document: drivenLif({ size: 4000, duration: '100000 ms' }) });
    await engine.waitFor((e) => e.id === id && e.type === 'progress' && e.step > 2000);
    const stopId = engine.send({ type: 'stop' });
    const done = await engine.waitFor((e) => e.id === id && (e.type === 'done' || e.type === 'error'));
    expect(done).toMatchObject({ type: 'done', stopped: true });
    await engine.waitFor((e) => e.id === stopId && e.type === 'done');
    const events = engine.of(id);
    expect(events.at(-1)).toBe(done);
    const last = events.filter((e) => e.type === 'progress').pop() as { step: number };
    expect(last.step).toBeLessThan(1_000_000);
  });

  it('pauses (nothing runs after the chunk in flight), steps while paused, and resumes to the end', async () => {
    engine = new EngineHarness();
    // Slowed to 500 simulated ms per second: at Max speed the fused driver can finish all 30,000
    // steps before a loaded test process has sent the pause, and the step below then waits for ever.
    const id = engine.send({ type: 'run', document: drivenLif({ size: 2000, duration: '3000 ms' }), options: { speed: 500 } });
    await engine.waitFor((e) => e.id === id && e.type === 'progress' && e.step > 500);
    const pauseId = engine.send({ type: 'pause' });
    await engine.waitFor((e) => e.id === pauseId && e.type === 'done');
    // The chunk in flight when the pause arrived may still report; after it, nothing. A
    // validation round trip on the same worker shows the worker is idle, not busy running.
    const probe = engine.send({ type: 'validate', document: drivenLif() });
    await engine.waitFor((e) => e.id === probe && e.type === 'done');
    const stepAt = (): number => (engine!.of(id).filter((e) => e.type === 'progress').pop() as { step: number }).step;
    const pausedAt = stepAt();
    const lastReport = engine.events.filter((e) => e.id === id && e.type === 'progress').length;
    const probe2 = engine.send({ type: 'validate', document: drivenLif() });
    await engine.waitFor((e) => e.id === probe2 && e.type === 'done');
    expect(engine.events.filter((e) => e.id === id && e.type === 'progress').length).toBe(lastReport);
    engine.send({ type: 'step', steps: 7 });
    await engine.waitFor((e) => e.id === id && e.type === 'progress' && e.step === pausedAt + 7);
    engine.send({ type: 'resume' });
    const done = await engine.waitFor((e) => e.id === id && (e.type === 'done' || e.type === 'error'));
    expect(done.type).toBe('done');
    expect(stepAt()).toBe(30000);
  });

  it('applies a set-parameter at the next chunk, reports its step, and the rate follows the closed form', async () => {
    engine = new EngineHarness();
    // Slowed to 1000 simulated ms per second so the change lands mid-run.
    const id = engine.send({ type: 'run', document: drivenLif({ size: 100, duration: '1000 ms', amplitude: '1.5 nA' }), options: { speed: 1000 } });
    await engine.waitFor((e) => e.id === id && e.type === 'progress' && e.step > 2000);
    const pid = engine.send({ type: 'set-parameter', nodeId: 'drive', field: 'params.amplitude', value: '3 nA' });
    const applied = await engine.waitFor((e) => e.id === pid && (e.type === 'parameter' || e.type === 'error'));
    expect(applied.type).toBe('parameter');
    const at = (applied as { step: number }).step;
    expect(at).toBeGreaterThan(2000);
    expect(at).toBeLessThan(8000);
    await engine.waitFor((e) => e.id === id && e.type === 'done');
    const bs = batches(engine.of(id));
    // Rates over windows well after the first spike and after the change (one neuron's worth per period).
    const before = spikeCount(bs, 500, 2000) / 100 / 0.15;
    const afterFrom = at + 500;
    const after = spikeCount(bs, afterFrom, 10000) / 100 / ((10000 - afterFrom) * 1e-4);
    expect(before).toBeCloseTo(1000 / lifPeriodMs(1.5), -0.5);
    expect(after).toBeCloseTo(1000 / lifPeriodMs(3), -0.5);
    expect(after).toBeGreaterThan(1.5 * before);
  });

  it('reports a bad live value and a broken document as errors and keeps serving', async () => {
    engine = new EngineHarness();
    const bad = engine.send({ type: 'run', document: { nodes: [{ id: 'E', kind: 'population', model: 'LIF', size: -3 }] } });
    const err = await engine.waitFor((e) => e.id === bad && e.type === 'error');
    expect(err).toMatchObject({ code: 'build_failed' });
    const id = engine.send({ type: 'run', document: drivenLif({ duration: '2000 ms' }), options: { speed: 2000 } });
    await engine.waitFor((e) => e.id === id && e.type === 'progress');
    const pid = engine.send({ type: 'set-parameter', nodeId: 'drive', field: 'params.amplitude', value: '5 kg' });
    const perr = await engine.waitFor((e) => e.id === pid && e.type === 'error');
    expect(perr).toMatchObject({ code: 'wrong_dimension' });
    engine.send({ type: 'stop' });
    expect(await engine.waitFor((e) => e.id === id && e.type === 'done')).toMatchObject({ stopped: true });
  });
});
