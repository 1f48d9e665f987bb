/**
 * Trends and traffic lights (framework.md § 7 "Pattern monitoring", § 9 reviews).
 *
 * A trend compares a figure's value in the current period with its baseline: the mean of its
 * values in the previous periods that had enough data. The direction is "flat" when the change
 * is within the tolerance (5 % of the baseline by default, so a change from 0 is never flat),
 * otherwise "up" or "down"; it is "better" or "worse" by the figure's better direction, and
 * "none" when the current period or every previous one lacks data.
 *
 * A traffic light compares the current value with two thresholds a team edits: green when
 * at or better than `green`, red when at or worse than `red`, amber between, and none when
 * there is no value or no thresholds. Thresholds are checked by `checkThresholds`: finite,
 * `green` not worse than `red`, shares from 0 to 1, scores from 1 to 5, anything else 0 or more.
 */
import { describeValue, invalid, isList, isRecord } from './check';
import {
  defaultThresholds,
  defaultTrendTolerance,
  metricDefinitions,
  metricKeys,
  type MetricDirection,
  type MetricKey,
  type MetricLight,
  type MetricThresholds,
  type MetricThresholdSet,
} from './definitions';

/** Which way a figure moved: up, down, flat (within the tolerance), or none (not enough data). */
export type TrendDirection = 'up' | 'down' | 'flat' | 'none';

/** Whether the move is better, worse, the same (flat), or none (not enough data). */
export type TrendAssessment = 'better' | 'worse' | 'same' | 'none';

/** How a figure's current value compares with the periods before. */
export interface SeriesTrend {
  /** The value in the current period (the last of the series); null when not enough data. */
  current: number | null;
  /** The mean of the previous periods' values that had enough data; null when none had. */
  baseline: number | null;
  /** `current − baseline`; null when either is missing. */
  change: number | null;
  direction: TrendDirection;
  assessment: TrendAssessment;
}

function checkTolerance(tolerance: unknown, field: string): number {
  if (typeof tolerance !== 'number' || !(tolerance >= 0 && tolerance <= 1)) {
    throw invalid(field, 'a number from 0 to 1', tolerance);
  }
  return tolerance;
}

/**
 * The trend of a series of values, oldest first, the current period last (null where a period
 * had not enough data), for a figure that is better `better`. `tolerance` is the relative
 * change within which the trend is flat (0.05 by default). Throws an `Error` naming the field
 * for a value that is neither null nor a finite number or a tolerance outside 0–1.
 */
export function trendOf(
  values: readonly (number | null)[],
  better: MetricDirection,
  tolerance = defaultTrendTolerance,
): SeriesTrend {
  if (!isList(values)) throw invalid('values', 'a list', values);
  if (better !== 'higher' && better !== 'lower') throw invalid('better', 'higher or lower', better);
  checkTolerance(tolerance, 'tolerance');
  values.forEach((value, index) => {
    if (value !== null && (typeof value !== 'number' || !Number.isFinite(value))) {
      throw invalid(`values[${index}]`, 'a finite number or null', value);
    }
  });
  const current = values.length > 0 ? (values[values.length - 1] ?? null) : null;
  const previous = values.slice(0, -1).filter((value): value is number => value !== null);
  const baseline = previous.length > 0 ? previous.reduce((sum, value) => sum + value, 0) / previous.length : null;
  if (current === null || baseline === null) {
    return { current, baseline, change: null, direction: 'none', assessment: 'none' };
  }
  const change = current - baseline;
  // A hair of slack, so that 4 → 4.2 is within 5 % although 4.2 − 4 is 0.20000000000000018.
  const slack = 1e-12 * Math.max(Math.abs(current), Math.abs(baseline));
  if (Math.abs(change) <= tolerance * Math.abs(baseline) + slack) {
    return { current, baseline, change, direction: 'flat', assessment: 'same' };
  }
  const direction = change > 0 ? 'up' : 'down';
  const improved = (direction === 'up') === (better === 'higher');
  return { current, baseline, change, direction, assessment: improved ? 'better' : 'worse' };
}

/**
 * The traffic light of `value` under `thresholds` for a figure that is better `better`: green
 * when at or better than `thresholds.green`, else red when at or worse than `thresholds.red`,
 * else amber; none when the value or the thresholds are null.
 */
export function lightOf(
  value: number | null,
  thresholds: MetricThresholds | null,
  better: MetricDirection,
): MetricLight {
  if (value === null || thresholds === null || !Number.isFinite(value)) return 'none';
  const atLeastAsGood = (a: number, b: number): boolean => (better === 'higher' ? a >= b : a <= b);
  if (atLeastAsGood(value, thresholds.green)) return 'green';
  if (atLeastAsGood(thresholds.red, value)) return 'red';
  return 'amber';
}

function range(key: MetricKey): { min: number; max: number; text: string } {
  switch (metricDefinitions[key].unit) {
    case 'share':
      return { min: 0, max: 1, text: 'a number from 0 to 1' };
    case 'score':
      return { min: 1, max: 5, text: 'a number from 1 to 5' };
    default:
      return { min: 0, max: Number.MAX_VALUE, text: 'a finite number of 0 or more' };
  }
}

function checkLimit(value: unknown, field: string, key: MetricKey): number {
  const { min, max, text } = range(key);
  if (typeof value !== 'number' || !(value >= min && value <= max)) throw invalid(field, text, value);
  return value;
}

/**
 * Checks thresholds a team edited and returns the whole set: each given figure's thresholds
 * (or null for no light) in place of the default (`defaultThresholds`). Throws an `Error`
 * naming the field for an unknown figure, a threshold out of its range (shares 0–1, scores
 * 1–5, others 0 or more) or `green` worse than `red` (`name` prefixes the field names,
 * "thresholds" by default).
 */
export function checkThresholds(
  edited: Partial<Record<MetricKey, MetricThresholds | null>> | undefined,
  name = 'thresholds',
): MetricThresholdSet {
  const set: MetricThresholdSet = { ...defaultThresholds };
  if (edited === undefined) return set;
  if (!isRecord(edited)) throw invalid(name, 'an object', edited);
  for (const [key, thresholds] of Object.entries(edited)) {
    if (!(metricKeys as readonly string[]).includes(key)) {
      throw new Error(`${name}.${key} is not a metric (one of ${metricKeys.join(', ')})`);
    }
    const metric = key as MetricKey;
    if (thresholds === undefined) continue;
    if (thresholds === null) {
      set[metric] = null;
      continue;
    }
    const field = `${name}.${key}`;
    if (!isRecord(thresholds)) throw invalid(field, 'an object with green and red, or null', thresholds);
    const green = checkLimit(thresholds.green, `${field}.green`, metric);
    const red = checkLimit(thresholds.red, `${field}.red`, metric);
    const better = metricDefinitions[metric].better;
    if (better === 'higher' ? green < red : green > red) {
      const relation = better === 'higher' ? 'below' : 'above';
      throw new Error(
        `${field}.green (${describeValue(green)}) must not be ${relation} ${field}.red (${describeValue(red)}): ${better} is better`,
      );
    }
    set[metric] = { green, red };
  }
  return set;
}

/** Checks a trend tolerance (a number from 0 to 1), naming `field` in the error. */
export function checkTrendTolerance(tolerance: unknown, field = 'options.trendTolerance'): number {
  return checkTolerance(tolerance, field);
}
