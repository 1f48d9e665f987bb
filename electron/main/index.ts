/**
 * The Electron main process entry: wiring only.
 *
 * Every decision it acts on (which URL may load, which frame may call IPC, which file may
 * be served, what the menu holds) is made by a pure, unit-tested module; this file connects
 * those modules to Electron's events in the order Electron requires.
 */
import { readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, session, shell, webContents } from 'electron';
import type { BaseWindow, IpcMainInvokeEvent, SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import { ipcContract, MENU_COMMAND_EVENT } from '@shared/ipc/contract';
import type { MenuCommand } from '@shared/ipc/contract';
import { handleAppProtocol, registerAppScheme } from './app-protocol';
import { createIpcHandlers } from './handlers/index';
import { createIpcDispatcher } from './ipc-dispatcher';
import type { IpcSender } from './ipc-handlers';
import { buildMenuTemplate } from './menu';
import { guardWebContents } from './navigation-guard';
import { createQuitCleanup } from './quit-cleanup';
import {
  CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  devServerOriginFrom,
  isTrustedSender,
  withContentSecurityPolicy,
} from './security-policy';
import { createSignallingController, startSignallingServer } from './signalling';
import { APP_START_URL, createMainWindow } from './window';

// electron-vite sets ELECTRON_RENDERER_URL while developing. A packaged app ignores it, so
// nobody can point an installed Latitude at another server through the environment.
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const devServerOrigin = devServerOriginFrom(devServerUrl);
const policy = { devServerOrigin };
const isDev = devServerOrigin !== undefined;

// Paths relative to the built file (out/main/index.js). Derived from the module's own
// path rather than `new URL('../x', import.meta.url)`, which Vite would try to treat as
// an asset reference at build time.
const outDir = dirname(dirname(fileURLToPath(import.meta.url)));
const preloadPath = join(outDir, 'preload', 'index.cjs');
const rendererRoot = join(outDir, 'renderer');

let mainWindow: BrowserWindow | undefined;

// The LAN signalling server, started and stopped from the UI over IPC. Its log lines name
// peers by IP address and say what went wrong; they never carry topics or messages.
const signalling = createSignallingController({
  createServer: (options) => startSignallingServer({ ...options, log: (message) => console.warn(message) }),
});
/** Longest a quit waits for the signalling server to close its connections (it allows peers 1 s). */
const SIGNALLING_STOP_TIMEOUT_MS = 5_000;

if (app.requestSingleInstanceLock()) {
  start();
} else {
  // Another Latitude is running; it gets a 'second-instance' event and comes forward.
  app.quit();
}

function start(): void {
  // Both must happen before 'ready': scheme privileges and the global sandbox are fixed
  // when Chromium starts.
  registerAppScheme();
  app.enableSandbox();

  // The belt to the window's braces: every web contents, including any Electron creates
  // that we did not ask for, gets the navigation guard (applied once per contents).
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, { ...policy, openExternal });
  });

  app.on('second-instance', () => {
    const window = mainWindow ?? openMainWindow();
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });

  app.on('window-all-closed', () => {
    // macOS apps stay running without windows until the person quits.
    if (process.platform !== 'darwin') app.quit();
  });

  // Peers connected to our signalling server get a clean close before the process ends.
  app.on(
    'will-quit',
    createQuitCleanup({
      isNeeded: () => signalling.status().running,
      cleanup: () => signalling.stop(),
      quit: () => app.quit(),
      timeoutMs: SIGNALLING_STOP_TIMEOUT_MS,
      onError: (error) => console.error('The signalling server did not stop cleanly:', error),
    }),
  );

  app
    .whenReady()
    .then(onReady)
    .catch((error: unknown) => {
      console.error('Latitude could not start:', error);
      app.exit(1);
    });
}

function onReady(): void {
  // app:// only ever serves the built renderer, so it always carries the production policy.
  handleAppProtocol(rendererRoot, CONTENT_SECURITY_POLICY);
  if (devServerOrigin !== undefined) {
    // The dev server sends no CSP of its own; give its responses the development policy
    // so the app is developed under (nearly) the policy it ships with.
    const devPolicy = contentSecurityPolicy(policy);
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback(
        devServerOriginFrom(details.url) === devServerOrigin
          ? { responseHeaders: withContentSecurityPolicy(details.responseHeaders, devPolicy) }
          : {},
      );
    });
  }

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({ platform: process.platform, isDev, appName: app.getName(), send: sendMenuCommand }),
    ),
  );
  registerIpcHandlers();
  openMainWindow();

  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open brings one back.
    if (BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });
}

function openMainWindow(): BrowserWindow {
  const window = createMainWindow({
    createWindow: (options) => new BrowserWindow(options),
    preloadPath,
    startUrl: devServerOrigin !== undefined && devServerUrl !== undefined ? devServerUrl : APP_START_URL,
    devServerOrigin,
    // Mantine's body colours, so the window is the page's colour before it paints.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#242424' : '#ffffff',
    openExternal,
    onLoadError: (error) => console.error('Latitude could not load its window:', error),
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
  mainWindow = window;
  return window;
}

function registerIpcHandlers(): void {
  const showSaveDialog = (
    window: BaseWindow | undefined,
    options: SaveDialogOptions,
  ): Promise<SaveDialogReturnValue> =>
    window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options);
  const documentsFolder = (): string | undefined => {
    try {
      return app.getPath('documents');
    } catch {
      // Some Linux desktops define no Documents folder; the dialog then picks one.
      return undefined;
    }
  };

  const handlers = createIpcHandlers({
    app: {
      getName: () => app.getName(),
      getVersion: () => app.getVersion(),
      platform: process.platform,
      electronVersion: process.versions.electron,
      getUserDataPath: () => app.getPath('userData'),
    },
    dialog: {
      showSaveDialog,
      showOpenDialog: (window, options) =>
        window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options),
      getWindow: () => BrowserWindow.getFocusedWindow() ?? mainWindow,
      getDefaultDirectory: documentsFolder,
      fs: {
        readFile: (path) => readFile(path),
        writeFile: (path, data) => writeFile(path, data),
        rename: (from, to) => rename(from, to),
        unlink: (path) => unlink(path),
        stat: (path) => stat(path),
      },
    },
    print: {
      printToPdf: async (id, options) => {
        const contents = webContents.fromId(id);
        if (contents === undefined || contents.isDestroyed()) throw new Error('its window was closed.');
        return contents.printToPDF(options);
      },
      showSaveDialog,
      getWindow: (id) => {
        const contents = webContents.fromId(id);
        return (contents === undefined ? null : BrowserWindow.fromWebContents(contents)) ?? undefined;
      },
      getDefaultDirectory: documentsFolder,
      fs: {
        writeFile: (path, data) => writeFile(path, data),
        rename: (from, to) => rename(from, to),
        unlink: (path) => unlink(path),
      },
    },
    shell: { openExternal: (url) => shell.openExternal(url) },
    signalling: { controller: signalling },
  });

  const dispatcher = createIpcDispatcher({
    contract: ipcContract,
    handlers,
    isTrustedSender: (sender) => isTrustedSender(sender, policy),
    onHandlerError: (channel, error) => console.error(`IPC ${channel} failed:`, error),
  });

  for (const channel of Object.keys(ipcContract)) {
    ipcMain.handle(channel, (event, args: unknown) => dispatcher.dispatch(channel, senderOf(event), args));
  }
}

/** The calling frame as the dispatcher checks it, and its web contents for handlers that act on the caller's page. */
function senderOf(event: IpcMainInvokeEvent): IpcSender {
  try {
    const frame = event.senderFrame;
    return {
      url: frame?.url,
      isMainFrame: frame !== null && frame === event.sender.mainFrame,
      webContentsId: event.sender.id,
    };
  } catch {
    // A frame disposed mid-call throws on access; a caller that is gone is not trusted.
    return { url: undefined, isMainFrame: false };
  }
}

function sendMenuCommand(command: MenuCommand): void {
  const window = BrowserWindow.getFocusedWindow() ?? mainWindow;
  if (window === undefined) {
    // macOS with every window closed: open one. It starts on the dashboard, so the command
    // itself is dropped rather than raced against the page's first render.
    openMainWindow();
    return;
  }
  window.webContents.send(MENU_COMMAND_EVENT, command);
}

/** Opens a URL the security policy already vetted in the system browser. */
function openExternal(url: string): void {
  shell.openExternal(url).catch((error: unknown) => console.error('Could not open a link in the browser:', error));
}
