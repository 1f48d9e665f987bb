/**
 * The review engine (framework.md § 9 "Review Process", § 6.4 "Continuous improvement", § 7
 * "Governance"): pure functions that prepare a weekly, monthly or quarterly review from a
 * workspace's data, run it phase by phase, count its dot votes and write it as Markdown.
 *
 * Cadences and agendas (`reviewCadences`, `defaultAgenda`)
 * - Weekly: decision patterns, value creation, resource usage, quick wins. Monthly: autonomy
 *   effectiveness, support needs, process improvements, capability gaps. Quarterly: framework
 *   assessment, major adjustments, success patterns, strategic alignment. Each topic has
 *   facilitator prompts and a fixed set of figures and lists (`reviewTopics`).
 * - A review covers a calendar period of its cadence (week, month, quarter) or a custom range
 *   of dates; a weekly review of a month is refused as a likely mistake.
 * - A template (`applyTemplate`) changes a topic's title and prompts or hides it, for topics
 *   of its own cadence only; it can never change what data a topic shows.
 *
 * Preparing (`prepareReview`) — for a period and a scope (the workspace, or a domain with or
 * without its sub-domains), at a `now` passed in; instants count when start ≤ t < end, local
 * dates when first day ≤ d ≤ last day, in the period's time zone:
 * - Figures: `metricsTrend` of the metrics engine over the period and the 3 before it (option
 *   `trendPeriods`), so every figure has its count, "not enough data", light and trend, by the
 *   definitions of shared/metrics/index.ts.
 * - "Decided in the period" is the metrics engine's: an ever-decided status with `decidedAt`
 *   in the period. Lists refer to decisions by id, title and domain; a decision whose details
 *   (`ReviewDecisionInfo`) are missing is listed under its id.
 * - Decisions by tier: those decided in the period, per tier (all three, least demanding
 *   first) with counts of overrides, escalated decisions and experiments; oldest first.
 * - Delivered: value entries delivered in the period, by date. Success metrics: the scope's,
 *   with their latest value against the target, by name.
 * - Budget used per domain: the metrics engine's utilisation per domain, with the light of
 *   its share; what domains without a budget committed apart. Decisions that committed
 *   resources: decided in the period, decided/implemented/reviewed, costed; dearest first.
 * - Quick wins: implemented in the period (`implementedAt`), still implemented or reviewed
 *   and not failed, and decided autonomously or reversible. Candidates: reversible decisions
 *   decided by the end of the period and not implemented yet (status decided).
 * - Autonomy share over time: its value per trend period, with the trend.
 * - Overrides: decided in the period in a less demanding tier than classified, with the reason.
 * - Escalations: those made in the period (of any decision in scope), with their reasons.
 * - Waiting for input: decisions now seeking advice or deciding together that were proposed
 *   before the end of the period, waiting longest first, with days waited up to the end of
 *   the period or now, whichever is earlier.
 * - Slow decisions: decided in the period, proposed-to-decided longer than the decision
 *   velocity's green threshold (every one when it has none); slowest first. Handoffs: decided
 *   in the period with advice from or joint decisions with other domains; most first.
 * - Failed, partly worked or rolled back: reviewed in the period with outcome failed or
 *   partly, or rolled back in the period. Worked: reviewed in the period with outcome worked.
 * - Lessons: a decision's lessons when reviewed in the period; an experiment's result when
 *   reviewed in the period, or, unreviewed, on its end date in the period and not after
 *   today (as the metrics engine's learning rate counts them). Experiment results: the latter.
 * - Every figure over time: each figure's series and trend over the trend periods.
 * - Suggested threshold changes: `suggestThresholds` per domain in scope from its track
 *   record and limits (passed in), as of the end of the period or now, whichever is earlier;
 *   decisions reviewed after the period are left out; by domain name.
 * - Objectives: each domain in scope with written objectives or success metrics (the
 *   workspace's own metrics first), its metrics on or off target.
 * - Health pulse: the four health figures; a pulse round counts only with at least 3 people
 *   (the metrics engine's anonymity rule), so with fewer the figures are hidden.
 * - Reviews due: decided or implemented decisions, not reviewed, whose review date is on or
 *   before the last day of the period; overdue when it is before today. By date.
 * - Actions carried: actions of earlier reviews (not of this review, `reviewId`) that are not
 *   done, due first (none last), with how many are done.
 * - Governance alerts: `governanceAlerts` (rules in shared/review/alerts.ts), including the
 *   decisions overdue for review.
 *
 * Running it: phases `reviewPhases` (check-in, health pulse, reflect, group, vote, discuss,
 * actions); notes and groups (`groupsOf`: a note in a group that no longer exists, or is on
 * another topic, is ungrouped); dot votes stored per person and item (`voteKey`) and counted
 * by `countVotes` (over-budget votes dropped from the greatest item id down; votes on items
 * that no longer exist ignored); `reviewToMarkdown` for the report.
 *
 * Learnings (`discussedItemIds`, shared/review/learnings.ts): the items a review discussed, the
 * groups and ungrouped notes with at least one counted vote; the metrics' learning rate counts
 * each as a learning recorded when the review was closed.
 */
export {
  applyTemplate,
  cadencePeriodKinds,
  cadenceTopicIds,
  checkCadence,
  checkReviewTemplate,
  defaultAgenda,
  maxPromptLength,
  maxPrompts,
  maxTitleLength,
  reviewCadences,
  reviewListKinds,
  reviewListTitles,
  reviewTopicIds,
  reviewTopics,
  type ReviewAgenda,
  type ReviewCadence,
  type ReviewListKind,
  type ReviewTemplate,
  type ReviewTopic,
  type ReviewTopicChange,
  type ReviewTopicId,
} from './agenda';
export {
  defaultOverrideRateLimit,
  governanceAlertKinds,
  governanceAlerts,
  type AlertFigure,
  type GovernanceAlert,
  type GovernanceAlertKind,
  type GovernanceAlertOptions,
  type OverdueReview,
} from './alerts';
export {
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
export {
  checkReviewActions,
  checkReviewInput,
  defaultTrendPeriods,
  type CheckedReviewInput,
  type PrepareReviewInput,
  type ReviewActionInfo,
  type ReviewDecisionInfo,
  type ReviewDomainInfo,
  type ReviewEscalation,
  type ReviewOptions,
  type ReviewProgressionInput,
  type ReviewScope,
  type ReviewValueEntryInfo,
} from './input';
export type {
  AutonomyTrendList,
  BudgetByDomainList,
  BudgetItem,
  CostItem,
  DecidedItem,
  DecisionsByTierList,
  DeliveredItem,
  EscalationItem,
  ExperimentResultItem,
  FailedReviewItem,
  HandoffItem,
  LessonItem,
  MetricTrendItem,
  MetricTrendsList,
  ObjectiveItem,
  OverrideItem,
  QuickWinCandidateItem,
  QuickWinItem,
  ReviewDecisionRef,
  ReviewItemList,
  ReviewList,
  SlowDecisionsList,
  SlowItem,
  SuccessMetricItem,
  ThresholdSuggestionItem,
  TierGroup,
  TrendPoint,
  WaitingItem,
  WorkedItem,
} from './lists';
export { discussedItemIds, type ReviewLearningInput } from './learnings';
export { escapeMarkdown, reviewToMarkdown, type ReviewMarkdownOptions, type ReviewSession } from './markdown';
export {
  checkNoteGroups,
  checkNotes,
  groupsOf,
  voteItemsOf,
  type NoteGroupView,
  type NoteGrouping,
  type ReviewNote,
  type ReviewNoteGroup,
  type VoteItem,
} from './notes';
export {
  nextPhase,
  previousPhase,
  reviewPhaseDetails,
  reviewPhases,
  type ReviewPhase,
  type ReviewPhaseDetails,
} from './phases';
export {
  prepareReview,
  type CarriedAction,
  type CarriedActions,
  type HealthPulse,
  type PreparedReview,
  type PreparedTopic,
  type ReviewDueItem,
  type ReviewFigure,
} from './prepare';
export {
  addVote,
  canVote,
  countVotes,
  parseVoteKey,
  removeVote,
  topItems,
  voteKey,
  votesUsed,
  type PersonVotes,
  type VoteChange,
  type VoteCount,
  type VoteCountOptions,
  type VoteMap,
  type VoteTotal,
} from './votes';
