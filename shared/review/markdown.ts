/**
 * A review as a Markdown document, to share or archive (issue 7 "report"): the period and
 * scope, the health pulse, the governance alerts, the reviews due, the actions carried from
 * earlier reviews, each topic with its prompts, figures (values with units, counts, "not
 * enough data", lights in words), lists and notes, then the vote results and the actions
 * agreed.
 *
 * Everything people typed (titles, notes, names, reasons, lessons, prompts of a template) is
 * escaped with `escapeMarkdown`, so it reads as typed and cannot add headings, links, images,
 * HTML or table cells. Anonymous notes are written without a name.
 */
import { compareIds } from '../domains/order';
import { formatNumber } from '../domains/format';
import { invalid, isRecord, readList } from '../metrics/check';
import { checkReviewActions, type ReviewActionInfo } from './input';
import {
  countOf,
  formatDate,
  formatDays,
  formatInstant,
  formatMetricValue,
  formatPercent,
  formatReviewAmount,
  lightInWords,
  trendInWords,
} from './format';
import type { ReviewDecisionRef, ReviewList, SuccessMetricItem } from './lists';
import { checkNoteGroups, checkNotes, groupsOf, voteItemsOf, type ReviewNote, type ReviewNoteGroup } from './notes';
import { reviewPhaseDetails, reviewPhases, type ReviewPhase } from './phases';
import type { PreparedReview, ReviewFigure } from './prepare';
import { countVotes, topItems, type VoteMap } from './votes';

/** What happened in a review so far: its phase, notes, groups, votes and agreed actions. */
export interface ReviewSession {
  phase: ReviewPhase;
  notes: readonly ReviewNote[];
  groups: readonly ReviewNoteGroup[];
  votes: VoteMap;
  /** Votes per person. */
  voteBudget: number;
  /** The actions agreed in this review. */
  actions: readonly ReviewActionInfo[];
  /** Names of the people taking part, by the key notes and votes use; a key left out is shown as it is. */
  participants?: readonly { key: string; name: string }[];
}

/** Options of `reviewToMarkdown`; each has a default. */
export interface ReviewMarkdownOptions {
  /** Write each topic's prompts (true by default). */
  includePrompts?: boolean;
  /** The most items written per list, the rest summed up as "… and N more"; null (the default) for all. */
  maxListItems?: number | null;
}

const tierNames = { autonomous: 'Autonomous', consultative: 'Consultative', collaborative: 'Collaborative' } as const;

/** Characters that start or end Markdown inline syntax anywhere in a line. */
const inlineSpecial = /[\\`*_[\]<>|~&]/g;

/**
 * Text a person typed, made safe to put into a Markdown line: line breaks and runs of spaces
 * become one space; backslash, backtick, `*`, `_`, brackets, `<`, `>`, `|`, `~` and `&` are
 * backslash-escaped everywhere, and a leading `#`, `+`, `-`, `=`, or a number followed by `.`
 * or `)` and a space, is escaped so the text cannot start a heading, a list or a rule. The result renders as the text.
 */
export function escapeMarkdown(text: string): string {
  if (typeof text !== 'string') throw invalid('text', 'text', text);
  const line = text.replace(/\s+/g, ' ').trim().replace(inlineSpecial, '\\$&');
  return line.replace(/^([#+=-])/, '\\$1').replace(/^(\d+)([.)])(?= |$)/, '$1\\$2');
}

/** The writer of a document: lines, joined at the end. */
class MarkdownWriter {
  private readonly lines: string[] = [];

  constructor(private readonly maxItems: number | null) {}

  line(text = ''): void {
    this.lines.push(text);
  }

  heading(level: number, text: string): void {
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== '') this.lines.push('');
    this.lines.push(`${'#'.repeat(level)} ${text}`, '');
  }

  /** The items to write of a list, and how many are left out. */
  cut<T>(items: readonly T[]): { shown: readonly T[]; more: number } {
    const shown = this.maxItems === null ? items : items.slice(0, this.maxItems);
    return { shown, more: items.length - shown.length };
  }

  /** A bulleted list (or "None." when empty), cut at the most items to write. */
  list<T>(items: readonly T[], write: (item: T) => string | string[], empty = 'None.'): void {
    if (items.length === 0) {
      this.line(empty);
      return;
    }
    const { shown, more } = this.cut(items);
    for (const item of shown) {
      const written = write(item);
      for (const [index, text] of (Array.isArray(written) ? written : [written]).entries()) {
        this.line(index === 0 ? `- ${text}` : `  - ${text}`);
      }
    }
    if (more > 0) this.line(`- … and ${formatNumber(more)} more`);
  }

  text(): string {
    while (this.lines.length > 0 && this.lines[this.lines.length - 1] === '') this.lines.pop();
    return `${this.lines.join('\n')}\n`;
  }
}

/** "Figure: value (light; basis; trend)". */
function figureLine(figure: ReviewFigure): string {
  if (figure.value === null) return `${figure.name}: ${figure.text}`;
  const details = [
    lightInWords(figure.light),
    figure.basis,
    trendInWords(figure.trend.direction, figure.trend.assessment),
  ];
  return `${figure.name}: ${figure.text} (${details.filter((detail) => detail !== '').join('; ')})`;
}

/** "Title — Domain". */
function refText(ref: ReviewDecisionRef): string {
  return `${escapeMarkdown(ref.title)} — ${escapeMarkdown(ref.domainName)}`;
}

function successMetricText(metric: SuccessMetricItem): string {
  const name = `${escapeMarkdown(metric.name)} (${escapeMarkdown(metric.domainName)})`;
  const unit = escapeMarkdown(metric.unit);
  const amount = (value: number): string => (unit === '' ? formatNumber(value) : `${formatNumber(value)} ${unit}`);
  if (metric.latest === null || metric.latestOn === null) return `${name}: no value in the period`;
  const latest = `latest ${amount(metric.latest)} on ${formatDate(metric.latestOn)}`;
  if (metric.target === null) return `${name}: ${latest}, no target`;
  const verdict = metric.onTarget === true ? 'on target' : 'off target';
  return `${name}: ${latest}, target ${amount(metric.target)} (${metric.direction} is better): ${verdict}`;
}

function writeList(doc: MarkdownWriter, list: ReviewList, timeZone: string): void {
  const date = (at: number): string => formatInstant(at, timeZone);
  doc.heading(3, list.title);
  switch (list.kind) {
    case 'decisionsByTier':
      doc.line(`Decided in the period: ${formatNumber(list.total)}.`);
      doc.line();
      doc.list(list.groups, (group) => {
        const { shown, more } = doc.cut(group.decisions);
        return [
          `${tierNames[group.tier]}: ${formatNumber(group.count)} (${countOf(group.overrides, 'override', 'overrides')}, ${formatNumber(group.escalated)} escalated, ${countOf(group.experiments, 'experiment', 'experiments')})`,
          ...shown.map(
            (decision) =>
              `${refText(decision)}, decided ${date(decision.decidedAt)}${decision.override ? ', override' : ''}${decision.escalationCount > 0 ? `, escalated ${countOf(decision.escalationCount, 'time', 'times')}` : ''}`,
          ),
          ...(more > 0 ? [`… and ${formatNumber(more)} more`] : []),
        ];
      });
      return;
    case 'delivered':
      doc.list(list.items, (item) => {
        const parts = [`delivered ${formatDate(item.deliveredOn)}`];
        if (item.leadTimeDays !== null) parts.push(`lead time ${formatDays(item.leadTimeDays)}`);
        if (item.satisfaction !== null) parts.push(`satisfaction ${formatMetricValue(item.satisfaction, 'score')}`);
        parts.push(countOf(item.defects, 'defect', 'defects'));
        return `${escapeMarkdown(item.title)} — ${escapeMarkdown(item.domainName)}, ${parts.join(', ')}`;
      });
      return;
    case 'successMetrics':
      doc.list(list.items, successMetricText);
      return;
    case 'budgetByDomain':
      doc.list(list.items, (item) => {
        const unit = item.unit;
        const committed = escapeMarkdown(formatReviewAmount(item.committed, unit));
        if (item.budget === null) return `${escapeMarkdown(item.domainName)}: ${committed} committed, no budget`;
        const budget = escapeMarkdown(formatReviewAmount(item.budget, unit));
        const details = [item.share === null ? '' : formatPercent(item.share), lightInWords(item.light)].filter(
          (detail) => detail !== '',
        );
        return `${escapeMarkdown(item.domainName)}: ${committed} of ${budget}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
      });
      if (list.unbudgeted > 0) {
        doc.line();
        doc.line(`Committed by domains without a budget: ${formatNumber(list.unbudgeted)}.`);
      }
      return;
    case 'committedDecisions':
      doc.list(
        list.items,
        (item) =>
          `${refText(item)}: ${escapeMarkdown(formatReviewAmount(item.cost, item.unit))} (${item.tier}), decided ${date(item.decidedAt)}`,
      );
      return;
    case 'quickWins':
      doc.list(list.items, (item) => {
        const why = [item.autonomous ? 'decided autonomously' : '', item.reversible ? 'reversible' : ''].filter(
          (reason) => reason !== '',
        );
        return `${refText(item)}, implemented ${date(item.implementedAt)} (${why.join(', ')})`;
      });
      return;
    case 'quickWinCandidates':
      doc.list(list.items, (item) => `${refText(item)}, decided ${date(item.decidedAt)} (${item.tier})`);
      return;
    case 'autonomyTrend': {
      doc.list(list.points, (point) =>
        point.value === null
          ? `${point.label}: not enough data (${formatNumber(point.count)} ${point.count === 1 ? 'decision' : 'decisions'})`
          : `${point.label}: ${formatPercent(point.value)} (${formatNumber(point.matching)} of ${countOf(point.count, 'decision', 'decisions')})`,
      );
      const trend = trendInWords(list.direction, list.assessment);
      doc.line();
      doc.line(trend === '' ? 'Trend: not enough data.' : `Trend: ${trend}.`);
      return;
    }
    case 'overrides':
      doc.list(
        list.items,
        (item) =>
          `${refText(item)}, decided ${date(item.decidedAt)} in the ${item.tier} tier${item.reason.trim() === '' ? '' : `: ${escapeMarkdown(item.reason)}`}`,
      );
      return;
    case 'escalations':
      doc.list(list.items, (item) => {
        const to = [
          item.toTier === null ? '' : `${item.fromTier} → ${item.toTier}`,
          item.toDomainName === null ? '' : `to ${escapeMarkdown(item.toDomainName)}`,
        ].filter((part) => part !== '');
        return `${refText(item)}, ${date(item.at)}${to.length > 0 ? ` (${to.join(', ')})` : ''}: ${escapeMarkdown(item.reason)}`;
      });
      return;
    case 'waitingForInput':
      doc.list(list.items, (item) => {
        const what = item.status === 'seeking-advice' ? 'seeking advice' : 'deciding together';
        const since = item.waitingDays === null ? '' : ` for ${formatDays(item.waitingDays)}`;
        const advice =
          item.status === 'seeking-advice'
            ? ` (${formatNumber(item.adviceReceived)} of ${formatNumber(item.adviceAsked)} asked have advised)`
            : '';
        return `${refText(item)}: ${what}${since}${advice}`;
      });
      return;
    case 'slowDecisions':
      if (list.thresholdDays !== null) {
        doc.line(`Decisions that took longer than ${formatDays(list.thresholdDays)}, slowest first:`);
        doc.line();
      }
      doc.list(list.items, (item) => `${refText(item)}: ${formatDays(item.days)} (${item.tier})`);
      return;
    case 'handoffs':
      doc.list(
        list.items,
        (item) =>
          `${refText(item)}: ${countOf(item.handoffs, 'handoff', 'handoffs')} (${formatNumber(item.adviceFromOtherDomains)} for advice, ${formatNumber(item.jointWithOtherDomains)} deciding jointly)`,
      );
      return;
    case 'failedReviews':
      doc.list(list.items, (item) => {
        const what = [item.outcome === null ? '' : item.outcome, item.rolledBack ? 'rolled back' : ''].filter(
          (part) => part !== '',
        );
        const lessons = item.lessons.trim() === '' ? '' : `. Lessons: ${escapeMarkdown(item.lessons)}`;
        return `${refText(item)}: ${what.join(', ')}${lessons}`;
      });
      return;
    case 'lessons':
      doc.list(
        list.items,
        (item) =>
          `${refText(item)} (${item.source === 'review' ? 'review' : 'experiment result'}, ${formatDate(item.recordedOn)}): ${escapeMarkdown(item.text)}`,
      );
      return;
    case 'metricTrends':
      doc.line(`| Figure | ${list.periods.map((period) => period.label).join(' | ')} | Trend | Light |`);
      doc.line(`|---|${list.periods.map(() => '---:').join('|')}|---|---|`);
      for (const item of list.items) {
        const values = item.series.map((value) => (value === null ? '–' : formatMetricValue(value, item.unit)));
        const trend = trendInWords(item.direction, item.assessment) || 'not enough data';
        doc.line(`| ${item.name} | ${values.join(' | ')} | ${trend} | ${lightInWords(item.light) || '–'} |`);
      }
      return;
    case 'thresholdSuggestions':
      doc.list(list.items, (item) => {
        const { direction, limits } = item.suggestion;
        const change =
          direction === 'keep'
            ? 'keep the limits'
            : `${direction}: autonomous ${formatNumber(item.current.autonomousCostLimit)} → ${formatNumber(limits.autonomousCostLimit)}, consultative ${formatNumber(item.current.consultativeCostLimit)} → ${formatNumber(limits.consultativeCostLimit)}`;
        return [`${escapeMarkdown(item.domainName)}: ${change}`, ...item.suggestion.reasons.map(escapeMarkdown)];
      });
      return;
    case 'workedDecisions':
      doc.list(list.items, (item) => {
        const lessons = item.lessons.trim() === '' ? '' : `. Lessons: ${escapeMarkdown(item.lessons)}`;
        return `${refText(item)} (${item.tier}${item.kind === 'experiment' ? ' experiment' : ''}), reviewed ${date(item.reviewedAt)}${lessons}`;
      });
      return;
    case 'experimentResults':
      doc.list(list.items, (item) => {
        const hypothesis = item.hypothesis.trim() === '' ? '' : ` Hypothesis: ${escapeMarkdown(item.hypothesis)}.`;
        const outcome = item.outcome === null ? '' : ` (${item.outcome})`;
        return `${refText(item)}, ${formatDate(item.recordedOn)}.${hypothesis} Result: ${escapeMarkdown(item.result)}${outcome}`;
      });
      return;
    case 'objectives':
      doc.list(list.items, (item) => [
        `${escapeMarkdown(item.domainName)}: ${item.objectives.trim() === '' ? 'no objectives written' : escapeMarkdown(item.objectives)} (${formatNumber(item.onTarget)} on target, ${formatNumber(item.offTarget)} off target, ${formatNumber(item.noData)} without a target or value)`,
        ...item.metrics.map(successMetricText),
      ]);
      return;
  }
}

function readOptions(options: ReviewMarkdownOptions): { includePrompts: boolean; maxListItems: number | null } {
  requireObject(options, 'options');
  const includePrompts = options.includePrompts ?? true;
  if (typeof includePrompts !== 'boolean') throw invalid('options.includePrompts', 'true or false', includePrompts);
  const maxListItems = options.maxListItems ?? null;
  if (maxListItems !== null && (!Number.isSafeInteger(maxListItems) || maxListItems < 1)) {
    throw invalid('options.maxListItems', 'a whole number of 1 or more, or null', maxListItems);
  }
  return { includePrompts, maxListItems };
}

function checkSession(session: ReviewSession): void {
  if (!isRecord(session)) throw invalid('session', 'an object', session);
  if (!(reviewPhases as readonly string[]).includes(session.phase)) {
    throw invalid('session.phase', `one of ${reviewPhases.join(', ')}`, session.phase);
  }
  checkNotes(session.notes, 'session.notes');
  checkNoteGroups(session.groups, 'session.groups');
  if (!isRecord(session.votes)) throw invalid('session.votes', 'an object', session.votes);
  const budget = session.voteBudget;
  if (typeof budget !== 'number' || !Number.isSafeInteger(budget) || budget < 1) {
    throw invalid('session.voteBudget', 'a whole number of 1 or more', budget);
  }
  checkReviewActions(session.actions, 'session.actions');
  if (session.participants !== undefined) {
    readList(session.participants, 'session.participants').forEach((person, index) => {
      if (!isRecord(person) || typeof person.key !== 'string' || typeof person.name !== 'string') {
        throw invalid(`session.participants[${index}]`, 'an object with a key and a name', person);
      }
    });
  }
}

const byDueDate = (a: ReviewActionInfo, b: ReviewActionInfo): number => {
  if (a.dueOn !== b.dueOn) {
    if (a.dueOn === null) return 1;
    if (b.dueOn === null) return -1;
    return compareIds(a.dueOn, b.dueOn);
  }
  return compareIds(a.title, b.title) || compareIds(a.id, b.id);
};

/**
 * The review as Markdown text (see this file's header): `prepared` from `prepareReview`, the
 * session's notes, groups, votes and actions. Throws an `Error` naming the field for an
 * invalid session (notes, groups or votes) or options.
 */
export function reviewToMarkdown(
  prepared: PreparedReview,
  session: ReviewSession,
  options: ReviewMarkdownOptions = {},
): string {
  if (!isRecord(prepared)) throw invalid('prepared', 'a prepared review', prepared);
  checkSession(session);
  const { includePrompts, maxListItems } = readOptions(options);
  const { period } = prepared;
  const doc = new MarkdownWriter(maxListItems);
  const names = new Map((session.participants ?? []).map((person) => [person.key, person.name]));
  const author = (note: ReviewNote): string =>
    note.authorKey === null ? '(anonymous)' : `— ${escapeMarkdown(names.get(note.authorKey) ?? note.authorKey)}`;
  const noteText = (note: ReviewNote): string => `${escapeMarkdown(note.text)} ${author(note)}`;

  doc.line(`# ${prepared.title}`);
  doc.line();
  doc.line(`- Scope: ${escapeMarkdown(prepared.scope.name)}`);
  doc.line(`- Period: ${formatDate(period.firstDay)} – ${formatDate(period.lastDay)}`);
  if (prepared.agenda.templateName !== null) doc.line(`- Template: ${escapeMarkdown(prepared.agenda.templateName)}`);
  doc.line(`- Phase: ${reviewPhaseDetails[session.phase].title}`);
  doc.line(`- Prepared: ${formatInstant(prepared.preparedAt, period.timeZone)}`);

  doc.heading(2, 'Health pulse');
  if (prepared.healthPulse.suppressed) {
    doc.line(
      `Hidden to keep answers anonymous: no pulse round had at least ${prepared.healthPulse.minRespondents} people.`,
    );
  } else {
    doc.list(prepared.healthPulse.figures, figureLine);
  }

  doc.heading(2, 'Governance alerts');
  doc.list(prepared.alerts, (alert) => `**${alert.title}**: ${escapeMarkdown(alert.evidence)}`);

  doc.heading(2, 'Reviews due');
  doc.list(
    prepared.reviewsDue,
    (due) =>
      `${refText(due)}: review on ${formatDate(due.reviewOn)}${due.overdue ? `, ${countOf(due.daysOverdue, 'day', 'days')} overdue` : ''}`,
  );

  doc.heading(2, 'Actions from earlier reviews');
  const carried = prepared.carriedActions;
  doc.line(`${formatNumber(carried.done)} of ${formatNumber(carried.total)} done.`);
  doc.line();
  doc.list(
    carried.open,
    (action) =>
      `[ ] ${escapeMarkdown(action.title)} — ${action.ownerName === null ? 'no owner yet' : escapeMarkdown(action.ownerName)}${action.dueOn === null ? '' : `, due ${formatDate(action.dueOn)}`}${action.overdue ? ' (overdue)' : ''}`,
    'No open actions.',
  );

  const grouping = groupsOf(session.notes, session.groups);
  const topicIds = new Set<string>(prepared.topics.map((topic) => topic.id));
  prepared.topics.forEach((topic, index) => {
    doc.heading(2, `${index + 1}. ${escapeMarkdown(topic.title)}`);
    if (includePrompts && topic.prompts.length > 0) {
      doc.line('Prompts:');
      doc.line();
      doc.list(topic.prompts, escapeMarkdown);
    }
    if (topic.figures.length > 0) {
      doc.heading(3, 'Figures');
      doc.list(topic.figures, figureLine);
    }
    for (const list of topic.lists) writeList(doc, list, period.timeZone);
    doc.heading(3, 'Notes');
    const groups = grouping.groups.filter(({ group, notes }) => group.topicId === topic.id && notes.length > 0);
    const ungrouped = grouping.ungrouped.filter((note) => note.topicId === topic.id);
    doc.list(
      [...groups.map((group) => ({ group })), ...ungrouped.map((note) => ({ note }))],
      (entry) =>
        'group' in entry
          ? [
              `**${escapeMarkdown(entry.group.group.title)}** (${countOf(entry.group.notes.length, 'note', 'notes')})`,
              ...entry.group.notes.map(noteText),
            ]
          : noteText(entry.note),
      'No notes.',
    );
  });

  const elsewhere = session.notes.filter((note) => !topicIds.has(note.topicId));
  if (elsewhere.length > 0) {
    doc.heading(2, 'Other notes');
    doc.list(
      [...elsewhere].sort((a, b) => a.createdAt - b.createdAt || compareIds(a.id, b.id)),
      noteText,
    );
  }

  doc.heading(2, 'Vote results');
  const items = voteItemsOf(grouping);
  const count = countVotes(session.votes, {
    budgetPerPerson: session.voteBudget,
    items: items.map((item) => item.itemId),
  });
  const byId = new Map(items.map((item) => [item.itemId, item]));
  const topicTitles = new Map(prepared.topics.map((topic) => [topic.id as string, topic.title]));
  const ranked = topItems(count.totals, Infinity);
  if (ranked.length === 0) {
    doc.line('No votes yet.');
  } else {
    doc.line(
      `${countOf(count.people.length, 'person', 'people')} voted, ${countOf(count.budgetPerPerson, 'vote', 'votes')} each.`,
    );
    doc.line();
    ranked.forEach((total, index) => {
      const item = byId.get(total.itemId);
      const title = item === undefined ? total.itemId : item.title;
      const topic = item === undefined ? undefined : topicTitles.get(item.topicId);
      doc.line(
        `${index + 1}. **${escapeMarkdown(title)}**${topic === undefined ? '' : ` (${escapeMarkdown(topic)})`}: ${countOf(total.votes, 'vote', 'votes')} from ${countOf(total.voters, 'person', 'people')}`,
      );
    });
    const dropped = count.people.reduce((sum, person) => sum + person.dropped, 0);
    if (dropped > 0) {
      doc.line();
      doc.line(`${countOf(dropped, 'vote', 'votes')} over a person's budget not counted.`);
    }
  }

  doc.heading(2, 'Actions');
  doc.list(
    [...session.actions].sort(byDueDate),
    (action) =>
      `[${action.done ? 'x' : ' '}] ${escapeMarkdown(action.title)} — ${action.ownerName === null ? 'no owner yet' : escapeMarkdown(action.ownerName)}${action.dueOn === null ? '' : `, due ${formatDate(action.dueOn)}`}`,
    'No actions agreed.',
  );
  return doc.text();
}

/** Throws an `Error` naming `field` unless `value` is an object (without narrowing its type). */
function requireObject(value: unknown, field: string): void {
  if (!isRecord(value)) throw invalid(field, 'an object', value);
}
