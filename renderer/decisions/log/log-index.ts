/**
 * The decision log's search index, kept in step with the workspace (issue "Decisions",
 * deliverable 8). The shared `buildSearchIndex` / `updateSearchIndex` / `filterDecisions` do
 * the searching; this module only feeds them.
 *
 * Algorithm of `sync`, called with each new store snapshot:
 * 1. The first call builds the index from every live decision.
 * 2. When the domains or policies changed (another object: the store replaces a kind's Map
 *    only when one of its entities really changed), the limits per domain are recomputed
 *    once, every live decision is classified again, and only those whose tier or override
 *    changed are written to the index.
 * 3. Otherwise the previous and next decision Maps are compared by reference: the store
 *    keeps an unchanged decision the very same object, so only the decisions whose object
 *    differs (edited, added, moved to or from the trash) or that disappeared are written to
 *    or removed from the index.
 * `sync` returns the same snapshot object while nothing changed, a new one otherwise, so a
 * component can memoise its search on it.
 *
 * A decision's tier follows the rules of `../classification.ts` (the shared
 * `classifyDecision` with its domain's `effectivePolicy`, uncosted counting as 0, the chosen
 * tier winning, a less demanding chosen tier being an override); the policy is looked up
 * once per domain here instead of once per decision, which matters at 100,000 decisions.
 */
import { classifyDecision, type Tier } from '@shared/decisions/classify';
import {
  buildSearchIndex,
  filterDecisions,
  updateSearchIndex,
  type DecisionQuery,
  type DecisionSearchIndex,
  type DecisionSummary,
} from '@shared/decisions/decision-log';
import { effectivePolicy, type ThresholdLimits } from '@shared/domains/policy';
import type { Entity } from '@shared/model/entities';
import { isOverride } from '../classification';

type Decision = Entity<'decisions'>;

/** A live decision as the log shows it. */
export interface LogEntry {
  decision: Decision;
  /** The tier it is made at: the chosen one, else the classification's. */
  tier: Tier;
  /** Whether the chosen tier is less demanding than the classification's. */
  override: boolean;
}

/** The index at one moment; a new object whenever the index changed. */
export interface LogSnapshot {
  index: DecisionSearchIndex;
  entries: ReadonlyMap<string, LogEntry>;
}

/** The maps of the document store the log reads. */
export interface LogSources {
  decisions: ReadonlyMap<string, Decision>;
  domains: ReadonlyMap<string, Entity<'domains'>>;
  policies: ReadonlyMap<string, Entity<'policies'>>;
}

/** The limits that apply to each domain (and to decisions without one), computed once per domain. */
export function limitsResolver(
  domains: ReadonlyMap<string, Entity<'domains'>>,
  policies: ReadonlyMap<string, Entity<'policies'>>,
): (domainId: string | null) => ThresholdLimits {
  const domainList = [...domains.values()];
  const policyList = [...policies.values()];
  const cache = new Map<string | null, ThresholdLimits>();
  return (domainId) => {
    let limits = cache.get(domainId);
    if (limits === undefined) {
      limits = effectivePolicy(domainList, policyList, domainId).limits;
      cache.set(domainId, limits);
    }
    return limits;
  };
}

/** A decision's tier and override with the limits of its domain. */
export function classifyForLog(decision: Decision, limits: ThresholdLimits): LogEntry {
  const { tier } = classifyDecision(
    {
      cost: decision.cost ?? 0,
      crossDomain: decision.crossDomain,
      horizon: decision.horizon,
      reversibility: decision.reversibility,
      followsGuidelines: decision.followsGuidelines,
    },
    limits,
  );
  return { decision, tier: decision.chosenTier ?? tier, override: isOverride(decision.chosenTier, tier) };
}

/** What the search engine reads of a log entry. */
export function summaryOf({ decision, tier }: LogEntry): DecisionSummary {
  return {
    id: decision.id,
    title: decision.title,
    context: decision.context,
    tags: decision.tags,
    domainId: decision.domainId,
    tier,
    status: decision.status,
    kind: decision.kind,
    proposedAt: decision.proposedAt ?? decision.createdAt,
    decidedAt: decision.decidedAt,
    cost: decision.cost,
    details: [
      decision.options,
      decision.decisionText,
      decision.rationale,
      decision.lessons,
      decision.hypothesis,
      decision.result,
    ].join('\n'),
  };
}

/** The changes between two decision Maps: by reference, as the store keeps unchanged entities identical. */
export function changedDecisions(
  previous: ReadonlyMap<string, Decision>,
  next: ReadonlyMap<string, Decision>,
): { changed: Decision[]; removed: string[] } {
  const changed: Decision[] = [];
  const removed: string[] = [];
  if (previous === next) return { changed, removed };
  for (const [id, decision] of next) if (previous.get(id) !== decision) changed.push(decision);
  for (const id of previous.keys()) if (!next.has(id)) removed.push(id);
  return { changed, removed };
}

/** The log's index of one workspace, updated in place by `sync`. */
export class DecisionLogIndex {
  private sources: LogSources | null = null;
  private snapshot: LogSnapshot | null = null;
  private readonly entries = new Map<string, LogEntry>();

  /** Brings the index up to date with the store's maps; returns the (possibly same) snapshot. */
  sync(sources: LogSources): LogSnapshot {
    const previous = this.sources;
    if (previous === null || this.snapshot === null) {
      const limitsOf = limitsResolver(sources.domains, sources.policies);
      for (const decision of sources.decisions.values()) {
        if (decision.deletedAt === null) {
          this.entries.set(decision.id, classifyForLog(decision, limitsOf(decision.domainId)));
        }
      }
      this.sources = sources;
      return this.publish(buildSearchIndex([...this.entries.values()].map(summaryOf)));
    }
    const upsert: DecisionSummary[] = [];
    const remove: string[] = [];
    const limitsChanged = previous.domains !== sources.domains || previous.policies !== sources.policies;
    if (limitsChanged || previous.decisions !== sources.decisions) {
      const limitsOf = limitsResolver(sources.domains, sources.policies);
      const write = (decision: Decision, force: boolean): void => {
        if (decision.deletedAt !== null) {
          if (this.entries.delete(decision.id)) remove.push(decision.id);
          return;
        }
        const entry = classifyForLog(decision, limitsOf(decision.domainId));
        const held = this.entries.get(decision.id);
        if (force || held === undefined || held.tier !== entry.tier || held.override !== entry.override) {
          upsert.push(summaryOf(entry));
        }
        this.entries.set(decision.id, entry);
      };
      if (limitsChanged) {
        for (const id of [...this.entries.keys()]) {
          if (!sources.decisions.has(id)) {
            this.entries.delete(id);
            remove.push(id);
          }
        }
        for (const decision of sources.decisions.values()) {
          write(decision, previous.decisions.get(decision.id) !== decision);
        }
      } else {
        const { changed, removed } = changedDecisions(previous.decisions, sources.decisions);
        for (const id of removed) if (this.entries.delete(id)) remove.push(id);
        for (const decision of changed) write(decision, true);
      }
    }
    this.sources = sources;
    if (upsert.length === 0 && remove.length === 0) return this.snapshot;
    return this.publish(updateSearchIndex(this.snapshot.index, { upsert, remove }));
  }

  private publish(index: DecisionSearchIndex): LogSnapshot {
    this.snapshot = { index, entries: this.entries };
    return this.snapshot;
  }
}

/** The entries that match a query, in its order. */
export function searchLog(snapshot: LogSnapshot, query: DecisionQuery): LogEntry[] {
  const matches: LogEntry[] = [];
  for (const id of filterDecisions(snapshot.index, query)) {
    const entry = snapshot.entries.get(id);
    if (entry !== undefined) matches.push(entry);
  }
  return matches;
}
