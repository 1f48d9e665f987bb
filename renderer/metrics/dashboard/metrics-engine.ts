/**
 * The dashboard's figures, computed where they do not hold up the UI: the protocol between
 * the dashboard and its Web Worker (`metrics-worker.ts`), and the engine that answers it.
 * The same engine runs in the worker and, where there is no `Worker` (tests in jsdom), in
 * the page, so both compute the very same figures.
 *
 * Protocol (structured-clone messages; the worker handles them in order):
 * - `{ type: 'patch', patch }` (no answer): what changed in the workspace's snapshot since
 *   the last patch (`snapshot-patch.ts`). The first patch is the whole snapshot; after that,
 *   only changed records travel, and nothing when only the period or scope changed.
 * - `{ type: 'compute', id, query }`: the figures of a period and scope over the snapshot as
 *   patched so far. `id` grows with each request.
 * - answers: `{ type: 'figures', id, trend, alerts }` (the governance alerts of the period,
 *   `shared/review/alerts.ts`) or `{ type: 'failed', id, message }` (invalid
 *   input or a bug: the message is for people, the dashboard shows it in an alert).
 * The worker computes only the newest request it has received when it gets to it (earlier
 * ones are answered by nothing), and the dashboard drops any answer that is not for its
 * newest request, so figures of a period no longer chosen never show.
 */
import { describeError } from '@shared/errors';
import {
  metricsTrend,
  type MetricKey,
  type MetricsPeriod,
  type MetricsTrendResult,
  type MetricThresholds,
} from '@shared/metrics';
import { domainAutonomyOf, governanceAlerts, type GovernanceAlert, type OverdueReview } from '@shared/review/alerts';
import { TREND_PERIODS } from './dashboard-query';
import { createSnapshotStore, type SnapshotPatch } from './snapshot-patch';

/** Thresholds a team edited, in place of the defaults (null: no light for that figure). */
export type DashboardThresholds = Partial<Record<MetricKey, MetricThresholds | null>>;

/** What the dashboard asks for: a period, a scope, the time now and the team's thresholds. */
export interface MetricsQuery {
  period: MetricsPeriod;
  /** The domain; null for the whole workspace. */
  domainId: string | null;
  includeSubdomains: boolean;
  /** Milliseconds since the epoch: rates count the days of the period begun by then. */
  now: number;
  thresholds: DashboardThresholds | undefined;
  /** Domains' names and budget units, for the alerts' texts (ids by default). */
  domains?: { id: string; name: string; budgetUnit: string }[];
  /** Decisions of the scope overdue for review, for the alerts (none by default). */
  overdueReviews?: OverdueReview[];
}

/** A message to the engine. */
export type MetricsRequest =
  { type: 'patch'; patch: SnapshotPatch } | { type: 'compute'; id: number; query: MetricsQuery };

/** The engine's answer to a `compute` request. */
export type MetricsAnswer =
  | { type: 'figures'; id: number; trend: MetricsTrendResult; alerts: GovernanceAlert[] }
  | { type: 'failed'; id: number; message: string };

/** The snapshot and what computes over it. */
export interface MetricsEngine {
  /** Applies a patch (answer: null) or computes (the answer; a computation that fails answers why). */
  handle(request: MetricsRequest): MetricsAnswer | null;
}

/** The figures of the query's period and the periods before it, over `snapshot`. */
function compute(store: ReturnType<typeof createSnapshotStore>, id: number, query: MetricsQuery): MetricsAnswer {
  try {
    const snapshot = store.snapshot();
    const scope =
      query.domainId === null
        ? { domainId: null }
        : { domainId: query.domainId, includeSubdomains: query.includeSubdomains };
    const trend = metricsTrend(snapshot, query.period, TREND_PERIODS, {
      scope,
      now: query.now,
      thresholds: query.thresholds,
    });
    const current = trend.periods[trend.periods.length - 1];
    const alerts =
      current === undefined
        ? []
        : governanceAlerts(current, trend.periods.slice(0, -1), {
            domains: query.domains,
            overdueReviews: query.overdueReviews,
            domainAutonomy: domainAutonomyOf(snapshot, query.period, scope, { now: query.now }),
          });
    return { type: 'figures', id, trend, alerts };
  } catch (error) {
    return { type: 'failed', id, message: describeError(error) };
  }
}

/** An engine with an empty snapshot. */
export function createMetricsEngine(): MetricsEngine {
  const store = createSnapshotStore();
  return {
    handle(request) {
      switch (request.type) {
        case 'patch':
          store.apply(request.patch);
          return null;
        case 'compute':
          return compute(store, request.id, request.query);
      }
    },
  };
}

/** What the worker needs of its global scope (a `DedicatedWorkerGlobalScope`). */
export interface WorkerScope {
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: MetricsAnswer): void;
  setTimeout(handler: () => void, timeout: number): unknown;
}

const isRequest = (data: unknown): data is MetricsRequest =>
  typeof data === 'object' && data !== null && 'type' in data && (data.type === 'patch' || data.type === 'compute');

/**
 * Answers the dashboard's messages in a worker. Patches apply at once; a computation waits
 * for the messages already queued behind it (a timer of 0), so when someone steps through
 * five months quickly, only the last month is computed, over every patch sent before it.
 */
export function serveMetrics(scope: WorkerScope, engine: MetricsEngine = createMetricsEngine()): void {
  let pending: Extract<MetricsRequest, { type: 'compute' }> | null = null;
  const run = () => {
    const request = pending;
    pending = null;
    if (request === null) return;
    const answer = engine.handle(request);
    if (answer !== null) scope.postMessage(answer);
  };
  scope.addEventListener('message', (event) => {
    const request = event.data;
    if (!isRequest(request)) return;
    if (request.type === 'patch') {
      engine.handle(request);
      return;
    }
    if (pending === null) scope.setTimeout(run, 0);
    pending = request;
  });
}
