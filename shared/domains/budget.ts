/**
 * A domain's budget envelope (framework.md § 1 "Team Level: resource allocation within
 * budget", § 5 "Pre-approved budgets", § 4 "Resource tracking"): how much of this period's
 * budget decisions have already committed, what is still pending, and what is left.
 *
 * Periods are calendar periods where the people are: a week (Monday to Monday), a month, a
 * quarter or a year, each from local midnight to the next period's local midnight (end
 * exclusive) in an IANA time zone passed in, so a decision made at 00:30 on 1 December in
 * Berlin counts for December even though it is still November in UTC.
 *
 * Local midnight is found without a date library: `Intl.DateTimeFormat` with `timeZone`
 * gives the local wall-clock time of any instant; the instant of a local midnight is the
 * wall-clock time minus the zone's offset, and the offset is taken from just before and
 * just after that day (the two differ when the clocks change near it). Of the candidates,
 * the earliest one whose local time really is that midnight wins (where the clocks go back
 * over midnight, it happens twice, e.g. America/Havana on 1 November 2026). Where the clocks
 * jump over midnight (e.g. Asia/Tehran on 22 March 2021), the day begins at the jump.
 *
 * A decision commits money once it is decided (decided, implemented or reviewed) and counts
 * for the period in which it was decided; decisions still being prepared (draft, seeking
 * advice, deciding together) are pending, whatever their period.
 */
import { calendarPeriodOf, isTimeZone, localDateOf, shortDate, startOfLocalDay } from '../metrics/calendar';
import { formatAmount } from './format';
import { compareIds } from './order';

/** The lengths a budget can be set for. */
export const budgetPeriods = ['week', 'month', 'quarter', 'year'] as const;

/** A budget period. */
export type BudgetPeriod = (typeof budgetPeriods)[number];

/** Decision statuses whose cost is committed against the budget of the period they were decided in. */
export const committingStatuses = ['decided', 'implemented', 'reviewed'] as const;

/** Decision statuses whose cost is still pending. */
export const pendingStatuses = ['draft', 'seeking-advice', 'deciding-together'] as const;

/** The share of the budget committed from which the envelope is "near" its limit. */
export const nearBudgetRatio = 0.8;

/** A budget: an amount in a unit (currency or e.g. "hours") per period. */
export interface Budget {
  amount: number;
  unit: string;
  period: BudgetPeriod;
}

/** What the budget engine reads of a decision. */
export interface BudgetDecision {
  id: string;
  domainId: string | null;
  cost: number | null;
  status: string;
  decidedAt: number | null;
  deletedAt: number | null;
}

/** A period: from `start` (included) to `end` (excluded), in milliseconds since the epoch, with a label. */
export interface PeriodRange {
  start: number;
  end: number;
  label: string;
}

/** What `budgetEnvelope` needs. */
export interface BudgetEnvelopeInput {
  budget: Budget | null;
  decisions: readonly BudgetDecision[];
  /** The domain whose decisions count; null for workspace-level decisions. */
  domainId: string | null;
  /** The moment whose period is shown, in milliseconds since the epoch. */
  at: number;
  timeZone: string;
}

/** A domain without a budget: only what is pending is known. */
export interface NoBudgetEnvelope {
  state: 'none';
  pending: number;
}

/** A domain's budget in the current period. */
export interface ActiveBudgetEnvelope {
  state: 'ok' | 'near' | 'over';
  period: PeriodRange & { kind: BudgetPeriod };
  amount: number;
  unit: string;
  /** The cost of decisions decided in this period. */
  committed: number;
  /** The cost of decisions still being prepared. */
  pending: number;
  /** `amount − committed`; negative when over. */
  remaining: number;
  /** `committed ÷ amount`; 0 for an empty zero budget, Infinity when a zero budget has commitments. */
  ratio: number;
  /** Ids of the committed decisions, in the order they were decided. */
  committedDecisions: string[];
}

/** A budget envelope: none, or the state of the budget in the current period. */
export type BudgetEnvelope = NoBudgetEnvelope | ActiveBudgetEnvelope;

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/**
 * The calendar period of kind `period` that contains the instant `at`, in `timeZone`:
 * from local midnight to local midnight (end exclusive); weeks start on Monday. Labels
 * read "Week of 23 Nov 2026", "November 2026", "Q4 2026" or "2026". Throws an `Error`
 * naming the field for an unknown period, a non-finite time or an unknown time zone.
 */
export function periodContaining(period: BudgetPeriod, at: number, timeZone: string): PeriodRange {
  if (!budgetPeriods.includes(period)) {
    throw new Error(`The budget period "${String(period)}" is not one of week, month, quarter or year.`);
  }
  if (typeof at !== 'number' || !Number.isFinite(at)) {
    throw new Error('The time "at" must be a finite number of milliseconds since 1970.');
  }
  if (!isTimeZone(timeZone)) throw new Error(`The time zone "${String(timeZone)}" is not a known IANA time zone.`);
  const { firstDay, endDay } = calendarPeriodOf(period, localDateOf(at, timeZone));
  const year = Number(firstDay.slice(0, 4));
  const month = Number(firstDay.slice(5, 7));
  const label =
    period === 'week'
      ? `Week of ${shortDate(firstDay)}`
      : period === 'month'
        ? `${monthNames[month - 1]} ${year}`
        : period === 'quarter'
          ? `Q${Math.floor((month - 1) / 3) + 1} ${year}`
          : String(year);
  return { start: startOfLocalDay(firstDay, timeZone), end: startOfLocalDay(endDay, timeZone), label };
}

function hasCost(decision: BudgetDecision): decision is BudgetDecision & { cost: number } {
  return typeof decision.cost === 'number' && Number.isFinite(decision.cost);
}

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/**
 * A domain's budget envelope at `at`: committed = cost of its live decisions decided in the
 * period (status decided, implemented or reviewed); pending = cost of its live decisions
 * still in draft, seeking advice or deciding together; remaining = amount − committed;
 * "near" from 80 % committed, "over" above the amount. Throws an `Error` naming the field
 * for an invalid budget amount, period, time or time zone.
 */
export function budgetEnvelope(input: BudgetEnvelopeInput): BudgetEnvelope {
  const ofDomain = input.decisions.filter(
    (decision) => decision.deletedAt === null && decision.domainId === input.domainId && hasCost(decision),
  );
  const pending = ofDomain
    .filter((decision) => isOneOf(pendingStatuses, decision.status))
    .reduce((sum, decision) => sum + (decision.cost ?? 0), 0);
  const { budget } = input;
  if (budget === null) return { state: 'none', pending };
  if (typeof budget.amount !== 'number' || !Number.isFinite(budget.amount) || budget.amount < 0) {
    throw new Error('The budget amount must be a number of 0 or more.');
  }
  const period = periodContaining(budget.period, input.at, input.timeZone);
  const committedList = ofDomain
    .filter(
      (decision) =>
        isOneOf(committingStatuses, decision.status) &&
        decision.decidedAt !== null &&
        decision.decidedAt >= period.start &&
        decision.decidedAt < period.end,
    )
    .sort((a, b) => (a.decidedAt ?? 0) - (b.decidedAt ?? 0) || compareIds(a.id, b.id));
  const committed = committedList.reduce((sum, decision) => sum + (decision.cost ?? 0), 0);
  const ratio = budget.amount > 0 ? committed / budget.amount : committed > 0 ? Number.POSITIVE_INFINITY : 0;
  return {
    state: committed > budget.amount ? 'over' : ratio >= nearBudgetRatio ? 'near' : 'ok',
    period: { ...period, kind: budget.period },
    amount: budget.amount,
    unit: budget.unit,
    committed,
    pending,
    remaining: budget.amount - committed,
    ratio,
    committedDecisions: committedList.map((decision) => decision.id),
  };
}

/**
 * A warning when committing `extraCost` more would take the budget over, or null when it
 * fits (or there is no budget). `budgetName` names whose budget it is ("Platform").
 * Pass only cost not yet in `committed`. Throws an `Error` when `extraCost` is not a finite number.
 */
export function checkBudget(envelope: BudgetEnvelope, extraCost: number, budgetName: string): string | null {
  if (typeof extraCost !== 'number' || !Number.isFinite(extraCost)) {
    throw new Error('The decision cost must be a finite number.');
  }
  if (envelope.state === 'none' || extraCost <= 0 || extraCost <= envelope.remaining) return null;
  const amount = (value: number): string => formatAmount(value, envelope.unit);
  const { label, kind } = envelope.period;
  const when = kind === 'week' ? `the ${label.charAt(0).toLowerCase()}${label.slice(1)}` : label;
  const budget = `the ${budgetName} budget for ${when}`;
  const total = amount(envelope.amount);
  if (envelope.remaining < 0) {
    return (
      `${budget.charAt(0).toUpperCase()}${budget.slice(1)} is already ${amount(-envelope.remaining)} over its ${total}; ` +
      `this decision (${amount(extraCost)}) would take it to ${amount(extraCost - envelope.remaining)} over.`
    );
  }
  const left =
    envelope.remaining === 0 ? `nothing of ${total} is left` : `${amount(envelope.remaining)} of ${total} is left`;
  return `This decision (${amount(extraCost)}) would take ${budget} over by ${amount(extraCost - envelope.remaining)}: ${left}.`;
}
