/** The IPC handlers with Electron's dialog mocked: which files the page may read and write. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const dialog = vi.hoisted(() => ({ showOpenDialog: vi.fn(), showSaveDialog: vi.fn() }));
vi.mock('electron', () => ({
  app: { addRecentDocument: vi.fn(), getPath: () => '/nonexistent-documents' },
  dialog,
}));

const { CloseGuard } = await import('../../src/main/closeGuard');
const { FileAccess } = await import('../../src/main/fileAccess');
const { realFs } = await import('../../src/main/fileService');
const { invokeHandlers, sendHandlers, suggestedFileName, suggestedScriptName } = await import('../../src/main/ipcHandlers');
const { RecentFiles } = await import('../../src/main/recentFiles');
const { RecoveryStore } = await import('../../src/main/recoveryStore');
import type { HandlerContext } from '../../src/main/ipcHandlers';
import type { EngineHost } from '../../src/main/engineHost';
import { tempDir } from './fsShim';

let dir: string;
let cleanup: () => Promise<void>;
let ctx: HandlerContext;
let examples: string;
const ev = {} as IpcMainInvokeEvent;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  examples = join(dir, 'examples');
  await mkdir(examples);
  await writeFile(join(examples, 'ei.snn'), '{"example":true}');
  dialog.showOpenDialog.mockReset();
  dialog.showSaveDialog.mockReset();
  ctx = {
    fs: realFs,
    access: new FileAccess([examples]),
    recent: new RecentFiles(realFs, join(dir, 'recent.json')),
    recovery: new RecoveryStore(realFs, join(dir, 'recovery')),
    closeGuard: new CloseGuard(),
    engine: { connect: vi.fn() } as unknown as EngineHost<unknown>,
    window: () => null,
    refreshMenu: vi.fn(),
    openFromOutside: vi.fn(),
    setDocumentTitle: vi.fn(),
    now: () => Date.now(),
  };
});
afterEach(() => cleanup());

describe('file:save', () => {
  it('overwrites a file the user opened, without a dialog, and adds it to the recent list', async () => {
    const path = join(dir, 'net.snn');
    await writeFile(path, 'old');
    dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [path] });
    const h = invokeHandlers(ctx);
    expect(await h['file:open-dialog'](ev)).toEqual({ name: 'net.snn', handle: path, text: 'old' });
    expect(await h['file:save'](ev, 'new', path, 'net', false)).toEqual({ name: 'net.snn', handle: path });
    expect(await readFile(path, 'utf8')).toBe('new');
    expect(dialog.showSaveDialog).not.toHaveBeenCalled();
    expect(await ctx.recent.has(path)).toBe(true);
  });

  it('asks where to save a path the page made up, instead of writing it', async () => {
    const planted = join(dir, 'planted.snn');
    const chosen = join(dir, 'chosen');
    dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: chosen });
    const saved = await invokeHandlers(ctx)['file:save'](ev, '{}', planted, 'x', false);
    expect(saved).toEqual({ name: 'chosen.snn', handle: `${chosen}.snn` });
    await expect(readFile(planted)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readFile(`${chosen}.snn`, 'utf8')).toBe('{}');
  });

  it('never overwrites a bundled example: Save goes to a dialog', async () => {
    const example = join(examples, 'ei.snn');
    await invokeHandlers(ctx)['file:open-path'](ev, example);
    dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    expect(await invokeHandlers(ctx)['file:save'](ev, 'mine', example, 'ei', false)).toBeNull();
    expect(await readFile(example, 'utf8')).toBe('{"example":true}');
  });

  it('a cancelled dialog during "Save before closing" keeps the window open', async () => {
    ctx.closeGuard.onDocumentState(true);
    ctx.closeGuard.onChoice('save');
    dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    expect(await invokeHandlers(ctx)['file:save'](ev, '{}', null, 'Untitled', false)).toBeNull();
    expect(ctx.closeGuard.onDocumentState(false)).toBe('stay');
  });

  it('suggests a clean default file name', () => {
    expect(suggestedFileName('../../etc/My: net?')).toBe('My net.snn');
    expect(suggestedFileName('')).toBe('Untitled.snn');
  });
});

describe('a successful save clears the recovery copy in main', () => {
  it('so a "Save, then close" never leaves a stale recovery behind, while a cancelled save keeps it', async () => {
    const h = invokeHandlers(ctx);
    await h['autosave:write'](ev, { name: 'n.snn', handle: null, text: '{"unsaved":1}', savedAt: 5 });
    dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    expect(await h['file:save'](ev, '{}', null, 'n', false)).toBeNull();
    expect((await h['autosave:load'](ev))?.text).toBe('{"unsaved":1}');
    dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: join(dir, 'n.snn') });
    expect(await h['file:save'](ev, '{}', null, 'n', false)).toEqual({ name: 'n.snn', handle: join(dir, 'n.snn') });
    expect(await h['autosave:load'](ev)).toBeNull();
  });
});

describe('export:save', () => {
  it('writes the script where the user points the dialog, adding .py, with a clean default name', async () => {
    dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: join(dir, 'net_brian2') });
    const saved = await invokeHandlers(ctx)['export:save'](ev, 'from brian2 import *\n', 'E/I: net.snn');
    expect(saved).toEqual({ name: 'net_brian2.py', handle: join(dir, 'net_brian2.py') });
    expect(await readFile(join(dir, 'net_brian2.py'), 'utf8')).toBe('from brian2 import *\n');
    const options = dialog.showSaveDialog.mock.calls[0][0] as { defaultPath: string; filters: Array<{ extensions: string[] }> };
    expect(options.defaultPath).toBe(join('/nonexistent-documents', 'I net.py'));
    expect(options.filters[0].extensions).toEqual(['py']);
    expect(suggestedScriptName('ei_brian2.py')).toBe('ei_brian2.py');
    expect(suggestedScriptName('')).toBe('network.py');
  });

  it('writes nothing when the dialog is cancelled', async () => {
    dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    expect(await invokeHandlers(ctx)['export:save'](ev, 'x', 'n.py')).toBeNull();
  });
});

describe('file:open-path', () => {
  it('refuses a path the user never chose', async () => {
    const other = join(dir, 'other.snn');
    await writeFile(other, 'secret');
    await expect(invokeHandlers(ctx)['file:open-path'](ev, other)).rejects.toThrow(/\[not_allowed\]/);
  });

  it('opens recent files and examples', async () => {
    const path = join(dir, 'r.snn');
    await writeFile(path, 'recent');
    await ctx.recent.add(path);
    expect((await invokeHandlers(ctx)['file:open-path'](ev, path)).text).toBe('recent');
    expect((await invokeHandlers(ctx)['file:open-path'](ev, join(examples, 'ei.snn'))).text).toBe('{"example":true}');
  });
});

describe('grants', () => {
  it('listing the recent files grants no write access; opening an entry does', async () => {
    const path = join(dir, 'r.snn');
    await writeFile(path, 'recent');
    await ctx.recent.add(path);
    const h = invokeHandlers(ctx);
    expect(await h['recent:list'](ev)).toEqual([{ name: 'r.snn', handle: path }]);
    dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    // Not opened yet: Save may not write it silently, it asks.
    expect(await h['file:save'](ev, 'overwritten', path, 'r', false)).toBeNull();
    expect(dialog.showSaveDialog).toHaveBeenCalledTimes(1);
    expect(await readFile(path, 'utf8')).toBe('recent');
    await h['file:open-path'](ev, path);
    expect(await h['file:save'](ev, 'saved', path, 'r', false)).toEqual({ name: 'r.snn', handle: path });
    expect(await readFile(path, 'utf8')).toBe('saved');
  });
});

describe('crash leftovers beside user files', () => {
  it('opening or saving a project sweeps our stale temp files in its folder, not young ones or others', async () => {
    const { utimes } = await import('node:fs/promises');
    const path = join(dir, 'net.snn');
    await writeFile(path, 'v1');
    const stale = join(dir, '.net.snn.0123456789ab.snn-tmp');
    const young = join(dir, '.other.snn.ba9876543210.snn-tmp');
    const foreign = join(dir, 'notes.snn-tmp');
    for (const f of [stale, young, foreign]) await writeFile(f, 'partial');
    const old = (Date.now() - 2 * 60 * 60 * 1000) / 1000;
    await utimes(stale, old, old);
    await utimes(foreign, old, old);
    dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [path] });
    await invokeHandlers(ctx)['file:open-dialog'](ev);
    const { readdir } = await import('node:fs/promises');
    const temps = async () => (await readdir(dir)).filter((n) => n.endsWith('tmp')).sort();
    expect(await temps()).toEqual(['.other.snn.ba9876543210.snn-tmp', 'notes.snn-tmp']);
    // An hour later the young one is stale too; a save sweeps it.
    ctx = { ...ctx, now: () => Date.now() + 2 * 60 * 60 * 1000 };
    await invokeHandlers(ctx)['file:save'](ev, 'v2', path, 'net', false);
    expect(await temps()).toEqual(['notes.snn-tmp']);
    expect(await readFile(path, 'utf8')).toBe('v2');
  });
});

describe('autosave', () => {
  it('round-trips and drops a handle the page was never given', async () => {
    const h = invokeHandlers(ctx);
    await h['autosave:write'](ev, { name: 'x.snn', handle: '/etc/x.snn', text: '{}', savedAt: 3 });
    expect(await h['autosave:load'](ev)).toEqual({ name: 'x.snn', handle: null, text: '{}', savedAt: 3 });
    ctx.access.grant(join(dir, 'mine.snn'));
    await h['autosave:write'](ev, { name: 'mine.snn', handle: join(dir, 'mine.snn'), text: '{"a":1}', savedAt: 4 });
    expect((await h['autosave:load'](ev))?.handle).toBe(join(dir, 'mine.snn'));
    await h['autosave:clear'](ev);
    expect(await h['autosave:load'](ev)).toBeNull();
  });
});

describe('send handlers', () => {
  it('dropped files go through openFromOutside', () => {
    sendHandlers(ctx)['file:dropped']({} as IpcMainEvent, '/home/u/a.snn');
    expect(ctx.openFromOutside).toHaveBeenCalledWith('/home/u/a.snn');
  });
});
