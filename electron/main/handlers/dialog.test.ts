import { describe, expect, it, vi } from 'vitest';
import type { OpenDialogOptions, OpenDialogReturnValue, SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import { fileTooLargeMessage, MAX_FILE_BYTES } from '@shared/ipc/contract';
import { createDialogHandlers } from './dialog';
import type { DialogFileSystem } from './dialog';

const MB = 1024 * 1024;

interface FakeEntry {
  data?: Uint8Array<ArrayBuffer>;
  /** Reported by stat when set; otherwise the data's length. */
  size?: number;
  isFile?: boolean;
}

/** An in-memory file system that can be told to fail one operation with a Node error code. */
function fakeFileSystem(initial: Record<string, FakeEntry> = {}) {
  const files = new Map(Object.entries(initial));
  const failures = new Map<keyof DialogFileSystem, string>();
  const fail = (operation: keyof DialogFileSystem): void => {
    const code = failures.get(operation);
    if (code !== undefined) {
      throw Object.assign(new Error(`${code}: failed, ${operation} '/home/someone/secret/place'`), { code });
    }
  };
  const missing = (path: string): Error =>
    Object.assign(new Error(`ENOENT: no such file, '${path}'`), { code: 'ENOENT' });
  const fs = {
    readFile: vi.fn(async (path: string) => {
      fail('readFile');
      const data = files.get(path)?.data;
      if (data === undefined) throw missing(path);
      return data;
    }),
    writeFile: vi.fn(async (path: string, data: Uint8Array) => {
      fail('writeFile');
      files.set(path, { data: new Uint8Array(data) });
    }),
    rename: vi.fn(async (from: string, to: string) => {
      fail('rename');
      const entry = files.get(from);
      if (entry === undefined) throw missing(from);
      files.set(to, entry);
      files.delete(from);
    }),
    unlink: vi.fn(async (path: string) => {
      fail('unlink');
      if (!files.delete(path)) throw missing(path);
    }),
    stat: vi.fn(async (path: string) => {
      fail('stat');
      const entry = files.get(path);
      if (entry === undefined) throw missing(path);
      return { size: entry.size ?? entry.data?.byteLength ?? 0, isFile: () => entry.isFile ?? true };
    }),
  } satisfies DialogFileSystem;
  return { fs, files, failures };
}

function setup(
  options: {
    save?: SaveDialogReturnValue;
    open?: OpenDialogReturnValue;
    files?: Record<string, FakeEntry>;
    defaultDirectory?: string;
  } = {},
) {
  const { fs, files, failures } = fakeFileSystem(options.files);
  const showSaveDialog = vi.fn(
    async (_window: unknown, _options: SaveDialogOptions) => options.save ?? { canceled: true, filePath: '' },
  );
  const showOpenDialog = vi.fn(
    async (_window: unknown, _options: OpenDialogOptions) => options.open ?? { canceled: true, filePaths: [] },
  );
  const handlers = createDialogHandlers({
    showSaveDialog,
    showOpenDialog,
    getWindow: () => undefined,
    ...(options.defaultDirectory === undefined ? {} : { getDefaultDirectory: () => options.defaultDirectory }),
    fs,
  });
  return { handlers, fs, files, failures, showSaveDialog, showOpenDialog };
}

const saveArgs = {
  title: 'Export workspace',
  suggestedName: 'team.latitude.json',
  filters: [{ name: 'Latitude backup', extensions: ['json'] }],
  data: new Uint8Array([1, 2, 3]),
};

describe('dialog:saveFile', () => {
  it('writes nothing when the person cancels', async () => {
    const { handlers, fs } = setup();
    await expect(handlers['dialog:saveFile'](saveArgs)).resolves.toEqual({ status: 'cancelled' });
    expect(fs.writeFile).not.toHaveBeenCalled();
  });

  it('treats an empty path as cancelled', async () => {
    const { handlers, fs } = setup({ save: { canceled: false, filePath: '' } });
    await expect(handlers['dialog:saveFile'](saveArgs)).resolves.toEqual({ status: 'cancelled' });
    expect(fs.writeFile).not.toHaveBeenCalled();
  });

  it('offers the suggested name, filters and title in the dialog', async () => {
    const { handlers, showSaveDialog } = setup({ defaultDirectory: '/home/someone/Documents' });
    await handlers['dialog:saveFile'](saveArgs);
    expect(showSaveDialog).toHaveBeenCalledExactlyOnceWith(undefined, {
      title: 'Export workspace',
      defaultPath: '/home/someone/Documents/team.latitude.json',
      filters: [{ name: 'Latitude backup', extensions: ['json'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
  });

  it('writes the bytes to the chosen path and answers with the base name only', async () => {
    const { handlers, files } = setup({ save: { canceled: false, filePath: '/home/someone/Backups/mine.json' } });
    const result = await handlers['dialog:saveFile'](saveArgs);
    expect(result).toEqual({ status: 'saved', fileName: 'mine.json' });
    expect(JSON.stringify(result)).not.toContain('/home');
    expect(files.get('/home/someone/Backups/mine.json')?.data).toEqual(new Uint8Array([1, 2, 3]));
    expect([...files.keys()]).toEqual(['/home/someone/Backups/mine.json']);
  });

  it('replaces an existing file only once the new one is fully written', async () => {
    const target = '/home/someone/Backups/mine.json';
    const { handlers, files, failures } = setup({
      save: { canceled: false, filePath: target },
      files: { [target]: { data: new Uint8Array([9, 9]) } },
    });
    failures.set('writeFile', 'ENOSPC');
    await expect(handlers['dialog:saveFile'](saveArgs)).rejects.toThrow(
      'There is not enough disk space to save mine.json',
    );
    expect(files.get(target)?.data).toEqual(new Uint8Array([9, 9]));
    expect([...files.keys()]).toEqual([target]);

    failures.delete('writeFile');
    await handlers['dialog:saveFile'](saveArgs);
    expect(files.get(target)?.data).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('removes the partial file when the final rename fails, and names no folder in the message', async () => {
    const { handlers, files, failures } = setup({ save: { canceled: false, filePath: '/home/someone/mine.json' } });
    failures.set('rename', 'EACCES');
    const failure = handlers['dialog:saveFile'](saveArgs);
    await expect(failure).rejects.toThrow(/^Latitude is not allowed to save mine\.json$/);
    expect(files.size).toBe(0);
  });

  it('keeps the original error as the cause for the log', async () => {
    const { handlers, failures } = setup({ save: { canceled: false, filePath: '/x/mine.json' } });
    failures.set('writeFile', 'EROFS');
    const error: unknown = await handlers['dialog:saveFile'](saveArgs).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(error instanceof Error && error.message).toBe('mine.json is on a disk that cannot be written to');
    expect(error instanceof Error && error.cause).toMatchObject({ code: 'EROFS' });
  });
});

describe('dialog:openFile', () => {
  const openArgs = { title: 'Import workspace', filters: [{ name: 'Latitude backup', extensions: ['json'] }] };

  it('reads nothing when the person cancels', async () => {
    const { handlers, fs, showOpenDialog } = setup();
    await expect(handlers['dialog:openFile'](openArgs)).resolves.toEqual({ status: 'cancelled' });
    expect(fs.readFile).not.toHaveBeenCalled();
    expect(showOpenDialog).toHaveBeenCalledExactlyOnceWith(undefined, { ...openArgs, properties: ['openFile'] });
  });

  it('returns the bytes and the base name of the chosen file', async () => {
    const data = new Uint8Array([7, 8, 9]);
    const { handlers } = setup({
      open: { canceled: false, filePaths: ['/home/someone/Downloads/team.json'] },
      files: { '/home/someone/Downloads/team.json': { data } },
    });
    await expect(handlers['dialog:openFile'](openArgs)).resolves.toEqual({
      status: 'opened',
      fileName: 'team.json',
      data,
    });
  });

  it('refuses a file over the limit before reading it', async () => {
    const { handlers, fs } = setup({
      open: { canceled: false, filePaths: ['/tmp/huge.json'] },
      files: { '/tmp/huge.json': { size: 300 * MB } },
    });
    await expect(handlers['dialog:openFile'](openArgs)).rejects.toThrow(
      'huge.json is 300 MB; the largest file Latitude opens is 256 MB',
    );
    expect(fs.readFile).not.toHaveBeenCalled();
  });

  it('opens a file of exactly the limit', async () => {
    const { handlers } = setup({
      open: { canceled: false, filePaths: ['/tmp/edge.json'] },
      files: { '/tmp/edge.json': { size: MAX_FILE_BYTES, data: new Uint8Array(4) } },
    });
    await expect(handlers['dialog:openFile'](openArgs)).resolves.toMatchObject({
      status: 'opened',
      fileName: 'edge.json',
    });
  });

  it('refuses a file that grew past the limit after it was measured', async () => {
    const { handlers } = setup({
      open: { canceled: false, filePaths: ['/tmp/growing.json'] },
      files: { '/tmp/growing.json': { size: 10, data: new Uint8Array(MAX_FILE_BYTES + 1) } },
    });
    await expect(handlers['dialog:openFile'](openArgs)).rejects.toThrow(/^growing\.json is 256\.1 MB;/);
  });

  it('refuses something that is not a regular file', async () => {
    const { handlers, fs } = setup({
      open: { canceled: false, filePaths: ['/home/someone/zero'] },
      files: { '/home/someone/zero': { size: 0, isFile: false } },
    });
    await expect(handlers['dialog:openFile'](openArgs)).rejects.toThrow('zero is not a file Latitude can open');
    expect(fs.readFile).not.toHaveBeenCalled();
  });

  it('explains a file that vanished without naming its folder', async () => {
    const { handlers } = setup({ open: { canceled: false, filePaths: ['/home/someone/gone.json'] } });
    await expect(handlers['dialog:openFile'](openArgs)).rejects.toThrow(/^gone\.json no longer exists$/);
  });

  it('explains a file it may not read', async () => {
    const { handlers, failures } = setup({
      open: { canceled: false, filePaths: ['/root/private.json'] },
      files: { '/root/private.json': { data: new Uint8Array(1) } },
    });
    failures.set('readFile', 'EACCES');
    await expect(handlers['dialog:openFile'](openArgs)).rejects.toThrow(
      /^Latitude is not allowed to read private\.json$/,
    );
  });
});

describe('fileTooLargeMessage', () => {
  it('rounds up so a file just over the limit never reads as equal to it', () => {
    expect(fileTooLargeMessage('a.json', 300 * MB)).toBe('a.json is 300 MB; the largest file Latitude opens is 256 MB');
    expect(fileTooLargeMessage('a.json', MAX_FILE_BYTES + 1)).toBe(
      'a.json is 256.1 MB; the largest file Latitude opens is 256 MB',
    );
    expect(fileTooLargeMessage('a.json', 1536 * MB)).toBe(
      'a.json is 1536 MB; the largest file Latitude opens is 256 MB',
    );
  });
});
