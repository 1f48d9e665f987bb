/**
 * The metrics engine's snapshot of a workspace, kept where the figures are computed (the
 * dashboard's Web Worker) and brought up to date by patches: only the records that changed
 * since the last patch travel, not the workspace. `snapshot-tracker.ts` writes the patches
 * on the UI thread; `createSnapshotStore` applies them.
 *
 * The three collections that grow with a workspace (decisions, delivered items, pulse
 * answers) change record by record, keyed by their entity's id. What comes from the domains
 * (budgets, success metrics and their values, the hierarchy) and the reviews (their learnings)
 * is small and travels whole whenever a domain or a review changed.
 */
import type {
  MetricsBudget,
  MetricsDecision,
  MetricsDomain,
  MetricsMetricValue,
  MetricsPulse,
  MetricsReviewLearning,
  MetricsSnapshot,
  MetricsSuccessMetric,
  MetricsValueEntry,
} from '@shared/metrics';

/** Records added or changed (`set`, by id) and removed (`remove`, ids) in one collection. */
export interface RecordChanges<T> {
  set: [id: string, record: T][];
  remove: string[];
}

/** The snapshot's records that come from the domains and the reviews, replaced whole. */
export interface DomainRecords {
  budgets: MetricsBudget[];
  successMetrics: MetricsSuccessMetric[];
  metricValues: MetricsMetricValue[];
  domains: MetricsDomain[];
  reviewLearnings: MetricsReviewLearning[];
}

/** What changed in the snapshot; a collection left out did not change. */
export interface SnapshotPatch {
  decisions?: RecordChanges<MetricsDecision>;
  valueEntries?: RecordChanges<MetricsValueEntry>;
  pulses?: RecordChanges<MetricsPulse>;
  domainRecords?: DomainRecords;
}

/** The collections of a snapshot that change record by record. */
export const keyedCollections = ['decisions', 'valueEntries', 'pulses'] as const;

/** A snapshot built from patches. */
export interface SnapshotStore {
  apply(patch: SnapshotPatch): void;
  /** The snapshot as it stands; the same object until the next patch that changes something. */
  snapshot(): MetricsSnapshot;
}

function applyChanges<T>(records: Map<string, T>, changes: RecordChanges<T> | undefined): boolean {
  if (changes === undefined || (changes.set.length === 0 && changes.remove.length === 0)) return false;
  for (const id of changes.remove) records.delete(id);
  for (const [id, record] of changes.set) records.set(id, record);
  return true;
}

/** An empty snapshot that patches fill. */
export function createSnapshotStore(): SnapshotStore {
  const decisions = new Map<string, MetricsDecision>();
  const valueEntries = new Map<string, MetricsValueEntry>();
  const pulses = new Map<string, MetricsPulse>();
  let domainRecords: DomainRecords = {
    budgets: [],
    successMetrics: [],
    metricValues: [],
    domains: [],
    reviewLearnings: [],
  };
  let current: MetricsSnapshot | null = null;
  return {
    apply(patch) {
      let changed = applyChanges(decisions, patch.decisions);
      changed = applyChanges(valueEntries, patch.valueEntries) || changed;
      changed = applyChanges(pulses, patch.pulses) || changed;
      if (patch.domainRecords !== undefined) {
        domainRecords = patch.domainRecords;
        changed = true;
      }
      if (changed) current = null;
    },
    snapshot() {
      current ??= {
        decisions: [...decisions.values()],
        valueEntries: [...valueEntries.values()],
        pulses: [...pulses.values()],
        ...domainRecords,
      };
      return current;
    },
  };
}
