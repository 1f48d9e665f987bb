/**
 * The dashboard's figures, computed from the open workspace without getting in the way of
 * typing: the workspace's records and the chosen period are read through
 * `useDeferredValue`, so a keystroke (or a peer's edit) renders first and the figures follow
 * in a render React may interrupt. The engine's snapshot is built once per change of the
 * records, and the trend (the figures of the period shown and the five before it, which
 * include the current figures) once per snapshot, period, scope and thresholds: with 10,000
 * decisions that is about 30 ms, not once per card.
 */
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { describeError } from '@shared/errors';
import { localDateOf } from '@shared/metrics/calendar';
import {
  metricsTrend,
  type MetricKey,
  type MetricsPeriod,
  type MetricsSnapshot,
  type MetricsTrendResult,
  type MetricThresholds,
} from '@shared/metrics';
import { useDocument } from '../../workspaces/session-store';
import { metricsSnapshotOf } from '../metrics-snapshot';
import { TREND_PERIODS } from './dashboard-query';

/** Thresholds a team edited, in place of the defaults (null: no light for that figure). */
export type DashboardThresholds = Partial<Record<MetricKey, MetricThresholds | null>>;

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

/** What the dashboard shows for a period and scope. */
export interface DashboardMetrics {
  snapshot: MetricsSnapshot;
  /** The figures of the last periods; null when they could not be computed (`error` says why). */
  trend: MetricsTrendResult | null;
  error: string | null;
  /** True while the figures shown are still those of an earlier period, scope or workspace state. */
  stale: boolean;
}

/** The open workspace's figures for `period` (null: none chosen) and the scope. */
export function useDashboardMetrics(
  period: MetricsPeriod | null,
  domainId: string | null,
  includeSubdomains: boolean,
  now: number,
  thresholds: DashboardThresholds | undefined,
): DashboardMetrics {
  const entities = useDocument((state) => state.entities);
  const deferredEntities = useDeferredValue(entities);
  const snapshot = useMemo(() => metricsSnapshotOf({ entities: deferredEntities }), [deferredEntities]);
  const request = useMemo(
    () => ({ period, domainId, includeSubdomains, now, thresholds }),
    [period, domainId, includeSubdomains, now, thresholds],
  );
  const deferredRequest = useDeferredValue(request);
  const computed = useMemo(() => {
    const { period: shown, domainId: domain, includeSubdomains: subdomains } = deferredRequest;
    if (shown === null) return { trend: null, error: null };
    try {
      const trend = metricsTrend(snapshot, shown, TREND_PERIODS, {
        scope: domain === null ? { domainId: null } : { domainId: domain, includeSubdomains: subdomains },
        now: deferredRequest.now,
        thresholds: deferredRequest.thresholds,
      });
      return { trend, error: null };
    } catch (error) {
      return { trend: null, error: describeError(error) };
    }
  }, [snapshot, deferredRequest]);
  return {
    snapshot,
    ...computed,
    stale: deferredEntities !== entities || deferredRequest !== request,
  };
}
