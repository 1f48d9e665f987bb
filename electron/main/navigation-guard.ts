/**
 * Wires the security policy's decisions to a page's navigation and permission events.
 *
 * Written against the few members of Electron's `WebContents` and `Session` it uses
 * (types only), so the wiring itself, not just the decisions, is unit-tested with fakes.
 */
import { decideNavigation, isPermissionGranted, toSafeExternalUrl } from './security-policy';
import type { UrlPolicyOptions } from './security-policy';

/** The part of a navigation event the guard reads. */
export interface GuardedNavigationEvent {
  readonly url: string;
  preventDefault(): void;
}

/** The members of Electron's `WebContents` the guard uses. */
export interface GuardableWebContents {
  on(event: 'will-navigate', listener: (event: GuardedNavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: GuardedNavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** The members of Electron's `Session` the guard uses. */
export interface GuardableSession {
  setPermissionRequestHandler(
    handler: (
      webContents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { requestingUrl?: string; isMainFrame?: boolean },
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (
      webContents: unknown,
      permission: string,
      requestingOrigin: string,
      details: { requestingUrl?: string; isMainFrame: boolean },
    ) => boolean,
  ): void;
}

/** Options for {@link guardWebContents}. */
export interface NavigationGuardOptions extends UrlPolicyOptions {
  /** Hands a URL that passed `toSafeExternalUrl` to the system browser. */
  openExternal: (url: string) => void;
}

// Every web contents is guarded twice over (when its window is made, and by the app-wide
// 'web-contents-created' belt); listeners registered twice would open a link twice.
const guardedContents = new WeakSet<object>();

/**
 * Applies the navigation policy to one page, once:
 * - navigating within the app is allowed; a safe web link opens in the system browser
 *   instead; anything else is stopped;
 * - a redirect may only stay within the app (a redirect is not the person's click, so it
 *   never opens the browser);
 * - `window.open` and `target=_blank` never create an Electron window: safe web links go
 *   to the system browser and everything else is dropped;
 * - `<webview>` is never attached (it is also disabled in the web preferences).
 */
export function guardWebContents(contents: GuardableWebContents, options: NavigationGuardOptions): void {
  if (guardedContents.has(contents)) return;
  guardedContents.add(contents);

  const openIfSafe = (url: string): void => {
    const safeUrl = toSafeExternalUrl(url);
    if (safeUrl !== null) options.openExternal(safeUrl);
  };

  contents.on('will-navigate', (event) => {
    const decision = decideNavigation(event.url, options);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-external') openIfSafe(event.url);
  });

  contents.on('will-redirect', (event) => {
    if (decideNavigation(event.url, options) !== 'allow') event.preventDefault();
  });

  contents.setWindowOpenHandler(({ url }) => {
    if (decideNavigation(url, options) === 'open-external') openIfSafe(url);
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}

/**
 * Answers every permission request and check of a session from `isPermissionGranted`:
 * only the app's own main frame gets the few listed permissions; everything else, from any
 * page, is denied. Both handlers are needed: Chromium checks first and asks only if the
 * check fails.
 */
export function guardSessionPermissions(session: GuardableSession, options: UrlPolicyOptions = {}): void {
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    callback(
      isPermissionGranted(
        permission,
        { url: details.requestingUrl, isMainFrame: details.isMainFrame === true },
        options,
      ),
    );
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) =>
    isPermissionGranted(
      permission,
      { url: details.requestingUrl ?? requestingOrigin, isMainFrame: details.isMainFrame },
      options,
    ),
  );
}
