/** The renderer's side of an engine crash: EngineClient's port can die and be replaced; nothing waits for ever. */
import { describe, expect, it } from 'vitest';
import { ENGINE_CRASHED, EngineClient, EngineRequestError } from '../../src/renderer/engine/EngineClient';
import { validateSurvivingCrash } from '../../src/renderer/engine/useLiveValidation';
import type { EngineEvent, EnginePort, EngineRequest } from '../../src/shared/protocol';

/** A port that records what is posted and lets the test answer. */
function fakePort() {
  const posted: EngineRequest[] = [];
  let listener: ((m: unknown) => void) | null = null;
  const port: EnginePort = {
    postMessage: (m) => void posted.push(m as EngineRequest),
    onMessage: (l) => ((listener = l), () => (listener = null)),
  };
  return { port, posted, answer: (e: EngineEvent) => listener?.(e), get listening() { return listener !== null; } };
}

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('EngineClient across an engine death', () => {
  it('answers requests sent on the dead port with engine_crashed, queues later ones for the next port', () => {
    const a = fakePort();
    const client = new EngineClient(a.port);
    const events: EngineEvent[] = [];
    const failures: string[] = [];
    client.onFailure((m) => failures.push(m));
    const run = client.send({ type: 'run', document: {} }, (e) => events.push(e));
    client.detach('the engine process exited with code 9');
    expect(events).toEqual([{ type: 'error', id: run, code: ENGINE_CRASHED, message: 'the engine process exited with code 9' }]);
    expect(failures).toEqual(['the engine process exited with code 9']);
    expect(a.listening).toBe(false);
    // A late message from the dead port is not delivered, and the next request waits.
    const stop = client.send({ type: 'stop' }, (e) => events.push(e));
    expect(client.queued).toBe(1);
    const b = fakePort();
    client.attach(b.port);
    expect(b.posted).toEqual([{ type: 'stop', id: stop }]);
    b.answer({ type: 'done', id: stop });
    expect(events.at(-1)).toEqual({ type: 'done', id: stop });
  });

  it('fail() answers queued requests too (no engine will come)', () => {
    const client = new EngineClient(null);
    let queuedHook = 0;
    const hooked = new EngineClient(null, { onQueued: () => queuedHook++ });
    hooked.send({ type: 'stop' }, () => {});
    expect(queuedHook).toBe(1);
    const seen: EngineEvent[] = [];
    client.send({ type: 'validate', document: {} }, (e) => seen.push(e));
    client.fail('the engine could not be started');
    expect(seen.map((e) => e.type === 'error' && e.code)).toEqual([ENGINE_CRASHED]);
    expect(client.queued).toBe(0);
  });

  it('a validation in flight when the engine dies settles, and is asked once more on the new engine', async () => {
    const a = fakePort();
    const client = new EngineClient(a.port);
    const problems = validateSurvivingCrash(client, { nodes: [] });
    client.detach('the engine process exited with code 1');
    const b = fakePort();
    client.attach(b.port);
    await tick();
    const retry = b.posted[0];
    expect(retry).toMatchObject({ type: 'validate' });
    b.answer({ type: 'problems', id: retry.id, problems: [] });
    b.answer({ type: 'done', id: retry.id });
    await expect(problems).resolves.toEqual({ problems: [], facts: [] });
    // A second death is reported, not retried for ever.
    const again = validateSurvivingCrash(client, {});
    client.detach('x');
    client.attach(fakePort().port);
    await tick();
    client.detach('y');
    await expect(again).rejects.toBeInstanceOf(EngineRequestError);
  });
});
