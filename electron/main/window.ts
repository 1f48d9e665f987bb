/**
 * The main window: its hardened web preferences and its creation.
 *
 * Nothing here imports Electron at run time: `createMainWindow` receives the function that
 * makes a `BrowserWindow`, so the whole sequence (options, guards, loading, showing) is
 * unit-tested with a fake window and the entry point stays a list of wiring.
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { guardSessionPermissions, guardWebContents } from './navigation-guard';
import type { GuardableSession, GuardableWebContents } from './navigation-guard';
import { APP_ORIGIN } from './security-policy';

/** The page a packaged app opens. */
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/**
 * Web preferences for any window that shows Latitude: the renderer is an ordinary,
 * sandboxed web page whose only way out is the preload's named functions.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    // The preload and the page run in separate JavaScript worlds; the page sees only what
    // contextBridge exposes, never `ipcRenderer` or Node.
    contextIsolation: true,
    // OS-level sandbox for the renderer process; the preload gets Electron's small
    // sandboxed API, not Node.
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    // Same-origin policy stays on, and an https page never loads http content.
    webSecurity: true,
    allowRunningInsecureContent: false,
    // <webview> could embed arbitrary content with its own preferences.
    webviewTag: false,
    // Chromium experimental web platform features are not vetted for us.
    experimentalFeatures: false,
    spellcheck: true,
    // Dropping a file on the window must not navigate the app away to file://.
    navigateOnDragDrop: false,
    // A page looping on alert() can be stopped by the person.
    safeDialogs: true,
  };
}

/** The options for the main window: hidden until painted, so it never flashes white. */
export function mainWindowOptions(preloadPath: string, backgroundColor: string): BrowserWindowConstructorOptions {
  return {
    title: 'Latitude',
    width: 1280,
    height: 800,
    // Below this the dashboard's side navigation and content no longer fit side by side.
    minWidth: 880,
    minHeight: 560,
    show: false,
    backgroundColor,
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/** The members of Electron's `BrowserWindow` that creating the main window uses. */
export interface MainWindowLike {
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  loadURL(url: string): Promise<void>;
  webContents: GuardableWebContents & { session: GuardableSession };
}

/** What {@link createMainWindow} needs. */
export interface MainWindowOptions<W extends MainWindowLike> {
  /** `(options) => new BrowserWindow(options)`. */
  createWindow: (options: BrowserWindowConstructorOptions) => W;
  /** Absolute path of the built preload script (out/preload/index.cjs). */
  preloadPath: string;
  /** {@link APP_START_URL}, or the dev server's URL while developing. */
  startUrl: string;
  /** The dev server's origin while developing; it then counts as the app's own origin. */
  devServerOrigin?: string | undefined;
  /** The window colour before the page paints, to match the renderer's theme. */
  backgroundColor: string;
  /** Opens a vetted URL in the system browser. */
  openExternal: (url: string) => void;
  /** Told when the page fails to load (the window is shown anyway, so it is not lost). */
  onLoadError?: (error: unknown) => void;
}

/**
 * Creates the main window with guarded navigation and permissions and loads the app. The
 * guards are in place before the first load, so even the first page cannot escape them.
 */
export function createMainWindow<W extends MainWindowLike>(options: MainWindowOptions<W>): W {
  const window = options.createWindow(mainWindowOptions(options.preloadPath, options.backgroundColor));
  const policy = { devServerOrigin: options.devServerOrigin };
  guardWebContents(window.webContents, { ...policy, openExternal: options.openExternal });
  guardSessionPermissions(window.webContents.session, policy);
  window.once('ready-to-show', () => window.show());
  window.loadURL(options.startUrl).catch((error: unknown) => {
    // Without a first paint 'ready-to-show' never comes; a visible window the person can
    // reload or close is better than an invisible running app.
    window.show();
    options.onLoadError?.(error);
  });
  return window;
}
