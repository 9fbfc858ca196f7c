import { describe, expect, it } from 'vitest';
import { createWorkspaceStore, panelShown, WORKSPACE_KEY, type WorkspaceStorage } from '../../src/renderer/shell/workspaceStore';
import { actionFor, SHORTCUTS, type KeyPress } from '../../src/renderer/shell/shortcuts';
import { checkRunDraft, refusalMessage, runDraftStore, runFromPanel, type RunDraft } from '../../src/renderer/run/runSettings';

function memory(initial: Record<string, string> = {}): WorkspaceStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('workspace layout state', () => {
  it('remembers presentation mode and the side panels, but not the plots filling the window', () => {
    const storage = memory();
    const a = createWorkspaceStore(storage);
    a.getState().toggle('presentation');
    a.getState().togglePanel('palette');
    a.getState().toggle('plotsMax');
    const b = createWorkspaceStore(storage);
    expect(b.getState().presentation).toBe(true);
    // In presentation mode the palette toggle is presentation mode's own; the editor's is untouched.
    expect(b.getState().presentationPalette).toBe(true);
    expect(b.getState().palette).toBe(true);
    expect(b.getState().plotsMax).toBe(false);
    expect(JSON.parse(storage.data.get(WORKSPACE_KEY)!)).not.toHaveProperty('plotsMax');
  });

  it('hides the palette and the inspector in presentation mode until asked for, and keeps the editor layout apart', () => {
    const s = createWorkspaceStore(memory());
    expect(panelShown(s.getState(), 'palette')).toBe(true);
    s.getState().toggle('presentation');
    expect(panelShown(s.getState(), 'palette')).toBe(false);
    expect(panelShown(s.getState(), 'inspector')).toBe(false);
    s.getState().togglePanel('inspector');
    expect(panelShown(s.getState(), 'inspector')).toBe(true);
    s.getState().toggle('presentation');
    expect(panelShown(s.getState(), 'inspector')).toBe(true);
    expect(panelShown(s.getState(), 'palette')).toBe(true);
  });

  it('asking for a side panel while the plots fill the window brings the editor back with that panel', () => {
    const s = createWorkspaceStore(memory());
    s.getState().togglePanel('palette');
    s.getState().toggle('plotsMax');
    expect(panelShown(s.getState(), 'inspector')).toBe(false);
    s.getState().togglePanel('palette');
    expect(s.getState().plotsMax).toBe(false);
    expect(panelShown(s.getState(), 'palette')).toBe(true);
  });

  it('ignores a corrupt saved entry', () => {
    const s = createWorkspaceStore(memory({ [WORKSPACE_KEY]: '{not json' }));
    expect(s.getState().presentation).toBe(false);
    expect(s.getState().palette).toBe(true);
    const t = createWorkspaceStore(memory({ [WORKSPACE_KEY]: JSON.stringify({ presentation: 'yes', palette: false }) }));
    expect(t.getState().presentation).toBe(false);
    expect(t.getState().palette).toBe(false);
  });
});

const good: RunDraft = { duration: '500 ms', dt: '0.1 ms', seed: '42', backend: 'auto' };

describe('run panel fields', () => {
  it('accepts a good draft and gives the settings to run', () => {
    expect(checkRunDraft(good)).toEqual({ errors: {}, settings: { duration: '500 ms', dt: '0.1 ms', seed: 42, backend: 'auto' } });
    expect(checkRunDraft({ ...good, duration: '2 s', dt: '50 us', seed: ' 0 ' }).settings).toEqual({ duration: '2 s', dt: '50 us', seed: 0, backend: 'auto' });
  });

  it.each([
    ['dt', '0 ms', /dt must be greater than zero/],
    ['dt', '-0.1 ms', /dt must be greater than zero/],
    ['dt', 'abc', /abc/],
    ['dt', '0.1', /no unit/],
    ['dt', '0.1 mV', /time/],
    ['dt', '', /dt is empty/],
    ['dt', '600 ms', /shorter than the duration/],
    ['duration', '0 s', /Duration must be greater than zero/],
    ['duration', '-5 ms', /Duration must be greater than zero/],
    ['duration', '   ', /Duration is empty/],
    ['seed', '', /Seed is empty/],
    ['seed', '-1', /whole number/],
    ['seed', '1.5', /whole number/],
    ['seed', '4294967296', /at most 4294967295/],
  ] as const)('%s = "%s" is an error at that field', (field, text, message) => {
    const { errors, settings } = checkRunDraft({ ...good, [field]: text });
    expect(settings).toBeNull();
    expect(Object.keys(errors)).toEqual([field]);
    expect(errors[field]).toMatch(message);
  });

  it('refuses to run, naming the fields, and runs once they are fixed', () => {
    const started: unknown[] = [];
    const doc = { simulation: { duration: '500 ms', dt: '0.1 ms', seed: 1, backend: 'auto' as const } };
    runDraftStore.getState().setDraft({ ...good, dt: '0 ms', seed: 'x' });
    expect(runFromPanel(doc, (s) => started.push(s))).toBe(false);
    expect(started).toEqual([]);
    const refusal = runDraftStore.getState().refusal!;
    expect(refusal).toMatch(/^Run refused/);
    expect(refusal).toMatch(/dt: dt must be greater than zero/);
    expect(refusal).toMatch(/Seed: Seed must be a whole number/);
    expect(refusal).toBe(refusalMessage(runDraftStore.getState().errors));
    runDraftStore.getState().setDraft(good);
    expect(runDraftStore.getState().refusal).toBeNull();
    expect(runFromPanel(doc, (s) => started.push(s))).toBe(true);
    expect(started).toEqual([{ duration: '500 ms', dt: '0.1 ms', seed: 42, backend: 'auto' }]);
  });
});

describe('layout keys', () => {
  const key = (k: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, ...mods });
  it('P, Shift+P, [, ] and L act outside text fields only, and the Help table lists them', () => {
    expect(actionFor(key('p'), false)).toBe('plots-max');
    expect(actionFor(key('P', { shiftKey: true }), false)).toBe('presentation');
    expect(actionFor(key('['), false)).toBe('toggle-palette');
    expect(actionFor(key(']'), false)).toBe('toggle-inspector');
    expect(actionFor(key('l'), false)).toBe('toggle-live');
    for (const k of ['p', '[', ']', 'l']) expect(actionFor(key(k), true)).toBeNull();
    expect(actionFor(key('p', { ctrlKey: true }), false)).toBeNull();
    const listed = new Set(SHORTCUTS.map((s) => s.action));
    for (const a of ['plots-max', 'presentation', 'toggle-palette', 'toggle-inspector', 'toggle-live'] as const) expect(listed.has(a)).toBe(true);
  });
});
