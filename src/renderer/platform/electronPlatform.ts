/**
 * The Platform for the desktop app, on top of the preload API (`window.snn`, typed by
 * src/shared/ipc.ts). Errors from main arrive as "Error invoking remote method 'x': Error:
 * [code] path: sentence"; they are rethrown as PlatformError with the code and the sentence.
 */
import {
  ENGINE_PORT_MESSAGE,
  type EngineCrashInfo,
  type EnginePortInfo,
  type SnnDesktopApi,
} from '../../shared/ipc';
import type { MenuCommand, OpenedFile, Platform, Recovery } from './Platform';

/** An error from the desktop host: `code` from the host's table (disk_full, not_found, ...). */
export class PlatformError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'PlatformError';
    this.code = code;
  }
}

/**
 * The page's window as far as this file needs it. Structural rather than the DOM's `Window`
 * so the Node tests in test/main (whose tsconfig has no DOM) can load this file.
 */
interface PageWindow {
  readonly snn?: SnnDesktopApi;
  readonly location?: { readonly origin: string };
  addEventListener(type: 'message', listener: (event: PageMessage) => void): void;
  removeEventListener(type: 'message', listener: (event: PageMessage) => void): void;
}
/** A MessagePort in the page (the DOM's MessagePort in the renderer). */
export type EnginePortHandle = InstanceType<typeof globalThis.MessagePort>;
interface PageMessage {
  readonly source: unknown;
  readonly origin: string;
  readonly data: unknown;
  readonly ports: ReadonlyArray<EnginePortHandle>;
}
const page = (): PageWindow | undefined => (globalThis as { window?: PageWindow }).window;

const REMOTE_PREFIX = /^Error invoking remote method '[^']*': (?:\w*Error: )?/;

/** Strip Electron's IPC wrapper and split "[code] rest" into a PlatformError. */
export function toPlatformError(err: unknown): PlatformError {
  const raw = err instanceof Error ? err.message : String(err);
  const message = raw.replace(REMOTE_PREFIX, '');
  const match = /^\[(\w+)\] (.*)$/s.exec(message);
  return match ? new PlatformError(match[1], match[2]) : new PlatformError('host_error', message);
}

async function call<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (err) {
    throw toPlatformError(err);
  }
}

/** The preload API if this page runs inside the desktop app. */
export function desktopApi(): SnnDesktopApi | undefined {
  return page()?.snn;
}

/** The desktop Platform; `api` defaults to the preload's `window.snn`. */
export function createElectronPlatform(api: SnnDesktopApi | undefined = desktopApi()): Platform {
  if (!api) throw new PlatformError('no_desktop_api', 'The desktop API is missing: this page is not running inside SNN Studio’s window.');
  return {
    kind: 'electron',
    openFile: () => call(api.openDialog()),
    openHandle: (handle) => call(api.openPath(handle)),
    saveFile: (text, handle, suggestedName, saveAs) => call(api.save(text, handle, suggestedName, saveAs)),
    autosave: (recovery: Recovery) => call(api.autosave({ ...recovery })),
    clearAutosave: () => call(api.clearAutosave()),
    loadAutosave: () => call(api.loadAutosave()),
    recentFiles: () => call(api.recentFiles()),
    setDocumentState: (title, dirty) => api.setDocumentState(title, dirty),
    onCommand: (listener: (command: MenuCommand) => void) => api.onMenuCommand(listener),
    onOpenFile: (listener: (file: OpenedFile) => void) => api.onFileOpened(listener),
  };
}

/**
 * Files opened from outside that could not be read (a double-clicked file that vanished, a
 * dropped folder): the page should show the message.
 */
export function onOpenFileFailed(api: SnnDesktopApi, listener: (error: PlatformError) => void): () => void {
  return api.onFileOpenFailed((failure) => listener(new PlatformError(failure.code, failure.message)));
}

/**
 * Engine connection: `listener` gets a MessagePort to the engine process, first after
 * `api.connectEngine()`, then again with reason 'restarted' each time main restarts a crashed
 * engine (the old port is dead then). Returns an unsubscribe.
 */
export function onEnginePort(
  listener: (port: EnginePortHandle, info: EnginePortInfo) => void,
  target: PageWindow | undefined = page(),
): () => void {
  if (!target) return () => undefined;
  const handler = (event: PageMessage) => {
    const data = event.data as { type?: unknown; info?: EnginePortInfo } | null;
    // Only the preload's own re-post (same window, the app's own origin) carries the port; a
    // frame or another origin posting a look-alike is ignored.
    if (event.source !== target || event.origin !== target.location?.origin || data?.type !== ENGINE_PORT_MESSAGE) return;
    const port = event.ports[0];
    if (port && data.info) listener(port, data.info);
  };
  target.addEventListener('message', handler);
  return () => target.removeEventListener('message', handler);
}

/** Ask main for a port to the engine; it arrives through onEnginePort. */
export function connectEngine(api: SnnDesktopApi): Promise<void> {
  return call(api.connectEngine());
}

export function onEngineCrashed(api: SnnDesktopApi, listener: (info: EngineCrashInfo) => void): () => void {
  return api.onEngineCrashed(listener);
}
