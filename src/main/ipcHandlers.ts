/**
 * The implementation of every IPC channel of src/shared/ipc.ts. Checks of sender and
 * arguments happen before these run (ipcRouter.ts); these check which files may be touched.
 */
import { app, dialog, type BrowserWindow } from 'electron';
import { basename, dirname, join } from 'node:path';
import type { OpenedFileDto } from '../shared/ipc';
import type { CloseGuard } from './closeGuard';
import type { EngineHost } from './engineHost';
import { type FileAccess, windowTitle } from './fileAccess';
import { type FsLike, readProjectFile, saveProjectFile, sweepStaleTempFiles, withProjectExtension, writeFileAtomic } from './fileService';
import type { InvokeHandlers, SendHandlers } from './ipcRouter';
import type { RecentFiles } from './recentFiles';
import type { RecoveryStore } from './recoveryStore';

const PROJECT_FILTERS = [{ name: 'SNN Studio project', extensions: ['snn'] }];
const SCRIPT_FILTERS = [{ name: 'Python script', extensions: ['py'] }];

export interface HandlerContext {
  readonly fs: FsLike;
  readonly access: FileAccess;
  readonly recent: RecentFiles;
  readonly recovery: RecoveryStore;
  readonly closeGuard: CloseGuard;
  readonly engine: EngineHost<unknown>;
  window(): BrowserWindow | null;
  /** Rebuild the menu (its Open Recent list changed). */
  refreshMenu(): void;
  /** Open a file named from outside the page (double-click, drop) and send it to the renderer. */
  openFromOutside(path: string): void;
  setDocumentTitle(title: string): void;
  /** Wall clock, ms since the epoch (tests inject one). */
  now(): number;
}

/** Sweep crash leftovers of our saves beside a project the user opened or saved (never fails the open or save). */
async function sweepBeside(ctx: HandlerContext, path: string): Promise<void> {
  await sweepStaleTempFiles(ctx.fs, dirname(path), ctx.now()).catch(() => undefined);
}

/** A safe default file name for the Save dialog from whatever the page suggested. */
export function suggestedFileName(suggested: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = basename(suggested).replace(/[\u0000-\u001f<>:"/\\|?*]/g, '').trim();
  return withProjectExtension(cleaned || 'Untitled');
}

/** "ei-network.snn" or "E/I net" -> "ei-network.py": a safe default name for an exported script. */
export function suggestedScriptName(suggested: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = basename(suggested).replace(/[\u0000-\u001f<>:"/\\|?*]/g, '').replace(/\.(snn|py)$/i, '').trim();
  return `${cleaned || 'network'}.py`;
}

async function remember(ctx: HandlerContext, path: string): Promise<void> {
  ctx.access.grant(path);
  await ctx.recent.add(path);
  app.addRecentDocument(path);
  ctx.refreshMenu();
}

export function invokeHandlers(ctx: HandlerContext): InvokeHandlers {
  return {
    'file:open-dialog': async () => {
      const win = ctx.window();
      const options = { filters: PROJECT_FILTERS, properties: ['openFile' as const] };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      const path = result.filePaths[0];
      if (result.canceled || !path) return null;
      const file: OpenedFileDto = await readProjectFile(ctx.fs, path);
      await remember(ctx, path);
      await sweepBeside(ctx, path);
      return file;
    },

    // Opening an entry of Open Recent is the user choosing that file: only then is it granted.
    'file:open-path': async (_event, path) => {
      if (await ctx.recent.has(path)) ctx.access.grant(path);
      ctx.access.assertReadable(path);
      const file = await readProjectFile(ctx.fs, path);
      if (ctx.access.isGranted(path)) {
        await remember(ctx, path);
        await sweepBeside(ctx, path);
      }
      return file;
    },

    'file:save': async (_event, text, handle, suggestedName, saveAs) => {
      let target: string | null = null;
      if (!saveAs && handle !== null) {
        try {
          ctx.access.assertWritable(handle);
          target = handle;
        } catch {
          target = null; // not ours to overwrite (an example, a stale handle): ask where instead
        }
      }
      if (target === null) {
        const win = ctx.window();
        const defaultPath = handle !== null && ctx.access.isGranted(handle)
          ? handle
          : join(app.getPath('documents'), suggestedFileName(suggestedName));
        const options = { defaultPath, filters: PROJECT_FILTERS };
        const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
        if (result.canceled || !result.filePath) {
          ctx.closeGuard.onSaveAbandoned();
          return null;
        }
        target = withProjectExtension(result.filePath);
      }
      try {
        const saved = await saveProjectFile(ctx.fs, target, text);
        await remember(ctx, target);
        await sweepBeside(ctx, target);
        // Main clears the recovery copy itself: a "Save, then close" may close the window
        // before the page's own clearAutosave call arrives, and the next start would offer
        // to restore work that is already saved.
        await ctx.recovery.clear().catch(() => undefined);
        return saved;
      } catch (err) {
        ctx.closeGuard.onSaveAbandoned();
        throw err;
      }
    },

    // The page may only name a file it was given; otherwise a recovery could smuggle in a write grant.
    'autosave:write': (_event, recovery) =>
      ctx.recovery.write(recovery.handle !== null && !ctx.access.isGranted(recovery.handle) ? { ...recovery, handle: null } : recovery),
    'autosave:clear': () => ctx.recovery.clear(),
    'autosave:load': async () => {
      const recovery = await ctx.recovery.load();
      // Restoring must be able to save back to the file it came from.
      if (recovery?.handle) ctx.access.grant(recovery.handle);
      return recovery;
    },

    // Listing grants nothing: a page could otherwise write to every recent file without the user opening it.
    'recent:list': () => ctx.recent.list(),

    'engine:connect': () => ctx.engine.connect(),

    // A script is written only where the user points the dialog; no handle is ever taken from the page.
    'export:save': async (_event, text, suggestedName) => {
      const win = ctx.window();
      const options = { defaultPath: join(app.getPath('documents'), suggestedScriptName(suggestedName)), filters: SCRIPT_FILTERS };
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return null;
      const target = /\.py$/i.test(result.filePath) ? result.filePath : `${result.filePath}.py`;
      await writeFileAtomic(ctx.fs, target, text);
      return { name: basename(target), handle: target };
    },
  };
}

export function sendHandlers(ctx: HandlerContext): SendHandlers {
  return {
    'window:document-state': (_event, title, dirty) => {
      const win = ctx.window();
      if (!win) return;
      ctx.setDocumentTitle(title);
      win.setTitle(windowTitle(title, dirty));
      win.setDocumentEdited(dirty);
      if (ctx.closeGuard.onDocumentState(dirty) === 'close-now') win.close();
    },
    'file:dropped': (_event, path) => ctx.openFromOutside(path),
  };
}
