/**
 * A team workspace joined from an invite, before its first sync.
 *
 * Joining stores a document that holds only the workspace id in its `meta` map (a
 * workspace made on this device gets its id and schema version in one transaction, see
 * `initialiseDocument`). Such a document must not be stamped with this build's schema
 * version before the first sync: the content that arrives may be from an older schema and
 * would then never be migrated. So a workspace whose document has an id, no schema version
 * and no entity opens read-only (`AWAITING_FIRST_SYNC`) and the provider reopens it once
 * a peer's content has arrived; opening then runs the usual stamping and migration.
 */
import * as Y from 'yjs';
import { getMetaMap, hasNoEntities, MIGRATION_ORIGIN } from '../data/workspace-document';

/** The read-only reason of a joined workspace waiting for its first sync. */
export const AWAITING_FIRST_SYNC =
  'Waiting for the first sync: this workspace was joined from an invite and its content has not arrived yet. It opens for editing as soon as a teammate is reachable.';

/** The stored state of a workspace just joined: its id, nothing else. */
export function joinedDocumentState(workspaceId: string): Uint8Array {
  const doc = new Y.Doc();
  try {
    doc.transact(() => getMetaMap(doc).set('workspaceId', workspaceId), MIGRATION_ORIGIN);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/** True for a joined workspace's document that has not received a peer's content yet. */
export function isAwaitingFirstSync(doc: Y.Doc): boolean {
  const meta = getMetaMap(doc);
  return typeof meta.get('workspaceId') === 'string' && !meta.has('schemaVersion') && hasNoEntities(doc);
}
