/**
 * The renderer's file actions over a fake Platform: what the user is told when a file is
 * migrated, that stored results survive a save, and when the recovery copy is dropped.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createFileActions } from '../../src/renderer/shell/fileActions';
import { createEditorStore } from '../../src/renderer/store/editorStore';
import type { Platform, Recovery } from '../../src/renderer/platform/Platform';
import { Document, type DocumentInput } from '../../src/shared/document';
import { parseProjectFile, serializeProject } from '../../src/shared/projectFile';
import type { RunResults } from '../../src/shared/results';

let confirmAnswer = true;
vi.stubGlobal('confirm', () => confirmAnswer);

const doc = Document.parse({
  nodes: [
    { id: 'E', kind: 'population', model: 'LIF', size: 50, position: [0, 0] },
    { id: 'sp', kind: 'monitor', record: 'spikes' },
    { id: 'V', kind: 'monitor', record: 'state', variables: ['V'], neurons: [0, 3] },
    { id: 'rate', kind: 'monitor', record: 'rate' },
  ],
  wires: [{ from: 'E', to: 'sp' }, { from: 'E', to: 'V' }, { from: 'E', to: 'rate' }],
} satisfies DocumentInput);

/** Small results for `doc`'s spike monitor (the codec itself is tested in resultsCodec.test.ts). */
function fakeResults(seed: number): RunResults {
  return {
    dt: 0.1, steps: 100, seed, backend: 'typed',
    spikes: [{ monitor: 'sp', population: 'E', size: 50, steps: Int32Array.of(1, 5, 5, 80), ids: Int32Array.of(0, 3, 49, seed % 50) }],
    traces: [],
    counts: [],
  };
}

function fakePlatform() {
  const saved: string[] = [];
  const calls: string[] = [];
  let recovery: Recovery | null = null;
  let nextOpen: { name: string; handle: string | null; text: string } | null = null;
  const platform = {
    kind: 'browser',
    openFile: async () => nextOpen,
    saveFile: async (text: string, handle: string | null, name: string) => {
      saved.push(text);
      return { handle: handle ?? `/docs/${name}`, name };
    },
    autosave: async (r: Recovery) => {
      calls.push('autosave');
      recovery = r;
    },
    clearAutosave: async () => {
      calls.push('clear');
      recovery = null;
    },
    loadAutosave: async () => recovery,
  } as unknown as Platform;
  return {
    platform, saved, calls,
    get recovery() { return recovery; },
    setRecovery: (r: Recovery) => (recovery = r),
    willOpen: (f: { name: string; handle: string | null; text: string }) => (nextOpen = f),
  };
}

const flush = (): Promise<void> => new Promise((r) => setTimeout(r, 0));
const toasts = (store: ReturnType<typeof createEditorStore>) => store.getState().toasts.map((t) => t.text);

beforeEach(() => {
  confirmAnswer = true;
});

describe('file actions', () => {
  it('tells the user once that an old file was converted and that saving writes the new version', async () => {
    const store = createEditorStore();
    const p = fakePlatform();
    const files = createFileActions(store, p.platform);
    const text = readFileSync(new URL('../fixtures/v0/single-lif-draft.snn', import.meta.url), 'utf8');
    expect(JSON.parse(text).version).toBe(0);
    expect(files.openText({ name: 'single-lif-draft.snn', handle: '/docs/single-lif-draft.snn', text })).toBe(true);
    const notes = toasts(store).filter((t) => /older file format/.test(t));
    expect(notes).toHaveLength(1);
    // without custom models the oldest format that holds the document (version 1) is written
    expect(notes[0]).toMatch(/version 0\).*format version 1\b/);
    await files.save();
    expect(JSON.parse(p.saved[0]).version).toBe(1);
    expect(toasts(store).filter((t) => /older file format/.test(t))).toHaveLength(1);
  });

  it('a current file opens without a migration notice', () => {
    const store = createEditorStore();
    const files = createFileActions(store, fakePlatform().platform);
    files.openText({ name: 'a.snn', handle: null, text: serializeProject(doc) });
    expect(toasts(store).some((t) => /older file format/.test(t))).toBe(false);
  });

  it('keeps stored results on save while the network is unchanged (moving a node is no change)', async () => {
    const store = createEditorStore();
    const p = fakePlatform();
    const files = createFileActions(store, p.platform);
    const results = fakeResults(3);
    files.openText({ name: 'r.snn', handle: '/docs/r.snn', text: serializeProject(doc, results) });
    store.getState().apply([{ type: 'move-nodes', positions: { E: [40, 80] } }]);
    await files.save();
    const back = parseProjectFile(p.saved[0]);
    expect(back.ok && back.results?.spikes[0].steps).toEqual(results.spikes[0].steps);
    expect(back.ok && back.warnings).toEqual([]);
  });

  it('leaves results out once the network changed, and says so', async () => {
    const store = createEditorStore();
    const p = fakePlatform();
    const files = createFileActions(store, p.platform);
    files.openText({ name: 'r.snn', handle: '/docs/r.snn', text: serializeProject(doc, fakeResults(3)) });
    store.getState().apply([{ type: 'set-simulation', simulation: { ...doc.simulation, seed: 99 } }]);
    await files.save();
    expect(JSON.parse(p.saved[0]).results).toBeUndefined();
    expect(toasts(store).some((t) => /results stored in r\.snn were left out: the network changed/.test(t))).toBe(true);
  });

  it('New and Open after discarding changes drop the recovery copy; declining keeps it', async () => {
    const store = createEditorStore();
    const p = fakePlatform();
    const files = createFileActions(store, p.platform);
    files.openText({ name: 'a.snn', handle: null, text: serializeProject(doc) });
    store.getState().apply([{ type: 'set-simulation', simulation: { ...doc.simulation, seed: 5 } }]);
    p.setRecovery({ name: 'a.snn', handle: null, text: 'unsaved', savedAt: 1 });
    confirmAnswer = false;
    files.newDocument();
    await flush();
    expect(p.recovery).not.toBeNull();
    confirmAnswer = true;
    files.newDocument();
    await flush();
    expect(p.recovery).toBeNull();

    files.openText({ name: 'a.snn', handle: null, text: serializeProject(doc) });
    store.getState().apply([{ type: 'set-simulation', simulation: { ...doc.simulation, seed: 6 } }]);
    p.setRecovery({ name: 'a.snn', handle: null, text: 'unsaved', savedAt: 2 });
    p.willOpen({ name: 'b.snn', handle: '/docs/b.snn', text: serializeProject(doc) });
    await files.open();
    await flush();
    expect(store.getState().fileName).toBe('b.snn');
    expect(p.recovery).toBeNull();
  });

  it('Restore keeps the recovery copy until the restored work is autosaved again', async () => {
    vi.useFakeTimers();
    try {
      const store = createEditorStore();
      const p = fakePlatform();
      const files = createFileActions(store, p.platform);
      const copy: Recovery = { name: 'a.snn', handle: null, text: serializeProject(doc), savedAt: 1 };
      p.setRecovery(copy);
      expect(files.restore(copy.text, copy.name, copy.handle)).toBe(true);
      await vi.advanceTimersByTimeAsync(0);
      expect(p.calls).not.toContain('clear');
      expect(p.recovery).toEqual(copy);
      const stop = files.startAutosave();
      await vi.advanceTimersByTimeAsync(3000);
      stop();
      expect(p.calls).toEqual(['autosave']);
      expect(p.recovery?.text).toBe(copy.text);
      expect(p.recovery?.savedAt).not.toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
