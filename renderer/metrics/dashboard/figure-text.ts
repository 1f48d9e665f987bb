/**
 * How the dashboard words a figure: its value with its unit, what it was computed from,
 * "not enough data", its traffic light as a word and its trend as a sentence. Every figure is
 * read without colour: the light and the trend are words, the colour only repeats them.
 */
import {
  metricDefinitions,
  type MetricFigure,
  type MetricKey,
  type MetricLight,
  type MetricsPeriod,
  type MetricTrend,
  type MetricUnit,
  type RateFigure,
  type UtilisationFigure,
} from '@shared/metrics';

const number = (digits: number) => new Intl.NumberFormat('en', { maximumFractionDigits: digits });
const oneDecimal = number(1);
const twoDecimals = number(2);
const whole = number(0);

const plural = (count: number, singular: string, many: string): string =>
  `${whole.format(count)} ${count === 1 ? singular : many}`;

/** A share or ratio (0.42) as a percentage ("42%"). */
export function formatPercent(value: number): string {
  return `${whole.format(value * 100)}%`;
}

/**
 * A computed amount (a prorated budget, a mean) rounded as a person reads it: whole from 100
 * up, else to two decimals, so a third of a month's budget is not "6,666.667".
 */
export function roundedAmount(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
}

/** A value in its unit: "4.5 days", "42%", "1.2 per 30 days", "3.8 of 5". */
export function formatValue(unit: MetricUnit, value: number): string {
  switch (unit) {
    case 'days':
      return value === 1 ? '1 day' : `${oneDecimal.format(value)} days`;
    case 'share':
    case 'ratio':
      return formatPercent(value);
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

/**
 * The value range of a figure's chart: 1 to 5 for scores; otherwise from 0 up to what the
 * values reach (0 to 1 when they are all 0, so a flat line of zeros sits at the bottom).
 */
export function chartDomain(unit: MetricUnit, values: readonly (number | null)[]): [number, number | 'auto'] {
  if (unit === 'score') return [1, 5];
  return values.some((value) => value !== null && value > 0) ? [0, 'auto'] : [0, 1];
}

/** A value as short as a chart axis needs: "4.5", "42%". */
export function formatAxisValue(unit: MetricUnit, value: number): string {
  return unit === 'share' || unit === 'ratio' ? formatPercent(value) : oneDecimal.format(value);
}

/** What each figure counts, singular and plural. */
const counted: Record<MetricKey, [string, string]> = {
  decisionVelocity: ['decision', 'decisions'],
  escalationRate: ['decision', 'decisions'],
  resourceUtilisation: ['costed decision', 'costed decisions'],
  innovationRate: ['experiment started', 'experiments started'],
  experimentShare: ['decision', 'decisions'],
  autonomyShare: ['decision', 'decisions'],
  overrideRate: ['decision', 'decisions'],
  handoffsPerDecision: ['decision', 'decisions'],
  deliverySpeed: ['delivered item', 'delivered items'],
  throughput: ['item delivered', 'items delivered'],
  userSatisfaction: ['rating', 'ratings'],
  defectRate: ['delivered item', 'delivered items'],
  learningRate: ['lesson', 'lessons'],
  lessonShare: ['review', 'reviews'],
  teamSatisfaction: ['answer', 'answers'],
  stress: ['answer', 'answers'],
  collaboration: ['answer', 'answers'],
  trust: ['answer', 'answers'],
};

/** "12 decisions", "1 answer": the count of a figure with its noun. */
export function countOf(key: MetricKey, count: number): string {
  const [singular, many] = counted[key];
  return plural(count, singular, many);
}

const isRate = (figure: MetricFigure): figure is RateFigure => 'days' in figure;
const isUtilisation = (figure: MetricFigure): figure is UtilisationFigure => 'budget' in figure;

/**
 * What a figure was computed from ("From 12 decisions", "3 experiments started in 31 days"),
 * or why it has no value ("Not enough data (2 of 3 needed)").
 */
export function basisOf(key: MetricKey, figure: MetricFigure): string {
  if (isUtilisation(figure) && figure.budget === null) return 'No budget is set in this scope.';
  if (isRate(figure)) {
    if (figure.days === 0) return 'The period has not begun.';
    return `${countOf(key, figure.count)} in ${plural(figure.days, 'day', 'days')}`;
  }
  if (!figure.enough) {
    if (figure.count === 0 && figure.minimum <= 1) return 'No data in this period.';
    return `Not enough data (${whole.format(figure.count)} of ${whole.format(figure.minimum)} needed)`;
  }
  return `From ${countOf(key, figure.count)}`;
}

/** What a hidden health figure says instead of its value: no number of answers, only the threshold. */
export function hiddenHealthText(minRespondents: number): string {
  return `Hidden: fewer than ${whole.format(minRespondents)} people answered`;
}

/** The traffic light as words; null for no light. */
export const lightWords: Record<MetricLight, string | null> = {
  green: 'On track',
  amber: 'Watch',
  red: 'Off track',
  none: null,
};

/** The colour that repeats a light's word. */
export const lightColors: Record<Exclude<MetricLight, 'none'>, string> = {
  green: 'green',
  amber: 'yellow',
  red: 'red',
};

/**
 * A figure's trend in words: "Up 12% vs previous periods, better"; shares move in
 * percentage points ("Down 8 points vs previous periods, worse").
 */
export function trendWords(trend: MetricTrend, unit: MetricUnit): string {
  if (trend.direction === 'none' || trend.change === null || trend.baseline === null) {
    return trend.current === null
      ? 'No trend: not enough data in this period'
      : 'No trend yet: earlier periods lack data';
  }
  if (trend.direction === 'flat') return 'Steady vs previous periods';
  const verb = trend.direction === 'up' ? 'Up' : 'Down';
  let size: string;
  if (unit === 'share' || unit === 'ratio') {
    const points = Math.abs(trend.change) * 100;
    size = `${whole.format(points)} ${Math.round(points) === 1 ? 'point' : 'points'}`;
  } else if (trend.baseline === 0) {
    size = `from 0 to ${formatValue(unit, trend.current ?? 0)}`;
  } else {
    size = `${whole.format((Math.abs(trend.change) / Math.abs(trend.baseline)) * 100)}%`;
  }
  return `${verb} ${size} vs previous periods, ${trend.assessment === 'better' ? 'better' : 'worse'}`;
}

/** "Lower is better" or "Higher is better" for a figure. */
export function betterWords(key: MetricKey): string {
  return metricDefinitions[key].better === 'lower' ? 'Lower is better' : 'Higher is better';
}

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A period as short as a chart axis needs: "23 Nov" (a week or range), "Nov ’26" (a month), "Q4 2026". */
export function shortPeriodLabel(period: MetricsPeriod): string {
  const [, month = 1, day = 1] = period.firstDay.split('-').map(Number);
  const monthName = monthNames[month - 1] ?? '';
  switch (period.kind) {
    case 'month':
      return `${monthName} ’${period.firstDay.slice(2, 4)}`;
    case 'quarter':
      return period.label;
    default:
      return `${day} ${monthName}`;
  }
}
