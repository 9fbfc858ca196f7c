/**
 * The one contract between the Electron main process, the preload script and the renderer
 * (electron-toolkit-style typed IPC). Channel names, argument schemas (zod, checked in main on
 * every call) and result types live here so the three sides cannot drift apart.
 *
 * - `invoke` channels: renderer -> main, with a reply (ipcRenderer.invoke / ipcMain.handle).
 * - `send` channels: renderer -> main, fire and forget.
 * - `event` channels: main -> renderer.
 */
import { z } from 'zod';

/** Longest project text accepted over IPC; a bigger file is refused with a clear message. */
export const MAX_PROJECT_CHARS = 64 * 1024 * 1024;
/** Longest file name or path accepted over IPC. */
export const MAX_PATH_CHARS = 4096;
/** Longest window title accepted over IPC. */
export const MAX_TITLE_CHARS = 256;

const PathText = z.string().min(1, 'a file path cannot be empty').max(MAX_PATH_CHARS);
const ProjectText = z.string().max(MAX_PROJECT_CHARS, 'the project is larger than 64 MB');
const NameText = z.string().max(MAX_PATH_CHARS);
/** An exported script (Python): far smaller than a project, so the same ceiling is generous. */
const ScriptText = z.string().max(MAX_PROJECT_CHARS, 'the script is larger than 64 MB');

/** Menu commands the main process forwards to the renderer (the canvas handles them). */
export const MenuCommandSchema = z.union([
  z.enum([
    'new', 'open', 'save', 'save-as', 'close', 'undo', 'redo', 'cut', 'copy', 'paste', 'delete',
    'select-all', 'zoom-in', 'zoom-out', 'fit-view', 'toggle-theme', 'shortcuts', 'run', 'stop',
  ]),
  z.object({ type: z.literal('open-example'), name: NameText }).strict(),
  z.object({ type: z.literal('open-recent'), handle: PathText }).strict(),
  z.object({ type: z.literal('export'), target: z.enum(['brainpy', 'brian2', 'pynest']) }).strict(),
]);
export type MenuCommand = z.infer<typeof MenuCommandSchema>;

/** A project file's text; `handle` is its absolute path on desktop. */
export interface OpenedFileDto {
  readonly name: string;
  readonly handle: string | null;
  readonly text: string;
}

/** The recovery copy of unsaved work; `savedAt` in milliseconds since the epoch. */
export const RecoverySchema = z
  .object({
    name: NameText,
    handle: PathText.nullable(),
    text: ProjectText,
    savedAt: z.number().finite().nonnegative(),
  })
  .strict();
export type RecoveryDto = z.infer<typeof RecoverySchema>;

export interface SavedFileDto {
  readonly handle: string;
  readonly name: string;
}

export interface RecentFileDto {
  readonly name: string;
  readonly handle: string;
}

/** Why the engine port was (re)sent: first connection, or a restart after the engine process died. */
export interface EnginePortInfo {
  readonly reason: 'connected' | 'restarted';
  /** Exit code of the process that died, when reason is 'restarted'. */
  readonly exitCode?: number;
  /** Which engine process (counted from 1 per app run) this port leads to. */
  readonly generation: number;
}

/** The engine process died; `restarting` false means it crashed too often and stays down until the next connect. */
export interface EngineCrashInfo {
  readonly exitCode: number;
  readonly restarting: boolean;
  /** Which engine process died (as in EnginePortInfo): a renderer already on a newer port ignores it. */
  readonly generation: number;
}

/** Renderer -> main calls with a reply: argument tuple schema and result type. */
export const invokeSchemas = {
  'file:open-dialog': z.tuple([]),
  'file:open-path': z.tuple([PathText]),
  'file:save': z.tuple([
    ProjectText,
    PathText.nullable(),
    NameText,
    z.boolean(),
  ]),
  'autosave:write': z.tuple([RecoverySchema]),
  'autosave:clear': z.tuple([]),
  'autosave:load': z.tuple([]),
  'recent:list': z.tuple([]),
  'engine:connect': z.tuple([]),
  'export:save': z.tuple([ScriptText, NameText]),
} as const;

export interface InvokeResults {
  'file:open-dialog': OpenedFileDto | null;
  'file:open-path': OpenedFileDto;
  'file:save': SavedFileDto | null;
  'autosave:write': void;
  'autosave:clear': void;
  'autosave:load': RecoveryDto | null;
  'recent:list': RecentFileDto[];
  'engine:connect': void;
  'export:save': SavedFileDto | null;
}

/** Renderer -> main messages without a reply. */
export const sendSchemas = {
  'window:document-state': z.tuple([z.string().max(MAX_TITLE_CHARS), z.boolean()]),
  'file:dropped': z.tuple([PathText]),
} as const;

/** Main -> renderer events and their payload. The engine port itself arrives as a transferred MessagePort. */
export interface EventPayloads {
  'menu:command': MenuCommand;
  'file:opened': OpenedFileDto;
  'file:open-failed': { readonly code: string; readonly message: string };
  'engine:port': EnginePortInfo;
  'engine:crashed': EngineCrashInfo;
}

export type InvokeChannel = keyof typeof invokeSchemas;
export type SendChannel = keyof typeof sendSchemas;
export type EventChannel = keyof EventPayloads;
export type InvokeArgs<C extends InvokeChannel> = z.infer<(typeof invokeSchemas)[C]>;
export type SendArgs<C extends SendChannel> = z.infer<(typeof sendSchemas)[C]>;

/** What the preload puts on `window.snn`: a few named functions, never ipcRenderer itself. */
export interface SnnDesktopApi {
  openDialog(): Promise<OpenedFileDto | null>;
  openPath(path: string): Promise<OpenedFileDto>;
  save(text: string, handle: string | null, suggestedName: string, saveAs: boolean): Promise<SavedFileDto | null>;
  autosave(recovery: RecoveryDto): Promise<void>;
  clearAutosave(): Promise<void>;
  loadAutosave(): Promise<RecoveryDto | null>;
  recentFiles(): Promise<RecentFileDto[]>;
  setDocumentState(title: string, dirty: boolean): void;
  /** Save an exported script: a native Save dialog filtered to .py; null if cancelled. */
  saveScript(text: string, suggestedName: string): Promise<SavedFileDto | null>;
  /** Ask main for an engine connection; the MessagePort then arrives as a window 'message' (see ENGINE_PORT_MESSAGE). */
  connectEngine(): Promise<void>;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  onFileOpened(listener: (file: OpenedFileDto) => void): () => void;
  onFileOpenFailed(listener: (failure: { code: string; message: string }) => void): () => void;
  onEngineCrashed(listener: (info: EngineCrashInfo) => void): () => void;
}

/** `data.type` of the window message that carries the engine MessagePort in `event.ports[0]`. */
export const ENGINE_PORT_MESSAGE = 'snn:engine-port';

/** The name the preload exposes the API under: `window.snn`. */
export const DESKTOP_API_KEY = 'snn';
