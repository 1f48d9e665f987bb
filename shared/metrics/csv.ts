/**
 * The figures of one period and scope as a CSV file (issue 6, "Export of the metrics of a
 * period as CSV"), for spreadsheets and reports, and the name offered when saving it.
 *
 * One row per figure, in the dashboard's order: the 18 figures of the autonomy, value and
 * health groups, each followed by its breakdown (decision velocity per tier, resource
 * utilisation per domain), then the scope's success metrics. Columns (`metricsCsvColumns`):
 *
 * - Period, First day, Last day: the period's label and its local dates (YYYY-MM-DD);
 * - Scope: whose figures, in words ("Whole workspace", "Sales and its sub-domains");
 * - Group: Autonomy, Value, Health or Success metrics;
 * - Key: a stable identifier (`decisionVelocity`, `decisionVelocity.autonomous`,
 *   `resourceUtilisation.domain`, `successMetric`), for formulas that must not depend on wording;
 * - Metric: the figure's name; Domain: the domain of a per-domain row or success metric;
 * - Value: the raw number (shares from 0 to 1, days, per 30 days, scores 1–5), empty when
 *   there is no value: not enough data, or a health figure hidden for anonymity;
 * - Formatted value: as the dashboard words it ("42%", "4.5 days", "Not enough data", "Hidden");
 * - Unit: the engine's unit (`days`, `share`, `per-30-days`, …) or a success metric's own;
 * - Count, Minimum, Enough data: how many observations the value is from, how many it needs,
 *   and whether it had them ("yes"/"no"). A hidden health figure has no count, as on screen;
 * - Light: green, amber or red (empty for none); a success metric is green on target, red off;
 * - Trend: up, down or flat against the previous periods (empty when there is none);
 * - Better: whether higher or lower values are better.
 *
 * The text follows RFC 4180: fields are separated by commas, records end with CRLF, and a
 * field holding a comma, a double quote, CR or LF is put in double quotes with its quotes
 * doubled. Names people typed (domains, success metrics, units) end up in cells, so a text
 * cell that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, a tab
 * or CR) gets a leading `'`; numbers the engine computed are written as plain numbers.
 * There is no byte order mark: a caller that saves the text for Excel adds one.
 */
import { tiers } from '../decisions/classify';
import { formatAmount, formatNumber } from '../domains/format';
import {
  figureOf,
  type HealthFigure,
  type MetricFigure,
  type MetricsResult,
  type SuccessMetricFigure,
} from './compute';
import {
  metricDefinitions,
  metricKeys,
  type MetricGroup,
  type MetricKey,
  type MetricLight,
  type MetricUnit,
} from './definitions';
import type { MetricsPeriod } from './period';
import type { TrendDirection } from './trend';

/** The columns of the CSV, in order. */
export const metricsCsvColumns = [
  'Period',
  'First day',
  'Last day',
  'Scope',
  'Group',
  'Key',
  'Metric',
  'Domain',
  'Value',
  'Formatted value',
  'Unit',
  'Count',
  'Minimum',
  'Enough data',
  'Light',
  'Trend',
  'Better',
] as const;

/** What `metricsToCsv` needs besides the figures. */
export interface MetricsCsvOptions {
  /** Whose figures, in words: "Whole workspace", "Sales and its sub-domains". */
  scope: string;
  /** Each figure's trend over the previous periods (from `metricsTrend`); no trend column without it. */
  trends?: Partial<Record<MetricKey, { direction: TrendDirection }>>;
  /** A domain's name by id; its id when unknown. */
  domainName?: (domainId: string) => string;
  /** A value in its unit as people read it; by default `formatMetricValue`. */
  formatValue?: (unit: MetricUnit, value: number) => string;
}

type Cell = string | number | null;
type Row = Record<(typeof metricsCsvColumns)[number], Cell>;

const groupNames: Record<MetricGroup, string> = { autonomy: 'Autonomy', value: 'Value', health: 'Health' };
const tierNames = { autonomous: 'autonomous', consultative: 'consultative', collaborative: 'collaborative' } as const;

const oneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

/** A value in its unit, in English: "4.5 days", "42%", "1.2 per 30 days", "0.25 per item", "3.8 of 5". */
export function formatMetricValue(unit: MetricUnit, value: number): string {
  switch (unit) {
    case 'days':
      return value === 1 ? '1 day' : `${oneDecimal.format(value)} days`;
    case 'share':
    case 'ratio':
      return `${Math.round(value * 100)}%`;
    case 'per-30-days':
      return `${oneDecimal.format(value)} per 30 days`;
    case 'per-decision':
      return `${twoDecimals.format(value)} per decision`;
    case 'per-item':
      return `${twoDecimals.format(value)} per item`;
    case 'score':
      return `${oneDecimal.format(value)} of 5`;
  }
}

/** What a cell starting with one of these would be to a spreadsheet: a formula. */
const formulaStart = /^[=+\-@\t\r]/;

/** One field as RFC 4180 writes it, text that could be a formula neutralised. */
export function csvField(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = formulaStart.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of fields as RFC 4180 text: comma-separated, CRLF after every record. */
export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

const isHealth = (figure: MetricFigure): figure is HealthFigure => 'suppressed' in figure;
const lightCell = (light: MetricLight): string => (light === 'none' ? '' : light);
const trendCell = (direction: TrendDirection | undefined): string =>
  direction === undefined || direction === 'none' ? '' : direction;

/** The figures of `result` (one period, one scope) as CSV text with a header row; see the module header. */
export function metricsToCsv(result: MetricsResult, options: MetricsCsvOptions): string {
  const format = options.formatValue ?? formatMetricValue;
  const domainName = (domainId: string | null): string =>
    domainId === null ? 'Workspace level' : (options.domainName?.(domainId) ?? domainId);
  const base = {
    Period: result.period.label,
    'First day': result.period.firstDay,
    'Last day': result.period.lastDay,
    Scope: options.scope,
  };
  const rows: Row[] = [];

  /** A figure's row; `light` and `trend` only for the 18 figures themselves. */
  const figureRow = (
    key: MetricKey,
    rowKey: string,
    metric: string,
    domain: string,
    figure: MetricFigure,
    light: MetricLight,
    trend: TrendDirection | undefined,
  ): Row => {
    const { unit, better, group } = metricDefinitions[key];
    const hidden = isHealth(figure) && figure.suppressed;
    let formatted: string;
    if (hidden) formatted = 'Hidden';
    else if (figure.value !== null) formatted = format(unit, figure.value);
    else if ('budget' in figure && figure.budget === null) formatted = 'No budget';
    else formatted = 'Not enough data';
    return {
      ...base,
      Group: groupNames[group],
      Key: rowKey,
      Metric: metric,
      Domain: domain,
      Value: hidden ? null : figure.value,
      'Formatted value': formatted,
      Unit: unit,
      Count: hidden ? null : figure.count,
      Minimum: figure.minimum,
      'Enough data': figure.enough ? 'yes' : 'no',
      Light: lightCell(light),
      Trend: trendCell(trend),
      Better: better,
    };
  };

  for (const key of metricKeys) {
    const { name } = metricDefinitions[key];
    rows.push(
      figureRow(key, key, name, '', figureOf(result, key), result.lights[key], options.trends?.[key]?.direction),
    );
    if (key === 'decisionVelocity') {
      for (const tier of tiers) {
        const figure = result.autonomy.decisionVelocityByTier[tier];
        rows.push(figureRow(key, `${key}.${tier}`, `${name}, ${tierNames[tier]} tier`, '', figure, 'none', undefined));
      }
    }
    if (key === 'resourceUtilisation') {
      for (const figure of result.autonomy.utilisationByDomain) {
        rows.push(
          figureRow(key, `${key}.domain`, `${name} by domain`, domainName(figure.domainId), figure, 'none', undefined),
        );
      }
    }
  }
  for (const metric of result.value.successMetrics) rows.push(successMetricRow(metric));

  function successMetricRow(metric: SuccessMetricFigure): Row {
    return {
      ...base,
      Group: 'Success metrics',
      Key: 'successMetric',
      Metric: metric.name,
      Domain: domainName(metric.domainId),
      Value: metric.latest,
      'Formatted value':
        metric.latest === null
          ? 'No value in this period'
          : `${formatAmount(metric.latest, metric.unit)} on ${metric.latestOn ?? ''}${
              metric.target === null ? '' : ` (target ${formatNumber(metric.target)})`
            }`,
      Unit: metric.unit,
      Count: metric.count,
      Minimum: null,
      'Enough data': metric.latest === null ? 'no' : 'yes',
      Light: metric.onTarget === null ? '' : metric.onTarget ? 'green' : 'red',
      Trend: '',
      Better: metric.direction,
    };
  }

  return toCsv([metricsCsvColumns, ...rows.map((row) => metricsCsvColumns.map((column) => row[column]))]);
}

/** The most code points and UTF-8 bytes the scope part of a file name keeps. */
const maxSlugLength = 40;
const maxSlugBytes = 120;

function utf8Length(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
}

/**
 * A name as letters, marks and digits of any script joined by hyphens, lower case: "Sales
 * EU" → "sales-eu", "R&D / Café" → "r-d-café". Nothing a file system refuses or that could
 * make a name display another extension (bidirectional controls) survives; cut to 40 code
 * points and 120 UTF-8 bytes.
 */
function slug(name: string): string {
  const words = name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  let result = '';
  let bytes = 0;
  let length = 0;
  for (const char of words) {
    bytes += utf8Length(char);
    length += 1;
    if (bytes > maxSlugBytes || length > maxSlugLength) break;
    result += char;
  }
  return result.replace(/-+$/, '');
}

/** The period part of a file name: "2026-11", "2026-Q4", "week-of-2026-11-23", "2026-11-01-to-2026-11-15". */
function periodSlug(period: Pick<MetricsPeriod, 'kind' | 'firstDay' | 'lastDay'>): string {
  const month = Number(period.firstDay.slice(5, 7));
  switch (period.kind) {
    case 'month':
      return period.firstDay.slice(0, 7);
    case 'quarter':
      return `${period.firstDay.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
    case 'week':
      return `week-of-${period.firstDay}`;
    case 'custom':
      return `${period.firstDay}-to-${period.lastDay}`;
  }
}

/**
 * The name offered when saving the CSV of a period and scope, e.g.
 * `latitude-metrics-2026-11-workspace.csv` or
 * `latitude-metrics-2026-Q4-sales-and-subdomains.csv`: lower case, hyphens, safe on Windows,
 * macOS and Linux (the fixed prefix means it is never a name Windows reserves for a device).
 * `domainName` is null for the whole workspace; a name with no letter or digit reads "domain".
 */
export function metricsCsvFileName(
  period: Pick<MetricsPeriod, 'kind' | 'firstDay' | 'lastDay'>,
  scope: { domainName: string | null; includeSubdomains: boolean },
): string {
  const scopePart =
    scope.domainName === null
      ? 'workspace'
      : `${slug(scope.domainName) || 'domain'}${scope.includeSubdomains ? '-and-subdomains' : ''}`;
  return `latitude-metrics-${periodSlug(period)}-${scopePart}.csv`;
}
