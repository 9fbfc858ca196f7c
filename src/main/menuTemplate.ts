/**
 * The application menu as a plain template (no Electron import), so tests can check items and
 * accelerators. Document commands are forwarded to the renderer, where the canvas and the
 * undo history live; the host only opens dialogs and windows.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/ipc';

export interface MenuActions {
  /** Forward a command to the renderer. */
  command(command: MenuCommand): void;
  /** Native text editing in the focused field (inputs of the inspector); the renderer ignores the forwarded command there. */
  nativeEdit(op: 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'selectAll'): void;
  closeWindow(): void;
  toggleDevTools(): void;
  showAbout(): void;
}

export interface MenuInput {
  readonly platform: NodeJS.Platform;
  readonly appName: string;
  readonly recent: ReadonlyArray<{ name: string; handle: string }>;
  /** Example projects: `name` is the file name ("ei-network.snn"), as the renderer's example list keys them. */
  readonly examples: ReadonlyArray<{ name: string; title: string }>;
  readonly isDev: boolean;
}

const EXPORT_TARGETS = [
  { target: 'brainpy', label: 'BrainPy…' },
  { target: 'brian2', label: 'Brian2…' },
  { target: 'pynest', label: 'PyNEST…' },
] as const;

export function buildMenuTemplate(input: MenuInput, actions: MenuActions): MenuItemConstructorOptions[] {
  const isMac = input.platform === 'darwin';
  const send = (command: MenuCommand) => () => actions.command(command);
  const edit = (op: Parameters<MenuActions['nativeEdit']>[0], command: MenuCommand) => () => {
    actions.nativeEdit(op);
    actions.command(command);
  };
  // Keys the renderer handles itself (src/renderer/shell/shortcuts.ts, F5 in the run panel) are
  // shown but not registered, so one key press is handled once, and in a text field the key does
  // the field's own edit. macOS is the exception: its text fields get Cmd+C/V/X/A/Z only through
  // registered menu key equivalents, and there the page sees the key first and cancels the menu's
  // turn when it handles the key.
  const rendererKey = isMac ? {} : { registerAccelerator: false };

  const recentItems: MenuItemConstructorOptions[] = input.recent.length
    ? input.recent.map((r) => ({ label: r.name, toolTip: r.handle, click: send({ type: 'open-recent', handle: r.handle }) }))
    : [{ label: 'No recent files', enabled: false }];
  const exampleItems: MenuItemConstructorOptions[] = input.examples.length
    ? input.examples.map((e) => ({ label: e.title, click: send({ type: 'open-example', name: e.name }) }))
    : [{ label: 'No examples found', enabled: false }];

  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [{
        label: input.appName,
        submenu: [
          { role: 'about' }, { type: 'separator' }, { role: 'services' }, { type: 'separator' },
          { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' },
        ],
      }]
    : [];

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'New', accelerator: 'CmdOrCtrl+N', ...rendererKey, click: send('new') },
      { label: 'Open…', accelerator: 'CmdOrCtrl+O', ...rendererKey, click: send('open') },
      { label: 'Open Recent', submenu: recentItems },
      { label: 'Examples', submenu: exampleItems },
      { type: 'separator' },
      { label: 'Save', accelerator: 'CmdOrCtrl+S', ...rendererKey, click: send('save') },
      { label: 'Save As…', accelerator: 'CmdOrCtrl+Shift+S', ...rendererKey, click: send('save-as') },
      {
        label: 'Export',
        submenu: EXPORT_TARGETS.map((t) => ({ label: t.label, click: send({ type: 'export', target: t.target }) })),
      },
      { type: 'separator' },
      { label: 'Close', accelerator: 'CmdOrCtrl+W', click: () => actions.closeWindow() },
      ...(isMac ? [] : [{ type: 'separator' } as const, { label: 'Quit', accelerator: 'Ctrl+Q', role: 'quit' } as const]),
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { label: 'Undo', accelerator: 'CmdOrCtrl+Z', ...rendererKey, click: edit('undo', 'undo') },
      { label: 'Redo', accelerator: isMac ? 'Cmd+Shift+Z' : 'Ctrl+Y', ...rendererKey, click: edit('redo', 'redo') },
      { type: 'separator' },
      { label: 'Cut', accelerator: 'CmdOrCtrl+X', ...rendererKey, click: edit('cut', 'cut') },
      { label: 'Copy', accelerator: 'CmdOrCtrl+C', ...rendererKey, click: edit('copy', 'copy') },
      { label: 'Paste', accelerator: 'CmdOrCtrl+V', ...rendererKey, click: edit('paste', 'paste') },
      // Shown but not registered: a global Delete accelerator would swallow the key in text fields;
      // the canvas handles the key itself.
      { label: 'Delete', accelerator: 'Delete', registerAccelerator: false, click: send('delete') },
      { label: 'Select All', accelerator: 'CmdOrCtrl+A', ...rendererKey, click: edit('selectAll', 'select-all') },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { label: 'Zoom In', accelerator: 'CmdOrCtrl+=', click: send('zoom-in') },
      { label: 'Zoom Out', accelerator: 'CmdOrCtrl+-', click: send('zoom-out') },
      { label: 'Fit View', accelerator: 'CmdOrCtrl+0', click: send('fit-view') },
      { type: 'separator' },
      { label: 'Toggle Dark/Light Theme', accelerator: 'CmdOrCtrl+Shift+L', click: send('toggle-theme') },
      // Development builds only: a packaged app has DevTools disabled (webPreferences.devTools).
      ...(input.isDev
        ? [{ type: 'separator' } as const, { label: 'Toggle Developer Tools', accelerator: isMac ? 'Alt+Cmd+I' : 'Ctrl+Shift+I', click: () => actions.toggleDevTools() }]
        : []),
      ...(isMac ? [{ type: 'separator' } as const, { role: 'togglefullscreen' } as const] : []),
    ],
  };

  const simulation: MenuItemConstructorOptions = {
    label: '&Simulation',
    submenu: [
      { label: 'Run', accelerator: 'F5', registerAccelerator: false, click: send('run') },
      { label: 'Stop', accelerator: 'Shift+F5', click: send('stop') },
    ],
  };

  const help: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [
      { label: 'Keyboard Shortcuts', accelerator: 'CmdOrCtrl+/', click: send('shortcuts') },
      ...(isMac ? [] : [{ type: 'separator' } as const, { label: `About ${input.appName}`, click: () => actions.showAbout() }]),
    ],
  };

  const windowMenu: MenuItemConstructorOptions[] = isMac
    ? [{ role: 'windowMenu' }]
    : [];

  return [...appMenu, file, editMenu, view, simulation, ...windowMenu, help];
}

/** Every accelerator in a template with its label, for tests and the shortcuts page. */
export function listAccelerators(template: readonly MenuItemConstructorOptions[]): Array<{ label: string; accelerator: string }> {
  const out: Array<{ label: string; accelerator: string }> = [];
  const walk = (items: readonly MenuItemConstructorOptions[]) => {
    for (const item of items) {
      if (item.accelerator && item.label) out.push({ label: item.label, accelerator: String(item.accelerator) });
      if (Array.isArray(item.submenu)) walk(item.submenu);
    }
  };
  walk(template);
  return out;
}

/** "ei-network.snn" -> "Ei network": a readable menu label from an example's file name. */
export function exampleTitle(fileName: string): string {
  const words = fileName.replace(/\.snn$/i, '').replace(/[-_]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : fileName;
}
