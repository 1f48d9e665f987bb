/**
 * The entities of a workspace and their schemas. The schemas validate everything that
 * enters a workspace (a form, a backup, a peer's change) and define the TypeScript types.
 *
 * Every entity carries the same bookkeeping fields. Deleting an entity sets `deletedAt`
 * (a tombstone) instead of removing it, so a concurrent edit and delete keeps the edit and
 * the entity can be restored from the trash.
 *
 * Sub-collections that several people add to at once (advice on a decision, notes in a
 * review) are keyed by id, never arrays, so concurrent additions all survive a merge.
 */
import { z } from 'zod';
import { metricKeys } from '../metrics/definitions';
import { maxPromptLength, maxPrompts, reviewCadences, reviewTopicIds } from '../review/agenda';
import { reviewPhases } from '../review/phases';
import { parseVoteKey } from '../review/votes';

/** The kinds of entity a workspace holds, in a fixed order (one top-level map each). */
export const entityKinds = [
  'domains',
  'decisions',
  'experiments',
  'reviews',
  'pulseChecks',
  'valueEntries',
  'actions',
  'policies',
  'members',
  'metricThresholds',
  'reviewTemplates',
  'anonymousReviewNotes',
] as const;

/** A kind of entity. */
export type EntityKind = (typeof entityKinds)[number];

const id = z.string().min(1).max(64);
const isoDate = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });
const title = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const prose = z.string().max(20_000, 'must be at most 20,000 characters');
const time = z.number().int().nonnegative();

/**
 * The framework's kinds of decision by level of autonomy (§1): individual, team and domain,
 * four each, in that order.
 */
export const decisionCategories = [
  'personal-work-organisation',
  'task-prioritisation',
  'learning-and-development',
  'direct-user-interactions',
  'resource-allocation-within-budget',
  'process-improvements',
  'technical-decisions',
  'local-experiments',
  'strategic-initiatives',
  'resource-distribution',
  'cross-team-coordination',
  'major-experiments',
] as const;

const score = z.number().int().min(1, 'must be between 1 and 5').max(5, 'must be between 1 and 5');

/** Fields every entity has, managed by the repository, never by a form. */
export const entityBaseSchema = z.object({
  id,
  createdAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
  /** Id of the person (local user) who created it. */
  createdBy: z.string().min(1).max(64),
  /** When it was moved to the trash; null while it is live. */
  deletedAt: z.number().int().nonnegative().nullable(),
});

/** The names of the bookkeeping fields. */
export const baseFieldNames = ['id', 'createdAt', 'updatedAt', 'createdBy', 'deletedAt'] as const;

/**
 * Advice given on a decision (the advice process), added concurrently. `authorId` is the
 * person who recorded it; `authorName` names who gave it and `fromDomainId` the domain it
 * was given for (either may be empty). Advice written before those two existed reads with
 * their defaults.
 */
export const adviceSchema = z
  .object({
    id,
    authorId: z.string().min(1).max(64),
    authorName: z.string().max(200, 'must be at most 200 characters').default(''),
    fromDomainId: id.nullable().default(null),
    text: prose.min(1, 'must not be empty'),
    createdAt: z.number().int().nonnegative(),
  })
  .strict();

const limit = z.number().finite().nonnegative().nullable();

/** The decision tiers of the framework (§1), least demanding first. */
const tier = z.enum(['autonomous', 'consultative', 'collaborative']);

/**
 * A participant's position on a collaborative decision (deciding together): consent, a
 * concern, or an objection, which blocks deciding while it stands. `participantName` names
 * the person (on one laptop passed around the room, several people record theirs);
 * `recordedBy` is the local user who wrote it. A person changes their position by editing it.
 */
export const positionSchema = z
  .object({
    id,
    participantName: title,
    stance: z.enum(['consent', 'concern', 'objection']),
    note: prose,
    recordedBy: z.string().min(1).max(64),
    updatedAt: z.number().int().nonnegative(),
  })
  .strict();

/**
 * An escalation of a decision (framework §1 "escalation paths"): to a more demanding tier,
 * along the domain's escalation path to another domain, or both. Escalations feed the
 * escalation frequency (§8).
 */
export const escalationSchema = z
  .object({
    id,
    escalatedAt: z.number().int().nonnegative(),
    escalatedBy: z.string().min(1).max(64),
    escalatedByName: z.string().max(200),
    fromTier: tier,
    /** The tier it was raised to; null when only handed along the escalation path. */
    toTier: tier.nullable(),
    /** The domain it was escalated to (along an escalation path); null when only the tier changed. */
    toDomainId: id.nullable(),
    reason: z.string().trim().min(1, 'must not be empty').max(2_000, 'must be at most 2,000 characters'),
  })
  .strict();

/**
 * A link from a decision to another one: in this workspace (`workspaceId` null), or in
 * another workspace on this device (a personal decision shared into a team workspace links
 * to its copy, and the copy back to it).
 */
export const decisionLinkSchema = z
  .object({
    id,
    relation: z.enum(['relates-to', 'depends-on', 'follows-up', 'shared-to', 'shared-from']),
    decisionId: id,
    workspaceId: id.nullable(),
    /** The other decision's title when the link was made, shown when it cannot be opened. */
    title: z.string().max(200),
    createdAt: z.number().int().nonnegative(),
  })
  .strict();

/**
 * Who a note, a vote or a check-in in a review is from (renderer/reviews/person.ts): the
 * local user's id, or `name:` and the typed name folded (several people on one laptop).
 */
const personKey = z.string().min(1).max(260);

/** The text of a note in a review. */
const noteText = z.string().trim().min(1, 'must not be empty').max(2_000, 'must be at most 2,000 characters');

/**
 * A note written in a review (reflect phase), under one of the agenda's topics, added
 * concurrently. An anonymous note carries no author: `authorKey` and `authorName` are ''.
 * `groupId` is the group it was put in (group phase); null while ungrouped. A note written
 * anonymously is an `anonymousReviewNotes` entity instead (see there); an anonymous item
 * here (written before those existed) is read as it is.
 */
export const reviewNoteSchema = z
  .object({
    id,
    topicId: z.enum(reviewTopicIds),
    text: noteText,
    authorKey: z.union([z.literal(''), personKey]),
    authorName: z.string().trim().max(200, 'must be at most 200 characters'),
    anonymous: z.boolean(),
    groupId: id.nullable(),
    createdAt: time,
  })
  .strict()
  .refine((note) => note.anonymous === (note.authorKey === '') && (!note.anonymous || note.authorName === ''), {
    message: 'an anonymous note carries no author, and a named one has one',
    path: ['authorKey'],
  });

/** A group of similar notes on one topic of a review (group phase). */
export const reviewNoteGroupSchema = z.object({ id, topicId: z.enum(reviewTopicIds), title, createdAt: time }).strict();

/**
 * One person's dot votes on one item (a group or an ungrouped note) of a review, stored under
 * `voteKey(personKey, itemId)` (shared/review/votes.ts), so people voting at once on their
 * own laptops never write the same key. `count` 0 means the votes were taken back.
 */
export const reviewVoteSchema = z
  .object({
    id: z.string().min(1).max(1_200),
    personKey,
    /** The person's name when they voted ('' for none given), so results read without a lookup. */
    personName: z.string().trim().max(200, 'must be at most 200 characters'),
    itemId: id,
    count: z.number().int('must be a whole number').min(0, 'must be 0 or more').max(20, 'must be at most 20'),
  })
  .strict()
  .refine(
    (vote) => {
      const parsed = parseVoteKey(vote.id);
      return parsed !== null && parsed.personKey === vote.personKey && parsed.itemId === vote.itemId;
    },
    { message: 'must be the vote key of its person and item', path: ['id'] },
  );

/** A person's check-in word at the start of a review, keyed by their person key (one each). */
export const reviewCheckInSchema = z
  .object({
    id: personKey,
    name: title,
    word: z.string().trim().min(1, 'must not be empty').max(60, 'must be at most 60 characters'),
    createdAt: time,
  })
  .strict();

/**
 * One topic of a review template: its title ('' keeps the framework's), its prompts and
 * whether it is hidden; keyed by the topic's id. A template holds only these, never what
 * data a topic shows (checked again with `checkReviewTemplate` before use).
 */
export const reviewTemplateTopicSchema = z
  .object({
    id: z.enum(reviewTopicIds),
    title: z.string().trim().max(200, 'must be at most 200 characters'),
    prompts: z
      .array(
        z
          .string()
          .trim()
          .min(1, 'must not be empty')
          .max(maxPromptLength, `must be at most ${maxPromptLength} characters`),
      )
      .max(maxPrompts, `must have at most ${maxPrompts} prompts`),
    hidden: z.boolean(),
  })
  .strict();

/**
 * A threshold policy: the cost limits between autonomous, consultative and collaborative
 * decisions. `domainId` null is the workspace's default; both limits null means "inherits"
 * (the domain follows its parent, then the workspace default).
 */
const policyFieldsSchema = z
  .object({
    domainId: id.nullable(),
    autonomousCostLimit: limit,
    consultativeCostLimit: limit,
  })
  .strict();

/** One change of a threshold policy: who, when, from what, to what and why (framework §7). */
export const policyChangeSchema = z
  .object({
    id,
    changedAt: z.number().int().nonnegative(),
    changedBy: z.string().min(1).max(64),
    /** The person's name when they made the change, so history reads without a lookup. */
    changedByName: z.string().max(200),
    fromAutonomous: limit,
    fromConsultative: limit,
    toAutonomous: limit,
    toConsultative: limit,
    reason: z.string().trim().min(1, 'must not be empty').max(2_000, 'must be at most 2,000 characters'),
  })
  .strict();

const shortText = z.string().trim().max(200, 'must be at most 200 characters');
const unit = z.string().trim().max(40, 'must be at most 40 characters');
const amount = z.number().finite().nonnegative();

/** A person's role in a domain, keyed by the member's id. */
export const domainRoleSchema = z.object({ id, role: z.enum(['owner', 'member']) }).strict();

/** One of a domain's success metrics (framework §2 "clear success metrics"). */
export const successMetricSchema = z
  .object({
    id,
    name: title,
    unit,
    target: z.number().finite().nullable(),
    direction: z.enum(['higher', 'lower']),
  })
  .strict();

/** A value of a success metric, recorded on a date. */
export const metricValueSchema = z
  .object({ id, metricId: id, value: z.number().finite(), recordedOn: isoDate, note: shortText })
  .strict();

/** An interface agreement with another domain (framework §2 "interface agreements", "dependencies"). */
export const interfaceAgreementSchema = z
  .object({
    id,
    otherDomainId: id,
    provides: prose,
    expects: prose,
    serviceAgreement: shortText,
    communication: shortText,
    /** The domains to escalate to (their owners), in order: ids of domains. */
    escalationPath: z.array(id).max(10, 'must have at most 10 steps'),
  })
  .strict();

/** A support structure: a tool, knowledge base, training, template, guide, mentor or expert (§3). */
export const supportResourceSchema = z
  .object({
    id,
    kind: z.enum(['tool', 'knowledge-base', 'training', 'template', 'guide', 'mentor', 'expert']),
    title,
    link: z.union([z.literal(''), z.url({ protocol: /^https?$/, message: 'must be a web address (https://…)' })]),
    note: prose,
  })
  .strict();

/**
 * The fields a person edits, per kind, with the rules between fields (a policy's
 * autonomous limit not above its consultative limit). Every write is checked against these.
 */
export const entityFieldSchemas = {
  domains: z
    .object({
      name: title,
      level: z.enum(['individual', 'team', 'domain']),
      parentId: id.nullable(),
      purpose: prose,
      /** Explicit area of responsibility. */
      responsibility: prose,
      objectives: prose,
      /** Budget per period; null when the domain has none. */
      budgetAmount: amount.nullable(),
      budgetUnit: unit,
      budgetPeriod: z.enum(['week', 'month', 'quarter', 'year']),
      /** Time or people capacity, e.g. 4 "people" or 120 "hours a month". */
      capacityAmount: amount.nullable(),
      capacityUnit: unit,
      principles: prose,
      qualityStandards: prose,
      riskParameters: prose,
      ethics: prose,
      /** Taking part in the pilot phase of the guided setup. */
      pilot: z.boolean(),
    })
    .strict(),
  decisions: z
    .object({
      title,
      domainId: id.nullable(),
      status: z.enum([
        'draft',
        'seeking-advice',
        'deciding-together',
        'decided',
        'implemented',
        'reviewed',
        'withdrawn',
        'rolled-back',
        'superseded',
      ]),
      context: prose,
      /** The options that were considered. */
      options: prose,
      /** What was decided. */
      decisionText: prose,
      rationale: prose,
      /** The member who owns it; null when not assigned. */
      ownerId: id.nullable(),
      tags: z.array(z.string().trim().min(1, 'must not be empty').max(40)).max(20, 'must have at most 20 tags'),
      kind: z.enum(['decision', 'experiment']),
      /** The framework's kind of decision (§1 levels of autonomy); suggests the level that should own it. */
      category: z.enum(decisionCategories).nullable(),
      // Impact assessment (see classifyDecision); the cost is `cost`.
      /** Resources committed, in the domain budget's unit; null when not costed. */
      cost: amount.nullable(),
      crossDomain: z.enum(['none', 'limited', 'major']),
      horizon: z.enum(['short', 'medium', 'long']),
      reversibility: z.enum(['reversible', 'partial', 'hard']),
      followsGuidelines: z.boolean(),
      /** The tier chosen when it differs from the classification; null follows the classification. */
      chosenTier: tier.nullable(),
      /** Why a less demanding tier than the classification's was chosen ('' when none was). */
      overrideReason: prose,
      proposedAt: time.nullable(),
      /** When it was decided; null until then. */
      decidedAt: time.nullable(),
      implementedAt: time.nullable(),
      supersededById: id.nullable(),
      // Safety nets (§3).
      reviewOn: isoDate.nullable(),
      rollbackPlan: prose,
      // Advice process (consultative decisions).
      /** Ids of the domains and members asked for advice. */
      adviceFrom: z.array(id).max(30, 'must ask at most 30 domains or people'),
      /** How the owner weighed the advice; required before a consultative decision is decided. */
      adviceWeighing: prose,
      reviewOutcome: z.enum(['worked', 'partly', 'failed']).nullable(),
      /** When the outcome was first recorded; null until then. */
      reviewedAt: time.nullable(),
      expectedResult: prose,
      actualResult: prose,
      rolledBackAt: time.nullable(),
      lessons: prose,
      // Experiments (kind 'experiment').
      hypothesis: prose,
      successCriteria: prose,
      experimentScope: z.enum(['local', 'major']),
      startOn: isoDate.nullable(),
      endOn: isoDate.nullable(),
      result: prose,
    })
    .strict(),
  experiments: z
    .object({
      title,
      domainId: id.nullable(),
      hypothesis: prose,
      status: z.enum(['planned', 'running', 'concluded']),
    })
    .strict(),
  /**
   * A weekly, monthly or quarterly review (framework §9) of a period and a scope, run phase
   * by phase (shared/review). Its notes, groups, votes and check-ins are keyed collections.
   */
  reviews: z
    .object({
      title,
      cadence: z.enum(reviewCadences),
      /** The first and last day of the period reviewed (both included). */
      periodStart: isoDate,
      periodEnd: isoDate,
      /** The domain reviewed; null for the whole workspace. */
      domainId: id.nullable(),
      /** With the domains below `domainId`. */
      includeSubdomains: z.boolean(),
      /** The phase every laptop shows; the facilitator moves it. */
      phase: z.enum(reviewPhases),
      status: z.enum(['planned', 'running', 'closed']),
      /** The local user who facilitates; null until someone starts the review. */
      facilitatorId: id.nullable(),
      facilitatorName: z.string().trim().max(200, 'must be at most 200 characters'),
      /** Other people's notes show as placeholders until the facilitator reveals them. */
      notesHidden: z.boolean(),
      /** When the current phase's time box ends; null without a timer. */
      phaseEndsAt: time.nullable(),
      /** Dot votes per person. */
      voteBudget: z
        .number()
        .int('must be a whole number')
        .min(1, 'must be between 1 and 20')
        .max(20, 'must be between 1 and 20'),
      /** The review template used for its prompts; null for the framework's. */
      templateId: id.nullable(),
      /** What the review concluded, in a few sentences. */
      summary: prose,
      /** When it was closed; null while planned or running. */
      closedAt: time.nullable(),
    })
    .strict(),
  pulseChecks: z
    .object({
      /** The first day of the period (a week) the answer is for. */
      periodStart: isoDate,
      /** The domain (team) answering; null for the workspace as a whole. */
      domainId: id.nullable(),
      satisfaction: score,
      /** 1 = calm, 5 = very stressed (lower is better). */
      stress: score,
      collaboration: score,
      trust: score,
      /**
       * Anonymous answers carry nothing that identifies their author: `respondentName` is ''
       * and `createdBy` is 'anonymous', and they are written so that no Yjs item links them
       * to the author's client (see renderer/metrics/pulse-actions.ts).
       */
      anonymous: z.boolean(),
      /** Who answered, for answers given by name; '' when anonymous. */
      respondentName: z.string().trim().max(200, 'must be at most 200 characters'),
    })
    .strict(),
  valueEntries: z
    .object({
      /** The delivered item: a feature, a fix, a piece of service. */
      title,
      domainId: id.nullable(),
      /** When work on it started; with `deliveredOn`, its lead time. */
      startedOn: isoDate.nullable(),
      deliveredOn: isoDate.nullable(),
      /** Users' satisfaction with it, 1 to 5; null when not asked. */
      satisfaction: score.nullable(),
      /** Defects or incidents it caused. */
      defects: z.number().int('must be a whole number').nonnegative('must be 0 or more').max(1_000_000),
      note: prose,
    })
    .strict(),
  /** An action agreed in a review, tracked until done; open ones carry into the next review. */
  actions: z
    .object({
      title,
      ownerId: id.nullable(),
      /** Who owns it, as typed in the review ('' when nobody does yet). */
      ownerName: z.string().trim().max(200, 'must be at most 200 characters'),
      dueOn: isoDate.nullable(),
      done: z.boolean(),
      /** When it was marked done; null while open. */
      doneAt: time.nullable(),
      reviewId: id.nullable(),
      /** The agenda topic it came from ('' when none). */
      sourceTopicId: z.union([z.literal(''), z.enum(reviewTopicIds)]),
    })
    .strict(),
  policies: policyFieldsSchema
    .refine((policy) => (policy.autonomousCostLimit === null) === (policy.consultativeCostLimit === null), {
      message: 'must be set together with the consultative limit',
      path: ['autonomousCostLimit'],
    })
    .refine(
      (policy) =>
        policy.autonomousCostLimit === null ||
        policy.consultativeCostLimit === null ||
        policy.autonomousCostLimit <= policy.consultativeCostLimit,
      { message: 'must not be above the consultative limit', path: ['autonomousCostLimit'] },
    ),
  members: z
    .object({
      name: title,
      role: z.string().max(120),
    })
    .strict(),
  /**
   * The team's traffic-light thresholds for one metric (framework §8, issue "metrics"), in
   * the metric's own unit (a share from 0 to 1, days, a 1–5 score…): at or better than
   * `green` is on track, at or worse than `red` off track, between is to watch. Both null:
   * no light for that metric. A metric without a record uses the built-in thresholds. If
   * two laptops set one at once, every peer uses the most recently changed (then by id).
   */
  metricThresholds: z
    .object({
      metric: z.enum(metricKeys),
      green: z.number().finite().nullable(),
      red: z.number().finite().nullable(),
    })
    .strict(),
  /**
   * A team's template of a review cadence: its topics' titles and prompts, and which are
   * hidden (collection `topics`). It never changes what data a topic shows.
   */
  reviewTemplates: z
    .object({
      name: title,
      cadence: z.enum(reviewCadences),
    })
    .strict(),
  /**
   * A note written anonymously in a review (reflect phase), kept apart from the review's
   * `notes` so that nothing links it to its author: it is written by a throwaway Yjs client
   * (the repository's `createAnonymous`; a Yjs item carries the id of the client that wrote
   * it, and presence maps client ids to names), which can add an entry to a top-level map but
   * not to the review's own map, which it does not hold. It has no author field, `createdBy`
   * is 'anonymous' and its times are rounded down to the day. The review's screens read these
   * notes together with the review's own (renderer/reviews/review-data.ts); `groupId` is set
   * by whoever groups the notes, and removing one moves it to the trash.
   */
  anonymousReviewNotes: z
    .object({
      reviewId: id,
      topicId: z.enum(reviewTopicIds),
      text: noteText,
      /** The group of the review it was put in (group phase); null while ungrouped. */
      groupId: id.nullable(),
    })
    .strict(),
} satisfies Record<EntityKind, z.ZodType>;

/**
 * Values of the fields a new entity gets when its creator does not give them, and that a
 * migration gives entities written before the field existed.
 */
export const entityFieldDefaults = {
  domains: {
    purpose: '',
    responsibility: '',
    objectives: '',
    budgetAmount: null,
    budgetUnit: '',
    budgetPeriod: 'month',
    capacityAmount: null,
    capacityUnit: '',
    principles: '',
    qualityStandards: '',
    riskParameters: '',
    ethics: '',
    pilot: false,
  },
  decisions: {
    context: '',
    options: '',
    decisionText: '',
    rationale: '',
    ownerId: null,
    tags: [],
    kind: 'decision',
    category: null,
    cost: null,
    crossDomain: 'none',
    horizon: 'short',
    reversibility: 'reversible',
    followsGuidelines: true,
    chosenTier: null,
    overrideReason: '',
    proposedAt: null,
    decidedAt: null,
    implementedAt: null,
    supersededById: null,
    reviewOn: null,
    rollbackPlan: '',
    adviceFrom: [],
    adviceWeighing: '',
    reviewOutcome: null,
    reviewedAt: null,
    expectedResult: '',
    actualResult: '',
    rolledBackAt: null,
    lessons: '',
    hypothesis: '',
    successCriteria: '',
    experimentScope: 'local',
    startOn: null,
    endOn: null,
    result: '',
  },
  experiments: {},
  reviews: {
    includeSubdomains: false,
    phase: 'check-in',
    status: 'planned',
    facilitatorId: null,
    facilitatorName: '',
    notesHidden: false,
    phaseEndsAt: null,
    voteBudget: 3,
    templateId: null,
    summary: '',
    closedAt: null,
  },
  pulseChecks: { domainId: null, anonymous: true, respondentName: '' },
  valueEntries: { startedOn: null, deliveredOn: null, satisfaction: null, defects: 0, note: '' },
  actions: { ownerName: '', doneAt: null, sourceTopicId: '' },
  policies: {},
  members: {},
  metricThresholds: {},
  reviewTemplates: {},
  anonymousReviewNotes: { groupId: null },
} as const satisfies { [K in EntityKind]: Partial<z.input<(typeof entityFieldSchemas)[K]>> };

/**
 * The fields as a stored entity must hold them to be read: the same types as
 * `entityFieldSchemas`, without the rules between fields. Why: two people may change two
 * fields of one entity at once on two laptops (one raises the autonomous limit, the other
 * lowers the consultative one); the merge then holds a combination neither of them wrote.
 * Such an entity must stay visible and fixable, not vanish from the app, so reading checks
 * each field and only writing checks the rules between them.
 */
export const entityStoredFieldSchemas = {
  ...entityFieldSchemas,
  policies: policyFieldsSchema,
} satisfies Record<EntityKind, z.ZodType>;

/**
 * Keyed sub-collections per kind: field name → schema of one item. Each item is stored in
 * its entity's map under its own key, so concurrent additions merge (see
 * renderer/data/workspace-document.ts).
 */
export const entityCollectionSchemas = {
  domains: {
    roles: domainRoleSchema,
    metrics: successMetricSchema,
    metricValues: metricValueSchema,
    agreements: interfaceAgreementSchema,
    resources: supportResourceSchema,
  },
  decisions: {
    advice: adviceSchema,
    positions: positionSchema,
    escalations: escalationSchema,
    links: decisionLinkSchema,
  },
  experiments: {},
  reviews: {
    notes: reviewNoteSchema,
    groups: reviewNoteGroupSchema,
    votes: reviewVoteSchema,
    checkIns: reviewCheckInSchema,
  },
  pulseChecks: {},
  valueEntries: {},
  actions: {},
  policies: { changes: policyChangeSchema },
  members: {},
  metricThresholds: {},
  reviewTemplates: { topics: reviewTemplateTopicSchema },
  anonymousReviewNotes: {},
} as const satisfies Record<EntityKind, Record<string, z.ZodType>>;

/** The editable fields of an entity of kind K. */
export type EntityFields<K extends EntityKind> = z.output<(typeof entityFieldSchemas)[K]>;

/** The collections of an entity of kind K, each a record keyed by item id. */
export type EntityCollections<K extends EntityKind> = {
  [C in keyof (typeof entityCollectionSchemas)[K]]: Readonly<
    Record<string, z.output<Extract<(typeof entityCollectionSchemas)[K][C], z.ZodType>>>
  >;
};

/** An entity of kind K as the app reads it: bookkeeping, fields and collections. */
export type Entity<K extends EntityKind> = z.output<typeof entityBaseSchema> & EntityFields<K> & EntityCollections<K>;

/** Any entity. */
export type AnyEntity = Entity<EntityKind>;

/** A single advice entry. */
export type Advice = z.output<typeof adviceSchema>;
/** A participant's position on a collaborative decision. */
export type Position = z.output<typeof positionSchema>;
/** An escalation of a decision. */
export type Escalation = z.output<typeof escalationSchema>;
/** A link from a decision to another one. */
export type DecisionLink = z.output<typeof decisionLinkSchema>;
/** A recorded change of a threshold policy. */
export type PolicyChange = z.output<typeof policyChangeSchema>;
/** A domain's success metric. */
export type SuccessMetric = z.output<typeof successMetricSchema>;
/** A recorded value of a success metric. */
export type MetricValue = z.output<typeof metricValueSchema>;
/** An interface agreement between two domains. */
export type InterfaceAgreement = z.output<typeof interfaceAgreementSchema>;
/** A support resource of a domain. */
export type SupportResource = z.output<typeof supportResourceSchema>;
/** A person's role in a domain. */
export type DomainRole = z.output<typeof domainRoleSchema>;
/** A note written in a review. */
export type ReviewNoteItem = z.output<typeof reviewNoteSchema>;
/** A group of notes in a review. */
export type ReviewGroupItem = z.output<typeof reviewNoteGroupSchema>;
/** One person's votes on one item of a review. */
export type ReviewVoteItem = z.output<typeof reviewVoteSchema>;
/** A person's check-in word in a review. */
export type ReviewCheckIn = z.output<typeof reviewCheckInSchema>;
/** One topic of a review template. */
export type ReviewTemplateTopic = z.output<typeof reviewTemplateTopicSchema>;
