/**
 * The review cadences and their agendas (framework.md § 9 "Review Process"): weekly, monthly
 * and quarterly reviews, each with the framework's four topics, a facilitator's prompt
 * questions per topic, and the data each topic shows (figures of the metrics engine and lists
 * of records, filled by `prepareReview`).
 *
 * Custom templates: a team may rename a topic, rewrite its prompts or hide it, and save that
 * as a template of a cadence. A template never changes what data a topic shows: it holds only
 * titles, prompts and hidden flags, and anything else is refused (`checkReviewTemplate`).
 */
import { metricKeys, type MetricKey } from '../metrics/definitions';
import { describeValue, invalid, isRecord } from '../metrics/check';

/** The review cadences, from the most to the least frequent. */
export const reviewCadences = ['weekly', 'monthly', 'quarterly'] as const;

/** How often a review is held: weekly, monthly or quarterly. */
export type ReviewCadence = (typeof reviewCadences)[number];

/** The topics of every cadence, in agenda order: the framework's words (§ 9). */
export const reviewTopicIds = [
  'decision-patterns',
  'value-creation',
  'resource-usage',
  'quick-wins',
  'autonomy-effectiveness',
  'support-needs',
  'process-improvements',
  'capability-gaps',
  'framework-assessment',
  'major-adjustments',
  'success-patterns',
  'strategic-alignment',
] as const;

/** A topic of a review agenda. */
export type ReviewTopicId = (typeof reviewTopicIds)[number];

/**
 * The lists of records a topic can show, each filled from the period's data by `prepareReview`
 * (the definitions are in the header of shared/review/index.ts).
 */
export const reviewListKinds = [
  'decisionsByTier',
  'delivered',
  'successMetrics',
  'budgetByDomain',
  'committedDecisions',
  'quickWins',
  'quickWinCandidates',
  'autonomyTrend',
  'overrides',
  'escalations',
  'waitingForInput',
  'slowDecisions',
  'handoffs',
  'failedReviews',
  'lessons',
  'metricTrends',
  'thresholdSuggestions',
  'workedDecisions',
  'experimentResults',
  'objectives',
] as const;

/** A list of records a topic shows. */
export type ReviewListKind = (typeof reviewListKinds)[number];

/** Each list's heading. */
export const reviewListTitles: Readonly<Record<ReviewListKind, string>> = Object.freeze({
  decisionsByTier: 'Decisions by tier',
  delivered: 'Delivered to users',
  successMetrics: 'Success metrics',
  budgetByDomain: 'Budget used per domain',
  committedDecisions: 'Decisions that committed resources',
  quickWins: 'Quick wins implemented',
  quickWinCandidates: 'Reversible decisions ready to try',
  autonomyTrend: 'Autonomy share over time',
  overrides: 'Decided in a less demanding tier than classified',
  escalations: 'Escalations',
  waitingForInput: 'Waiting for advice or a joint decision',
  slowDecisions: 'Slow decisions',
  handoffs: 'Decisions with handoffs to other domains',
  failedReviews: 'Failed, partly worked or rolled back',
  lessons: 'Lessons recorded',
  metricTrends: 'Every figure over time',
  thresholdSuggestions: 'Suggested threshold changes',
  workedDecisions: 'Decisions that worked',
  experimentResults: 'Experiments and their results',
  objectives: 'Objectives and success metrics',
});

/** A topic of an agenda: its title, the facilitator's prompts, and the data it shows. */
export interface ReviewTopic {
  id: ReviewTopicId;
  cadence: ReviewCadence;
  title: string;
  /** Questions the facilitator asks; the team writes notes under the topic in answer. */
  prompts: readonly string[];
  /** The figures shown, in order (a template cannot change them). */
  figures: readonly MetricKey[];
  /** The lists shown, in order (a template cannot change them). */
  lists: readonly ReviewListKind[];
}

/** A cadence's agenda: its topics in order, after any template. */
export interface ReviewAgenda {
  cadence: ReviewCadence;
  /** "Weekly review", "Monthly review" or "Quarterly review". */
  title: string;
  /** The topics shown, in agenda order. */
  topics: readonly ReviewTopic[];
  /** Topics a template hid, in agenda order. */
  hiddenTopicIds: readonly ReviewTopicId[];
  /** The template applied; null for the framework's agenda. */
  templateName: string | null;
}

/** What a template changes in one topic; everything left out stays as it is. */
export interface ReviewTopicChange {
  title?: string;
  prompts?: readonly string[];
  hidden?: boolean;
}

/** A team's template of a cadence: changed titles, prompts and hidden topics, by topic id. */
export interface ReviewTemplate {
  name: string;
  cadence: ReviewCadence;
  topics: Readonly<Partial<Record<ReviewTopicId, ReviewTopicChange>>>;
}

/** The calendar period kind of each cadence (a custom range of dates fits every cadence). */
export const cadencePeriodKinds: Readonly<Record<ReviewCadence, 'week' | 'month' | 'quarter'>> = Object.freeze({
  weekly: 'week',
  monthly: 'month',
  quarterly: 'quarter',
});

/** The topics of each cadence, in agenda order. */
export const cadenceTopicIds: Readonly<Record<ReviewCadence, readonly ReviewTopicId[]>> = Object.freeze({
  weekly: ['decision-patterns', 'value-creation', 'resource-usage', 'quick-wins'],
  monthly: ['autonomy-effectiveness', 'support-needs', 'process-improvements', 'capability-gaps'],
  quarterly: ['framework-assessment', 'major-adjustments', 'success-patterns', 'strategic-alignment'],
});

const cadenceTitles: Record<ReviewCadence, string> = {
  weekly: 'Weekly review',
  monthly: 'Monthly review',
  quarterly: 'Quarterly review',
};

/** The most prompts a topic may have. */
export const maxPrompts = 10;
/** The longest a prompt may be, in characters. */
export const maxPromptLength = 500;
/** The longest a topic title or a template name may be, in characters. */
export const maxTitleLength = 200;

const topic = (
  id: ReviewTopicId,
  cadence: ReviewCadence,
  title: string,
  prompts: string[],
  figures: MetricKey[],
  lists: ReviewListKind[],
): ReviewTopic =>
  Object.freeze({
    id,
    cadence,
    title,
    prompts: Object.freeze(prompts),
    figures: Object.freeze(figures),
    lists: Object.freeze(lists),
  });

/** Every topic of the framework's agendas, with its prompts and data. */
export const reviewTopics: Readonly<Record<ReviewTopicId, ReviewTopic>> = Object.freeze({
  'decision-patterns': topic(
    'decision-patterns',
    'weekly',
    'Decision patterns',
    [
      'Which decisions did we make this week, and in which tier? Is that the mix we expected?',
      'Where did we decide in a less demanding tier than the classification suggested, and was that right?',
      'Which decisions were escalated or took long, and what held them up?',
      'Is a pattern emerging that our thresholds or guidelines should reflect?',
    ],
    ['autonomyShare', 'overrideRate', 'escalationRate', 'decisionVelocity', 'experimentShare'],
    ['decisionsByTier'],
  ),
  'value-creation': topic(
    'value-creation',
    'weekly',
    'Value creation',
    [
      'What did we deliver to users, and what difference did it make to them?',
      'Which success metrics moved, and why?',
      'Where did quality slip, and what would have caught it earlier?',
      'What kept value from reaching users sooner?',
    ],
    ['throughput', 'deliverySpeed', 'userSatisfaction', 'defectRate'],
    ['delivered', 'successMetrics'],
  ),
  'resource-usage': topic(
    'resource-usage',
    'weekly',
    'Resource usage',
    [
      "How much of the period's budget have we committed, and is that on plan?",
      'Which decisions took the most resources, and were they worth it?',
      'Is any domain near or over its budget? What will we do about it?',
      'Are resources sitting idle that someone else could use?',
    ],
    ['resourceUtilisation'],
    ['budgetByDomain', 'committedDecisions'],
  ),
  'quick-wins': topic(
    'quick-wins',
    'weekly',
    'Quick wins',
    [
      'Which small decisions made on our own paid off? Celebrate them.',
      'Which reversible decisions could we simply try now instead of discussing them further?',
      'What small change would remove a recurring annoyance?',
      'Who else should hear about these wins?',
    ],
    [],
    ['quickWins', 'quickWinCandidates'],
  ),
  'autonomy-effectiveness': topic(
    'autonomy-effectiveness',
    'monthly',
    'Autonomy effectiveness',
    [
      'Are more decisions made where the work happens? What does the trend say?',
      'Why were decisions escalated this month? Would clearer boundaries have avoided it?',
      'Were the tier overrides justified, or are the thresholds wrong?',
      'Where do people hesitate to use the autonomy they have?',
    ],
    ['autonomyShare', 'escalationRate', 'overrideRate', 'decisionVelocity', 'handoffsPerDecision'],
    ['autonomyTrend', 'overrides', 'escalations'],
  ),
  'support-needs': topic(
    'support-needs',
    'monthly',
    'Support needs',
    [
      'Who is waiting for advice or for others to decide with them, and how can we unblock them?',
      'Which escalations point to missing knowledge, tools or mentoring?',
      'Which expert, peer or resource would have made a decision easier?',
      'What support do we need from outside the team?',
    ],
    ['stress', 'escalationRate', 'handoffsPerDecision'],
    ['waitingForInput', 'escalations'],
  ),
  'process-improvements': topic(
    'process-improvements',
    'monthly',
    'Process improvements',
    [
      'Where did decisions or work wait longest, and why?',
      'Which handoffs between domains could we remove or make asynchronous?',
      'Which step of our process adds the least value?',
      'What one change will we try next month, and how will we know it helped?',
    ],
    ['decisionVelocity', 'handoffsPerDecision', 'deliverySpeed', 'defectRate'],
    ['slowDecisions', 'handoffs'],
  ),
  'capability-gaps': topic(
    'capability-gaps',
    'monthly',
    'Capability gaps',
    [
      'What do the decisions that failed or were rolled back have in common?',
      'Which skills or knowledge would have changed the outcome?',
      'Are we recording lessons, and are we applying them?',
      'What training, mentoring or pairing would close the gap?',
    ],
    ['lessonShare', 'learningRate'],
    ['failedReviews', 'lessons'],
  ),
  'framework-assessment': topic(
    'framework-assessment',
    'quarterly',
    'Framework assessment',
    [
      'Which figures improved over the quarter, and which got worse?',
      'Is the framework helping us create value, or has it become overhead?',
      'Which part of the framework do we follow least, and why?',
      'Do our traffic-light thresholds still describe what good looks like for us?',
    ],
    [...metricKeys],
    ['metricTrends'],
  ),
  'major-adjustments': topic(
    'major-adjustments',
    'quarterly',
    'Major adjustments',
    [
      "Should any domain's decision limits go up or down, given its track record?",
      'Are domain boundaries, interfaces and escalation paths still right?',
      'Which guidelines or budgets need to change?',
      'What will we stop doing?',
    ],
    ['overrideRate', 'escalationRate', 'resourceUtilisation'],
    ['thresholdSuggestions'],
  ),
  'success-patterns': topic(
    'success-patterns',
    'quarterly',
    'Success patterns',
    [
      'What do the decisions that worked have in common?',
      'Which experiments confirmed or refuted their hypothesis, and what did we learn?',
      'Which practices should we share with other teams?',
      'How will we celebrate these successes?',
    ],
    ['innovationRate', 'experimentShare', 'learningRate'],
    ['workedDecisions', 'experimentResults'],
  ),
  'strategic-alignment': topic(
    'strategic-alignment',
    'quarterly',
    'Strategic alignment',
    [
      "Do each domain's objectives still serve the organisation's purpose?",
      'Which success metrics are off target, and what will we change?',
      'Are our decisions moving the metrics that matter most?',
      'What should our objectives be next quarter?',
    ],
    ['userSatisfaction', 'throughput'],
    ['objectives'],
  ),
});

function isCadence(value: unknown): value is ReviewCadence {
  return typeof value === 'string' && (reviewCadences as readonly string[]).includes(value);
}

/** Checks a cadence and returns it, or throws an `Error` naming `field`. */
export function checkCadence(value: unknown, field = 'cadence'): ReviewCadence {
  if (!isCadence(value)) throw invalid(field, `one of ${reviewCadences.join(', ')}`, value);
  return value;
}

/** The framework's agenda of a cadence: its four topics in order, with the default prompts. */
export function defaultAgenda(cadence: ReviewCadence): ReviewAgenda {
  checkCadence(cadence);
  return {
    cadence,
    title: cadenceTitles[cadence],
    topics: cadenceTopicIds[cadence].map((id) => reviewTopics[id]),
    hiddenTopicIds: [],
    templateName: null,
  };
}

function readTitle(value: unknown, field: string, what: string): string {
  if (typeof value !== 'string' || value.trim() === '' || value.trim().length > maxTitleLength) {
    throw invalid(field, `${what} of 1 to ${maxTitleLength} characters`, value);
  }
  return value.trim();
}

const changeFields = ['title', 'prompts', 'hidden'] as const;

function readChange(value: unknown, field: string): ReviewTopicChange {
  if (!isRecord(value)) throw invalid(field, 'an object', value);
  for (const key of Object.keys(value)) {
    if (!(changeFields as readonly string[]).includes(key)) {
      throw new Error(
        `${field}.${key} cannot be changed by a template (only title, prompts and hidden): the data a topic shows comes from the review engine`,
      );
    }
  }
  const change: ReviewTopicChange = {};
  if (value.title !== undefined) change.title = readTitle(value.title, `${field}.title`, 'a title');
  if (value.prompts !== undefined) {
    const prompts = value.prompts;
    if (!Array.isArray(prompts) || prompts.length > maxPrompts) {
      throw invalid(`${field}.prompts`, `a list of at most ${maxPrompts} prompts`, prompts);
    }
    change.prompts = prompts.map((prompt: unknown, index) => {
      if (typeof prompt !== 'string' || prompt.trim() === '' || prompt.trim().length > maxPromptLength) {
        throw invalid(`${field}.prompts[${index}]`, `a question of 1 to ${maxPromptLength} characters`, prompt);
      }
      return prompt.trim();
    });
  }
  if (value.hidden !== undefined) {
    if (typeof value.hidden !== 'boolean') throw invalid(`${field}.hidden`, 'true or false', value.hidden);
    change.hidden = value.hidden;
  }
  return change;
}

/**
 * Checks a template before it is saved or applied and returns it with titles and prompts
 * trimmed: a name, a known cadence, and changes only to the topics of that cadence, each
 * holding only `title` (1–200 characters), `prompts` (at most 10, each 1–500 characters) and
 * `hidden`; at least one topic must stay shown. Throws an `Error` naming the field otherwise
 * (`name` prefixes the field names, "template" by default).
 */
export function checkReviewTemplate(template: unknown, name = 'template'): ReviewTemplate {
  if (!isRecord(template)) throw invalid(name, 'an object', template);
  for (const key of Object.keys(template)) {
    if (key !== 'name' && key !== 'cadence' && key !== 'topics') {
      throw new Error(`${name}.${key} is not part of a template (name, cadence and topics)`);
    }
  }
  const templateName = readTitle(template.name, `${name}.name`, 'a name');
  const cadence = checkCadence(template.cadence, `${name}.cadence`);
  if (!isRecord(template.topics)) throw invalid(`${name}.topics`, 'an object', template.topics);
  const allowed = cadenceTopicIds[cadence];
  const topics: Partial<Record<ReviewTopicId, ReviewTopicChange>> = {};
  for (const [id, change] of Object.entries(template.topics)) {
    if (!(allowed as readonly string[]).includes(id)) {
      throw new Error(
        `${name}.topics.${id} is not a topic of the ${cadence} review (one of ${allowed.join(', ')}); a template cannot add topics`,
      );
    }
    if (change === undefined) continue;
    topics[id as ReviewTopicId] = readChange(change, `${name}.topics.${id}`);
  }
  if (allowed.every((id) => topics[id]?.hidden === true)) {
    throw new Error(`${name}.topics must leave at least one topic shown`);
  }
  return { name: templateName, cadence, topics };
}

/**
 * An agenda with a template applied: the topics it names get its titles and prompts, the ones
 * it hides are left out (and listed in `hiddenTopicIds`), the data each topic shows is
 * unchanged. Throws an `Error` naming the field when the template is invalid
 * (`checkReviewTemplate`) or is for another cadence than the agenda's.
 */
export function applyTemplate(agenda: ReviewAgenda, template: ReviewTemplate): ReviewAgenda {
  const checked = checkReviewTemplate(template);
  if (checked.cadence !== agenda.cadence) {
    throw new Error(
      `template.cadence must be ${agenda.cadence}, the agenda's cadence (got ${describeValue(checked.cadence)})`,
    );
  }
  const topics: ReviewTopic[] = [];
  const hidden = [...agenda.hiddenTopicIds];
  for (const shown of agenda.topics) {
    const change = checked.topics[shown.id];
    if (change?.hidden === true) {
      hidden.push(shown.id);
      continue;
    }
    topics.push({
      ...shown,
      title: change?.title ?? shown.title,
      prompts: change?.prompts ?? shown.prompts,
    });
  }
  if (topics.length === 0) throw new Error('template.topics must leave at least one topic shown');
  const order = cadenceTopicIds[agenda.cadence];
  hidden.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return { ...agenda, topics, hiddenTopicIds: hidden, templateName: checked.name };
}
