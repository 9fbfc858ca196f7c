/** Keyboard shortcuts: one table drives both the handler and the Help dialog. */
export interface Shortcut {
  readonly keys: string;
  readonly action: ShortcutAction;
  readonly label: string;
}

export type ShortcutAction =
  | 'undo' | 'redo' | 'copy' | 'paste' | 'cut' | 'duplicate' | 'select-all' | 'delete' | 'save' | 'save-as' | 'open' | 'new' | 'fit' | 'tidy' | 'help' | 'escape'
  | 'plots-max' | 'presentation' | 'toggle-palette' | 'toggle-inspector' | 'toggle-live';

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'Mod+Z', action: 'undo', label: 'Undo' },
  { keys: 'Mod+Shift+Z', action: 'redo', label: 'Redo' },
  { keys: 'Mod+Y', action: 'redo', label: 'Redo' },
  { keys: 'Mod+C', action: 'copy', label: 'Copy selected nodes' },
  { keys: 'Mod+X', action: 'cut', label: 'Cut selected nodes' },
  { keys: 'Mod+V', action: 'paste', label: 'Paste' },
  { keys: 'Mod+D', action: 'duplicate', label: 'Duplicate selected nodes' },
  { keys: 'Mod+A', action: 'select-all', label: 'Select everything' },
  { keys: 'Delete', action: 'delete', label: 'Delete selection (also Backspace)' },
  { keys: 'Backspace', action: 'delete', label: 'Delete selection' },
  { keys: 'Mod+S', action: 'save', label: 'Save' },
  { keys: 'Mod+Shift+S', action: 'save-as', label: 'Save as…' },
  { keys: 'Mod+O', action: 'open', label: 'Open…' },
  { keys: 'Mod+N', action: 'new', label: 'New project' },
  { keys: 'F', action: 'fit', label: 'Fit the network in view' },
  { keys: 'Mod+Shift+L', action: 'tidy', label: 'Tidy: lay the network out left to right (one undo step)' },
  { keys: 'P', action: 'plots-max', label: 'Give the plots the whole window, and back' },
  { keys: 'Shift+P', action: 'presentation', label: 'Presentation mode (large type, canvas and plots side by side), and back' },
  { keys: '[', action: 'toggle-palette', label: 'Show or hide the palette' },
  { keys: ']', action: 'toggle-inspector', label: 'Show or hide the inspector' },
  { keys: 'L', action: 'toggle-live', label: 'Show or hide the live parameters and the run log' },
  { keys: '?', action: 'help', label: 'Show this help' },
  { keys: 'Escape', action: 'escape', label: 'Clear selection, close dialogs' },
];

/** The parts of a KeyboardEvent a shortcut depends on. */
export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
}

/** Actions that still work while typing in a field. */
const GLOBAL: ReadonlySet<ShortcutAction> = new Set(['save', 'save-as', 'open', 'new']);

function keyName(e: KeyPress): string {
  const mods = [(e.ctrlKey || e.metaKey) && 'Mod', e.shiftKey && e.key.length === 1 && /[a-z]/i.test(e.key) && 'Shift'].filter(Boolean);
  const key = e.key.length === 1 ? e.key.toUpperCase() : e.key;
  return [...mods, key].join('+');
}

/** The action a key event asks for, or null; `typing` is true when focus is in a text field. */
export function actionFor(e: KeyPress, typing: boolean): ShortcutAction | null {
  const name = keyName(e);
  const hit = SHORTCUTS.find((s) => s.keys === name);
  if (!hit) return null;
  return typing && !GLOBAL.has(hit.action) ? null : hit.action;
}

/** How to show a shortcut on this machine (⌘ on macOS). */
export function displayKeys(keys: string, mac: boolean): string {
  return keys.replace('Mod', mac ? '⌘' : 'Ctrl').replace(/\+/g, mac ? '' : '+').replace('Shift', mac ? '⇧' : 'Shift');
}
