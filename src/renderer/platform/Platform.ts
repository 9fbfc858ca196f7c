/**
 * The renderer's only way to reach the host: files, autosave, recent files, menus. Two
 * implementations: Electron (through the preload API, see src/shared/ipc.ts) and the browser
 * (File System Access or download/upload, IndexedDB autosave).
 */

/** A project file's text and where it came from. */
export interface OpenedFile {
  /** Display name, e.g. "ei-network.snn". */
  readonly name: string;
  /** Opaque handle the platform can save back to (a path on desktop, a FileSystemFileHandle id in a browser), or null. */
  readonly handle: string | null;
  readonly text: string;
}

/** What a crash left behind: the last autosaved text of an unsaved document. */
export interface Recovery {
  readonly name: string;
  readonly handle: string | null;
  readonly text: string;
  /** Milliseconds since the epoch. */
  readonly savedAt: number;
}

export type MenuCommand =
  | 'new' | 'open' | 'save' | 'save-as' | 'close' | 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'delete'
  | 'select-all' | 'zoom-in' | 'zoom-out' | 'fit-view' | 'toggle-theme' | 'shortcuts' | 'run' | 'stop'
  | { readonly type: 'open-example'; readonly name: string }
  | { readonly type: 'open-recent'; readonly handle: string }
  | { readonly type: 'export'; readonly target: string };

export interface Platform {
  readonly kind: 'electron' | 'browser';
  /** Ask the user for a project file; null if they cancelled. */
  openFile(): Promise<OpenedFile | null>;
  /** Open a file the platform already knows (recent list, double-click, drop). */
  openHandle(handle: string): Promise<OpenedFile>;
  /** Save text to handle (or ask where, if handle is null or saveAs); returns the new handle and name, or null if cancelled. */
  saveFile(text: string, handle: string | null, suggestedName: string, saveAs: boolean): Promise<{ handle: string | null; name: string } | null>;
  /** Keep a recovery copy of unsaved work. */
  autosave(recovery: Recovery): Promise<void>;
  /** Drop the recovery copy (after a save or a deliberate discard). */
  clearAutosave(): Promise<void>;
  /** The recovery copy left by a crash, if any. */
  loadAutosave(): Promise<Recovery | null>;
  recentFiles(): Promise<ReadonlyArray<{ name: string; handle: string }>>;
  /** Tell the host the title and whether there are unsaved changes (window title, close prompt). */
  setDocumentState(title: string, dirty: boolean): void;
  /** Subscribe to menu commands and files opened from outside (double-click, drop); returns an unsubscribe. */
  onCommand(listener: (command: MenuCommand) => void): () => void;
  onOpenFile(listener: (file: OpenedFile) => void): () => void;
}
