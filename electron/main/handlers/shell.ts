/**
 * `shell:*` handlers: handing links to the operating system.
 */
import type { NamespaceHandlers } from '../ipc-handlers';
import { toSafeExternalUrl } from '../security-policy';

/** What the `shell:*` handlers need from Electron. */
export interface ShellHandlerDeps {
  /** `shell.openExternal`: opens a URL in the system browser. */
  openExternal: (url: string) => Promise<void>;
}

/** Creates the `shell:*` handlers. */
export function createShellHandlers(deps: ShellHandlerDeps): NamespaceHandlers<'shell'> {
  return {
    'shell:openExternal': async ({ url }) => {
      // The contract only checks that this is a short string; whether the OS may open it is
      // the security policy's call. Refusal is an answer, not an error: the renderer can
      // tell the person the link was not opened.
      const safeUrl = toSafeExternalUrl(url);
      if (safeUrl === null) return { opened: false };
      await deps.openExternal(safeUrl);
      return { opened: true };
    },
  };
}
