/**
 * How the review engine writes figures, amounts and dates for people, in its evidence texts
 * and the Markdown report: a share as a whole percentage ("42%"), days, scores and rates with
 * one decimal ("2.5 days", "3.8 of 5", "1.5 per 30 days"), ratios per decision or item with two
 * ("0.25 per decision"), amounts with at most two decimals ("1,234.5 EUR"), dates as
 * "29 Mar 2026". Lights and trends in words.
 */
import { localDateOf, shortDate } from '../metrics/calendar';
import type { MetricLight, MetricUnit } from '../metrics/definitions';
import type { TrendAssessment, TrendDirection } from '../metrics/trend';

const oneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

const number1 = (value: number): string => oneDecimal.format(value === 0 ? 0 : value);
const number2 = (value: number): string => twoDecimals.format(value === 0 ? 0 : value);

/** A share or ratio from 0 to 1 (or above) as a whole percentage: 0.425 → "43%". */
export function formatPercent(value: number): string {
  return `${oneDecimal.format(Math.round(value * 100) || 0)}%`;
}

/**
 * A figure's value with its unit: "2.5 days", "43%", "1.5 per 30 days", "0.25 per decision",
 * "0.1 per item", "85% of the budget", "3.8 of 5".
 */
export function formatMetricValue(value: number, unit: MetricUnit): string {
  switch (unit) {
    case 'days':
      return `${number1(value)} ${number1(value) === '1' ? 'day' : 'days'}`;
    case 'share':
      return formatPercent(value);
    case 'per-30-days':
      return `${number1(value)} per 30 days`;
    case 'per-decision':
      return `${number2(value)} per decision`;
    case 'per-item':
      return `${number2(value)} per item`;
    case 'ratio':
      return `${formatPercent(value)} of the budget`;
    case 'score':
      return `${number1(value)} of 5`;
  }
}

/** An amount with its unit and at most two decimals: "1,234.5 EUR"; without a unit, the number. */
export function formatReviewAmount(value: number, unit: string): string {
  const trimmed = unit.trim();
  return trimmed === '' ? number2(value) : `${number2(value)} ${trimmed}`;
}

/** A number of days with one decimal: "1 day", "2.5 days". */
export function formatDays(days: number): string {
  return formatMetricValue(days, 'days');
}

/** A whole count with its noun: "1 decision", "3 decisions". */
export function countOf(count: number, one: string, many: string): string {
  return `${number1(count)} ${count === 1 ? one : many}`;
}

/** A local date YYYY-MM-DD for a person: "29 Mar 2026". */
export function formatDate(date: string): string {
  return shortDate(date);
}

/** The local date of an instant in `timeZone`, for a person: "29 Mar 2026". */
export function formatInstant(at: number, timeZone: string): string {
  return shortDate(localDateOf(at, timeZone));
}

/** A traffic light in words: "green", "amber", "red"; '' for none. */
export function lightInWords(light: MetricLight): string {
  return light === 'none' ? '' : light;
}

/** A trend in words: "up, better", "down, worse", "flat"; '' when there is not enough data. */
export function trendInWords(direction: TrendDirection, assessment: TrendAssessment): string {
  if (direction === 'none') return '';
  if (direction === 'flat') return 'flat';
  return `${direction}, ${assessment}`;
}
