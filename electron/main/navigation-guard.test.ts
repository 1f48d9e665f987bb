import { describe, expect, it, vi } from 'vitest';
import { guardSessionPermissions, guardWebContents } from './navigation-guard';
import { FakeSession, FakeWebContents } from './test-fakes';

function setup(devServerOrigin?: string) {
  const contents = new FakeWebContents();
  const openExternal = vi.fn<(url: string) => void>();
  guardWebContents(contents, { openExternal, devServerOrigin });
  return { contents, openExternal };
}

describe('guardWebContents', () => {
  it('lets the app navigate within itself', () => {
    const { contents, openExternal } = setup();
    expect(contents.emit('will-navigate', 'app://latitude/index.html#/reviews')).toEqual({ prevented: false });
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('lets the dev server page reload while developing', () => {
    const { contents } = setup('http://localhost:5173');
    expect(contents.emit('will-navigate', 'http://localhost:5173/')).toEqual({ prevented: false });
  });

  it('opens a web link in the system browser instead of navigating', () => {
    const { contents, openExternal } = setup();
    expect(contents.emit('will-navigate', 'https://example.com/framework')).toEqual({ prevented: true });
    expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://example.com/framework');
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'app://evil/', 'data:text/html,x', 'mailto:x@example.com'])(
    'stops navigation to %s and opens nothing',
    (url) => {
      const { contents, openExternal } = setup();
      expect(contents.emit('will-navigate', url)).toEqual({ prevented: true });
      expect(openExternal).not.toHaveBeenCalled();
    },
  );

  it('lets redirects stay within the app but never opens the browser for one', () => {
    const { contents, openExternal } = setup();
    expect(contents.emit('will-redirect', 'app://latitude/index.html')).toEqual({ prevented: false });
    expect(contents.emit('will-redirect', 'https://example.com/')).toEqual({ prevented: true });
    expect(contents.emit('will-redirect', 'file:///etc/passwd')).toEqual({ prevented: true });
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('never opens an Electron window, sending only safe web links to the browser', () => {
    const { contents, openExternal } = setup();
    expect(contents.open('https://example.com/')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://example.com/');
    openExternal.mockClear();
    for (const url of ['app://latitude/index.html', 'file:///etc/passwd', 'javascript:alert(1)', 'about:blank']) {
      expect(contents.open(url)).toEqual({ action: 'deny' });
    }
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('refuses to attach a webview', () => {
    const { contents } = setup();
    expect(contents.emit('will-attach-webview')).toEqual({ prevented: true });
  });

  it('guards a page once even when asked twice, so a link opens once', () => {
    const { contents, openExternal } = setup();
    guardWebContents(contents, { openExternal });
    expect(contents.listeners.get('will-navigate')).toHaveLength(1);
    contents.emit('will-navigate', 'https://example.com/');
    expect(openExternal).toHaveBeenCalledOnce();
  });
});

describe('guardSessionPermissions', () => {
  it('grants clipboard writes to the app main frame and nothing else', () => {
    const session = new FakeSession();
    guardSessionPermissions(session);
    expect(session.request('clipboard-sanitized-write', 'app://latitude/index.html')).toBe(true);
    expect(session.request('clipboard-sanitized-write', 'app://latitude/index.html', false)).toBe(false);
    expect(session.request('clipboard-sanitized-write', 'https://example.com/')).toBe(false);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'midiSysex']) {
      expect(session.request(permission, 'app://latitude/index.html')).toBe(false);
    }
  });

  it('answers checks the same way, falling back to the requesting origin', () => {
    const session = new FakeSession();
    guardSessionPermissions(session);
    expect(session.check('clipboard-sanitized-write', 'app://latitude', { isMainFrame: true })).toBe(true);
    expect(session.check('clipboard-sanitized-write', 'app://latitude', { isMainFrame: false })).toBe(false);
    expect(session.check('clipboard-sanitized-write', 'https://evil.example', { isMainFrame: true })).toBe(false);
    expect(
      session.check('media', 'app://latitude', { requestingUrl: 'app://latitude/index.html', isMainFrame: true }),
    ).toBe(false);
  });

  it('treats the dev server as the app only while developing', () => {
    const production = new FakeSession();
    const development = new FakeSession();
    guardSessionPermissions(production);
    guardSessionPermissions(development, { devServerOrigin: 'http://localhost:5173' });
    expect(production.request('clipboard-sanitized-write', 'http://localhost:5173/')).toBe(false);
    expect(development.request('clipboard-sanitized-write', 'http://localhost:5173/')).toBe(true);
  });
});
