/**
 * The backup file of a workspace (DESIGN.md, "Backups"): one UTF-8 JSON text file, extension
 * `.latitude`, that holds the workspace's encoded Yjs state and a readable copy of its content.
 *
 * Format 1, keys written in this order:
 *
 *     {
 *       "format": "latitude-backup",
 *       "formatVersion": 1,
 *       "app": { "name": "Latitude", "version": "0.1.0" },
 *       "exportedAt": "2026-11-23T09:30:00.000Z",            ISO 8601, UTC
 *       "workspace": { "id", "name", "kind": "personal" | "team", "createdAt": ms since epoch },
 *       "schemaVersion": 1,                                   version of the workspace document model
 *       "checksum": { "algorithm": "SHA-256", "value": "<64 lowercase hex digits>" },
 *       "content": { … },                                     readable copy, shaped by the caller
 *       "state": "<base64>"                                   Y.encodeStateAsUpdate of the document
 *     }
 *
 * Checksum: SHA-256 of the UTF-8 bytes of the canonical JSON of every field except `checksum`
 * (content and state included, so editing the readable copy or the state is detected).
 * Canonical JSON is that of RFC 8785 (JCS) for the values JSON.parse produces: no whitespace,
 * object keys sorted by UTF-16 code units at every depth, strings and numbers as
 * `JSON.stringify` writes them. It is computed from the parsed file, so re-indenting the file or
 * reordering its keys does not break it. The checksum detects damage and edits; it is not a
 * signature: anyone can recompute it.
 *
 * {@link decodeBackup} refuses a file at the first check that fails, with a {@link BackupError}
 * whose message names the problem:
 *  1. empty (no bytes, or only whitespace and a byte order mark)                             → `empty`
 *  2. larger than {@link BACKUP_MAX_BYTES}                             → `too-large`
 *  3. not UTF-8, or not JSON: `truncated` when it starts like a backup and ends inside an
 *     unclosed string, object or array (or a multi-byte character); `not-json` otherwise
 *  4. JSON but not an object with `format: "latitude-backup"`         → `foreign`
 *  5. `formatVersion` a whole number above {@link BACKUP_FORMAT_VERSION} → `future-format`
 *  6. envelope schema (strict: no unknown fields), first problem with its field path → `invalid`
 *  7. `schemaVersion` above the caller's `supportedSchemaVersion`      → `future-schema`
 *  8. `state` is not base64                                           → `invalid`
 *  9. checksum mismatch                                               → `tampered`
 *
 * This module checks the file, not the workspace: the caller applies `state` to a fresh Y.Doc,
 * validates `content` against the document model, and writes nothing until both succeed.
 * Hashing is passed in (the app passes WebCrypto's `crypto.subtle.digest`), so this stays pure.
 */
import { z } from 'zod';
import { workspaceKinds } from '../workspace/workspace-meta';
import { decodeBase64, encodeBase64, InvalidBase64Error } from './base64';

// The WHATWG Encoding API exists in every runtime Latitude runs in (Chromium, Electron, Node)
// but belongs to neither ES lib this layer compiles against; declare the part used here.
declare const TextEncoder: new () => { encode(input: string): Uint8Array<ArrayBuffer> };
declare const TextDecoder: new (
  label: 'utf-8',
  options: { fatal: boolean },
) => { decode(input?: Uint8Array, options?: { stream: boolean }): string };

/** The value of a backup's `format` field: what marks a JSON file as a Latitude backup. */
export const BACKUP_FORMAT = 'latitude-backup';
/** The backup format this version writes and the newest it reads. */
export const BACKUP_FORMAT_VERSION = 1;
/** The extension of backup files, with its dot (dialog filters want it without: `.slice(1)`). */
export const BACKUP_FILE_EXTENSION = '.latitude';
/** The largest backup file read: 256 MiB. Larger files are refused before they are parsed. */
export const BACKUP_MAX_BYTES = 256 * 1024 * 1024;

/** Why a file was refused; see the module header for the order of the checks. */
export type BackupErrorCode =
  | 'empty'
  | 'not-json'
  | 'truncated'
  | 'foreign'
  | 'future-format'
  | 'future-schema'
  | 'invalid'
  | 'tampered'
  | 'too-large';

/** A refused backup. The message is a sentence for a person that names the problem. */
export class BackupError extends Error {
  override readonly name = 'BackupError';

  /** Makes an error with a machine-readable `code` and a message to show. */
  constructor(
    /** Which check failed. */
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The messages of {@link BackupError}, one place so they read alike. */
const messages = {
  empty: 'The file is empty, so there is no backup in it to import.',
  tooLarge: (maxBytes: number) =>
    `The file is larger than ${formatBytes(maxBytes)}, the most a Latitude backup can be, so it was not read.`,
  binary: 'This file is not a Latitude backup: it holds binary data, not text.',
  notJson: 'This file is not a Latitude backup: it is text, but not JSON.',
  brokenJson: 'This backup is damaged: its text is no longer valid JSON, so it cannot be read.',
  truncated:
    'This backup is incomplete: the file ends too early, probably because it was cut off while being copied or downloaded.',
  foreign: 'This file is not a Latitude backup.',
  futureFormat: (version: number) =>
    `This backup was made by a newer version of Latitude (backup format ${version}). ` +
    `This version reads format ${BACKUP_FORMAT_VERSION}; update Latitude to import it.`,
  invalid: (problem: string) => `This backup is damaged: ${problem}.`,
  futureSchema: (version: number, supported: number) =>
    `This backup was made by a newer version of Latitude (workspace data version ${version}). ` +
    `This version reads up to version ${supported}; update Latitude to import it.`,
  tampered: 'The backup was changed after it was exported (its checksum does not match), so it was not imported.',
};

/**
 * Hashes bytes with SHA-256. WebCrypto's digest fits as is:
 * `(bytes) => crypto.subtle.digest('SHA-256', bytes)`.
 */
export type Sha256 = (bytes: Uint8Array<ArrayBuffer>) => Promise<ArrayBuffer | Uint8Array>;

// Each `error` says what the field must be; describeIssue adds the path and what was found.
const shortText = (max: number) => {
  const error = `must be text of 1 to ${max} characters`;
  return z.string({ error }).min(1, { error }).max(max, { error });
};

/** The workspace a backup holds, as its registry entry has it. */
export const backupWorkspaceSchema = z
  .object(
    {
      id: shortText(64),
      // Trimmed, as the registry stores names, so a blank name is refused.
      name: z
        .string({ error: 'must be text of 1 to 80 characters' })
        .trim()
        .min(1, { error: 'must be text of 1 to 80 characters' })
        .max(80, { error: 'must be text of 1 to 80 characters' }),
      kind: z.enum(workspaceKinds, { error: 'must be "personal" or "team"' }),
      createdAt: z.int({ error: 'must be a time in milliseconds (a whole number)' }).nonnegative({
        error: 'must be a time in milliseconds (a whole number)',
      }),
    },
    { error: 'must be an object with id, name, kind and createdAt' },
  )
  .strict();

/** The envelope of a backup file (format 1), strict: a field it does not know is an error. */
export const backupEnvelopeSchema = z
  .object(
    {
      format: z.literal(BACKUP_FORMAT, { error: `must be "${BACKUP_FORMAT}"` }),
      formatVersion: z.literal(BACKUP_FORMAT_VERSION, { error: `must be ${BACKUP_FORMAT_VERSION}` }),
      app: z
        .object(
          {
            name: z.literal('Latitude', { error: 'must be "Latitude"' }),
            version: shortText(64),
          },
          { error: 'must be an object with name and version' },
        )
        .strict(),
      exportedAt: z.iso.datetime({ error: 'must be a date and time like "2026-11-23T09:30:00.000Z"' }),
      workspace: backupWorkspaceSchema,
      schemaVersion: z.int({ error: 'must be a whole number of 1 or more' }).min(1, {
        error: 'must be a whole number of 1 or more',
      }),
      state: z.string({ error: 'must be base64 text' }),
      // The readable copy; the caller validates it against the document model it knows.
      content: z.unknown().refine((value) => value !== undefined, { error: 'must be present' }),
      checksum: z
        .object(
          {
            algorithm: z.literal('SHA-256', { error: 'must be "SHA-256"' }),
            value: z.string({ error: 'must be 64 lowercase hexadecimal digits' }).regex(/^[0-9a-f]{64}$/, {
              error: 'must be 64 lowercase hexadecimal digits',
            }),
          },
          { error: 'must be an object with algorithm and value' },
        )
        .strict(),
    },
    { error: 'must be an object' },
  )
  .strict();

/** The parsed envelope of a backup file. */
export type BackupEnvelope = z.output<typeof backupEnvelopeSchema>;
/** The workspace entry a backup carries. */
export type BackupWorkspace = z.output<typeof backupWorkspaceSchema>;

/** What {@link encodeBackup} needs. Time is passed in; `workspace` may be a whole registry entry. */
export interface BackupInput {
  /** The version of Latitude making the backup. */
  appVersion: string;
  /** When the backup is made, in milliseconds since the epoch. */
  exportedAt: number;
  /** The workspace; only id, name, kind and createdAt are written. */
  workspace: BackupWorkspace;
  /** The version of the document model `state` and `content` follow. */
  schemaVersion: number;
  /** The encoded Yjs document (`Y.encodeStateAsUpdate`). */
  state: Uint8Array;
  /** The readable copy: any JSON value (it is written as `JSON.stringify` would). */
  content: unknown;
}

/** A backup that passed every check. `state` and `content` still need the caller's checks. */
export interface DecodedBackup {
  /** The workspace entry as exported. */
  workspace: BackupWorkspace;
  /** The document model version of `state` and `content`. */
  schemaVersion: number;
  /** The encoded Yjs document. */
  state: Uint8Array;
  /** The readable copy, unvalidated. */
  content: unknown;
  /** When the backup was made, in milliseconds since the epoch. */
  exportedAt: number;
  /** The version of Latitude that made it. */
  appVersion: string;
}

/** Options of {@link decodeBackup}. */
export interface DecodeBackupOptions {
  /** SHA-256, injected. */
  sha256: Sha256;
  /** The newest document model version this app reads; newer backups are refused. */
  supportedSchemaVersion: number;
  /** Size limit in bytes; {@link BACKUP_MAX_BYTES} unless given (tests pass a small one). */
  maxBytes?: number;
}

/** The fields of the envelope, in the order they are written. `checksum` is not hashed. */
const writtenOrder = [
  'format',
  'formatVersion',
  'app',
  'exportedAt',
  'workspace',
  'schemaVersion',
  'checksum',
  'content',
  'state',
] as const satisfies readonly (keyof BackupEnvelope)[];

/**
 * The canonical JSON of a JSON value (RFC 8785 for values `JSON.parse` produces): no
 * whitespace, object keys sorted by UTF-16 code units. Throws a `TypeError` on anything that is
 * not JSON (undefined, functions, non-finite numbers, bigint…) and a `RangeError` on nesting too
 * deep for the stack.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
      const record = value as Record<string, unknown>;
      const members = Object.keys(record)
        .sort()
        .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
      return `{${members.join(',')}}`;
    }
    default:
      throw new TypeError(`a ${typeof value} is not a JSON value`);
  }
}

/**
 * The text the checksum covers: the canonical JSON of `envelope` without its `checksum` field.
 * Exported so tests and fixture generators can re-sign an envelope they altered on purpose.
 */
export function checksumText(envelope: Readonly<Record<string, unknown>>): string {
  const hashed = Object.fromEntries(Object.entries(envelope).filter(([key]) => key !== 'checksum'));
  return canonicalJson(hashed);
}

/** The lowercase hex SHA-256 of {@link checksumText}`(envelope)`. */
export async function computeChecksum(envelope: Readonly<Record<string, unknown>>, sha256: Sha256): Promise<string> {
  const digest = await sha256(new TextEncoder().encode(checksumText(envelope)));
  const bytes = digest instanceof Uint8Array ? digest : new Uint8Array(digest);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Writes a backup file: pretty-printed JSON with the fields in a fixed order (see the module
 * header) and the checksum filled in. The same input always gives the same text; `content` keeps
 * the key order the caller gave it. Throws a `TypeError` naming the field when the input would
 * make a file that {@link decodeBackup} refuses (so the app never writes one).
 */
export async function encodeBackup(input: BackupInput, options: { sha256: Sha256 }): Promise<string> {
  if (input.content === undefined) throw new TypeError('Cannot make a backup: content is missing.');
  if (!Number.isFinite(input.exportedAt)) throw new TypeError('Cannot make a backup: exportedAt is not a time.');
  const { id, name, kind, createdAt } = input.workspace;
  const unsigned = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    app: { name: 'Latitude', version: input.appVersion },
    exportedAt: new Date(input.exportedAt).toISOString(),
    workspace: { id, name, kind, createdAt },
    schemaVersion: input.schemaVersion,
    // Through JSON and back, so what is hashed is exactly what a reader will parse.
    content: JSON.parse(JSON.stringify(input.content)) as unknown,
    state: encodeBase64(input.state),
  };
  const checked = backupEnvelopeSchema.safeParse({
    ...unsigned,
    checksum: { algorithm: 'SHA-256', value: '0'.repeat(64) },
  });
  if (!checked.success) {
    const [issue] = checked.error.issues;
    throw new TypeError(`Cannot make a backup: ${issue ? describeIssue(issue, unsigned) : 'the input is invalid'}.`);
  }
  const envelope: Record<string, unknown> = {
    ...unsigned,
    checksum: { algorithm: 'SHA-256', value: await computeChecksum(unsigned, options.sha256) },
  };
  const ordered = Object.fromEntries(writtenOrder.map((key) => [key, envelope[key]]));
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/**
 * Reads a backup file, checking it in the order the module header lists. Resolves to the
 * backup's parts, or rejects with a {@link BackupError} whose message names the problem. It has
 * no effects: the caller writes only after it resolves and after its own checks of state and content.
 */
export async function decodeBackup(file: string | Uint8Array, options: DecodeBackupOptions): Promise<DecodedBackup> {
  const maxBytes = options.maxBytes ?? BACKUP_MAX_BYTES;
  const size = typeof file === 'string' ? utf8Length(file) : file.length;
  if (size === 0) throw new BackupError('empty', messages.empty);
  if (size > maxBytes) throw new BackupError('too-large', messages.tooLarge(maxBytes));

  const { text, endsMidCharacter } =
    typeof file === 'string' ? { text: file, endsMidCharacter: false } : readUtf8(file);
  if (text === null) throw new BackupError('not-json', messages.binary);
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') throw new BackupError('empty', messages.empty);
  if (body.includes('\u0000')) throw new BackupError('not-json', messages.binary);

  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    if (!looksLikeBackup(body)) throw new BackupError('not-json', messages.notJson);
    if (endsMidCharacter || endsInsideValue(body)) throw new BackupError('truncated', messages.truncated);
    throw new BackupError('not-json', messages.brokenJson);
  }

  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new BackupError('foreign', `${messages.foreign} ${describeForeign(parsed)}`);
  }
  const record = parsed as Record<string, unknown>;
  if (record.format !== BACKUP_FORMAT)
    throw new BackupError('foreign', `${messages.foreign} ${describeForeign(record)}`);

  const formatVersion = record.formatVersion;
  if (typeof formatVersion === 'number' && Number.isInteger(formatVersion) && formatVersion > BACKUP_FORMAT_VERSION) {
    throw new BackupError('future-format', messages.futureFormat(formatVersion));
  }

  const checked = backupEnvelopeSchema.safeParse(record);
  if (!checked.success) {
    const [issue] = checked.error.issues;
    throw new BackupError(
      'invalid',
      messages.invalid(issue ? describeIssue(issue, record) : 'its fields are not valid'),
    );
  }
  const envelope = checked.data;

  if (envelope.schemaVersion > options.supportedSchemaVersion) {
    throw new BackupError(
      'future-schema',
      messages.futureSchema(envelope.schemaVersion, options.supportedSchemaVersion),
    );
  }

  let state: Uint8Array;
  try {
    state = decodeBase64(envelope.state);
  } catch (error) {
    if (!(error instanceof InvalidBase64Error)) throw error;
    throw new BackupError('invalid', messages.invalid(`state is not valid base64 (${error.message})`));
  }

  let checksum: string;
  try {
    checksum = await computeChecksum(record, options.sha256);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new BackupError('invalid', messages.invalid('content is nested too deeply to read'));
  }
  if (checksum !== envelope.checksum.value) throw new BackupError('tampered', messages.tampered);

  return {
    workspace: envelope.workspace,
    schemaVersion: envelope.schemaVersion,
    state,
    content: envelope.content,
    exportedAt: Date.parse(envelope.exportedAt),
    appVersion: envelope.app.version,
  };
}

/** What a JSON value that is not a Latitude backup seems to be, as a sentence. */
function describeForeign(value: unknown): string {
  if (Array.isArray(value)) return 'It holds a JSON array.';
  if (value === null) return 'It holds only the JSON value null.';
  if (typeof value === 'object') {
    const format = (value as Record<string, unknown>).format;
    if (typeof format === 'string') return `It says its format is ${quote(format)}.`;
    return 'It is JSON, but not marked as a Latitude backup.';
  }
  if (typeof value === 'string') return 'It holds only a JSON string.';
  if (typeof value === 'number') return 'It holds only a JSON number.';
  return `It holds only the JSON value ${value === true ? 'true' : 'false'}.`;
}

/** One schema issue as "path problem", e.g. `schemaVersion must be …, but it is the string "1"`. */
function describeIssue(issue: z.core.$ZodIssue, root: unknown): string {
  if (issue.code === 'unrecognized_keys') {
    const where = issue.path.length === 0 ? 'it' : fieldPath(issue.path);
    const keys = issue.keys.map(quote);
    const list = keys.length === 1 ? `field ${keys[0]}` : `fields ${keys.slice(0, -1).join(', ')} and ${keys.at(-1)}`;
    return `${where} has an unexpected ${list}`;
  }
  const path = fieldPath(issue.path);
  const found = valueAt(root, issue.path);
  if (found === undefined) return `${path} is missing`;
  return `${path} ${issue.message}, but it is ${describeValue(found)}`;
}

/** `workspace.name`, `content[3]` … */
function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** A found value, briefly: `the string "1"`, `-3`, `an object`. */
function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return value.length <= 40 ? `the string ${JSON.stringify(value)}` : `a string of ${value.length} characters`;
    case 'number':
    case 'boolean':
      return String(value);
    default:
      return 'an object';
  }
}

/** A string from a file, quoted for a message and cut to a readable length. */
function quote(text: string): string {
  return JSON.stringify(text.length <= 40 ? text : `${text.slice(0, 39)}…`);
}

function formatBytes(bytes: number): string {
  const mebibyte = 1024 * 1024;
  if (bytes % mebibyte === 0) return `${bytes / mebibyte} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/** The number of bytes `text` takes in UTF-8 (a lone surrogate counts as U+FFFD, 3 bytes). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Decodes UTF-8 (dropping a byte order mark). `text` is null when the bytes are not UTF-8;
 * `endsMidCharacter` says the bytes were valid up to a multi-byte character cut off at the end.
 */
function readUtf8(bytes: Uint8Array): { text: string | null; endsMidCharacter: boolean } {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let text: string;
  try {
    text = decoder.decode(bytes, { stream: true });
  } catch {
    return { text: null, endsMidCharacter: false };
  }
  try {
    text += decoder.decode();
    return { text, endsMidCharacter: false };
  } catch {
    return { text, endsMidCharacter: true };
  }
}

/** A Latitude backup starts with `{` and says its format early; we write it as the first field. */
function looksLikeBackup(text: string): boolean {
  return text.trimStart().startsWith('{') && /"format"\s*:\s*"latitude-backup"/.test(text.slice(0, 4096));
}

/**
 * Whether the text ends inside a string or with an object or array still open: the mark of a file
 * cut short, as opposed to one damaged in the middle (whose brackets still balance).
 */
function endsInsideValue(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 92)
        i++; // backslash: skip the escaped character
      else if (char === 34) inString = false;
    } else if (char === 34) inString = true;
    else if (char === 123 || char === 91) depth++;
    else if (char === 125 || char === 93) depth--;
  }
  return inString || depth > 0;
}
