/**
 * The UI thread's side of the incremental snapshot (`snapshot-patch.ts`): given the open
 * workspace's entities after a change, what changed in the engine's snapshot since the
 * last patch.
 *
 * Algorithm of `update`:
 * 1. Each collection is only looked at when its Map is another object than last time (the
 *    document store keeps a kind's Map, and each unchanged entity, the very same object).
 * 2. Within a collection, an entity that is the same object as last time is skipped; a
 *    changed one is read as the engine reads it (`metricsDecisionOf`, or the fields of a
 *    delivered item or pulse answer) and sent only when that reading differs, field by
 *    field, from the one sent before (most edits, a title or a description, do not).
 *    Entities moved to the trash or gone are removed.
 * 3. When the domains or policies changed, every live decision is read again (its tier
 *    depends on its domain's limits), still sending only those whose reading changed; the
 *    records that come from the domains are sent whole, and so are they (with the reviews'
 *    learnings) when the reviews or their anonymous notes changed.
 * So opening the dashboard sends the snapshot once, and an edit sends a record or none.
 *
 * `firstPatches` sends that first snapshot in parts, reading at most `size` decisions for
 * each, so that a big workspace never holds the UI thread long (the caller sends one part per
 * task); the last part has the other records. Afterwards `update` goes on from there.
 */
import type { MetricsDecision, MetricsPulse, MetricsValueEntry } from '@shared/metrics';
import type { Entity } from '@shared/model/entities';
import type { EntitiesByKind } from '../../data/document-store';
import { limitsResolver } from '../../decisions/log/log-index';
import { metricsDecisionOf, metricsSnapshotOf } from '../metrics-snapshot';
import type { RecordChanges, SnapshotPatch } from './snapshot-patch';

/** The open workspace's entities, as the document store holds them; the metrics read seven kinds. */
export type MetricsEntities = EntitiesByKind;

/** Turns each new state of the workspace into a patch of the engine's snapshot. */
export interface SnapshotTracker {
  /** What changed since the last call (everything, the first time); null when nothing did. */
  update(entities: MetricsEntities): SnapshotPatch | null;
  /** The first snapshot, read part by part as the parts are taken; only before any `update`. */
  firstPatches(entities: MetricsEntities, size: number): Generator<SnapshotPatch, void, undefined>;
}

interface Sent<E, R> {
  source: E;
  record: R;
}

/** The engine's reading of a delivered item (as `metricsSnapshotOf`). */
export function metricsValueEntryOf(entry: Entity<'valueEntries'>): MetricsValueEntry {
  return {
    id: entry.id,
    domainId: entry.domainId,
    startedOn: entry.startedOn,
    deliveredOn: entry.deliveredOn,
    satisfaction: entry.satisfaction,
    defects: entry.defects,
  };
}

/** The engine's reading of a pulse answer (as `metricsSnapshotOf`): the scores, never who answered. */
export function metricsPulseOf(pulse: Entity<'pulseChecks'>): MetricsPulse {
  return {
    periodStart: pulse.periodStart,
    domainId: pulse.domainId,
    satisfaction: pulse.satisfaction,
    stress: pulse.stress,
    collaboration: pulse.collaboration,
    trust: pulse.trust,
  };
}

/** Whether two flat records have the same fields with the same values. */
function sameRecord<R extends object>(a: R, b: R): boolean {
  const keys = Object.keys(a) as (keyof R)[];
  return keys.length === Object.keys(b).length && keys.every((key) => Object.is(a[key], b[key]));
}

function diff<E extends { deletedAt: number | null }, R extends object>(
  sent: Map<string, Sent<E, R>>,
  entities: ReadonlyMap<string, E>,
  read: (entity: E) => R,
  readAll: boolean,
): RecordChanges<R> {
  const changes: RecordChanges<R> = { set: [], remove: [] };
  for (const [id, entity] of entities) {
    const before = sent.get(id);
    if (entity.deletedAt !== null) {
      if (before !== undefined) {
        sent.delete(id);
        changes.remove.push(id);
      }
      continue;
    }
    if (before !== undefined && before.source === entity && !readAll) continue;
    const record = read(entity);
    if (before !== undefined && sameRecord(before.record, record)) {
      sent.set(id, { source: entity, record: before.record });
    } else {
      sent.set(id, { source: entity, record });
      changes.set.push([id, record]);
    }
  }
  for (const id of sent.keys()) {
    if (!entities.has(id)) {
      sent.delete(id);
      changes.remove.push(id);
    }
  }
  return changes;
}

const isEmpty = (changes: RecordChanges<unknown> | undefined) =>
  changes === undefined || (changes.set.length === 0 && changes.remove.length === 0);

/** A tracker that has sent nothing yet: its first patch is the whole snapshot. */
export function createSnapshotTracker(): SnapshotTracker {
  let seen: MetricsEntities | null = null;
  const decisions = new Map<string, Sent<Entity<'decisions'>, MetricsDecision>>();
  const valueEntries = new Map<string, Sent<Entity<'valueEntries'>, MetricsValueEntry>>();
  const pulses = new Map<string, Sent<Entity<'pulseChecks'>, MetricsPulse>>();
  const tracker: SnapshotTracker = {
    *firstPatches(entities, size) {
      if (seen !== null || decisions.size > 0) throw new Error('The first snapshot was sent already.');
      if (!Number.isInteger(size) || size < 1) throw new RangeError(`size must be a whole number ≥ 1, got ${size}.`);
      const limitsOf = limitsResolver(entities.domains, entities.policies);
      let set: [string, MetricsDecision][] = [];
      for (const [id, decision] of entities.decisions) {
        if (decision.deletedAt !== null) continue;
        const record = metricsDecisionOf(decision, limitsOf, entities.domains);
        decisions.set(id, { source: decision, record });
        set.push([id, record]);
        if (set.length === size) {
          yield { decisions: { set, remove: [] } };
          set = [];
        }
      }
      // The rest as `update` sends it, the decisions being sent: all but the decisions' records.
      seen = {
        ...entities,
        valueEntries: new Map(),
        pulseChecks: new Map(),
        reviews: new Map(),
        anonymousReviewNotes: new Map(),
      };
      const rest = tracker.update(entities) ?? {};
      yield set.length > 0 ? { ...rest, decisions: { set, remove: [] } } : rest;
    },
    update(entities) {
      const before = seen;
      seen = entities;
      if (
        before !== null &&
        before.domains === entities.domains &&
        before.policies === entities.policies &&
        before.decisions === entities.decisions &&
        before.valueEntries === entities.valueEntries &&
        before.pulseChecks === entities.pulseChecks &&
        before.reviews === entities.reviews &&
        before.anonymousReviewNotes === entities.anonymousReviewNotes
      ) {
        return null;
      }
      const patch: SnapshotPatch = {};
      const domainsChanged = before === null || before.domains !== entities.domains;
      const limitsChanged = domainsChanged || before.policies !== entities.policies;
      if (limitsChanged || before.decisions !== entities.decisions) {
        const limitsOf = limitsResolver(entities.domains, entities.policies);
        const read = (decision: Entity<'decisions'>) => metricsDecisionOf(decision, limitsOf, entities.domains);
        patch.decisions = diff(decisions, entities.decisions, read, limitsChanged);
      }
      if (before === null || before.valueEntries !== entities.valueEntries) {
        patch.valueEntries = diff(valueEntries, entities.valueEntries, metricsValueEntryOf, false);
      }
      if (before === null || before.pulseChecks !== entities.pulseChecks) {
        patch.pulses = diff(pulses, entities.pulseChecks, metricsPulseOf, false);
      }
      const reviewsChanged =
        before === null ||
        before.reviews !== entities.reviews ||
        before.anonymousReviewNotes !== entities.anonymousReviewNotes;
      if (domainsChanged || reviewsChanged) {
        // What the snapshot takes from the domains and reviews alone: the snapshot of no other record.
        const { budgets, successMetrics, metricValues, domains, reviewLearnings } = metricsSnapshotOf({
          entities: {
            ...entities,
            decisions: new Map<string, Entity<'decisions'>>(),
            valueEntries: new Map<string, Entity<'valueEntries'>>(),
            pulseChecks: new Map<string, Entity<'pulseChecks'>>(),
          },
        });
        patch.domainRecords = {
          budgets: [...budgets],
          successMetrics: [...successMetrics],
          metricValues: [...metricValues],
          domains: [...domains],
          reviewLearnings: [...reviewLearnings],
        };
      }
      if (isEmpty(patch.decisions)) delete patch.decisions;
      if (isEmpty(patch.valueEntries)) delete patch.valueEntries;
      if (isEmpty(patch.pulses)) delete patch.pulses;
      return Object.keys(patch).length === 0 ? null : patch;
    },
  };
  return tracker;
}
