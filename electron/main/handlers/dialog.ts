/**
 * `dialog:*` handlers: saving and opening files the person chooses in a native dialog.
 *
 * The renderer never names a path. It offers bytes and a bare file name; the person picks
 * the place; main writes there and answers with the base name only, so the renderer never
 * learns where files live on the machine. `print:savePdf` (print.ts) saves its PDF the same
 * way, with {@link writeFileReplacing}.
 */
import { basename, join } from 'node:path';
import type {
  BaseWindow,
  OpenDialogOptions,
  OpenDialogReturnValue,
  SaveDialogOptions,
  SaveDialogReturnValue,
} from 'electron';
import { fileTooLargeMessage, MAX_FILE_BYTES } from '@shared/ipc/contract';
import type { NamespaceHandlers } from '../ipc-handlers';

/** The file operations the dialogs need; `node:fs/promises` fits, tests pass a fake. */
export interface DialogFileSystem {
  /** Resolves to bytes backed by a plain (not shared) ArrayBuffer, as the contract requires. */
  readFile(path: string): Promise<Uint8Array<ArrayBuffer>>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  stat(path: string): Promise<{ size: number; isFile(): boolean }>;
}

/** What the `dialog:*` handlers need from Electron and Node. */
export interface DialogHandlerDeps {
  /** `dialog.showSaveDialog`, with or without a parent window. */
  showSaveDialog: (window: BaseWindow | undefined, options: SaveDialogOptions) => Promise<SaveDialogReturnValue>;
  /** `dialog.showOpenDialog`, with or without a parent window. */
  showOpenDialog: (window: BaseWindow | undefined, options: OpenDialogOptions) => Promise<OpenDialogReturnValue>;
  /** The window the dialog belongs to (so it is modal to it), if there is one. */
  getWindow: () => BaseWindow | undefined;
  /** Where a save dialog starts, e.g. the Documents folder; the OS decides when absent. */
  getDefaultDirectory?: () => string | undefined;
  fs: DialogFileSystem;
}

/** Creates the `dialog:*` handlers. */
export function createDialogHandlers(deps: DialogHandlerDeps): NamespaceHandlers<'dialog'> {
  return {
    'dialog:saveFile': async ({ title, suggestedName, filters, data }) => {
      const directory = deps.getDefaultDirectory?.();
      const result = await deps.showSaveDialog(deps.getWindow(), {
        title,
        defaultPath: directory === undefined ? suggestedName : join(directory, suggestedName),
        filters,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      if (result.canceled || result.filePath === undefined || result.filePath === '') return { status: 'cancelled' };
      const fileName = basename(result.filePath);
      await writeFileReplacing(deps.fs, result.filePath, data, fileName);
      return { status: 'saved', fileName };
    },

    'dialog:openFile': async ({ title, filters }) => {
      const result = await deps.showOpenDialog(deps.getWindow(), { title, filters, properties: ['openFile'] });
      const filePath = result.filePaths[0];
      if (result.canceled || filePath === undefined) return { status: 'cancelled' };
      const fileName = basename(filePath);

      const stats = await attempt(() => deps.fs.stat(filePath), fileName, 'read');
      // A device or pipe (say a link to /dev/zero) reports size 0 and never ends.
      if (!stats.isFile()) throw new Error(`${fileName} is not a file Latitude can open`);
      if (stats.size > MAX_FILE_BYTES) throw new Error(fileTooLargeMessage(fileName, stats.size));
      const data = await attempt(() => deps.fs.readFile(filePath), fileName, 'read');
      // The file may have grown between stat and read.
      if (data.byteLength > MAX_FILE_BYTES) throw new Error(fileTooLargeMessage(fileName, data.byteLength));
      return { status: 'opened', fileName, data };
    },
  };
}

/**
 * Writes next to the target and then renames over it, so a crash or a full disk halfway
 * through leaves the previous file (often the last good backup) intact. A failure is
 * reported in words that name the file but not its folder (see {@link attempt}). Also used
 * by `print:savePdf`.
 */
export async function writeFileReplacing(
  fs: Pick<DialogFileSystem, 'writeFile' | 'rename' | 'unlink'>,
  filePath: string,
  data: Uint8Array,
  fileName: string,
): Promise<void> {
  const partialPath = `${filePath}.partial`;
  try {
    await attempt(() => fs.writeFile(partialPath, data), fileName, 'save');
    await attempt(() => fs.rename(partialPath, filePath), fileName, 'save');
  } catch (error) {
    await fs.unlink(partialPath).catch(() => undefined);
    throw error;
  }
}

/**
 * Runs a file operation and turns a Node error into a sentence that names the file but
 * not its folder: Node's own messages carry the full path, which the renderer must not see.
 * The original error stays attached as `cause` for the main-process log.
 */
async function attempt<T>(operation: () => Promise<T>, fileName: string, action: 'save' | 'read'): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw new Error(describeFileError(error, fileName, action), { cause: error });
  }
}

function describeFileError(error: unknown, fileName: string, action: 'save' | 'read'): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  switch (code) {
    case 'ENOENT':
      return action === 'read' ? `${fileName} no longer exists` : `The folder for ${fileName} no longer exists`;
    case 'EACCES':
    case 'EPERM':
      return `Latitude is not allowed to ${action} ${fileName}`;
    case 'ENOSPC':
      return `There is not enough disk space to save ${fileName}`;
    case 'EROFS':
      return `${fileName} is on a disk that cannot be written to`;
    case 'EISDIR':
      return `${fileName} is a folder`;
    default:
      return `${fileName} could not be ${action === 'save' ? 'saved' : 'read'}`;
  }
}
