/**
 * Undo and redo of a person's own intents in one workspace.
 *
 * Algorithm: a `Y.UndoManager` over every kind's top-level map that tracks only
 * LOCAL_ORIGIN transactions (plus its own undo/redo transactions, which Yjs adds). A step is
 * the set of items a tracked transaction inserted and deleted; undoing deletes those
 * insertions and restores those deletions with NEW operations, so it syncs like any edit
 * and never touches what other origins wrote: a remote peer's change, a migration, an
 * import or a restore is never undone. Each repository intent is one transaction, and
 * transactions closer together than `captureTimeout` merge into one step (so a burst of
 * typing is one step); `stopCapturing()` forces a boundary. Intents the repository rolled
 * back (marked `ABORTED_INTENT`) are not recorded.
 *
 * Two repairs on top of Yjs, both in `deleteFilter` (called inside the undo transaction, for
 * each item a step inserted, before Yjs deletes it), both to keep every entity readable:
 * 1. **Undoing a creation moves the entity to the trash** instead of removing its map. Why:
 *    removing it would also remove every peer's edits inside it, and redoing it later
 *    re-creates the map without the fields Yjs considers to "conflict" with those edits,
 *    leaving an entity with missing fields. The tombstone is how Latitude deletes anyway.
 * 2. **A field is never left without a value.** When a person's value won a concurrent
 *    conflict (a peer set the same field at the same time and lost the tie-break), Yjs
 *    refuses to bring back the previous value (the peer's value lies in between) yet still
 *    deletes the person's value. Instead, undo writes back the value this step replaced,
 *    so the field shows what the person saw before their change. And when the field had
 *    no visible value before the step (a peer's update half-applied: Yjs applies an
 *    update's deletions at once but holds its insertions until earlier updates arrive),
 *    undo keeps the value rather than leave the entity without the field for good.
 * Writes made there belong to the undo transaction, so redo reverses them like the rest.
 * These rely on Yjs internals (`Item.origin`, `Item.parent`, `_map`, `content`), stable in
 * the 13.6 line this project pins; the undo tests and the convergence property pin them.
 */
import * as Y from 'yjs';
import { entityKinds } from '@shared/model/entities';
import { ABORTED_INTENT } from './repository';
import { LOCAL_ORIGIN, getKindMap, readOnlyError, splitCollectionItemKey } from './workspace-document';

type StackItem = Y.UndoManager['undoStack'][number];

interface FilterContext {
  doc: Y.Doc;
  kindMaps: ReadonlySet<unknown>;
  /** The step being undone or redone (Yjs has already popped it off its stack). */
  currentStep: () => StackItem | undefined;
  now: () => number;
}

/** The item holding the entity map `item` belongs to (itself when it is one), or null. */
function entityItemOf(item: Y.Item, kindMaps: ReadonlySet<unknown>): Y.Item | null {
  let current: Y.Item | null = item;
  while (current !== null) {
    const parent: unknown = current.parent;
    if (kindMaps.has(parent)) return current;
    current = parent instanceof Y.AbstractType ? (parent as Y.AbstractType<unknown>)._item : null;
  }
  return null;
}

/**
 * Whether undo/redo may delete `item`, an item the step being undone inserted or a later
 * redone copy of one (see header).
 */
function undoDeleteFilter(item: Y.Item, context: FilterContext): boolean {
  const step = context.currentStep();
  if (step === undefined) return true;
  const entityItem = entityItemOf(item, context.kindMaps);
  if (entityItem !== null && Y.isDeleted(step.insertions, entityItem.id)) {
    // Repair 1: the step created this entity. Keep everything in it; replacing its own
    // `deletedAt: null` with a time is the change that makes this step's undo.
    const entity = entityItem.content instanceof Y.ContentType ? entityItem.content.type : null;
    if (item.parent === entity && entity instanceof Y.Map && item.parentSub === 'deletedAt' && !item.deleted) {
      const time = context.now();
      (entity as Y.Map<unknown>).set('deletedAt', time);
      (entity as Y.Map<unknown>).set('updatedAt', time);
      return true;
    }
    return false;
  }
  return keepFieldValue(item, step, context);
}

/**
 * Repair 2: `item` may go unless it is the value of an entity's field that still shows
 * after Yjs tried to bring back the value it replaced; then that value is written back
 * first. If the field showed no value before this step (a peer's update had removed the old
 * value and its new one had not arrived yet), the item is kept: removing it would leave the
 * entity without the field for good, because the late value would merge as overwritten.
 */
function keepFieldValue(item: Y.Item, step: StackItem, context: FilterContext): boolean {
  const key = item.parentSub;
  const map: unknown = item.parent;
  if (key === null || item.deleted || !(map instanceof Y.Map) || item.origin === null) return true;
  if ((map as Y.Map<unknown>)._map.get(key) !== item) return true;
  // A collection's item (a key `<collection>/<item id>`) is not a field: it may go.
  const isEntityField =
    context.kindMaps.has((map as Y.Map<unknown>)._item?.parent) && splitCollectionItemKey(key) === null;
  const replaced = Y.getItem(context.doc.store, item.origin) as Y.Item | Y.GC;
  if (!(replaced instanceof Y.Item) || !Y.isDeleted(step.deletions, replaced.id)) return !isEntityField;
  // A nested map cannot be rebuilt from here: keeping the current value beats an empty key.
  if (!(replaced.content instanceof Y.ContentAny)) return false;
  (map as Y.Map<unknown>).set(key, replaced.content.getContent()[0]);
  return true;
}

/** Options of `createUndoManager`. */
export interface UndoOptions {
  /** Transactions closer together than this (ms) are one step. Default 300; tests use 0. */
  captureTimeout?: number;
  /** The reason the workspace is read-only right now, or null: undo and redo write too. */
  isReadOnly?: () => string | null;
  /** The clock for the tombstone an undone creation gets. Default `Date.now`. */
  now?: () => number;
}

/** Undo and redo for one document. */
export interface UndoController {
  /** Undoes the last step; false when there was none. */
  undo(): boolean;
  /** Redoes the last undone step; false when there was none. */
  redo(): boolean;
  canUndo(): boolean;
  canRedo(): boolean;
  /** Starts a new step even if the next change comes quickly. */
  stopCapturing(): void;
  /** Calls `listener` whenever `canUndo()` or `canRedo()` changes; returns an unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** Stops tracking and drops the history. */
  destroy(): void;
}

/** Creates the undo manager of a workspace document. */
export function createUndoManager(doc: Y.Doc, options: UndoOptions = {}): UndoController {
  const { captureTimeout = 300, isReadOnly = () => null, now = Date.now } = options;
  const kindMaps = entityKinds.map((kind) => getKindMap(doc, kind));
  // The stack an undo or redo pops from, and a copy of it taken before it starts: Yjs pops
  // a step, then filters its items, so the step being applied is the copy's entry just past
  // the end of the live stack (Yjs may pop more than one when a step changes nothing).
  let popping: { live: StackItem[]; before: readonly StackItem[] } | null = null;
  const context: FilterContext = {
    doc,
    kindMaps: new Set(kindMaps),
    currentStep: () => (popping === null ? undefined : popping.before[popping.live.length]),
    now,
  };
  const manager = new Y.UndoManager(kindMaps, {
    trackedOrigins: new Set<unknown>([LOCAL_ORIGIN]),
    captureTimeout,
    captureTransaction: (transaction) => transaction.meta.get(ABORTED_INTENT) !== true,
    deleteFilter: (item) => undoDeleteFilter(item, context),
  });
  const listeners = new Set<() => void>();
  let last = { undo: false, redo: false };

  const notifyIfChanged = (): void => {
    const now = { undo: manager.canUndo(), redo: manager.canRedo() };
    if (now.undo === last.undo && now.redo === last.redo) return;
    last = now;
    for (const listener of [...listeners]) listener();
  };
  const events = ['stack-item-added', 'stack-item-popped', 'stack-cleared', 'stack-item-updated'] as const;
  for (const event of events) manager.on(event, notifyIfChanged);

  const assertWritable = (): void => {
    const reason = isReadOnly();
    if (reason !== null) throw readOnlyError(reason);
  };

  return {
    undo() {
      assertWritable();
      popping = { live: manager.undoStack, before: [...manager.undoStack] };
      try {
        return manager.undo() !== null;
      } finally {
        popping = null;
      }
    },
    redo() {
      assertWritable();
      popping = { live: manager.redoStack, before: [...manager.redoStack] };
      try {
        return manager.redo() !== null;
      } finally {
        popping = null;
      }
    },
    canUndo: () => manager.canUndo(),
    canRedo: () => manager.canRedo(),
    stopCapturing: () => manager.stopCapturing(),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      for (const event of events) manager.off(event, notifyIfChanged);
      listeners.clear();
      manager.destroy();
    },
  };
}
