/**
 * The privileged `app://` scheme the packaged renderer is served from.
 *
 * Serving from a custom standard scheme rather than `file://` gives the renderer a real,
 * fixed origin (`app://latitude`), so the same-origin policy, IndexedDB and the CSP behave
 * as on the web, and a page can never read arbitrary files by URL. The request logic lives
 * in app-request-handler.ts and security-policy.ts; this module only talks to Electron.
 */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { createAppRequestHandler } from './app-request-handler';
import { APP_SCHEME } from './security-policy';

/**
 * Declares `app:` privileged. Must run before the app is ready: Chromium fixes scheme
 * privileges when it starts.
 * - standard: parsed like http (host, path, relative URLs resolve), a real origin;
 * - secure: a secure context, as https, so web platform features behave;
 * - supportFetchAPI: `fetch()` of app resources works;
 * - codeCache: V8 caches compiled scripts across launches.
 * Not bypassCSP, not corsEnabled, not allowServiceWorkers: nothing needs them.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves the built renderer in `rootDir` over `app://latitude/` with `csp` on every response. */
export function handleAppProtocol(rootDir: string, csp: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler({ rootDir, csp, readFile: (path) => readFile(path) }));
}
