/**
 * Export and import of workspace backups. The file format and its checks live in
 * shared/backup; this module adds what needs the document model:
 *
 * Export: the document's full Yjs state and its readable copy go into one file.
 * Import (nothing in the app changes until every check has passed):
 *   1. `decodeBackup` checks the file (empty, truncated, foreign, future, tampered…);
 *   2. the state is applied to a scratch document, which must decode;
 *   3. the readable copy must equal the scratch document's own copy, so what a person can
 *      read in the file is what gets imported;
 *   4. an older document model is migrated in the scratch document, and the result must
 *      validate against the current entity schemas.
 * Then the backup becomes a new workspace (one transaction: registry entry and document),
 * or is merged into the same workspace (a CRDT merge: nothing anyone wrote is lost).
 */
import * as Y from 'yjs';
import { BackupError, decodeBackup, encodeBackup } from '@shared/backup/backup-format';
import { backupFileName } from '@shared/backup/backup-file-name';
import { entityKinds } from '@shared/model/entities';
import type { WorkspaceMeta } from '@shared/workspace/workspace-meta';
import { openDocument } from '../data/migrations';
import {
  CURRENT_SCHEMA_VERSION,
  documentToPlain,
  getMetaMap,
  IMPORT_ORIGIN,
  isPlainObject,
  plainDocumentSchema,
  plainEquals,
  readSchemaVersion,
} from '../data/workspace-document';
import type { UpdateLog } from '../data/persistence/update-log';

/** SHA-256 through WebCrypto, in the browser, in Electron's renderer and in Node. */
export const sha256 = (bytes: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer> => crypto.subtle.digest('SHA-256', bytes);

/** A backup ready to save. */
export interface BackupFile {
  fileName: string;
  data: Uint8Array<ArrayBuffer>;
}

/** Writes a workspace's backup file. */
export async function createBackupFile(workspace: WorkspaceMeta, doc: Y.Doc, now: number): Promise<BackupFile> {
  const text = await encodeBackup(
    {
      appVersion: __APP_VERSION__,
      exportedAt: now,
      workspace,
      // A document is backed up in the schema it is in (a newer one stays newer).
      schemaVersion: readSchemaVersion(doc) ?? CURRENT_SCHEMA_VERSION,
      state: Y.encodeStateAsUpdate(doc),
      content: documentToPlain(doc),
    },
    { sha256 },
  );
  return { fileName: backupFileName(workspace.name, new Date(now)), data: new TextEncoder().encode(text) };
}

/** A backup that passed every check, with its content in a scratch document. */
export interface CheckedBackup {
  workspace: { id: string; name: string; kind: 'personal' | 'team'; createdAt: number };
  exportedAt: number;
  /** The document, migrated to the current model. */
  doc: Y.Doc;
  /** How many live entities it holds, for the confirmation a person sees. */
  entityCount: number;
}

/**
 * The readable copy with an empty record for each kind of entity it does not list: a backup
 * made before a kind existed has none of it (and its state holds none either).
 */
function withEveryKind(content: unknown): unknown {
  if (!isPlainObject(content) || !isPlainObject(content.entities)) return content;
  const empty = Object.fromEntries(entityKinds.map((kind) => [kind, {}]));
  return { ...content, entities: { ...empty, ...content.entities } };
}

/** Checks a backup file completely; throws a `BackupError` naming the first problem. */
export async function readBackupFile(data: Uint8Array | string): Promise<CheckedBackup> {
  const decoded = await decodeBackup(data, { sha256, supportedSchemaVersion: CURRENT_SCHEMA_VERSION });
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, decoded.state);
  } catch {
    throw new BackupError('invalid', "The backup's workspace data is damaged and cannot be read.");
  }
  if (!plainEquals(documentToPlain(doc), withEveryKind(decoded.content))) {
    throw new BackupError('invalid', "The backup's readable copy does not match its workspace data.");
  }
  const opened = openDocument(doc);
  if (opened.mode === 'read-only') throw new BackupError('future-schema', opened.reason);
  const checked = plainDocumentSchema.safeParse(documentToPlain(doc));
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const where = issue ? issue.path.join('.') : 'content';
    throw new BackupError(
      'invalid',
      `The backup holds data Latitude cannot use: ${where}: ${issue?.message ?? 'invalid'}.`,
    );
  }
  const kinds: Record<string, { deletedAt: number | null }>[] = Object.values(checked.data.entities);
  const entityCount = kinds.reduce(
    (count, records) => count + Object.values(records).filter((entity) => entity.deletedAt === null).length,
    0,
  );
  return { workspace: decoded.workspace, exportedAt: decoded.exportedAt, doc, entityCount };
}

/**
 * The state of a checked backup as a NEW workspace: its document stamped with the new
 * workspace's id. The caller stores it together with the registry entry.
 */
export function backupAsNewWorkspaceState(backup: CheckedBackup, newWorkspaceId: string): Uint8Array {
  backup.doc.transact(() => getMetaMap(backup.doc).set('workspaceId', newWorkspaceId), IMPORT_ORIGIN);
  return Y.encodeStateAsUpdate(backup.doc);
}

/**
 * Merges a checked backup into the open document of the same workspace. Merging is a CRDT
 * merge: entries in the backup that the workspace lacks come back, and nothing written
 * since the backup is lost. Refuses a backup of another workspace.
 */
export function mergeBackupInto(doc: Y.Doc, workspaceId: string, backup: CheckedBackup): void {
  if (backup.workspace.id !== workspaceId) {
    throw new BackupError(
      'invalid',
      `This backup is of another workspace (“${backup.workspace.name}”), so it can only be imported as a new workspace.`,
    );
  }
  const missing = Y.encodeStateAsUpdate(backup.doc, Y.encodeStateVector(doc));
  Y.applyUpdate(doc, missing, IMPORT_ORIGIN);
}

/**
 * A copy of a workspace's stored document, brought to the current schema in memory (the
 * stored one is not changed), for backing up a workspace that is not open.
 */
export async function loadDocumentCopy(log: UpdateLog, workspaceId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const { update } of await log.load(workspaceId)) Y.applyUpdate(doc, update);
  openDocument(doc);
  return doc;
}
