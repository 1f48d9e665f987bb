/**
 * Going back to a snapshot of a workspace document.
 *
 * A CRDT cannot go back by applying an old update: Yjs would merge it (it already contains
 * everything in it) and nothing would change. So a revert WRITES NEW operations that make
 * the content equal to the snapshot's, and those sync to every peer like any edit.
 *
 * Algorithm of `revertToState(doc, state, now)`:
 * 1. Load the snapshot into a scratch document and migrate it to the current schema (a
 *    snapshot from a newer schema is refused: this build cannot know its meaning).
 * 2. Compare both as plain data, kind by kind, entity by entity, in one transaction:
 *    - entity in both: each field set back where it differs, fields the snapshot lacks
 *      removed; each collection item re-added, removed or set back field by field;
 *    - entity only in the snapshot (removed outright since, e.g. by undoing its creation):
 *      written again as the snapshot had it;
 *    - entity only in the document (added since): tombstoned with `deletedAt = now`, never
 *      removed, so a peer still editing it keeps the edit and it can be restored;
 *    - a value in a kind map that is not an entity at all, and not in the snapshot: removed.
 *    Entities deleted since come back through step "set back" (their `deletedAt` is null in
 *    the snapshot). Only differences are written: reverting to the current state writes
 *    nothing.
 * `meta` (schema version, workspace id) is left as it is.
 */
import * as Y from 'yjs';
import { entityKinds } from '@shared/model/entities';
import { openDocument, readOnlyReason } from './migrations';
import { RESTORE_ORIGIN, getKindMap, isPlainObject, plainEquals, readOnlyError, toPlain } from './workspace-document';

/** Makes `map` hold exactly `target` (plain data; objects become nested maps), writing only differences. */
function assignMap(map: Y.Map<unknown>, target: Record<string, unknown>): void {
  for (const key of [...map.keys()]) if (!Object.hasOwn(target, key)) map.delete(key);
  for (const [key, value] of Object.entries(target)) {
    const current = map.get(key);
    if (isPlainObject(value)) {
      if (current instanceof Y.Map) assignMap(current as Y.Map<unknown>, value);
      else {
        const nested = new Y.Map<unknown>();
        map.set(key, nested);
        assignMap(nested, value);
      }
    } else if (!map.has(key) || !plainEquals(toPlain(current), value)) {
      map.set(key, value);
    }
  }
}

/** Reads a snapshot (`Y.encodeStateAsUpdate`) into plain entities of the current schema. */
function snapshotEntities(state: Uint8Array): Map<string, Record<string, unknown>> {
  const scratch = new Y.Doc();
  try {
    Y.applyUpdate(scratch, state);
    const opened = openDocument(scratch);
    if (opened.mode === 'read-only') throw new Error(`This snapshot cannot be restored. ${opened.reason}`);
    const byKind = new Map<string, Record<string, unknown>>();
    for (const kind of entityKinds) byKind.set(kind, toPlain(getKindMap(scratch, kind)) as Record<string, unknown>);
    return byKind;
  } finally {
    scratch.destroy();
  }
}

/**
 * Makes the document's content equal to the snapshot `state` by writing new operations in
 * one transaction with `origin` (RESTORE_ORIGIN by default, which undo does not track).
 * Entities added since the snapshot are tombstoned at `now`, not removed. Throws, changing
 * nothing, when the document is read-only or the snapshot is from a newer schema.
 */
export function revertToState(doc: Y.Doc, state: Uint8Array, now: number, origin: unknown = RESTORE_ORIGIN): void {
  const readOnly = readOnlyReason(doc);
  if (readOnly !== null) throw readOnlyError(readOnly);
  const snapshot = snapshotEntities(state);
  doc.transact(() => {
    for (const kind of entityKinds) {
      const kindMap = getKindMap(doc, kind);
      const target = snapshot.get(kind) ?? {};
      for (const [id, current] of [...kindMap.entries()]) {
        if (Object.hasOwn(target, id)) continue;
        if (!(current instanceof Y.Map)) kindMap.delete(id);
        else {
          const entity = current as Y.Map<unknown>;
          const deletedAt = entity.get('deletedAt');
          if (deletedAt === null || deletedAt === undefined) {
            entity.set('deletedAt', now);
            entity.set('updatedAt', now);
          }
        }
      }
      for (const [id, entity] of Object.entries(target)) {
        const current = kindMap.get(id);
        if (isPlainObject(entity) && current instanceof Y.Map) assignMap(current as Y.Map<unknown>, entity);
        else if (isPlainObject(entity)) {
          const fresh = new Y.Map<unknown>();
          kindMap.set(id, fresh);
          assignMap(fresh, entity);
        } else if (!plainEquals(toPlain(current), entity)) kindMap.set(id, entity);
      }
    }
  }, origin);
}
