/**
 * The name offered when saving a backup: `<workspace name> <YYYY-MM-DD>.latitude`, safe on
 * Windows, macOS and Linux.
 *
 * From the workspace name: characters no file system accepts (`< > : " / \ | ? *`) and control
 * characters become spaces; bidirectional controls, which can make a name display a different
 * extension than it has, are removed; runs of spaces collapse; spaces and dots are trimmed from
 * both ends (Windows drops trailing ones, a leading dot hides the file). The name is cut to
 * {@link maxNameBytes} UTF-8 bytes on a code point boundary, which keeps the whole file name
 * under the 255-byte limit of common file systems. A name Windows reserves for a device (`CON`,
 * `NUL.txt`…) gets a leading `_`; an empty result falls back to "Latitude backup".
 */
import { BACKUP_FILE_EXTENSION } from './backup-format';

/** The most UTF-8 bytes the workspace-name part of a file name keeps. */
const maxNameBytes = 200;
const fallbackName = 'Latitude backup';

/** Characters no file system accepts in a name: reserved ones and controls (C0, DEL, C1). */
function replaceIllegal(name: string): string {
  return Array.from(name, (char) => {
    const code = char.codePointAt(0) ?? 0;
    const control = code < 0x20 || (code >= 0x7f && code <= 0x9f);
    return control || '<>:"/\\|?*'.includes(char) ? ' ' : char;
  }).join('');
}
const bidiControls = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const windowsDevice = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/**
 * A file name for a backup of `workspaceName` made on `date`, e.g.
 * `Product team 2026-11-23.latitude`. The date is the local calendar date of `date`; an
 * invalid date throws a `RangeError`.
 */
export function backupFileName(workspaceName: string, date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('backupFileName needs a valid date.');
  let name = trimName(replaceIllegal(workspaceName.replace(bidiControls, '')).replace(/\s+/g, ' '));
  name = trimName(cutToBytes(name, maxNameBytes));
  if (name === '') name = fallbackName;
  const stem = name.split('.')[0]?.trim() ?? '';
  if (windowsDevice.test(stem)) name = `_${name}`;
  return `${name} ${localDate(date)}${BACKUP_FILE_EXTENSION}`;
}

function trimName(name: string): string {
  return name.replace(/^[\s.]+|[\s.]+$/g, '');
}

/** The longest prefix of `text` whose UTF-8 encoding fits in `limit` bytes, whole code points only. */
function cutToBytes(text: string, limit: number): string {
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (bytes > limit) break;
    end += char.length;
  }
  return text.slice(0, end);
}

function localDate(date: Date): string {
  const pad = (value: number, length: number) => String(value).padStart(length, '0');
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1, 2)}-${pad(date.getDate(), 2)}`;
}
