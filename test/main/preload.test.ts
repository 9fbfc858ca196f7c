/** The preload with Electron mocked: what it exposes, and how drops and the engine port flow. */
import { beforeAll, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => void;
const electron = vi.hoisted(() => {
  const ipcListeners = new Map<string, Listener>();
  return {
    exposed: new Map<string, unknown>(),
    ipcListeners,
    ipcRenderer: {
      invoke: vi.fn(async () => undefined),
      send: vi.fn(),
      on: vi.fn((channel: string, l: Listener) => void ipcListeners.set(channel, l)),
    },
    webUtils: { getPathForFile: vi.fn((f: { path: string }) => f.path) },
  };
});
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: electron.ipcRenderer,
  webUtils: electron.webUtils,
}));

const windowListeners = new Map<string, Listener>();
const posted: unknown[][] = [];
vi.stubGlobal('window', {
  location: { origin: 'app://snn' },
  addEventListener: (type: string, l: Listener) => windowListeners.set(type, l),
  postMessage: (...args: unknown[]) => posted.push(args),
});

let api: Record<string, (...args: unknown[]) => unknown>;
beforeAll(async () => {
  await import('../../src/preload/index');
  api = electron.exposed.get('snn') as typeof api;
});

function dropEvent(names: string[], isTrusted = true) {
  return {
    isTrusted,
    dataTransfer: { types: ['Files'], files: names.map((n) => ({ name: n, path: `/home/u/${n}` })) },
    preventDefault: vi.fn(),
    stopPropagation: vi.fn(),
  };
}

describe('preload', () => {
  it('exposes only named functions on window.snn, never ipcRenderer', () => {
    expect([...electron.exposed.keys()]).toEqual(['snn']);
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
    expect(Object.values(api)).not.toContain(electron.ipcRenderer);
    expect(Object.keys(api).sort()).toEqual([
      'autosave', 'clearAutosave', 'connectEngine', 'loadAutosave', 'onEngineCrashed', 'onFileOpenFailed',
      'onFileOpened', 'onMenuCommand', 'openDialog', 'openPath', 'recentFiles', 'save', 'saveScript', 'setDocumentState',
    ]);
  });

  it('calls the contract channels with the arguments in order', async () => {
    await api.save('{}', null, 'net', true);
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('file:save', '{}', null, 'net', true);
    api.setDocumentState('net.snn', true);
    expect(electron.ipcRenderer.send).toHaveBeenLastCalledWith('window:document-state', 'net.snn', true);
    await api.saveScript('print(1)\n', 'net_brian2.py');
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith('export:save', 'print(1)\n', 'net_brian2.py');
  });

  it('keeps events that arrive before anyone subscribes, then delivers them in order', () => {
    const fire = electron.ipcListeners.get('menu:command')!;
    fire({}, 'save');
    fire({}, 'undo');
    const got: unknown[] = [];
    const off = api.onMenuCommand((c: unknown) => got.push(c)) as () => void;
    fire({}, 'redo');
    off();
    fire({}, 'copy');
    expect(got).toEqual(['save', 'undo', 'redo']);
  });

  it('re-posts the engine port to the page with its info', () => {
    const port = { fake: 'port' };
    electron.ipcListeners.get('engine:port')!({ ports: [port] }, { reason: 'connected' });
    // To the page's own origin, never '*'.
    expect(posted.at(-1)).toEqual([{ type: 'snn:engine-port', info: { reason: 'connected' } }, 'app://snn', [port]]);
  });

  it('sends the path of a dropped project file to main; other files are only kept from navigating', () => {
    const drop = windowListeners.get('drop')!;
    const project = dropEvent(['notes.txt', 'net.snn']);
    drop(project);
    expect(project.preventDefault).toHaveBeenCalled();
    expect(electron.ipcRenderer.send).toHaveBeenLastCalledWith('file:dropped', '/home/u/net.snn');
    electron.ipcRenderer.send.mockClear();
    const other = dropEvent(['photo.png']);
    drop(other);
    expect(other.preventDefault).toHaveBeenCalled();
    expect(other.stopPropagation).not.toHaveBeenCalled();
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled();
  });

  it('ignores a drop the page made up, and a File with no path on disk', () => {
    const drop = windowListeners.get('drop')!;
    electron.ipcRenderer.send.mockClear();
    const forged = dropEvent(['net.snn'], false);
    drop(forged);
    expect(forged.preventDefault).toHaveBeenCalled();
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled();
    const inMemory = { isTrusted: true, dataTransfer: { types: ['Files'], files: [{ name: 'made-up.snn', path: '' }] }, preventDefault: vi.fn(), stopPropagation: vi.fn() };
    drop(inMemory);
    expect(electron.ipcRenderer.send).not.toHaveBeenCalled();
  });

  it('leaves palette drags (no files) to the canvas', () => {
    const palette = { dataTransfer: { types: ['application/x-snn-palette'], files: [] }, preventDefault: vi.fn(), stopPropagation: vi.fn() };
    windowListeners.get('dragover')!(palette);
    windowListeners.get('drop')!(palette);
    expect(palette.preventDefault).not.toHaveBeenCalled();
    expect(palette.stopPropagation).not.toHaveBeenCalled();
  });
});
