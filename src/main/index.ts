/**
 * Electron main process: one window, native menus, dialogs, atomic file I/O, autosave and the
 * engine process. The logic lives in plain modules (fileService, recentFiles, recoveryStore,
 * ipcRouter, menuTemplate, windowSecurity, closeGuard, engineHost) tested in Node; this file
 * only wires them to Electron.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, MessageChannelMain, utilityProcess, type MessagePortMain } from 'electron';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventChannel, EventPayloads, MenuCommand } from '../shared/ipc';
import { registerAppScheme, serveRenderer } from './appProtocol';
import { CloseGuard } from './closeGuard';
import { EngineHost } from './engineHost';
import { engineArgs } from './engineArgs';
import { HostError } from './errors';
import { FileAccess, projectFilesFromArgv } from './fileAccess';
import { isProjectPath, readProjectFile, realFs } from './fileService';
import { type HandlerContext, invokeHandlers, sendHandlers } from './ipcHandlers';
import { makeSenderCheck, registerIpc } from './ipcRouter';
import { createMainWindow, hardenWebContents, installSessionPolicy } from './mainWindow';
import { buildMenuTemplate, exampleTitle } from './menuTemplate';
import { RecentFiles } from './recentFiles';
import { RecoveryStore } from './recoveryStore';
import { isAppUrl } from './windowSecurity';

const here = dirname(fileURLToPath(import.meta.url));
const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const examplesDir = app.isPackaged ? join(process.resourcesPath, 'examples') : join(app.getAppPath(), 'resources', 'examples');
const engineEntry = join(here, 'engineWorker.js');
const caseInsensitive = process.platform === 'win32' || process.platform === 'darwin';
const pathKey = (p: string) => (caseInsensitive ? p.toLowerCase() : p);

let win: BrowserWindow | null = null;
let rendererLoaded = false;
let documentTitle = 'Untitled';
const pendingOpens: string[] = [];

const access = new FileAccess([examplesDir], (p) => pathKey(join(p)));
const recent = new RecentFiles(realFs, join(app.getPath('userData'), 'recent.json'), pathKey);
const recovery = new RecoveryStore(realFs, join(app.getPath('userData'), 'recovery'));
const closeGuard = new CloseGuard();
const engine = new EngineHost<MessagePortMain>({
  entryPath: existsSync(engineEntry) ? engineEntry : null,
  args: engineArgs(),
  spawn: (entry, args) => utilityProcess.fork(entry, [...args], { serviceName: 'SNN Studio engine', stdio: 'inherit' }),
  createChannel: () => new MessageChannelMain(),
  sendPort: (port, info) => win?.webContents.postMessage('engine:port', info, [port]),
  notifyCrash: (info) => send('engine:crashed', info),
  now: () => Date.now(),
});

function send<C extends EventChannel>(channel: C, payload: EventPayloads[C]): void {
  if (win && !win.isDestroyed()) win.webContents.send(channel, payload);
}

function listExamples(): Array<{ name: string; title: string }> {
  try {
    return readdirSync(examplesDir)
      .filter(isProjectPath)
      .sort()
      .map((file) => ({ name: file, title: exampleTitle(file) }));
  } catch {
    return [];
  }
}

function refreshMenu(): void {
  void recent.list().then((list) => {
    const template = buildMenuTemplate(
      { platform: process.platform, appName: app.name, recent: list, examples: listExamples(), isDev: !app.isPackaged },
      {
        command: (command: MenuCommand) => send('menu:command', command),
        nativeEdit: (op) => win?.webContents[op](),
        closeWindow: () => win?.close(),
        toggleDevTools: () => win?.webContents.toggleDevTools(),
        showAbout: () => app.showAboutPanel(),
      },
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  });
}

/** A file named by the OS (double-click, second instance) or dropped on the window. */
function openFromOutside(path: string): void {
  if (!isProjectPath(path)) {
    send('file:open-failed', { code: 'not_a_project', message: new HostError('not_a_project', path).message });
    return;
  }
  access.grant(path);
  if (!win || !rendererLoaded) {
    pendingOpens.push(path);
    return;
  }
  readProjectFile(realFs, path).then(
    async (file) => {
      await recent.add(path);
      app.addRecentDocument(path);
      refreshMenu();
      send('file:opened', file);
    },
    (err: unknown) => {
      const e = err instanceof HostError ? err : new HostError('read_failed', path, String(err));
      send('file:open-failed', { code: e.code, message: e.message });
    },
  );
}

let askingToClose = false;

async function onCloseRequested(event: Electron.Event, window: BrowserWindow): Promise<void> {
  if (closeGuard.onCloseRequested() === 'allow') return;
  event.preventDefault();
  // A second click on the close button while the question is up must not stack a second dialog.
  if (askingToClose) return;
  askingToClose = true;
  const { response } = await dialog.showMessageBox(window, {
    type: 'warning',
    buttons: ['Save', "Don't Save", 'Cancel'],
    defaultId: 0,
    cancelId: 2,
    message: `Do you want to save the changes to “${documentTitle}”?`,
    detail: "Your changes will be lost if you don't save them.",
  }).finally(() => (askingToClose = false));
  const step = closeGuard.onChoice(response === 0 ? 'save' : response === 1 ? 'discard' : 'cancel');
  if (step === 'request-save') send('menu:command', 'save');
  if (step === 'close-now') {
    await recovery.clear().catch(() => undefined);
    window.close();
  }
}

function openWindow(): void {
  rendererLoaded = false;
  closeGuard.reset();
  const window = createMainWindow({
    preloadPath: join(here, '..', 'preload', 'index.cjs'),
    iconPath: app.isPackaged ? undefined : join(app.getAppPath(), 'resources', 'icons', '512x512.png'),
    devServerUrl,
    devTools: !app.isPackaged,
  });
  win = window;
  window.on('close', (event) => void onCloseRequested(event, window));
  window.on('closed', () => {
    if (win === window) win = null;
    engine.dispose();
    access.revokeAll();
  });
  // Grants belong to the page that got them: a reloaded page starts with none.
  window.webContents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument && rendererLoaded) access.revokeAll();
  });
  window.webContents.on('did-finish-load', () => {
    rendererLoaded = true;
    for (const path of pendingOpens.splice(0)) openFromOutside(path);
  });
}

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  pendingOpens.push(...projectFilesFromArgv(process.argv, process.cwd()));

  app.on('second-instance', (_event, argv, workingDirectory) => {
    for (const path of projectFilesFromArgv(argv, workingDirectory)) openFromOutside(path);
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  // macOS delivers double-clicked files here, possibly before 'ready'.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openFromOutside(path);
  });

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, devServerUrl));

  const context: HandlerContext = {
    fs: realFs, access, recent, recovery, closeGuard, engine: engine as EngineHost<unknown>,
    window: () => win, refreshMenu, openFromOutside,
    setDocumentTitle: (title) => (documentTitle = title || 'Untitled'),
    now: () => Date.now(),
  };

  void app.whenReady().then(() => {
    installSessionPolicy(devServerUrl);
    if (!devServerUrl) serveRenderer(join(here, '..', 'renderer'));
    registerIpc(
      ipcMain,
      makeSenderCheck(() => win?.webContents.id ?? null, (url) => isAppUrl(url, devServerUrl)),
      invokeHandlers(context),
      sendHandlers(context),
      (error) => console.warn(error.message),
    );
    refreshMenu();
    openWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
