/**
 * Latitude's security policy for the main process, as pure functions and constants.
 *
 * Everything that decides "may this URL load, navigate, be served, be opened or call IPC?"
 * lives here, free of Electron imports, so each rule is unit-tested on plain strings. The
 * modules that touch Electron (window, protocol, entry point) only wire these decisions
 * to events. Deny is the default everywhere: a rule lists what is allowed, never what is
 * refused.
 */
import nodePath from 'node:path';
import type { PlatformPath } from 'node:path';
import {
  CONTENT_SECURITY_POLICY as PRODUCTION_CSP,
  contentSecurityPolicy as sharedContentSecurityPolicy,
} from '@shared/security/content-security-policy';

/** The privileged scheme the packaged renderer is served from (never `file://`). */
export const APP_SCHEME = 'app';
/** The one host of {@link APP_SCHEME}; a fixed host gives the app a stable origin. */
export const APP_HOST = 'latitude';
/** The renderer's origin in a packaged app. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Options shared by the URL rules: the Vite dev server's origin, only while developing. */
export interface UrlPolicyOptions {
  /** e.g. `http://localhost:5173`; undefined in a packaged app. */
  devServerOrigin?: string | undefined;
}

/**
 * The production Content-Security-Policy, as the `app://` protocol sends it in a header.
 * Defined once in shared/ (the renderer build writes the same policy into index.html as a
 * meta tag), re-exported here so the main process has one place to take it from.
 */
export const CONTENT_SECURITY_POLICY: string = PRODUCTION_CSP;

/**
 * The Content-Security-Policy header for a window. Without a dev server this is
 * {@link CONTENT_SECURITY_POLICY}. With one, the shared definition lets its origin serve
 * scripts and take connections (its ws: twin carries hot-module reload) and allows the
 * inline React Fast Refresh preamble; a packaged app never has a dev server.
 *
 * @throws Error when `devServerOrigin` is not an http(s) URL: it is pasted into the policy,
 *   so a value such as `x; script-src *` must never reach it.
 */
export function contentSecurityPolicy(options: UrlPolicyOptions = {}): string {
  if (options.devServerOrigin === undefined) return CONTENT_SECURITY_POLICY;
  const origin = devServerOriginFrom(options.devServerOrigin);
  if (origin === undefined) throw new Error(`Not a dev server origin: ${options.devServerOrigin}`);
  return sharedContentSecurityPolicy({ devServerOrigin: origin, delivery: 'header' });
}

/**
 * The origin of the dev server URL electron-vite passes in `ELECTRON_RENDERER_URL`, or
 * undefined when there is none or it is not a plain http(s) URL.
 */
export function devServerOriginFrom(url: string | undefined): string | undefined {
  if (url === undefined || url === '') return undefined;
  const parsed = parseUrl(url);
  if (parsed === null || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return undefined;
  if (parsed.username !== '' || parsed.password !== '') return undefined;
  return parsed.origin;
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True when `url` is the app's own content: `app://latitude/...` exactly (scheme and host
 * compared as Chromium canonicalises them, no port, no user info), or, while developing,
 * a URL of the exact dev server origin. Look-alikes such as `app://latitude.evil/`,
 * `app://evil@latitude/` or `app://latitude@evil/` are refused.
 */
export function isAppUrl(url: string, options: UrlPolicyOptions = {}): boolean {
  const parsed = parseUrl(url);
  if (parsed === null || parsed.username !== '' || parsed.password !== '') return false;
  if (parsed.protocol === `${APP_SCHEME}:`) {
    return parsed.hostname === APP_HOST && parsed.port === '';
  }
  const devOrigin = devServerOriginFrom(options.devServerOrigin);
  return devOrigin !== undefined && parsed.origin === devOrigin;
}

/** Longest URL handed to the operating system; matches the IPC contract's limit. */
export const MAX_EXTERNAL_URL_LENGTH = 2048;

/**
 * The URL to hand to the system browser, normalised, or null when it is not safe to open.
 *
 * Only absolute `http://` and `https://` URLs with a host and without credentials qualify.
 * Everything else is refused, because the OS passes other schemes to whatever program
 * registered them: `file:` runs or reveals local files, custom schemes reach arbitrary
 * programs, `javascript:`/`data:` are script. `mailto:` is refused too: Latitude has no mail
 * links, and some mail clients honour `attach=` parameters that would send a local file.
 * Whitespace, control characters and backslashes are refused rather than cleaned up, since
 * parsers disagree on them, and the returned href is what was validated.
 */
export function toSafeExternalUrl(url: string): string | null {
  if (url.length === 0 || url.length > MAX_EXTERNAL_URL_LENGTH) return null;
  // The WHATWG parser silently strips or rewrites these; another program might not.
  if (containsControlCharacter(url) || /[\s\\]/u.test(url)) return null;
  // Require the literal "//": the parser accepts `http:example.com`, which reads as relative.
  if (!/^https?:\/\//i.test(url)) return null;
  const parsed = parseUrl(url);
  if (parsed === null) return null;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.hostname === '' || parsed.username !== '' || parsed.password !== '') return null;
  return parsed.href.length > MAX_EXTERNAL_URL_LENGTH ? null : parsed.href;
}

/** True when {@link toSafeExternalUrl} accepts `url`. */
export function isSafeExternalUrl(url: string): boolean {
  return toSafeExternalUrl(url) !== null;
}

/** What to do with a navigation, redirect or `window.open`. */
export type NavigationDecision = 'allow' | 'open-external' | 'deny';

/**
 * Decides a navigation request: the app's own pages may load in place (`'allow'`), safe
 * web links go to the system browser (`'open-external'`), everything else is refused.
 * For `window.open` and `target=_blank` callers treat `'allow'` as deny: Latitude never
 * opens a second Electron window from web content.
 */
export function decideNavigation(url: string, options: UrlPolicyOptions = {}): NavigationDecision {
  if (isAppUrl(url, options)) return 'allow';
  if (isSafeExternalUrl(url)) return 'open-external';
  return 'deny';
}

/** A frame that sent an IPC message or asked for a permission. */
export interface FrameIdentity {
  /** The frame's URL; missing when the frame was destroyed or navigated away. */
  url: string | null | undefined;
  isMainFrame: boolean;
}

/**
 * True only for the app's own top-level document. Subframes are refused even on the app
 * origin, because the app has none and a frame could be planted by injected markup.
 */
export function isTrustedSender(frame: FrameIdentity, options: UrlPolicyOptions = {}): boolean {
  return frame.isMainFrame && typeof frame.url === 'string' && isAppUrl(frame.url, options);
}

/**
 * Permissions the app's own page may have. Only sanitised clipboard writes
 * (`navigator.clipboard.writeText`, for copying join codes and invite links): without it
 * copy buttons fail. Chromium still requires a focused page and a user gesture for it.
 * Camera, microphone, location, notifications, clipboard reads and the rest stay denied.
 */
export const GRANTED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write'];

/** True when `permission` is granted to `requester`: listed above and asked by the app's main frame. */
export function isPermissionGranted(
  permission: string,
  requester: FrameIdentity,
  options: UrlPolicyOptions = {},
): boolean {
  return GRANTED_PERMISSIONS.includes(permission) && isTrustedSender(requester, options);
}

/** Where an `app://` request leads: a file under the renderer root, or why not. */
export type AppAssetResolution = { path: string } | { error: 'not-found' | 'forbidden' };

/**
 * Maps an `app://latitude/...` request to a file under `rootDir`.
 *
 * The path is percent-decoded exactly once, after refusing anything that could change its
 * meaning when decoded or joined: dot segments (plain or encoded), encoded slashes and
 * backslashes, raw backslashes, NUL and control characters, empty segments (`//etc`), and
 * colons (Windows drive letters and alternate data streams). The joined path is then
 * checked to be inside `rootDir` as a last line of defence. `/` serves index.html, and so
 * does any path whose last segment has no extension: that is a client-side route, and the
 * single page app must load for it on reload.
 *
 * @param platformPath `node:path` by default; tests pass `path.win32` or `path.posix`.
 */
export function resolveAppAsset(
  requestUrl: string,
  rootDir: string,
  platformPath: PlatformPath = nodePath,
): AppAssetResolution {
  const parsed = parseUrl(requestUrl);
  if (parsed === null || !isAppUrl(requestUrl)) return { error: 'forbidden' };
  // Checked on the raw text: URL parsing already folds dot segments, which would hide the
  // attempt and could make a traversal look like an ordinary in-root path.
  const rawPath = rawPathOf(requestUrl);
  if (/(^|\/)(\.|%2e){1,2}(\/|$)/i.test(rawPath) || /%(2f|5c|00)/i.test(rawPath)) return { error: 'forbidden' };

  let decoded: string;
  try {
    decoded = decodeURIComponent(parsed.pathname);
  } catch {
    return { error: 'forbidden' };
  }
  if (containsControlCharacter(decoded) || /[\\:]/.test(decoded)) return { error: 'forbidden' };

  if (decoded === '' || decoded === '/') return inRoot(rootDir, ['index.html'], platformPath);
  if (!decoded.startsWith('/')) return { error: 'forbidden' };
  const segments = decoded.slice(1).split('/');
  const last = segments[segments.length - 1] ?? '';
  // A trailing slash asks for a directory; directories are never listed.
  if (last === '') return { error: 'not-found' };
  if (
    segments.some((segment) => segment === '' || segment === '.' || segment === '..' || windowsDeviceName.test(segment))
  ) {
    return { error: 'forbidden' };
  }
  if (!last.includes('.')) return inRoot(rootDir, ['index.html'], platformPath);
  return inRoot(rootDir, segments, platformPath);
}

/**
 * Names Windows treats as devices in any folder and with any extension (`NUL.js`); reading
 * `CON` would wait for console input. Refused on every platform so behaviour is the same.
 */
const windowsDeviceName = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * True for C0 and C1 control characters (NUL, newlines, DEL...), which parsers and file
 * systems treat inconsistently. A loop rather than a regex class of control characters,
 * which lint rightly flags as usually unintended.
 */
function containsControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

/** The path part of a URL as written, before the parser normalises it. */
function rawPathOf(url: string): string {
  const afterScheme = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  return afterScheme.replace(/[?#].*$/s, '');
}

function inRoot(rootDir: string, segments: readonly string[], platformPath: PlatformPath): AppAssetResolution {
  const root = platformPath.resolve(rootDir);
  const full = platformPath.resolve(root, ...segments);
  const relative = platformPath.relative(root, full);
  if (relative === '' || relative.startsWith('..') || platformPath.isAbsolute(relative)) return { error: 'forbidden' };
  return { path: full };
}

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The Content-Type for a served file, by extension. Unknown types are
 * `application/octet-stream`, which, with `nosniff`, Chromium will not run as a script or
 * style sheet.
 */
export function contentTypeFor(path: string): string {
  const match = /\.[a-z0-9]+$/i.exec(path);
  return (match && contentTypes[match[0].toLowerCase()]) ?? 'application/octet-stream';
}

/**
 * Response headers with `csp` as the only Content-Security-Policy, for pages Electron
 * loads over http (the dev server) where the `app://` protocol cannot add it. Any policy
 * the server sent is replaced rather than combined, so a weaker one cannot sneak in.
 */
export function withContentSecurityPolicy(
  headers: Readonly<Record<string, string[]>> | undefined,
  csp: string,
): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = value;
  }
  result['Content-Security-Policy'] = [csp];
  return result;
}
