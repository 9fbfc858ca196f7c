/**
 * A live change the running instance refuses leaves no trace: the session's document keeps the
 * value that actually runs, and a later change is checked and applied against that document,
 * not against one holding the refused value. The instance is a fake that refuses one value.
 */
import { describe, expect, it } from 'vitest';
import { RunSession } from '../../src/engine/worker/runSession';
import type { BackendInstance } from '../../src/engine/backend';
import type { EngineEvent, EngineRequest } from '../../src/shared/protocol';
import { drivenLif } from './networks';

interface Node { id: string; params?: Record<string, unknown> }
const paramsOf = (doc: unknown, id: string): Record<string, unknown> | undefined =>
  ((doc as { nodes: Node[] }).nodes.find((n) => n.id === id))?.params;

function session(refuse: (field: string, value: unknown) => boolean) {
  const applied: { field: string; value: unknown }[] = [];
  let onChunk: (index: number) => void = () => undefined;
  let chunks = 0;
  const instance: BackendInstance & { step: number } = {
    name: 'fake',
    step: 0,
    async advance(n) {
      onChunk(chunks++);
      await new Promise((r) => setImmediate(r));
      const from = instance.step;
      instance.step += n;
      return { fromStep: from, toStep: instance.step, spikes: [], traces: [], counts: [] };
    },
    setParameter(_nodeId, field, value) {
      if (refuse(field, value)) throw new Error(`the fake instance refuses ${field}`);
      applied.push({ field, value });
    },
    dispose() {},
  };
  let clock = 0;
  const s = new RunSession({ now: () => (clock += 1), backendFor: () => ({ backend: { name: 'fake', instantiate: () => instance } }) });
  return { s, applied, setOnChunk: (f: (index: number) => void) => (onChunk = f) };
}

describe('live changes the instance refuses', () => {
  it('do not enter the running document, and a later change builds on what runs', async () => {
    const refusedAmplitude = (field: string, value: unknown): boolean =>
      field === 'params.amplitude' && JSON.stringify(value).includes('2.5');
    const { s, applied, setOnChunk } = session(refusedAmplitude);
    const events: EngineEvent[] = [];
    const send = (e: EngineEvent): void => void events.push(e);
    let snapshot: { afterRefusal?: unknown; afterAccepted?: unknown } = {};
    setOnChunk((index) => {
      if (index === 2) {
        s.handle({ type: 'set-parameter', id: 10, nodeId: 'drive', field: 'params.amplitude', value: '2.5 nA' } as EngineRequest, send);
      }
      if (index === 4) {
        snapshot = { ...snapshot, afterRefusal: structuredClone(s.runningDocument) };
        s.handle({ type: 'set-parameter', id: 11, nodeId: 'E', field: 'params.tau', value: '15 ms' } as EngineRequest, send);
      }
      if (index === 6) {
        snapshot = { ...snapshot, afterAccepted: structuredClone(s.runningDocument) };
        s.handle({ type: 'stop', id: 12 } as EngineRequest, send);
      }
    });
    await new Promise<void>((resolve) => {
      s.handle({ type: 'run', id: 1, document: drivenLif({ size: 10, duration: '100000 ms' }) } as EngineRequest, (e) => {
        send(e);
        if (e.id === 1 && (e.type === 'done' || e.type === 'error')) resolve();
      });
    });
    // The refusal reaches the requester, naming the reason.
    expect(events.find((e) => e.id === 10)).toMatchObject({ type: 'error', code: 'not_live', message: expect.stringContaining('refuses params.amplitude') });
    // The running document still holds the amplitude the instance runs, not the refused one.
    expect(paramsOf(snapshot.afterRefusal, 'drive')?.amplitude).toBe('1.5 nA');
    // The accepted change lands on top of that document: amplitude untouched, tau changed.
    expect(events.find((e) => e.id === 11 && e.type === 'done')).toBeDefined();
    expect(paramsOf(snapshot.afterAccepted, 'drive')?.amplitude).toBe('1.5 nA');
    expect(paramsOf(snapshot.afterAccepted, 'E')?.tau).toBe('15 ms');
    expect(applied.map((a) => a.field)).toEqual(['params.tau']);
  });

  it('a change the build refuses is answered at once and changes nothing', async () => {
    const { s, applied, setOnChunk } = session(() => false);
    const events: EngineEvent[] = [];
    const send = (e: EngineEvent): void => void events.push(e);
    let after: unknown;
    setOnChunk((index) => {
      if (index === 1) s.handle({ type: 'set-parameter', id: 20, nodeId: 'drive', field: 'params.amplitude', value: '5 kg' } as EngineRequest, send);
      if (index === 3) {
        after = structuredClone(s.runningDocument);
        s.handle({ type: 'stop', id: 21 } as EngineRequest, send);
      }
    });
    await new Promise<void>((resolve) => {
      s.handle({ type: 'run', id: 1, document: drivenLif({ size: 10, duration: '100000 ms' }) } as EngineRequest, (e) => {
        send(e);
        if (e.id === 1 && (e.type === 'done' || e.type === 'error')) resolve();
      });
    });
    expect(events.find((e) => e.id === 20)).toMatchObject({ type: 'error' });
    expect(paramsOf(after, 'drive')?.amplitude).toBe('1.5 nA');
    expect(applied).toEqual([]);
    expect(s.runningDocument).toBeNull();
  });
});
