/**
 * Fakes of the few Electron members the main process's pure modules use, shared by their
 * unit tests. They record what was registered and let a test fire events.
 */
import type { GuardableSession, GuardableWebContents, GuardedNavigationEvent } from './navigation-guard';

type NavigationListener = (event: GuardedNavigationEvent) => void;
type WindowOpenHandler = (details: { url: string }) => { action: 'deny' };
type PermissionRequestHandler = Parameters<GuardableSession['setPermissionRequestHandler']>[0];
type PermissionCheckHandler = Parameters<GuardableSession['setPermissionCheckHandler']>[0];

/** A web contents whose events a test can fire. */
export class FakeWebContents implements GuardableWebContents {
  readonly listeners = new Map<string, NavigationListener[]>();
  windowOpenHandler: WindowOpenHandler | undefined;
  readonly session = new FakeSession();

  on(event: string, listener: NavigationListener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  /** Fires `event` for `url`; says whether a listener prevented the default. */
  emit(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', url = ''): { prevented: boolean } {
    let prevented = false;
    const navigationEvent: GuardedNavigationEvent = {
      url,
      preventDefault: () => {
        prevented = true;
      },
    };
    for (const listener of this.listeners.get(event) ?? []) listener(navigationEvent);
    return { prevented };
  }

  /** What `window.open(url)` would get. */
  open(url: string): { action: 'deny' } | undefined {
    return this.windowOpenHandler?.({ url });
  }
}

/** A session whose permission handlers a test can consult. */
export class FakeSession implements GuardableSession {
  requestHandler: PermissionRequestHandler | undefined;
  checkHandler: PermissionCheckHandler | undefined;

  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.requestHandler = handler;
  }

  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.checkHandler = handler;
  }

  /** What a permission request from `requestingUrl` is answered with (undefined: never answered). */
  request(permission: string, requestingUrl: string, isMainFrame = true): boolean | undefined {
    let granted: boolean | undefined;
    this.requestHandler?.(null, permission, (answer) => (granted = answer), { requestingUrl, isMainFrame });
    return granted;
  }

  /** What a permission check from `requestingOrigin` is answered with. */
  check(
    permission: string,
    requestingOrigin: string,
    details: { requestingUrl?: string; isMainFrame: boolean },
  ): boolean | undefined {
    return this.checkHandler?.(null, permission, requestingOrigin, details);
  }
}
