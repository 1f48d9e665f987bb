/**
 * The team's traffic-light thresholds (issue 6 "a traffic light from thresholds the team can
 * edit"), read from the workspace's `metricThresholds` records: for each metric, the most
 * recently changed live record (then by id, so every laptop picks the same one when two were
 * set at once). A record with both values null turns the light off; one that is not usable
 * (a merge of two edits can hold a green worse than its red, or only one value) is skipped —
 * the metric keeps the built-in thresholds — and reported, so the page can say what to fix.
 */
import { checkThresholds, defaultThresholds, metricKeys, type MetricKey, type MetricThresholds } from '@shared/metrics';
import type { Entity } from '@shared/model/entities';
import { describeError } from '@shared/errors';

type ThresholdRecord = Entity<'metricThresholds'>;

/** The thresholds in effect for one metric and where they come from. */
export interface ThresholdSetting {
  metric: MetricKey;
  /** null: no light. */
  thresholds: MetricThresholds | null;
  source: 'built-in' | 'team';
  /** The record in effect (or the unusable one), if any. */
  record: ThresholdRecord | null;
  /** Why the team's record is not used, or null. */
  problem: string | null;
}

/** The record in effect for `metric`: the latest changed, then by id. */
export function recordFor(records: Iterable<ThresholdRecord>, metric: MetricKey): ThresholdRecord | null {
  let chosen: ThresholdRecord | null = null;
  for (const record of records) {
    if (record.deletedAt !== null || record.metric !== metric) continue;
    if (
      chosen === null ||
      record.updatedAt > chosen.updatedAt ||
      (record.updatedAt === chosen.updatedAt && record.id > chosen.id)
    ) {
      chosen = record;
    }
  }
  return chosen;
}

/** Checks one metric's thresholds as typed or stored; the error message names the problem. */
export function checkMetricThresholds(
  metric: MetricKey,
  green: number | null,
  red: number | null,
): MetricThresholds | null {
  if (green === null && red === null) return null;
  if (green === null || red === null) throw new Error('Set both values, or neither to turn the light off.');
  try {
    return checkThresholds({ [metric]: { green, red } }, 'thresholds')[metric];
  } catch (error) {
    // "thresholds.escalationRate.green must be…" reads "Green must be…" next to the form.
    const message = describeError(error).replaceAll(`thresholds.${metric}.`, '');
    throw new Error(message.charAt(0).toUpperCase() + message.slice(1), { cause: error });
  }
}

/** Every metric's thresholds in effect. */
export function thresholdSettings(records: Iterable<ThresholdRecord>): ThresholdSetting[] {
  const list = [...records];
  return metricKeys.map((metric): ThresholdSetting => {
    const record = recordFor(list, metric);
    const builtIn = { metric, thresholds: defaultThresholds[metric], source: 'built-in' as const, record: null };
    if (record === null) return { ...builtIn, problem: null };
    try {
      return {
        metric,
        thresholds: checkMetricThresholds(metric, record.green, record.red),
        source: 'team',
        record,
        problem: null,
      };
    } catch (error) {
      return { ...builtIn, record, problem: `The team's thresholds are not used: ${describeError(error)}` };
    }
  });
}

/** The thresholds option of the metrics engine: the team's where they are usable. */
export function thresholdsOption(
  settings: readonly ThresholdSetting[],
): Partial<Record<MetricKey, MetricThresholds | null>> {
  return Object.fromEntries(
    settings.filter((setting) => setting.source === 'team').map((setting) => [setting.metric, setting.thresholds]),
  );
}
