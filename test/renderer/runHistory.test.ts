/**
 * Run comparison (issue 13): earlier runs are overlaid only when asked, only runs of the same
 * project, matched by population id; opening a project forgets them.
 */
import { describe, expect, it } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import type { Document } from '../../src/shared/document';
import type { EngineEvent, EnginePort } from '../../src/shared/protocol';
import type { RunResults, SpikeTrain } from '../../src/shared/results';
import { addRun, EMPTY_RUN_HISTORY, HISTORY_LENGTH, runsToCompare } from '../../src/renderer/run/runHistory';
import { createRunStore, settingsOf, type RunStore } from '../../src/renderer/run/runStore';
import { portRunEngine } from '../../src/renderer/run/runEngineTypes';

function train(population: string, size = 2): SpikeTrain {
  return { monitor: `${population}-spikes`, population, size, steps: Int32Array.from([1, 5]), ids: Int32Array.from([0, 1]) };
}

function run(populations: readonly string[], seed = 1): RunResults {
  return { dt: 0.1, steps: 100, seed, backend: 'typed', spikes: populations.map((p) => train(p)), traces: [], counts: [] };
}

describe('run history', () => {
  it('numbers the runs of a project and keeps the last HISTORY_LENGTH', () => {
    let h = EMPTY_RUN_HISTORY;
    for (let seed = 1; seed <= HISTORY_LENGTH + 2; seed++) h = addRun(h, run(['E'], seed));
    expect(h.runs.map((r) => r.label)).toEqual(['#3 seed 3', '#4 seed 4', '#5 seed 5', '#6 seed 6']);
    expect(h.count).toBe(HISTORY_LENGTH + 2);
  });

  it('compares nothing until comparison is turned on', () => {
    const h = addRun(addRun(EMPTY_RUN_HISTORY, run(['E', 'I'], 1)), run(['E', 'I'], 2));
    const current = h.runs[1].results;
    expect(runsToCompare(h.runs, current, false)).toEqual([]);
    const on = runsToCompare(h.runs, current, true);
    // The current run is never compared with itself.
    expect(on.map((r) => r.label)).toEqual(['#1 seed 1']);
    expect(on[0].populations).toEqual(['E', 'I']);
  });

  it('matches populations by id: one that no longer exists is not drawn, a run sharing none is left out', () => {
    const h = addRun(addRun(EMPTY_RUN_HISTORY, run(['E', 'old', 'I'])), run(['gone']));
    const current = run(['I', 'E', 'new']);
    const on = runsToCompare(h.runs, current, true);
    expect(on.map((r) => r.label)).toEqual(['#1 seed 1']);
    // In the current run's order, without "old".
    expect(on[0].populations).toEqual(['I', 'E']);
  });

  it('treats hostile population ids as plain strings', () => {
    const ids = ['__proto__', 'hasOwnProperty', 'constructor', 'toString'];
    const h = addRun(EMPTY_RUN_HISTORY, run(ids));
    expect(runsToCompare(h.runs, run([...ids].reverse()), true)[0].populations).toEqual([...ids].reverse());
  });
});

/** A fake engine: each run answers started, one batch with a spike per population, done. */
function fakePort(populations: () => readonly string[]): EnginePort & { held: (() => void)[]; hold: boolean } {
  const listeners = new Set<(m: unknown) => void>();
  const port = {
    held: [] as (() => void)[],
    hold: false,
    postMessage(message: unknown) {
      const req = message as { type: string; id: number; document?: Document };
      if (req.type !== 'run') return;
      const seed = req.document?.simulation.seed ?? 0;
      const pops = populations();
      const emit = (ev: EngineEvent): void => listeners.forEach((l) => l(ev));
      const finish = (): void => {
        emit({ type: 'started', id: req.id, dt: 0.1, steps: 10, seed, backend: 'fake' });
        emit({ type: 'batch', id: req.id, batch: { fromStep: 0, toStep: 10, spikes: pops.map((p) => train(p)), traces: [], counts: [] } });
        emit({ type: 'done', id: req.id });
      };
      if (port.hold) port.held.push(finish);
      else setTimeout(finish, 0);
    },
    onMessage(l: (m: unknown) => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return port;
}

const DOC: Document = { simulation: { dt: '0.1 ms', duration: '1 ms', seed: 1, backend: 'auto' }, nodes: [], wires: [] };

function until(store: StoreApi<RunStore>, ok: (s: RunStore) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (ok(store.getState())) return resolve();
    const off = store.subscribe((s) => {
      if (ok(s)) {
        off();
        resolve();
      }
    });
  });
}

async function runOnce(store: StoreApi<RunStore>, seed: number): Promise<void> {
  const before = store.getState().results;
  store.getState().run(DOC, { ...settingsOf(DOC.simulation), seed });
  await until(store, (s) => s.final && s.results !== before);
}

describe('run store history', () => {
  it('starts with comparison off, adds finished runs, and forgets them when the project changes', async () => {
    let pops: readonly string[] = ['E', 'I'];
    const port = fakePort(() => pops);
    const store = createRunStore(() => portRunEngine(port));
    expect(store.getState().compare).toBe(false);
    await runOnce(store, 1);
    await runOnce(store, 2);
    expect(store.getState().history.map((h) => h.label)).toEqual(['#1 seed 1', '#2 seed 2']);
    store.getState().setCompare(true);
    expect(store.getState().compare).toBe(true);

    store.getState().clearHistory();
    expect(store.getState().history).toEqual([]);
    pops = ['other'];
    await runOnce(store, 3);
    // Numbering restarts with the project; comparison stays as the user set it.
    expect(store.getState().history.map((h) => h.label)).toEqual(['#1 seed 3']);
    expect(store.getState().compare).toBe(true);
  });

  it('does not add a run of the previous project that finishes after another project was opened', async () => {
    const port = fakePort(() => ['E']);
    const store = createRunStore(() => portRunEngine(port));
    port.hold = true;
    store.getState().run(DOC, settingsOf(DOC.simulation));
    store.getState().clearHistory();
    port.held.forEach((f) => f());
    await until(store, (s) => s.final);
    expect(store.getState().history).toEqual([]);
  });
});
