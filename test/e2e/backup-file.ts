/**
 * A backup file of a workspace built in Node (through the app's repository), for end-to-end
 * tests that import it the way a person does (Workspaces → Import backup…).
 */
import { webcrypto } from 'node:crypto';
import * as Y from 'yjs';
import { encodeBackup } from '@shared/backup/backup-format';
import { CURRENT_SCHEMA_VERSION, documentToPlain } from '../../renderer/data/workspace-document';

/** `doc` as a team workspace's backup file, written at `writtenAt`. */
export async function backupFileOf(
  doc: Y.Doc,
  workspace: { id: string; name: string },
  writtenAt: number,
): Promise<Buffer> {
  const text = await encodeBackup(
    {
      appVersion: '0.0.0-e2e',
      exportedAt: writtenAt,
      workspace: { ...workspace, kind: 'team', createdAt: writtenAt },
      schemaVersion: CURRENT_SCHEMA_VERSION,
      state: Y.encodeStateAsUpdate(doc),
      content: documentToPlain(doc),
    },
    { sha256: (bytes) => webcrypto.subtle.digest('SHA-256', bytes) },
  );
  return Buffer.from(text, 'utf8');
}
