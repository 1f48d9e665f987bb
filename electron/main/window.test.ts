import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { APP_START_URL, createMainWindow, mainWindowOptions, secureWebPreferences } from './window';
import { FakeWebContents } from './test-fakes';

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the renderer and turns off every way back into Node', () => {
    expect(secureWebPreferences('/app/out/preload/index.cjs')).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      spellcheck: true,
      navigateOnDragDrop: false,
      safeDialogs: true,
    });
  });
});

describe('mainWindowOptions', () => {
  it('starts hidden, with a background colour and a minimum size', () => {
    const options = mainWindowOptions('/p.cjs', '#242424');
    expect(options).toMatchObject({ show: false, backgroundColor: '#242424', title: 'Latitude' });
    expect(options.minWidth).toBeGreaterThan(0);
    expect(options.minHeight).toBeGreaterThan(0);
    expect(options.webPreferences).toEqual(secureWebPreferences('/p.cjs'));
  });
});

/** A window that records what happened to it. */
class FakeWindow {
  readonly webContents = new FakeWebContents();
  readonly readyListeners: Array<() => void> = [];
  shown = 0;
  loaded: string[] = [];
  loadResult: Promise<void> = Promise.resolve();

  constructor(readonly options: BrowserWindowConstructorOptions) {}

  once(_event: 'ready-to-show', listener: () => void): this {
    this.readyListeners.push(listener);
    return this;
  }

  show(): void {
    this.shown += 1;
  }

  loadURL(url: string): Promise<void> {
    // Guards must already be in place when the first page starts loading.
    expect(this.webContents.listeners.get('will-navigate')).toHaveLength(1);
    expect(this.webContents.session.checkHandler).toBeTypeOf('function');
    this.loaded.push(url);
    return this.loadResult;
  }
}

function create(overrides: { devServerOrigin?: string; startUrl?: string; failLoad?: Error } = {}) {
  const openExternal = vi.fn<(url: string) => void>();
  const onLoadError = vi.fn<(error: unknown) => void>();
  const window = createMainWindow({
    createWindow: (options) => {
      const fake = new FakeWindow(options);
      if (overrides.failLoad !== undefined) fake.loadResult = Promise.reject(overrides.failLoad);
      return fake;
    },
    preloadPath: '/app/out/preload/index.cjs',
    startUrl: overrides.startUrl ?? APP_START_URL,
    devServerOrigin: overrides.devServerOrigin,
    backgroundColor: '#ffffff',
    openExternal,
    onLoadError,
  });
  return { window, openExternal, onLoadError };
}

describe('createMainWindow', () => {
  it('creates the window with the secure preferences and loads the app page', () => {
    const { window } = create();
    expect(window.options).toEqual(mainWindowOptions('/app/out/preload/index.cjs', '#ffffff'));
    expect(window.loaded).toEqual(['app://latitude/index.html']);
  });

  it('shows the window once it has painted, not before', () => {
    const { window } = create();
    expect(window.shown).toBe(0);
    for (const listener of window.readyListeners) listener();
    expect(window.shown).toBe(1);
  });

  it('guards navigation: web links go to the browser, new windows are denied', () => {
    const { window, openExternal } = create();
    expect(window.webContents.emit('will-navigate', 'https://example.com/')).toEqual({ prevented: true });
    expect(window.webContents.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://example.com/');
  });

  it('treats the dev server as the app while developing', () => {
    const { window } = create({ devServerOrigin: 'http://localhost:5173', startUrl: 'http://localhost:5173/' });
    expect(window.loaded).toEqual(['http://localhost:5173/']);
    expect(window.webContents.emit('will-navigate', 'http://localhost:5173/')).toEqual({ prevented: false });
    expect(window.webContents.session.request('clipboard-sanitized-write', 'http://localhost:5173/')).toBe(true);
  });

  it('shows the window and reports the error when the page fails to load', async () => {
    const failure = new Error('ERR_FILE_NOT_FOUND');
    const { window, onLoadError } = create({ failLoad: failure });
    await vi.waitFor(() => expect(onLoadError).toHaveBeenCalledExactlyOnceWith(failure));
    expect(window.shown).toBe(1);
  });
});
