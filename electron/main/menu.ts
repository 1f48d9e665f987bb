/**
 * The application menu as a plain template, so its structure, accelerators and commands
 * are tested without Electron. Items that act on Latitude itself do not act in main: they
 * send a {@link MenuCommand} to the renderer, which owns navigation.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '@shared/ipc/contract';

/**
 * One menu item. Electron's own type, except that `click` takes no arguments (none of
 * ours needs the item, window or event) and submenus are of this same type; every value of
 * this type is a valid `MenuItemConstructorOptions`.
 */
export type MenuTemplateItem = Omit<MenuItemConstructorOptions, 'click' | 'submenu'> & {
  click?: () => void;
  submenu?: MenuTemplateItem[];
};

/** What {@link buildMenuTemplate} needs to know. */
export interface MenuTemplateOptions {
  /** `process.platform`: macOS gets an application menu and its own conventions. */
  platform: NodeJS.Platform;
  /** Adds reload and developer tools, which a packaged app must not offer. */
  isDev: boolean;
  /** The application menu's title on macOS. */
  appName: string;
  /** Delivers a command to the renderer. */
  send: (command: MenuCommand) => void;
  /** When given, Help also offers the online guide; the caller decides the URL. */
  openHelpExternal?: () => void;
}

/** The screens reachable from View, in accelerator order (CmdOrCtrl+1 is the first). */
const screens: ReadonlyArray<readonly [label: string, command: MenuCommand]> = [
  ['Dashboard', 'navigate:dashboard'],
  ['Domains', 'navigate:domains'],
  ['Decisions', 'navigate:decisions'],
  ['Reviews', 'navigate:reviews'],
  ['Metrics', 'navigate:metrics'],
  ['Settings', 'navigate:settings'],
];

const separator: MenuTemplateItem = { type: 'separator' };

/** Builds the application menu for a platform; pass it to `Menu.buildFromTemplate`. */
export function buildMenuTemplate(options: MenuTemplateOptions): MenuTemplateItem[] {
  const { platform, isDev, appName, send, openHelpExternal } = options;
  const isMac = platform === 'darwin';

  const appMenu: MenuTemplateItem = {
    label: appName,
    submenu: [
      { role: 'about' },
      separator,
      // macOS puts settings in the application menu under Cmd+, by convention.
      { label: 'Settings…', accelerator: 'Cmd+,', click: () => send('navigate:settings') },
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  };

  const fileMenu: MenuTemplateItem = {
    label: 'File',
    // On macOS Quit lives in the application menu.
    submenu: isMac ? [{ role: 'close' }] : [{ role: 'close' }, separator, { role: 'quit' }],
  };

  const editMenu: MenuTemplateItem = {
    label: 'Edit',
    // No undo/redo roles: they would run Chromium's per-text-field undo, which knows
    // nothing of the workspace's history. Undo and Redo send a command instead; the renderer
    // undoes the typing in a focused text field, or else the workspace's last intent (a Yjs
    // UndoManager). Ctrl+Y also redoes there, handled by the renderer.
    // The clipboard roles stay: without them the shortcuts do not work on macOS.
    submenu: [
      { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: () => send('edit:undo') },
      { label: 'Redo', accelerator: 'Shift+CmdOrCtrl+Z', click: () => send('edit:redo') },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(isMac ? [{ role: 'pasteAndMatchStyle' } satisfies MenuTemplateItem] : []),
      { role: 'delete' },
      separator,
      { role: 'selectAll' },
    ],
  };

  const viewMenu: MenuTemplateItem = {
    label: 'View',
    submenu: [
      ...screens.map(([label, command], index): MenuTemplateItem => ({
        label: `Go to ${label}`,
        accelerator: `CmdOrCtrl+${index + 1}`,
        click: () => send(command),
      })),
      separator,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
      ...(isDev
        ? ([
            separator,
            { role: 'reload' },
            { role: 'forceReload' },
            { role: 'toggleDevTools' },
          ] satisfies MenuTemplateItem[])
        : []),
    ],
  };

  const windowMenu: MenuTemplateItem = {
    label: 'Window',
    role: 'window',
    submenu: isMac
      ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  };

  const helpMenu: MenuTemplateItem = {
    label: 'Help',
    role: 'help',
    submenu: [
      { label: 'Latitude Guide', click: () => send('navigate:help') },
      ...(openHelpExternal === undefined
        ? []
        : [{ label: 'Latitude on the Web', click: openHelpExternal } satisfies MenuTemplateItem]),
    ],
  };

  return [...(isMac ? [appMenu] : []), fileMenu, editMenu, viewMenu, windowMenu, helpMenu];
}
