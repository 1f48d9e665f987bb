/**
 * The dashboard's figures, computed from the open workspace without holding up the UI
 * (issue 6: "recomputation runs off the UI thread and incrementally where possible; the
 * dashboard stays responsive while it runs").
 *
 * In the app, a Web Worker computes them (`metrics-client.ts`, `metrics-engine.ts`): it
 * keeps the engine's snapshot of the workspace, receives only the records that changed
 * when the workspace changes and only the question when the period or scope changes, and
 * answers with the figures of the period shown and the five before it. Answers are applied
 * in a transition, so React renders the new cards and charts in slices the browser can
 * interrupt; until then the previous figures stay, marked as updating. Where there is no
 * `Worker` (tests in jsdom), the same tracker and engine run in the page, in a render React
 * may interrupt (`useDeferredValue`), with the same results.
 *
 * What the dashboard needs before any figure, whether anything is recorded at all, is
 * counted here on the UI thread: a walk over the records, well under a millisecond.
 */
import { startTransition, useDeferredValue, useEffect, useMemo, useState } from 'react';
import { localDateOf } from '@shared/metrics/calendar';
import type { MetricsPeriod } from '@shared/metrics';
import type { OverdueReview } from '@shared/review/alerts';
import { useDocument } from '../../workspaces/session-store';
import {
  canUseWorkers,
  createInlineMetrics,
  createMetricsWorker,
  type FiguresState,
  type InlineMetrics,
  type MetricsWorker,
} from './metrics-client';
import type { DashboardThresholds, MetricsQuery } from './metrics-engine';
import type { MetricsEntities } from './snapshot-tracker';

export type { DashboardThresholds } from './metrics-engine';

/** The time zone periods are counted in: this device's. */
export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Today where the person is, and the moment it was read; changes only when the date does. */
export interface Today {
  /** YYYY-MM-DD in `timeZone`. */
  date: string;
  /** When `date` was read, in milliseconds since the epoch. */
  now: number;
  timeZone: string;
}

/**
 * Today's date, checked every minute, so a dashboard left open moves into the next period on
 * its own; the figures are recomputed only when the date changes, not every minute.
 */
export function useToday(): Today {
  const [today, setToday] = useState<Today>(() => {
    const timeZone = deviceTimeZone();
    const now = Date.now();
    return { date: localDateOf(now, timeZone), now, timeZone };
  });
  useEffect(() => {
    const timer = window.setInterval(() => {
      const now = Date.now();
      setToday((current) => {
        const date = localDateOf(now, current.timeZone);
        return date === current.date ? current : { date, now, timeZone: current.timeZone };
      });
    }, 60_000);
    return () => window.clearInterval(timer);
  }, []);
  return today;
}

/** How much the scope-independent records hold: enough to tell an empty workspace from one still computing. */
export interface RecordedCounts {
  /** Live decisions and experiments. */
  decisions: number;
  /** Of them, those with a decision date. */
  decided: number;
  /** Live delivered items. */
  valueEntries: number;
  /** Live pulse-check answers. */
  pulses: number;
}

/** What the dashboard shows for a period and scope. */
export interface DashboardMetrics extends FiguresState {
  recorded: RecordedCounts;
}

const idle: FiguresState = { trend: null, alerts: [], error: null, updating: false };

function countLive(map: ReadonlyMap<string, { deletedAt: number | null }>): number {
  let count = 0;
  for (const entity of map.values()) if (entity.deletedAt === null) count += 1;
  return count;
}

/** The figures computed in the page, in a render React may interrupt. */
function useInlineFigures(
  inline: InlineMetrics | null,
  entities: MetricsEntities,
  query: MetricsQuery | null,
): FiguresState {
  const deferredEntities = useDeferredValue(entities);
  const deferredQuery = useDeferredValue(query);
  const figures = useMemo(
    () => (inline === null || deferredQuery === null ? idle : inline.figures(deferredEntities, deferredQuery)),
    [inline, deferredEntities, deferredQuery],
  );
  return { ...figures, updating: deferredEntities !== entities || deferredQuery !== query };
}

/** The figures computed in the worker: the previous ones, marked updating, until the answer comes. */
function useWorkerFigures(
  worker: MetricsWorker | null,
  entities: MetricsEntities,
  query: MetricsQuery | null,
): FiguresState {
  const [figures, setFigures] = useState<FiguresState>({ trend: null, alerts: [], error: null, updating: true });
  useEffect(() => {
    if (worker === null) return undefined;
    return worker.connect((next) => {
      // "Updating" shows at once; new figures render in a transition, in interruptible slices.
      if (next.updating) setFigures(next);
      else startTransition(() => setFigures(next));
    });
  }, [worker]);
  useEffect(() => {
    if (worker !== null && query !== null) worker.request(entities, query);
  }, [worker, entities, query]);
  return figures;
}

/** What the governance alerts read besides the figures: names for their texts, overdue reviews. */
export interface AlertContext {
  domains: { id: string; name: string; budgetUnit: string }[];
  overdueReviews: OverdueReview[];
}

const noAlertContext: AlertContext = { domains: [], overdueReviews: [] };

/**
 * The open workspace's figures and governance alerts for `period` (null: none chosen) and the
 * scope. Pass a stable `alertContext` (memoised): the figures are recomputed when it changes.
 */
export function useDashboardMetrics(
  period: MetricsPeriod | null,
  domainId: string | null,
  includeSubdomains: boolean,
  now: number,
  thresholds: DashboardThresholds | undefined,
  alertContext: AlertContext = noAlertContext,
): DashboardMetrics {
  // A change of another kind (a review, a member) reaches the tracker, which finds nothing to send.
  const entities = useDocument((state) => state.entities);
  const { decisions, valueEntries, pulseChecks } = entities;
  const recorded = useMemo<RecordedCounts>(() => {
    let live = 0;
    let decided = 0;
    for (const decision of decisions.values()) {
      if (decision.deletedAt !== null) continue;
      live += 1;
      if (decision.decidedAt !== null) decided += 1;
    }
    return { decisions: live, decided, valueEntries: countLive(valueEntries), pulses: countLive(pulseChecks) };
  }, [decisions, valueEntries, pulseChecks]);
  const query = useMemo<MetricsQuery | null>(
    () =>
      period === null
        ? null
        : {
            period,
            domainId,
            includeSubdomains,
            now,
            thresholds,
            domains: alertContext.domains,
            overdueReviews: alertContext.overdueReviews,
          },
    [period, domainId, includeSubdomains, now, thresholds, alertContext],
  );
  // One of the two, for the life of the dashboard: creating either starts nothing yet.
  const [inline] = useState(() => (canUseWorkers() ? null : createInlineMetrics()));
  const [worker] = useState(() => (canUseWorkers() ? createMetricsWorker() : null));
  const inlineFigures = useInlineFigures(inline, entities, query);
  const workerFigures = useWorkerFigures(worker, entities, query);
  const figures = query === null ? idle : inline === null ? workerFigures : inlineFigures;
  return { recorded, ...figures };
}
