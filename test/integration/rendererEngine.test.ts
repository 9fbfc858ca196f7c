/**
 * The renderer's stores against the real engine host over a MessageChannel (as over a Worker or
 * the utilityProcess port): the export dialog's store gets a Brian2 script or PyNEST's refusal
 * naming node and feature; the run store runs a document on tfjs (WASM files from disk, as the
 * utilityProcess is told) and on typed, reports which backend ran, and counts the same spikes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EngineClient } from '../../src/renderer/engine/EngineClient';
import { scopePort } from '../../src/engine/worker/entry';
import { serveEngine } from '../../src/engine/worker/host';
import { wasmDirectory } from '../../src/engine/node/tfjsLoader';
import { createExportStore } from '../../src/renderer/export/exportStore';
import { createRunStore, type RunStore } from '../../src/renderer/run/runStore';
import { portRunEngine } from '../../src/renderer/run/runEngineTypes';
import { Document } from '../../src/shared/document';
import type { EnginePort } from '../../src/shared/protocol';
import type { StoreApi } from 'zustand/vanilla';

const channels: Array<InstanceType<typeof MessageChannel>> = [];
function enginePort(): EnginePort {
  const ch = new MessageChannel();
  channels.push(ch);
  ch.port1.start();
  ch.port2.start();
  serveEngine(scopePort(ch.port1 as never));
  return scopePort(ch.port2 as never);
}
afterEach(() => channels.splice(0).forEach((c) => (c.port1.close(), c.port2.close())));

/** Closed form (cf. test/cli/fixtures.ts): R I = 20 mV over a 15 mV gap, tau = 10 ms: T = 10 ln 4 = 13.86 ms. */
const lif = (backend: 'typed' | 'tfjs', extra: Record<string, unknown>[] = []) => Document.parse({
  simulation: { dt: '0.1 ms', duration: '100 ms', seed: 4, backend },
  nodes: [
    { id: 'drive', kind: 'input', model: 'constant', params: { amplitude: '2 nA' } },
    { id: 'E', kind: 'population', model: 'LIF', size: 4, params: { V_rest: '-65 mV', V_th: '-50 mV', V_reset: '-65 mV', tau: '10 ms', R: '10 MOhm', reset: 'hard' }, init: { V: '-65 mV' } },
    { id: 'spikes', kind: 'monitor', record: 'spikes' },
    ...extra,
  ],
  wires: [{ from: 'drive', to: 'E' }, { from: 'E', to: 'spikes' }, ...extra.map((n) => ({ from: String(n.id), to: 'E' }))],
});

function settle<T>(store: StoreApi<T>, done: (s: T) => boolean, timeoutMs = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), timeoutMs);
    const check = (s: T): void => {
      if (!done(s)) return;
      clearTimeout(timer);
      off();
      resolve(s);
    };
    const off = store.subscribe(check);
    check(store.getState());
  });
}

describe('export dialog store over the engine protocol', () => {
  it('shows a Brian2 script, and PyNEST refusing an OU input by node and feature', async () => {
    const client = new EngineClient(enginePort());
    const store = createExportStore();
    store.getState().open(client, lif('typed'), 'brian2');
    expect(store.getState().view.state).toBe('working');
    const ready = (await settle(store, (s) => s.view.state !== 'working')).view;
    if (ready.state !== 'ready') throw new Error(`expected a script, got ${ready.state}`);
    expect(ready.script).toContain('from brian2 import');

    const ou = lif('typed', [{ id: 'noise', kind: 'input', model: 'ou', params: { mean: '1 nA', sigma: '0.2 nA', tau: '5 ms' } }]);
    store.getState().open(client, ou, 'pynest');
    const refused = (await settle(store, (s) => s.view.state !== 'working')).view;
    if (refused.state !== 'refused') throw new Error(`expected a refusal, got ${refused.state}`);
    expect(refused.problems).toContainEqual(expect.objectContaining({ severity: 'error', nodeId: 'noise', field: 'model', code: 'unsupported' }));
    store.getState().close();
    expect(store.getState().view.state).toBe('closed');
  });
});

describe('run store over the engine protocol', () => {
  const runOn = async (backend: 'typed' | 'tfjs'): Promise<RunStore> => {
    const folder = wasmDirectory();
    if (!folder) throw new Error('tfjs-backend-wasm is not installed');
    const store = createRunStore(() => ({ ...portRunEngine(enginePort()), tfjsWasm: folder }));
    const doc = lif(backend);
    store.getState().runWithPanelSettings(doc);
    return settle(store, (s) => s.final && (s.status === 'done' || s.status === 'error'));
  };

  it('runs on tfjs-wasm and on typed with the same, closed-form spike count, and says which backend ran', async () => {
    const typed = await runOn('typed');
    const tfjs = await runOn('tfjs');
    expect([typed.status, typed.backend]).toEqual(['done', 'typed']);
    expect([tfjs.status, tfjs.backend, tfjs.message]).toEqual(['done', 'tfjs-wasm', null]);
    const count = (s: RunStore): number => s.results?.spikes.reduce((n, t) => n + t.steps.length, 0) ?? -1;
    // 1000 steps, a spike every 139 steps from rest: 7 per neuron, 4 neurons.
    expect(count(typed)).toBe(28);
    expect(count(tfjs)).toBe(28);
    expect(tfjs.log[0].text).toContain('backend tfjs-wasm');
  }, 60_000);
});
