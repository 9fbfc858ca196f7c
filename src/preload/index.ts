/**
 * Preload (sandboxed, context-isolated): exposes `window.snn`, a few named functions typed from
 * src/shared/ipc.ts, never ipcRenderer itself. Only types are imported from the contract so the
 * sandboxed bundle stays free of zod; main validates every argument anyway.
 *
 * Also: files dropped on the window are sent to main by path (the page never sees paths), and
 * the engine MessagePort is re-posted to the page as a window message.
 *
 * A dropped file's path comes from the File object of a real drop (webUtils.getPathForFile),
 * never from the page: the page has no channel to name a path, and a drop event the page made
 * up itself (`isTrusted` false) is ignored, as are Files built in memory (they have no path).
 * The engine port is posted to the page's own origin only, never to '*'.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type {
  ENGINE_PORT_MESSAGE as EnginePortMessageType,
  DESKTOP_API_KEY as DesktopApiKeyType,
  EventChannel,
  EventPayloads,
  InvokeArgs,
  InvokeChannel,
  InvokeResults,
  SendArgs,
  SendChannel,
  SnnDesktopApi,
} from '../shared/ipc';

// Literal types from the contract: a different string here is a type error.
const ENGINE_PORT_MESSAGE: typeof EnginePortMessageType = 'snn:engine-port';
const DESKTOP_API_KEY: typeof DesktopApiKeyType = 'snn';
type PathFile = Parameters<typeof webUtils.getPathForFile>[0];
/** The few DOM shapes used here; tsconfig.node.json (which checks this file) has no DOM lib. */
interface DragEventLike {
  /** False for an event the page's script dispatched itself. */
  readonly isTrusted: boolean;
  readonly dataTransfer: { readonly types: readonly string[]; readonly files: ArrayLike<PathFile> } | null;
  preventDefault(): void;
  stopPropagation(): void;
}
declare const window: {
  readonly location: { readonly origin: string };
  addEventListener(type: 'dragover' | 'drop', listener: (event: DragEventLike) => void, capture: boolean): void;
  postMessage(message: unknown, targetOrigin: string, transfer?: unknown[]): void;
};

/** Events kept while nobody listens yet (a file double-clicked before React mounted). */
const MAX_BACKLOG = 16;

function invoke<C extends InvokeChannel>(channel: C, ...args: InvokeArgs<C>): Promise<InvokeResults[C]> {
  return ipcRenderer.invoke(channel, ...args) as Promise<InvokeResults[C]>;
}

function send<C extends SendChannel>(channel: C, ...args: SendArgs<C>): void {
  ipcRenderer.send(channel, ...args);
}

function subscription<C extends EventChannel>(channel: C): (listener: (payload: EventPayloads[C]) => void) => () => void {
  const listeners = new Set<(payload: EventPayloads[C]) => void>();
  const backlog: EventPayloads[C][] = [];
  ipcRenderer.on(channel, (_event, payload: EventPayloads[C]) => {
    if (listeners.size === 0) {
      if (backlog.length < MAX_BACKLOG) backlog.push(payload);
      return;
    }
    for (const listener of listeners) listener(payload);
  });
  return (listener) => {
    listeners.add(listener);
    for (const payload of backlog.splice(0)) listener(payload);
    return () => {
      listeners.delete(listener);
    };
  };
}

const api: SnnDesktopApi = {
  openDialog: () => invoke('file:open-dialog'),
  openPath: (path) => invoke('file:open-path', path),
  save: (text, handle, suggestedName, saveAs) => invoke('file:save', text, handle, suggestedName, saveAs),
  autosave: (recovery) => invoke('autosave:write', recovery),
  clearAutosave: () => invoke('autosave:clear'),
  loadAutosave: () => invoke('autosave:load'),
  recentFiles: () => invoke('recent:list'),
  setDocumentState: (title, dirty) => send('window:document-state', title, dirty),
  saveScript: (text, suggestedName) => invoke('export:save', text, suggestedName),
  connectEngine: () => invoke('engine:connect'),
  onMenuCommand: subscription('menu:command'),
  onFileOpened: subscription('file:opened'),
  onFileOpenFailed: subscription('file:open-failed'),
  onEngineCrashed: subscription('engine:crashed'),
};

contextBridge.exposeInMainWorld(DESKTOP_API_KEY, api);

ipcRenderer.on('engine:port', (event, info: EventPayloads['engine:port']) => {
  window.postMessage({ type: ENGINE_PORT_MESSAGE, info }, window.location.origin, event.ports);
});

function isProjectFile(file: PathFile): boolean {
  return file.name.toLowerCase().endsWith('.snn');
}

// Capture phase, so a project dropped anywhere opens even over the canvas; palette drags carry
// no files and pass through untouched.
window.addEventListener(
  'dragover',
  (event) => {
    if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
  },
  true,
);
window.addEventListener(
  'drop',
  (event) => {
    const files = Array.from(event.dataTransfer?.files ?? []);
    if (files.length === 0) return;
    event.preventDefault();
    const project = files.find(isProjectFile);
    if (!project) return;
    event.stopPropagation();
    if (!event.isTrusted) return;
    const path = webUtils.getPathForFile(project);
    if (path) send('file:dropped', path);
  },
  true,
);
