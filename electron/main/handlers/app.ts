/**
 * `app:*` handlers: facts about the running application.
 */
import type { NamespaceHandlers } from '../ipc-handlers';

/** What the `app:*` handlers read from Electron and Node; passed in so tests need neither. */
export interface AppHandlerDeps {
  getName: () => string;
  getVersion: () => string;
  /** `process.platform`. */
  platform: string;
  /** `process.versions.electron`. */
  electronVersion: string;
  /** `app.getPath('userData')`. */
  getUserDataPath: () => string;
}

/** Creates the `app:*` handlers. */
export function createAppHandlers(deps: AppHandlerDeps): NamespaceHandlers<'app'> {
  return {
    // Not `async`: nothing here waits, the handler type only asks for a promise.
    'app:getInfo': () =>
      Promise.resolve({
        name: deps.getName(),
        version: deps.getVersion(),
        platform: deps.platform,
        electron: deps.electronVersion,
        userDataPath: deps.getUserDataPath(),
      }),
  };
}
