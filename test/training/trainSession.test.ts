/**
 * The engine worker's training session: the events a training sends, pause/resume/stop between
 * batches, errors naming the node and field, the saved accuracy recomputed from the saved
 * weights, and the port wrapper that keeps training requests away from the run host.
 */
import { describe, expect, it } from 'vitest';
import type { EngineEvent, EnginePort, TrainingEvent } from '../../src/shared/protocol';
import { TrainSession, withTraining } from '../../src/engine/worker/trainSession';
import { Document } from '../../src/shared/document';
import { feedForward, startWasm } from './helpers';

type Ev = EngineEvent | TrainingEvent;

/** A small latency task: 3 classes, 8 inputs, 24 samples per class, 30 ms at 1 ms. */
const doc = (epochs = 2) => feedForward({ nIn: 8, nHidden: 12, nOut: 3, epochs, batchSize: 16, wIn: 3, task: { kind: 'latency', classes: 3, units: 8, samplesPerClass: 24, duration: '30 ms' } });

/** A clock that advances 10 ms per reading, so ETAs are exact. */
function stepClock() {
  let t = 0;
  return () => (t += 10);
}

function collect() {
  const events: Ev[] = [];
  const waiters: Array<{ match: (e: Ev) => boolean; resolve: (e: Ev) => void }> = [];
  const send = (e: Ev): void => {
    events.push(e);
    for (const w of waiters.splice(0)) {
      if (w.match(e)) w.resolve(e);
      else waiters.push(w);
    }
  };
  const next = (match: (e: Ev) => boolean): Promise<Ev> => {
    const seen = events.find(match);
    return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ match, resolve }));
  };
  return { events, send, next };
}

const session = () => new TrainSession({ startBackend: async () => ({ flavour: await startWasm(), reason: 'WASM in Node (test)' }), now: stepClock() });

describe('training in the engine worker', () => {
  it('reports the backend, progress with an ETA, every epoch, and the trained document', async () => {
    const s = session();
    const c = collect();
    s.handle({ type: 'train', id: 1, document: doc(2) }, c.send);
    await c.next((e) => e.id === 1 && (e.type === 'done' || e.type === 'error'));
    const err = c.events.find((e) => e.type === 'error');
    expect(err).toBeUndefined();
    const started = c.events.find((e) => e.type === 'train-started');
    if (started?.type !== 'train-started') throw new Error('no train-started');
    expect(started.backend).toMatch(/^tfjs-(wasm|cpu|node)$/);
    expect(started.backendReason).toBe('WASM in Node (test)');
    // 72 samples: 20 % test (14), 15 % validation (11), 47 to train in batches of 16.
    expect(started.task).toMatchObject({ name: 'latency', samples: 72, classes: 3, inputs: 8 });
    expect(started.batches).toBe(Math.ceil(started.task.train / 16));
    expect(started.before?.populations.map((p) => p.id)).toEqual(['in', 'hid', 'out']);
    const progress = c.events.filter((e): e is Extract<Ev, { type: 'train-progress' }> => e.type === 'train-progress');
    expect(progress).toHaveLength(2 * started.batches);
    expect(progress.map((p) => `${p.epoch}.${p.batch}`)).toEqual([1, 2].flatMap((ep) => Array.from({ length: started.batches }, (_, b) => `${ep}.${b + 1}`)));
    expect(progress[progress.length - 1].etaMs).toBe(0);
    expect(progress[0].etaMs).toBeGreaterThan(0);
    const epochs = c.events.filter((e) => e.type === 'train-epoch');
    expect(epochs).toHaveLength(2);
    const trained = c.events.find((e) => e.type === 'trained');
    if (trained?.type !== 'trained') throw new Error('no trained');
    expect(trained.stopped).toBe(false);
    const saved = Document.parse(trained.document);
    expect(saved.training?.history).toHaveLength(2);
    expect(saved.training?.testAccuracy).toBe(trained.test?.accuracy);
    const proj = saved.nodes.find((n) => n.id === 'hid->out');
    expect(proj?.kind === 'projection' && proj.trained?.weights.length).toBe(12 * 3);
    expect(trained.after?.label).toBe(started.before?.label);
    expect(c.events[c.events.length - 1]).toEqual({ type: 'done', id: 1 });
  }, 120_000);

  it('scores the saved weights on the test split to the saved accuracy', async () => {
    const s = session();
    const a = collect();
    s.handle({ type: 'train', id: 1, document: doc(2) }, a.send);
    const trained = await a.next((e) => e.type === 'trained');
    if (trained.type !== 'trained') throw new Error('no trained');
    const b = collect();
    s.handle({ type: 'train-check', id: 2, document: JSON.parse(JSON.stringify(trained.document)), evaluate: true }, b.send);
    const checked = await b.next((e) => e.type === 'train-checked' || e.type === 'error');
    if (checked.type !== 'train-checked') throw new Error(JSON.stringify(checked));
    expect(checked.test?.accuracy).toBe(trained.test?.accuracy);
    expect(checked.test?.loss).toBeCloseTo(trained.test?.loss ?? NaN, 5);
  }, 120_000);

  it('pauses between batches, resumes, and stops with the best weights offered', async () => {
    const s = session();
    const c = collect();
    s.handle({ type: 'train', id: 1, document: doc(50) }, c.send);
    await c.next((e) => e.type === 'train-progress');
    s.handle({ type: 'train-pause', id: 2 }, c.send);
    await c.next((e) => e.type === 'train-paused' && e.paused);
    const count = (): number => c.events.filter((e) => e.type === 'train-progress').length;
    const atPause = count();
    // Several turns of the event loop: a paused training sends nothing.
    for (let k = 0; k < 20; k++) await new Promise((r) => setTimeout(r, 0));
    expect(count()).toBe(atPause);
    s.handle({ type: 'train-resume', id: 3 }, c.send);
    await c.next((e) => e.type === 'train-progress' && c.events.indexOf(e) > c.events.findIndex((x) => x.type === 'train-paused' && !x.paused));
    s.handle({ type: 'train-stop', id: 4 }, c.send);
    const trained = await c.next((e) => e.type === 'trained');
    if (trained.type !== 'trained') throw new Error('no trained');
    expect(trained.stopped).toBe(true);
    expect(trained.history.length).toBeLessThan(50);
    expect(trained.history.length).toBeGreaterThanOrEqual(1);
    expect(s.busy).toBe(false);
  }, 120_000);

  it('refuses a bad set-up naming the node and field', async () => {
    const bad = feedForward({ nIn: 8, nHidden: 12, nOut: 4, task: { kind: 'latency', classes: 3, units: 8, samplesPerClass: 4, duration: '30 ms' } });
    const c = collect();
    session().handle({ type: 'train', id: 1, document: bad }, c.send);
    const e = await c.next((x) => x.type === 'error' || x.type === 'done');
    expect(e).toMatchObject({ type: 'error', code: 'training_setup' });
    expect(e.type === 'error' && e.message).toMatch(/^out · size: The task has 3 classes/);
  }, 60_000);

  it('names the line of a bad CSV file and asks for a missing one', async () => {
    const csvDoc = { ...doc(), training: { ...doc().training!, task: { kind: 'file' as const, path: 'mine.csv' } } };
    const c = collect();
    session().handle({ type: 'train-check', id: 1, document: csvDoc, options: { files: { 'mine.csv': new TextEncoder().encode('sample,time_ms,unit,label\n0,1.5,x,0\n') } } }, c.send);
    const e = await c.next((x) => x.type === 'error' || x.type === 'done');
    expect(e.type === 'error' && e.message).toMatch(/line 2/);
    const d = collect();
    session().handle({ type: 'train-check', id: 2, document: csvDoc }, d.send);
    const m = await d.next((x) => x.type === 'error' || x.type === 'done');
    expect(m.type === 'error' && m.message).toMatch(/training · task.path: The data file "mine.csv" is not loaded/);
  }, 60_000);

  it('keeps training requests away from the run host and stops training when the host lets go', () => {
    const listeners: Array<(m: unknown) => void> = [];
    const posted: unknown[] = [];
    const port: EnginePort = { postMessage: (m) => posted.push(m), onMessage: (l) => (listeners.push(l), () => listeners.splice(listeners.indexOf(l), 1)) };
    const seen: unknown[] = [];
    const s = new TrainSession({ startBackend: () => new Promise(() => {}) });
    const off = withTraining(port, s).onMessage((m) => seen.push(m));
    listeners[0]({ type: 'validate', id: 1, document: {} });
    listeners[0]({ type: 'train-pause', id: 2 });
    expect(seen).toEqual([{ type: 'validate', id: 1, document: {} }]);
    expect(posted[0]).toMatchObject({ type: 'error', id: 2, code: 'no_training' });
    off();
    expect(listeners).toHaveLength(0);
  });
});
