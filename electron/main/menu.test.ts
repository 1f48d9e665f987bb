import { describe, expect, it, vi } from 'vitest';
import { menuCommands } from '@shared/ipc/contract';
import type { MenuCommand } from '@shared/ipc/contract';
import { buildMenuTemplate } from './menu';
import type { MenuTemplateItem, MenuTemplateOptions } from './menu';

function build(overrides: Partial<MenuTemplateOptions> = {}) {
  const send = vi.fn<(command: MenuCommand) => void>();
  const template = buildMenuTemplate({ platform: 'linux', isDev: false, appName: 'Latitude', send, ...overrides });
  return { template, send };
}

/** Every item, depth first. */
function flatten(items: readonly MenuTemplateItem[]): MenuTemplateItem[] {
  return items.flatMap((item) => [item, ...flatten(item.submenu ?? [])]);
}

function topLevel(template: readonly MenuTemplateItem[], label: string): MenuTemplateItem {
  const menu = template.find((item) => item.label === label);
  if (menu === undefined) throw new Error(`no ${label} menu`);
  return menu;
}

function item(template: readonly MenuTemplateItem[], label: string): MenuTemplateItem {
  const found = flatten(template).find((candidate) => candidate.label === label);
  if (found === undefined) throw new Error(`no item ${label}`);
  return found;
}

const roles = (items: readonly MenuTemplateItem[]): string[] =>
  flatten(items).flatMap((entry) => (entry.role === undefined ? [] : [entry.role]));

describe('buildMenuTemplate', () => {
  it('gives macOS an application menu first, with About, Settings and Quit', () => {
    const { template } = build({ platform: 'darwin' });
    expect(template.map((menu) => menu.label)).toEqual(['Latitude', 'File', 'Edit', 'View', 'Window', 'Help']);
    expect(roles(template[0]?.submenu ?? [])).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(roles(topLevel(template, 'File').submenu ?? [])).toEqual(['close']);
  });

  it('gives Linux and Windows no application menu, and Quit in File', () => {
    for (const platform of ['linux', 'win32'] as const) {
      const { template } = build({ platform });
      expect(template.map((menu) => menu.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
      expect(roles(topLevel(template, 'File').submenu ?? [])).toEqual(['close', 'quit']);
      expect(roles(template)).not.toContain('about');
    }
  });

  it('leaves undo and redo to the renderer on every platform', () => {
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      const edit = roles(topLevel(build({ platform }).template, 'Edit').submenu ?? []);
      expect(edit).toEqual(expect.arrayContaining(['cut', 'copy', 'paste', 'selectAll']));
      expect(edit).not.toContain('undo');
      expect(edit).not.toContain('redo');
    }
  });

  it('sends undo and redo to the renderer from the Edit menu and their shortcuts', () => {
    const { template, send } = build();
    const undo = item(template, 'Undo');
    const redo = item(template, 'Redo');
    expect([undo.accelerator, redo.accelerator]).toEqual(['CmdOrCtrl+Z', 'Shift+CmdOrCtrl+Z']);
    undo.click?.();
    redo.click?.();
    expect(send.mock.calls).toEqual([['edit:undo'], ['edit:redo']]);
  });

  it('navigates to each screen from View with CmdOrCtrl+1..6', () => {
    const { template, send } = build();
    const expected: Array<[string, string, MenuCommand]> = [
      ['Go to Dashboard', 'CmdOrCtrl+1', 'navigate:dashboard'],
      ['Go to Domains', 'CmdOrCtrl+2', 'navigate:domains'],
      ['Go to Decisions', 'CmdOrCtrl+3', 'navigate:decisions'],
      ['Go to Reviews', 'CmdOrCtrl+4', 'navigate:reviews'],
      ['Go to Metrics', 'CmdOrCtrl+5', 'navigate:metrics'],
      ['Go to Settings', 'CmdOrCtrl+6', 'navigate:settings'],
    ];
    for (const [label, accelerator, command] of expected) {
      const entry = item(template, label);
      expect(entry.accelerator).toBe(accelerator);
      send.mockClear();
      entry.click?.();
      expect(send).toHaveBeenCalledExactlyOnceWith(command);
    }
  });

  it('sends only commands the contract knows, and reaches every one of them', () => {
    const { template, send } = build({ platform: 'darwin' });
    for (const entry of flatten(template)) entry.click?.();
    const sent = send.mock.calls.map(([command]) => command);
    for (const command of sent) expect(menuCommands).toContain(command);
    expect(new Set(sent)).toEqual(new Set(menuCommands));
  });

  it('opens settings with Cmd+, from the macOS application menu', () => {
    const { template, send } = build({ platform: 'darwin' });
    const settings = item(template, 'Settings…');
    expect(settings.accelerator).toBe('Cmd+,');
    settings.click?.();
    expect(send).toHaveBeenCalledExactlyOnceWith('navigate:settings');
  });

  it('opens the Latitude guide from Help', () => {
    const { template, send } = build();
    const help = topLevel(template, 'Help');
    expect(help.role).toBe('help');
    item(template, 'Latitude Guide').click?.();
    expect(send).toHaveBeenCalledExactlyOnceWith('navigate:help');
    expect(flatten(template).some((entry) => entry.label === 'Latitude on the Web')).toBe(false);
  });

  it('offers the online guide only when given a way to open it', () => {
    const openHelpExternal = vi.fn<() => void>();
    const { template, send } = build({ openHelpExternal });
    item(template, 'Latitude on the Web').click?.();
    expect(openHelpExternal).toHaveBeenCalledOnce();
    expect(send).not.toHaveBeenCalled();
  });

  it('offers reload and developer tools only in development', () => {
    const devOnly = ['reload', 'forceReload', 'toggleDevTools'];
    const production = roles(topLevel(build({ isDev: false }).template, 'View').submenu ?? []);
    const development = roles(topLevel(build({ isDev: true }).template, 'View').submenu ?? []);
    for (const role of devOnly) {
      expect(production).not.toContain(role);
      expect(development).toContain(role);
    }
    expect(production).toEqual(expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']));
  });

  it('uses the Window role so macOS lists open windows', () => {
    expect(topLevel(build({ platform: 'darwin' }).template, 'Window').role).toBe('window');
  });
});
