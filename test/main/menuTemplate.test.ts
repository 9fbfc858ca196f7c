import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { type MenuActions, buildMenuTemplate, exampleTitle, listAccelerators } from '../../src/main/menuTemplate';
import type { MenuCommand } from '../../src/shared/ipc';
import { MenuCommandSchema } from '../../src/shared/ipc';

function actions(): MenuActions & { commands: MenuCommand[] } {
  const commands: MenuCommand[] = [];
  return {
    commands,
    command: (c) => commands.push(c),
    nativeEdit: vi.fn(),
    closeWindow: vi.fn(),
    toggleDevTools: vi.fn(),
    showAbout: vi.fn(),
  };
}

const input = {
  platform: 'linux' as NodeJS.Platform,
  appName: 'SNN Studio',
  recent: [{ name: 'net.snn', handle: '/home/u/net.snn' }],
  examples: [{ name: 'ei-network.snn', title: 'Ei network' }],
  isDev: false,
};

function find(template: readonly MenuItemConstructorOptions[], ...labels: string[]): MenuItemConstructorOptions {
  let items = template;
  let found: MenuItemConstructorOptions | undefined;
  for (const label of labels) {
    found = items.find((i) => (i.label ?? '').replace('&', '') === label);
    if (!found) throw new Error(`no menu item ${labels.join(' > ')}`);
    items = Array.isArray(found.submenu) ? found.submenu : [];
  }
  return found!;
}

function click(item: MenuItemConstructorOptions): void {
  (item.click as () => void)();
}

describe('application menu', () => {
  it('has the usual accelerators', () => {
    const accel = Object.fromEntries(listAccelerators(buildMenuTemplate(input, actions())).map((a) => [a.label, a.accelerator]));
    expect(accel).toMatchObject({
      New: 'CmdOrCtrl+N',
      'Open…': 'CmdOrCtrl+O',
      Save: 'CmdOrCtrl+S',
      'Save As…': 'CmdOrCtrl+Shift+S',
      Close: 'CmdOrCtrl+W',
      Undo: 'CmdOrCtrl+Z',
      Redo: 'Ctrl+Y',
      Cut: 'CmdOrCtrl+X',
      Copy: 'CmdOrCtrl+C',
      Paste: 'CmdOrCtrl+V',
      Delete: 'Delete',
      'Select All': 'CmdOrCtrl+A',
      'Zoom In': 'CmdOrCtrl+=',
      'Zoom Out': 'CmdOrCtrl+-',
      'Fit View': 'CmdOrCtrl+0',
      'Keyboard Shortcuts': 'CmdOrCtrl+/',
    });
    const mac = Object.fromEntries(listAccelerators(buildMenuTemplate({ ...input, platform: 'darwin' }, actions())).map((a) => [a.label, a.accelerator]));
    expect(mac.Redo).toBe('Cmd+Shift+Z');
  });

  it('no two items share an accelerator', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const list = listAccelerators(buildMenuTemplate({ ...input, platform }, actions())).map((a) => a.accelerator);
      expect(new Set(list).size).toBe(list.length);
    }
  });

  it('does not register Delete globally (it would swallow the key in text fields)', () => {
    expect(find(buildMenuTemplate(input, actions()), 'Edit', 'Delete').registerAccelerator).toBe(false);
  });

  it('shows but does not register the keys the page handles itself (one press, one action), except on macOS', () => {
    const pageKeys: Array<[string, ...string[]]> = [
      ['File', 'New'], ['File', 'Open…'], ['File', 'Save'], ['File', 'Save As…'],
      ['Edit', 'Undo'], ['Edit', 'Redo'], ['Edit', 'Cut'], ['Edit', 'Copy'], ['Edit', 'Paste'], ['Edit', 'Select All'],
    ];
    const linux = buildMenuTemplate(input, actions());
    const mac = buildMenuTemplate({ ...input, platform: 'darwin' }, actions());
    for (const path of pageKeys) {
      expect(find(linux, ...path).registerAccelerator, path.join(' > ')).toBe(false);
      expect(find(linux, ...path).accelerator, path.join(' > ')).toBeTruthy();
      // macOS text fields get Cmd+C/V/… only through registered key equivalents.
      expect(find(mac, ...path).registerAccelerator, path.join(' > ')).toBeUndefined();
    }
    expect(find(linux, 'Simulation', 'Run').registerAccelerator).toBe(false);
    // Keys the page does not handle stay registered.
    for (const path of [['View', 'Zoom In'], ['Simulation', 'Stop'], ['File', 'Close']] as const) expect(find(linux, ...path).registerAccelerator).toBeUndefined();
  });

  it('forwards document commands to the renderer, each a valid MenuCommand', () => {
    const a = actions();
    const t = buildMenuTemplate(input, a);
    click(find(t, 'File', 'New'));
    click(find(t, 'File', 'Open…'));
    click(find(t, 'File', 'Open Recent', 'net.snn'));
    click(find(t, 'File', 'Examples', 'Ei network'));
    click(find(t, 'File', 'Export', 'Brian2…'));
    click(find(t, 'File', 'Export', 'PyNEST…'));
    click(find(t, 'File', 'Export', 'BrainPy…'));
    click(find(t, 'View', 'Fit View'));
    click(find(t, 'View', 'Toggle Dark/Light Theme'));
    click(find(t, 'Edit', 'Delete'));
    expect(a.commands).toEqual([
      'new',
      'open',
      { type: 'open-recent', handle: '/home/u/net.snn' },
      { type: 'open-example', name: 'ei-network.snn' },
      { type: 'export', target: 'brian2' },
      { type: 'export', target: 'pynest' },
      { type: 'export', target: 'brainpy' },
      'fit-view',
      'toggle-theme',
      'delete',
    ]);
    for (const c of a.commands) expect(MenuCommandSchema.safeParse(c).success).toBe(true);
  });

  it('edit items do the native text edit (inspector fields) and forward the command (canvas)', () => {
    const a = actions();
    const t = buildMenuTemplate(input, a);
    click(find(t, 'Edit', 'Copy'));
    click(find(t, 'Edit', 'Select All'));
    expect(a.nativeEdit).toHaveBeenNthCalledWith(1, 'copy');
    expect(a.nativeEdit).toHaveBeenNthCalledWith(2, 'selectAll');
    expect(a.commands).toEqual(['copy', 'select-all']);
  });

  it('Close closes the window (so the unsaved-changes question runs)', () => {
    const a = actions();
    click(find(buildMenuTemplate(input, a), 'File', 'Close'));
    expect(a.closeWindow).toHaveBeenCalledTimes(1);
  });

  it('shows disabled placeholders when there are no recent files or examples', () => {
    const t = buildMenuTemplate({ ...input, recent: [], examples: [] }, actions());
    expect(find(t, 'File', 'Open Recent', 'No recent files').enabled).toBe(false);
    expect(find(t, 'File', 'Examples', 'No examples found').enabled).toBe(false);
  });

  it('macOS gets the app menu; others get About under Help', () => {
    const mac = buildMenuTemplate({ ...input, platform: 'darwin' }, actions());
    expect(mac[0].label).toBe('SNN Studio');
    const linux = buildMenuTemplate(input, actions());
    expect(linux.map((m) => (m.label ?? '').replace('&', ''))).toEqual(['File', 'Edit', 'View', 'Simulation', 'Help']);
    const a = actions();
    click(find(buildMenuTemplate(input, a), 'Help', 'About SNN Studio'));
    expect(a.showAbout).toHaveBeenCalled();
  });

  it('exampleTitle makes a readable label', () => {
    expect(exampleTitle('ei-network.snn')).toBe('Ei network');
    expect(exampleTitle('lif_fi_curve.snn')).toBe('Lif fi curve');
  });
});

describe('developer tools', () => {
  it('are in the View menu of development builds only', () => {
    const labels = (isDev: boolean) => listLabels(buildMenuTemplate({ ...input, isDev }, actions()));
    expect(labels(false)).not.toContain('Toggle Developer Tools');
    expect(labels(true)).toContain('Toggle Developer Tools');
  });
});

function listLabels(template: readonly MenuItemConstructorOptions[]): string[] {
  return template.flatMap((item) => [item.label ?? '', ...(Array.isArray(item.submenu) ? listLabels(item.submenu) : [])]);
}
