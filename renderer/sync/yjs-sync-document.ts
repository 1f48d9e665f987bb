/**
 * The Yjs side of shared/sync's `SyncDocument`: what the chunked sync reads from and writes
 * to a workspace's document.
 */
import * as Y from 'yjs';
import type { SyncDocument } from '@shared/sync';

/**
 * Checks an update from a peer before it touches the document, in time proportional to the
 * update (not the document), and throws with the reason when it must not be applied:
 * - it must decode whole, delete set included. Yjs 13.6 integrates an update's items before
 *   it reads its delete set, so a cut or damaged update can throw halfway through
 *   `applyUpdate` and leave part of itself in the document; decoding first finds that;
 * - it holds no sub-document (Latitude's documents have none; Yjs would create one);
 * - an item placed inside another item (a nested map or list) names an item that is a shared
 *   type, when that item is known, in the document or in the update itself;
 * - an item's neighbours and parent of its own client were written before it (Yjs waits for
 *   missing ones of other clients, but not for its own: it throws halfway).
 */
export function checkPeerUpdate(doc: Y.Doc, update: Uint8Array): void {
  const { structs } = Y.decodeUpdate(update);
  const inUpdate = new Map<number, (Y.Item | Y.GC | Y.Skip)[]>();
  for (const struct of structs) {
    const list = inUpdate.get(struct.id.client);
    if (list) list.push(struct);
    else inUpdate.set(struct.id.client, [struct]);
  }
  // In clock order for the search below (an update may name a client twice).
  for (const list of inUpdate.values()) list.sort((a, b) => a.id.clock - b.id.clock);
  const find = (id: Y.ID): Y.Item | Y.GC | Y.Skip | null => {
    const known = doc.store.clients.get(id.client);
    if (known !== undefined && id.clock < Y.getState(doc.store, id.client)) {
      return known[Y.findIndexSS(known, id.clock)] ?? null;
    }
    return within(inUpdate.get(id.client) ?? [], id.clock);
  };
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (struct.content instanceof Y.ContentDoc) throw new Error('The update holds a sub-document.');
    // Yjs waits for a missing neighbour or parent of another client, but looks one of the
    // item's own client up at once: it exists when the item is integrated only if it was
    // written before the item (a client's items are integrated in clock order).
    for (const reference of [struct.origin, struct.rightOrigin, struct.parent]) {
      if (reference instanceof Y.ID && reference.client === struct.id.client && reference.clock >= struct.id.clock) {
        throw new Error('The update names a neighbour or parent written after the item itself.');
      }
    }
    const parent: unknown = struct.parent;
    if (parent instanceof Y.ID) {
      const holder = find(parent);
      // A deleted and collected parent is fine: Yjs then collects the item too.
      if (
        holder instanceof Y.Item &&
        !(holder.content instanceof Y.ContentType || holder.content instanceof Y.ContentDeleted)
      ) {
        throw new Error('The update places an item inside a value that is not a map or a list.');
      }
    }
  }
}

/** The struct of `structs` (sorted by clock, as an update holds them) that covers `clock`, or null. */
function within<T extends { id: Y.ID; length: number }>(structs: readonly T[], clock: number): T | null {
  let low = 0;
  let high = structs.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const struct = structs[middle]!;
    if (clock < struct.id.clock) high = middle - 1;
    else if (clock >= struct.id.clock + struct.length) low = middle + 1;
    else return struct;
  }
  return null;
}

/**
 * Wraps a document for the chunked sync. An update from a peer is checked first
 * (`checkPeerUpdate`); a refused one changes nothing. `applied` runs around the real
 * application (the provider uses it to know which peer an update came from).
 */
export function yjsSyncDocument(doc: Y.Doc, applied?: (apply: () => void) => void): SyncDocument {
  return {
    stateVector: () => Y.encodeStateVector(doc),
    missingSince: (stateVector) => Y.encodeStateAsUpdate(doc, stateVector),
    applyUpdate(update, origin) {
      checkPeerUpdate(doc, update);
      const apply = () => Y.applyUpdate(doc, update, origin);
      if (applied) applied(apply);
      else apply();
    },
  };
}
