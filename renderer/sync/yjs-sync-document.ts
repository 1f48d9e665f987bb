/**
 * The Yjs side of shared/sync's `SyncDocument`: what the chunked sync reads from and writes
 * to a workspace's document.
 */
import * as Y from 'yjs';
import type { SyncDocument } from '@shared/sync';

/**
 * Wraps a document for the chunked sync. An update from a peer is applied to a copy first:
 * Yjs 13.6 can throw halfway through `applyUpdate` on a malformed update, leaving part of it
 * in the document; on the copy, a throw changes nothing. `applied` runs around the real
 * application (the provider uses it to know which peer an update came from).
 */
export function yjsSyncDocument(doc: Y.Doc, applied?: (apply: () => void) => void): SyncDocument {
  return {
    stateVector: () => Y.encodeStateVector(doc),
    missingSince: (stateVector) => Y.encodeStateAsUpdate(doc, stateVector),
    applyUpdate(update, origin) {
      const trial = new Y.Doc({ gc: doc.gc });
      try {
        Y.applyUpdate(trial, Y.encodeStateAsUpdate(doc));
        Y.applyUpdate(trial, update);
      } finally {
        trial.destroy();
      }
      const apply = () => Y.applyUpdate(doc, update, origin);
      if (applied) applied(apply);
      else apply();
    },
  };
}
