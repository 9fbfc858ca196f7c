/**
 * How the editor's window is laid out: which side panels show, whether the plots have the whole
 * window, presentation mode. Session state of this user on this machine (localStorage), never in
 * the document and never in undo. Splitter sizes are kept beside it by react-resizable-panels.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export interface WorkspaceState {
  /** The palette (left) is shown, outside presentation mode. */
  readonly palette: boolean;
  /** The inspector (right) is shown, outside presentation mode. */
  readonly inspector: boolean;
  /** The palette and the inspector in presentation mode (hidden unless asked for). */
  readonly presentationPalette: boolean;
  readonly presentationInspector: boolean;
  /** The live parameters and the run log are shown beside the plots. */
  readonly live: boolean;
  /** The plots have the whole window (canvas, palette and inspector hidden). Not remembered. */
  readonly plotsMax: boolean;
  /** Presentation mode: large type, canvas and plots side by side, side panels hidden. */
  readonly presentation: boolean;
}

export type WorkspaceToggle = keyof WorkspaceState;

export interface WorkspaceActions {
  toggle(key: WorkspaceToggle): void;
  /** Show or hide a side panel in the current mode (presentation mode keeps its own choice). */
  togglePanel(panel: 'palette' | 'inspector'): void;
  set(patch: Partial<WorkspaceState>): void;
}

export type WorkspaceStore = WorkspaceState & WorkspaceActions;

/** What localStorage offers that the store uses (tests pass a Map-backed one). */
export interface WorkspaceStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const WORKSPACE_KEY = 'snn-workspace';

const DEFAULTS: WorkspaceState = { palette: true, inspector: true, presentationPalette: false, presentationInspector: false, live: false, plotsMax: false, presentation: false };
/** Remembered between sessions; the plots filling the window is a moment's choice and is not. */
const REMEMBERED: readonly WorkspaceToggle[] = ['palette', 'inspector', 'presentationPalette', 'presentationInspector', 'live', 'presentation'];

/** Whether the palette or the inspector shows now (mode and plots maximised considered). */
export function panelShown(s: WorkspaceState, panel: 'palette' | 'inspector'): boolean {
  if (s.plotsMax) return false;
  if (s.presentation) return panel === 'palette' ? s.presentationPalette : s.presentationInspector;
  return s[panel];
}

function load(storage: WorkspaceStorage | undefined): WorkspaceState {
  try {
    const saved = JSON.parse(storage?.getItem(WORKSPACE_KEY) ?? '{}') as Record<string, unknown>;
    const out: Record<string, boolean> = { ...DEFAULTS };
    for (const key of REMEMBERED) if (typeof saved[key] === 'boolean') out[key] = saved[key];
    return out as unknown as WorkspaceState;
  } catch {
    // A corrupt entry (edited by hand, another version) is ignored: the defaults are a fine layout.
    return DEFAULTS;
  }
}

function localStorageOrUndefined(): WorkspaceStorage | undefined {
  try {
    return (globalThis as { localStorage?: WorkspaceStorage }).localStorage;
  } catch {
    return undefined;
  }
}

export function createWorkspaceStore(storage: WorkspaceStorage | undefined = localStorageOrUndefined()) {
  const store = createStore<WorkspaceStore>()((set, get) => ({
    ...load(storage),
    toggle(key) {
      set({ [key]: !get()[key] } as Partial<WorkspaceState>);
    },
    togglePanel(panel) {
      const s = get();
      const key: WorkspaceToggle = s.presentation ? (panel === 'palette' ? 'presentationPalette' : 'presentationInspector') : panel;
      // Asking for a side panel while the plots fill the window brings the rest back first.
      if (s.plotsMax) set({ plotsMax: false, [key]: true } as Partial<WorkspaceState>);
      else set({ [key]: !s[key] } as Partial<WorkspaceState>);
    },
    set(patch) {
      set(patch);
    },
  }));
  store.subscribe((s, prev) => {
    if (!REMEMBERED.some((k) => s[k] !== prev[k])) return;
    try {
      storage?.setItem(WORKSPACE_KEY, JSON.stringify(Object.fromEntries(REMEMBERED.map((k) => [k, s[k]]))));
    } catch {
      // storage full or blocked (private mode): the layout still works for this session
    }
  });
  return store;
}

export const workspaceStore = createWorkspaceStore();

export function useWorkspace<T>(selector: (s: WorkspaceStore) => T): T {
  return useStore(workspaceStore, selector);
}
