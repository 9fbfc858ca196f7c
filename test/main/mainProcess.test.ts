/**
 * Smoke test of the wiring in src/main/index.ts with a fake `electron` module (the real binary
 * cannot be downloaded here): the window is secure and loads app://snn, every IPC channel is
 * registered and guarded, the app protocol serves the renderer with a CSP, a double-clicked
 * file reaches the renderer, and closing a dirty window asks.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { invokeSchemas, sendSchemas } from '../../src/shared/ipc';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { mkdtempSync } = require('node:fs') as typeof import('node:fs');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { tmpdir } = require('node:os') as typeof import('node:os');
  const userData = mkdtempSync(`${tmpdir()}/snn-userdata-`);
  const on = (map: Map<string, Listener[]>) => (event: string, listener: Listener) => {
    map.set(event, [...(map.get(event) ?? []), listener]);
  };
  const emit = (map: Map<string, Listener[]>, event: string, ...args: unknown[]) => (map.get(event) ?? []).map((l) => l(...args));

  class FakeWebContents {
    readonly id = 11;
    readonly events = new Map<string, Listener[]>();
    readonly sent: Array<[string, unknown]> = [];
    on = on(this.events);
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload]);
    }
    postMessage() {}
    setWindowOpenHandler() {}
    toggleDevTools() {}
  }
  class FakeBrowserWindow {
    static all: FakeBrowserWindow[] = [];
    static getAllWindows = () => FakeBrowserWindow.all;
    readonly events = new Map<string, Listener[]>();
    readonly webContents = new FakeWebContents();
    url = '';
    title = '';
    closed = false;
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      FakeBrowserWindow.all.push(this);
    }
    on = on(this.events);
    once = on(this.events);
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
    setTitle(title: string) {
      this.title = title;
    }
    setDocumentEdited() {}
    isDestroyed = () => this.closed;
    isMinimized = () => false;
    focus() {}
    close() {
      let prevented = false;
      emit(this.events, 'close', { preventDefault: () => (prevented = true) });
      if (!prevented) {
        this.closed = true;
        emit(this.events, 'closed');
      }
    }
  }
  const appEvents = new Map<string, Listener[]>();
  let ready!: () => void;
  const whenReady = new Promise<void>((r) => (ready = r));
  return {
    userData,
    appEvents,
    emit,
    ready: () => ready(),
    FakeBrowserWindow,
    handlers: new Map<string, Listener>(),
    listeners: new Map<string, Listener>(),
    protocolHandlers: new Map<string, Listener>(),
    schemes: [] as unknown[],
    menus: [] as unknown[],
    messageBox: vi.fn(async () => ({ response: 1 })),
    app: {
      isPackaged: false,
      name: 'SNN Studio',
      getPath: () => userData,
      getAppPath: () => process.cwd(),
      requestSingleInstanceLock: () => true,
      on: on(appEvents),
      whenReady: () => whenReady,
      quit: vi.fn(),
      addRecentDocument: vi.fn(),
      showAboutPanel: vi.fn(),
    },
  };
});

vi.mock('electron', () => ({
  app: fake.app,
  BrowserWindow: fake.FakeBrowserWindow,
  dialog: { showMessageBox: fake.messageBox, showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
  ipcMain: {
    handle: (channel: string, l: Listener) => fake.handlers.set(channel, l),
    on: (channel: string, l: Listener) => fake.listeners.set(channel, l),
  },
  Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => fake.menus.push(m) },
  MessageChannelMain: class {},
  utilityProcess: { fork: vi.fn() },
  protocol: {
    registerSchemesAsPrivileged: (s: unknown[]) => fake.schemes.push(...s),
    handle: (scheme: string, l: Listener) => fake.protocolHandlers.set(scheme, l),
  },
  session: {
    defaultSession: {
      webRequest: { onHeadersReceived: vi.fn() },
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
    },
  },
  shell: { openExternal: vi.fn() },
}));

afterAll(() => rmSync(fake.userData, { recursive: true, force: true }));

const flush = () => new Promise((r) => setTimeout(r, 50));

describe('main process wiring (fake electron)', async () => {
  delete process.env['ELECTRON_RENDERER_URL'];
  await import('../../src/main/index');
  fake.ready();
  await flush();
  const win = fake.FakeBrowserWindow.all[0];
  const trusted = { sender: { id: win.webContents.id }, senderFrame: { url: 'app://snn/index.html', parent: null } };

  it('registers the app:// scheme as standard and secure before ready', () => {
    expect(fake.schemes).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
  });

  it('opens one secure window on app://snn and sets a menu', () => {
    expect(fake.FakeBrowserWindow.all).toHaveLength(1);
    expect(win.url).toBe('app://snn/index.html');
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    // Not packaged here (development): DevTools allowed; a packaged app gets devTools false.
    expect(win.options.webPreferences.devTools).toBe(!fake.app.isPackaged);
    expect(String(win.options.webPreferences.preload)).toMatch(/preload[\\/]index\.cjs$/);
    expect(fake.menus.length).toBeGreaterThan(0);
  });

  it('registers every contract channel, refusing strangers', async () => {
    expect([...fake.handlers.keys()].sort()).toEqual(Object.keys(invokeSchemas).sort());
    expect([...fake.listeners.keys()].sort()).toEqual(Object.keys(sendSchemas).sort());
    const stranger = { sender: { id: 99 }, senderFrame: { url: 'app://snn/index.html', parent: null } };
    await expect(Promise.resolve(fake.handlers.get('recent:list')!(stranger))).rejects.toThrow(/bad_sender/);
    await expect(Promise.resolve(fake.handlers.get('recent:list')!(trusted))).resolves.toEqual([]);
  });

  it('every WebContents opens only listed documentation links outside, and never a window', async () => {
    const { shell } = await import('electron');
    let openHandler: ((d: { url: string }) => { action: string }) | null = null;
    const contents = { on: vi.fn(), setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h) };
    fake.emit(fake.appEvents, 'web-contents-created', {}, contents);
    expect(openHandler!({ url: 'https://evil.example/x' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).not.toHaveBeenCalled();
    expect(openHandler!({ url: 'https://brian2.readthedocs.io/en/stable/' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://brian2.readthedocs.io/en/stable/');
  });

  it('serves the renderer over app:// with a CSP and refuses paths outside it', async () => {
    const serve = fake.protocolHandlers.get('app')!;
    const ok = (await serve(new Request('app://snn/main.tsx'))) as Response;
    // Served from <src/main>/../renderer in this un-built layout.
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    const escape = (await serve(new Request('app://snn/..%2f..%2fpackage.json'))) as Response;
    expect(escape.status).toBe(404);
  });

  it('a file double-clicked while running reaches the renderer once the page has loaded', async () => {
    const file = join(fake.userData, 'double-clicked.snn');
    writeFileSync(file, '{"format":"snn-studio"}');
    fake.emit(fake.appEvents, 'second-instance', {}, ['snn-studio', file], fake.userData);
    await flush();
    expect(win.webContents.sent.find(([c]) => c === 'file:opened')).toBeUndefined();
    fake.emit(win.webContents.events, 'did-finish-load');
    // Wait for the state (the file read and the recent list write), not for a fixed time.
    await vi.waitFor(() => expect(win.webContents.sent).toContainEqual(['file:opened', { name: 'double-clicked.snn', handle: file, text: '{"format":"snn-studio"}' }]), { timeout: 10_000 });
  });

  it('shows the file name and unsaved marker in the title, and asks before closing a dirty window', async () => {
    fake.listeners.get('window:document-state')!(trusted, 'net.snn', true);
    expect(win.title).toBe('• net.snn — SNN Studio');
    win.close();
    await flush();
    expect(fake.messageBox).toHaveBeenCalledTimes(1);
    expect(fake.messageBox.mock.calls[0]).toEqual([win, expect.objectContaining({ buttons: ['Save', "Don't Save", 'Cancel'] })]);
    // The fake answers "Don't Save": the window closes on the second close event.
    expect(win.closed).toBe(true);
  });
});
