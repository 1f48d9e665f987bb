import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy as sharedContentSecurityPolicy } from '@shared/security/content-security-policy';
import {
  APP_HOST,
  APP_ORIGIN,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  contentTypeFor,
  decideNavigation,
  devServerOriginFrom,
  isAppUrl,
  isPermissionGranted,
  isSafeExternalUrl,
  isTrustedSender,
  MAX_EXTERNAL_URL_LENGTH,
  resolveAppAsset,
  toSafeExternalUrl,
  withContentSecurityPolicy,
} from './security-policy';

const dev = { devServerOrigin: 'http://localhost:5173' };

describe('app origin constants', () => {
  it('name one fixed origin', () => {
    expect(APP_SCHEME).toBe('app');
    expect(APP_HOST).toBe('latitude');
    expect(APP_ORIGIN).toBe('app://latitude');
  });
});

/** A policy's directives by name. */
const directives = (csp: string): Map<string, string> =>
  new Map(csp.split('; ').map((directive) => [directive.split(' ')[0] ?? '', directive]));

describe('CONTENT_SECURITY_POLICY', () => {
  it('is the one policy defined in shared/, as a header', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(sharedContentSecurityPolicy({ delivery: 'header' }));
  });

  it('denies by default and allows no inline script, no eval, no framing and no plugins', () => {
    const policy = directives(CONTENT_SECURITY_POLICY);
    expect(policy.get('default-src')).toBe("default-src 'none'");
    expect(policy.get('script-src')).toBe("script-src 'self'");
    expect(policy.get('style-src')).toBe("style-src 'self' 'unsafe-inline'");
    expect(policy.get('connect-src')).toBe("connect-src 'self' ws: wss: http://127.0.0.1:* http://localhost:*");
    expect(policy.get('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(policy.get('object-src')).toBe("object-src 'none'");
    expect(policy.get('base-uri')).toBe("base-uri 'none'");
    expect(policy.get('form-action')).toBe("form-action 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it("lets the app start workers from its own files (the metrics dashboard's), from no other place", () => {
    // app:// is a standard, secure scheme, so 'self' is app://latitude, where the worker's file is served.
    const sources = (policy: string) => directives(policy).get('worker-src')?.split(' ').slice(1) ?? [];
    for (const policy of [CONTENT_SECURITY_POLICY, contentSecurityPolicy(dev)]) {
      expect(sources(policy)).toContain("'self'");
      expect(sources(policy).filter((source) => source !== "'self'" && source !== 'blob:')).toEqual([]);
    }
    // A module worker's imports are scripts: they too come only from the app.
    expect(directives(CONTENT_SECURITY_POLICY).get('script-src')).toBe("script-src 'self'");
  });
});

describe('contentSecurityPolicy', () => {
  it('is the production policy without a dev server', () => {
    expect(contentSecurityPolicy()).toBe(CONTENT_SECURITY_POLICY);
    expect(contentSecurityPolicy({})).toBe(CONTENT_SECURITY_POLICY);
  });

  it('lets the dev server serve scripts and take HMR connections', () => {
    const policy = directives(contentSecurityPolicy(dev));
    expect(policy.get('script-src')).toBe("script-src 'self' http://localhost:5173 'unsafe-inline'");
    expect(policy.get('connect-src')).toContain('http://localhost:5173 ws://localhost:5173');
    expect(policy.get('default-src')).toBe("default-src 'none'");
    expect(contentSecurityPolicy(dev)).not.toContain('unsafe-eval');
  });

  it('uses wss for an https dev server and passes on only the origin', () => {
    const csp = contentSecurityPolicy({ devServerOrigin: 'https://127.0.0.1:5173/some/path' });
    expect(csp).toContain('https://127.0.0.1:5173 wss://127.0.0.1:5173');
    expect(csp).not.toContain('/some/path');
  });

  it('refuses a dev origin that could inject directives', () => {
    expect(() => contentSecurityPolicy({ devServerOrigin: "x; script-src 'unsafe-eval'" })).toThrow(
      /Not a dev server origin/,
    );
    expect(() => contentSecurityPolicy({ devServerOrigin: 'file:///tmp' })).toThrow(/Not a dev server origin/);
  });
});

describe('devServerOriginFrom', () => {
  it('takes the origin of an http(s) URL', () => {
    expect(devServerOriginFrom('http://localhost:5173/')).toBe('http://localhost:5173');
    expect(devServerOriginFrom('https://127.0.0.1:9000/index.html')).toBe('https://127.0.0.1:9000');
  });

  it('gives nothing for missing, malformed or non-http values', () => {
    expect(devServerOriginFrom(undefined)).toBeUndefined();
    expect(devServerOriginFrom('')).toBeUndefined();
    expect(devServerOriginFrom('not a url')).toBeUndefined();
    expect(devServerOriginFrom('file:///index.html')).toBeUndefined();
    expect(devServerOriginFrom('http://user:pw@localhost:5173')).toBeUndefined();
  });
});

describe('isAppUrl', () => {
  it.each(['app://latitude/index.html', 'app://latitude/', 'app://latitude', 'app://latitude/assets/x.js?v=1#top'])(
    'accepts %s',
    (url) => {
      expect(isAppUrl(url)).toBe(true);
    },
  );

  it.each([
    'app://latitude.evil/',
    'app://evil/',
    'app://evil@latitude/',
    'app://latitude@evil/',
    'app://user:pw@latitude/',
    'app://latitude:8080/',
    'app:latitude/index.html',
    'apps://latitude/',
    'file:///app/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'http://latitude/',
    'http://localhost:5173/',
    '',
    'latitude/index.html',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });

  it('accepts the exact dev server origin only while developing', () => {
    expect(isAppUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppUrl('https://localhost:5173/', dev)).toBe(false);
    expect(isAppUrl('http://127.0.0.1:5173/', dev)).toBe(false);
    expect(isAppUrl('http://evil@localhost:5173/', dev)).toBe(false);
    expect(isAppUrl('app://latitude/index.html', dev)).toBe(true);
  });

  it('ignores a malformed dev server origin', () => {
    expect(isAppUrl('http://localhost:5173/', { devServerOrigin: 'nonsense' })).toBe(false);
  });
});

describe('isSafeExternalUrl / toSafeExternalUrl', () => {
  it.each([
    'https://example.com',
    'http://example.com/path?q=1#frag',
    'https://bücher.example/',
    'HTTPS://EXAMPLE.COM/',
  ])('accepts %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,hi',
    'mailto:someone@example.com',
    'vscode://extension',
    'smb://server/share',
    'app://latitude/',
    '//example.com/',
    '/relative/path',
    'example.com',
    'http:example.com',
    'http:/example.com',
    'https://user:pass@example.com/',
    'https://user@example.com/',
    'https://exa mple.com/',
    ' https://example.com/',
    'https://example.com/\n',
    'https://example.com/\u0000',
    'https:\\\\example.com\\',
    'https://',
    'http://[::1',
    '',
  ])('refuses %j', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });

  it('limits the length', () => {
    const base = 'https://example.com/';
    expect(isSafeExternalUrl(base + 'a'.repeat(MAX_EXTERNAL_URL_LENGTH - base.length))).toBe(true);
    expect(isSafeExternalUrl(base + 'a'.repeat(MAX_EXTERNAL_URL_LENGTH - base.length + 1))).toBe(false);
  });

  it('returns the normalised href that was validated', () => {
    expect(toSafeExternalUrl('HTTPS://Example.COM')).toBe('https://example.com/');
    expect(toSafeExternalUrl('https://bücher.example/a b')).toBeNull();
    expect(toSafeExternalUrl('https://bücher.example/')).toBe('https://xn--bcher-kva.example/');
  });
});

describe('decideNavigation', () => {
  it('lets the app navigate within itself', () => {
    expect(decideNavigation('app://latitude/index.html#/decisions')).toBe('allow');
    expect(decideNavigation('http://localhost:5173/#/metrics', dev)).toBe('allow');
  });

  it('sends safe web links to the system browser', () => {
    expect(decideNavigation('https://example.com/guide')).toBe('open-external');
    expect(decideNavigation('http://localhost:5173/')).toBe('open-external');
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'app://evil/',
    'mailto:x@example.com',
    'about:blank',
    'chrome://gpu',
  ])('denies %s', (url) => {
    expect(decideNavigation(url)).toBe('deny');
  });
});

describe('isTrustedSender', () => {
  it('trusts only the app main frame', () => {
    expect(isTrustedSender({ url: 'app://latitude/index.html', isMainFrame: true })).toBe(true);
    expect(isTrustedSender({ url: 'app://latitude/index.html', isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ url: 'https://example.com/', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'file:///index.html', isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: undefined, isMainFrame: true })).toBe(false);
    expect(isTrustedSender({ url: null, isMainFrame: true })).toBe(false);
  });

  it('trusts the dev server only while developing', () => {
    const frame = { url: 'http://localhost:5173/', isMainFrame: true };
    expect(isTrustedSender(frame, dev)).toBe(true);
    expect(isTrustedSender(frame)).toBe(false);
  });
});

describe('isPermissionGranted', () => {
  const app = { url: 'app://latitude/index.html', isMainFrame: true };

  it('grants clipboard writes to the app main frame only', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', app)).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', { ...app, isMainFrame: false })).toBe(false);
    expect(isPermissionGranted('clipboard-sanitized-write', { url: 'https://example.com/', isMainFrame: true })).toBe(
      false,
    );
  });

  it.each(['clipboard-read', 'media', 'geolocation', 'notifications', 'openExternal', 'fileSystem', 'hid', 'unknown'])(
    'denies %s even to the app',
    (permission) => {
      expect(isPermissionGranted(permission, app)).toBe(false);
    },
  );
});

describe('resolveAppAsset', () => {
  const root = '/srv/latitude/renderer';
  const resolve = (url: string) => resolveAppAsset(url, root, path.posix);

  it('serves index.html for the root', () => {
    expect(resolve('app://latitude/')).toEqual({ path: '/srv/latitude/renderer/index.html' });
    expect(resolve('app://latitude')).toEqual({ path: '/srv/latitude/renderer/index.html' });
  });

  it('maps files under the root', () => {
    expect(resolve('app://latitude/index.html')).toEqual({ path: '/srv/latitude/renderer/index.html' });
    expect(resolve('app://latitude/assets/index-abc123.js')).toEqual({
      path: '/srv/latitude/renderer/assets/index-abc123.js',
    });
    expect(resolve('app://latitude/assets/app.css?v=2#x')).toEqual({ path: '/srv/latitude/renderer/assets/app.css' });
  });

  it('decodes percent-encoding exactly once', () => {
    expect(resolve('app://latitude/assets/my%20font.woff2')).toEqual({
      path: '/srv/latitude/renderer/assets/my font.woff2',
    });
    expect(resolve('app://latitude/assets/a%252e%252e.js')).toEqual({
      path: '/srv/latitude/renderer/assets/a%2e%2e.js',
    });
  });

  it('serves the single page app for client-side routes', () => {
    expect(resolve('app://latitude/decisions')).toEqual({ path: '/srv/latitude/renderer/index.html' });
    expect(resolve('app://latitude/domains/abc123')).toEqual({ path: '/srv/latitude/renderer/index.html' });
  });

  it('does not list directories', () => {
    expect(resolve('app://latitude/assets/')).toEqual({ error: 'not-found' });
  });

  it.each([
    'app://latitude/../secret.txt',
    'app://latitude/assets/../../secret.txt',
    'app://latitude/%2e%2e/secret.txt',
    'app://latitude/%2E%2E/%2e%2e/etc/passwd.txt',
    'app://latitude/.%2e/secret.txt',
    'app://latitude/assets/./x.js',
    'app://latitude/..%2fsecret.txt',
    'app://latitude/assets%2f..%2f..%2fsecret.txt',
    'app://latitude/..%5csecret.txt',
    'app://latitude/assets/%5c..%5csecret.txt',
    'app://latitude/x%00.js',
    'app://latitude/x%0a.js',
    'app://latitude//etc/passwd.txt',
    'app://latitude/assets//x.js',
    'app://latitude/%2Fetc%2Fpasswd.txt',
    'app://latitude/C:/Windows/win.ini',
    'app://latitude/index.html::$DATA',
    'app://latitude/assets/NUL.js',
    'app://latitude/assets/con',
    'app://latitude/bad%zzencoding.js',
    'app://evil/index.html',
    'app://latitude.evil/index.html',
    'app://user@latitude/index.html',
    'http://localhost:5173/index.html',
    'file:///srv/latitude/renderer/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolve(url)).toEqual({ error: 'forbidden' });
  });

  it('never leaves the root on Windows paths either', () => {
    const winRoot = 'C:\\Program Files\\Latitude\\resources\\renderer';
    expect(resolveAppAsset('app://latitude/assets/x.js', winRoot, path.win32)).toEqual({
      path: 'C:\\Program Files\\Latitude\\resources\\renderer\\assets\\x.js',
    });
    expect(resolveAppAsset('app://latitude/..%5C..%5Cwin.ini', winRoot, path.win32)).toEqual({ error: 'forbidden' });
    expect(resolveAppAsset('app://latitude/D:%5Cx.js', winRoot, path.win32)).toEqual({ error: 'forbidden' });
    expect(resolveAppAsset('app://latitude/D:/x.js', winRoot, path.win32)).toEqual({ error: 'forbidden' });
  });

  it('resolves a relative root against the working directory using the native path module by default', () => {
    const result = resolveAppAsset('app://latitude/index.html', 'renderer');
    expect(result).toEqual({ path: path.resolve('renderer', 'index.html') });
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['/r/index.html', 'text/html; charset=utf-8'],
    ['/r/assets/a.js', 'text/javascript; charset=utf-8'],
    ['/r/assets/a.CSS', 'text/css; charset=utf-8'],
    ['/r/icon.svg', 'image/svg+xml'],
    ['/r/logo.png', 'image/png'],
    ['/r/font.woff2', 'font/woff2'],
    ['/r/data.json', 'application/json; charset=utf-8'],
    ['/r/assets/a.js.map', 'application/json; charset=utf-8'],
    ['/r/favicon.ico', 'image/x-icon'],
    ['/r/photo.webp', 'image/webp'],
    ['/r/unknown.bin', 'application/octet-stream'],
    ['/r/no-extension', 'application/octet-stream'],
  ])('%s is %s', (file, type) => {
    expect(contentTypeFor(file)).toBe(type);
  });
});

describe('withContentSecurityPolicy', () => {
  it('replaces any policy the server sent, whatever its casing, and keeps other headers', () => {
    const headers = {
      'content-security-policy': ['script-src *'],
      'Content-Type': ['text/html'],
    };
    expect(withContentSecurityPolicy(headers, "default-src 'none'")).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': ["default-src 'none'"],
    });
    expect(headers['content-security-policy']).toEqual(['script-src *']);
  });

  it('adds the policy when there were no headers', () => {
    expect(withContentSecurityPolicy(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });
});
