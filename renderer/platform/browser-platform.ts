/**
 * The platform in a plain browser: files are saved as downloads and opened through a
 * file input; there is no application menu, no hosting of signalling and no one-step PDF
 * (the print dialog's "Save as PDF" printer does that). Used by `npm run web`, the web build
 * and the end-to-end tests.
 */
import { fileTooLargeMessage, MAX_FILE_BYTES } from '@shared/ipc/contract';
import type { FileTypeFilter, OpenFileResult, Platform } from './platform';

/** What the browser platform needs from its surroundings (replaced in tests). */
export interface BrowserEnvironment {
  document: Document;
  window: Pick<Window, 'open' | 'navigator'>;
  createObjectURL: (blob: Blob) => string;
  revokeObjectURL: (url: string) => void;
  appVersion: string;
}

function acceptAttribute(filters: FileTypeFilter[]): string {
  return filters
    .flatMap((filter) => filter.extensions)
    .filter((extension) => extension !== '*')
    .map((extension) => `.${extension}`)
    .join(',');
}

/** Opens a file picker and reads the chosen file, or reports that the person cancelled. */
function pickFile(env: BrowserEnvironment, filters: FileTypeFilter[]): Promise<OpenFileResult> {
  return new Promise((resolve, reject) => {
    const input = env.document.createElement('input');
    input.type = 'file';
    input.accept = acceptAttribute(filters);
    input.style.display = 'none';
    const finish = () => input.remove();
    input.addEventListener('cancel', () => {
      finish();
      resolve({ status: 'cancelled' });
    });
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      finish();
      if (!file) {
        resolve({ status: 'cancelled' });
        return;
      }
      if (file.size > MAX_FILE_BYTES) {
        reject(new Error(fileTooLargeMessage(file.name, file.size)));
        return;
      }
      file.arrayBuffer().then(
        (buffer) => resolve({ status: 'opened', fileName: file.name, data: new Uint8Array(buffer) }),
        () => reject(new Error(`${file.name} could not be read.`)),
      );
    });
    env.document.body.append(input);
    input.click();
  });
}

/** Builds the browser platform. */
export function createBrowserPlatform(env: BrowserEnvironment): Platform {
  return {
    kind: 'browser',
    getInfo: () =>
      Promise.resolve({
        kind: 'browser',
        version: env.appVersion,
        system: env.window.navigator.userAgent,
        dataLocation: `This browser's storage for ${env.document.location.origin}`,
      }),
    saveFile({ suggestedName, data }) {
      const url = env.createObjectURL(new Blob([data], { type: 'application/octet-stream' }));
      const link = env.document.createElement('a');
      link.href = url;
      link.download = suggestedName;
      link.style.display = 'none';
      env.document.body.append(link);
      link.click();
      link.remove();
      // Give the browser a moment to start the download before the URL goes away.
      setTimeout(() => env.revokeObjectURL(url), 10_000);
      return Promise.resolve({ status: 'saved', fileName: suggestedName });
    },
    openFile: ({ filters }) => pickFile(env, filters),
    openExternal(url) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return Promise.resolve(false);
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return Promise.resolve(false);
      env.window.open(parsed.href, '_blank', 'noopener,noreferrer');
      return Promise.resolve(true);
    },
    onMenuCommand: () => () => undefined,
    // A page cannot accept connections: hosting signalling needs the desktop app.
    signalling: null,
    // A page cannot print itself to a file; `window.print()` and the browser's PDF printer can.
    savePdf: null,
  };
}
