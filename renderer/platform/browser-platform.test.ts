// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_FILE_BYTES } from '@shared/ipc/contract';
import { createBrowserPlatform, type BrowserEnvironment } from './browser-platform';

function environment(): BrowserEnvironment & { opened: string[]; blobs: Blob[] } {
  const opened: string[] = [];
  const blobs: Blob[] = [];
  return {
    document,
    window: {
      navigator: window.navigator,
      open: (url?: string | URL) => {
        opened.push(String(url));
        return null;
      },
    },
    createObjectURL: (blob) => {
      blobs.push(blob);
      return 'blob:test/1';
    },
    revokeObjectURL: () => undefined,
    appVersion: '1.2.3',
    opened,
    blobs,
  };
}

/** Waits for the platform to add its hidden file input, then "chooses" files in it. */
function chooseFiles(files: File[]): void {
  const input = document.querySelector<HTMLInputElement>('input[type=file]');
  if (!input) throw new Error('no file input');
  Object.defineProperty(input, 'files', { value: files });
  input.dispatchEvent(new Event('change'));
}

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('browser platform', () => {
  it('saves a file as a download with the suggested name and the bytes', async () => {
    const env = environment();
    const clicks: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this);
    });
    const result = await createBrowserPlatform(env).saveFile({
      title: 'Export',
      suggestedName: 'team.latitude',
      filters: [],
      data: new Uint8Array([1, 2, 3]),
    });
    expect(result).toEqual({ status: 'saved', fileName: 'team.latitude' });
    expect(clicks[0]?.download).toBe('team.latitude');
    expect(new Uint8Array(await env.blobs[0]!.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    expect(document.querySelector('a')).toBeNull();
  });

  it('opens a chosen file, offering only the filter extensions', async () => {
    vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => undefined);
    const pending = createBrowserPlatform(environment()).openFile({
      title: 'Import',
      filters: [{ name: 'Latitude backup', extensions: ['latitude', 'json'] }],
    });
    expect(document.querySelector('input')?.accept).toBe('.latitude,.json');
    chooseFiles([new File([new Uint8Array([9, 8])], 'backup.latitude')]);
    expect(await pending).toEqual({ status: 'opened', fileName: 'backup.latitude', data: new Uint8Array([9, 8]) });
    expect(document.querySelector('input')).toBeNull();
  });

  it('reports a cancelled file choice', async () => {
    vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => undefined);
    const pending = createBrowserPlatform(environment()).openFile({ title: 'Import', filters: [] });
    document.querySelector('input')?.dispatchEvent(new Event('cancel'));
    expect(await pending).toEqual({ status: 'cancelled' });
  });

  it('refuses a file larger than the limit with a message naming it', async () => {
    vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => undefined);
    const pending = createBrowserPlatform(environment()).openFile({ title: 'Import', filters: [] });
    const huge = new File([], 'huge.latitude');
    Object.defineProperty(huge, 'size', { value: MAX_FILE_BYTES + 1 });
    chooseFiles([huge]);
    await expect(pending).rejects.toThrow('huge.latitude is 256.1 MB; the largest file Latitude opens is 256 MB');
  });

  it('opens only http and https links, in a new tab without an opener', async () => {
    const env = environment();
    const platform = createBrowserPlatform(env);
    expect(await platform.openExternal('https://example.org/guide')).toBe(true);
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'not a url']) {
      expect(await platform.openExternal(url)).toBe(false);
    }
    expect(env.opened).toEqual(['https://example.org/guide']);
  });

  it('cannot host signalling', () => {
    expect(createBrowserPlatform(environment()).signalling).toBeNull();
  });

  it('leaves saving as PDF to the print dialog', () => {
    expect(createBrowserPlatform(environment()).savePdf).toBeNull();
  });

  it('describes itself and where its data lives', async () => {
    const info = await createBrowserPlatform(environment()).getInfo();
    expect(info).toMatchObject({
      kind: 'browser',
      version: '1.2.3',
      dataLocation: "This browser's storage for http://localhost:3000",
    });
  });
});
