/**
 * Starting points for a new domain. Each template fills in what framework.md asks a domain
 * to make explicit, so a team edits a sensible draft instead of facing empty fields:
 * - domain clarity (§ 2): purpose, area of responsibility, objectives;
 * - guidelines (§ 2): value-creation principles, quality standards, risk parameters,
 *   ethical considerations;
 * - decision thresholds (§ 1) as limits for autonomous and consultative decisions, scaled
 *   to the level: an individual's autonomy is smaller than a team's, a team's smaller than
 *   a domain's;
 * - a pre-approved budget (§ 5 "Resource Access") where the level usually has one;
 * - value, autonomy and health metrics (§ 8) with a target and the direction that is better;
 * - support resources (§ 3): self-service tools, knowledge bases, training, templates and
 *   guides, mentors and experts.
 *
 * Amounts are in EUR as an example; the domain form lets people change the unit.
 */
import type { Budget } from './budget';
import type { DomainLevel } from './hierarchy';
import type { ThresholdLimits } from './policy';

/** The kinds of support resource a domain can list (framework § 3). */
export const resourceKinds = ['tool', 'knowledge-base', 'training', 'template', 'guide', 'mentor', 'expert'] as const;

/** A kind of support resource. */
export type ResourceKind = (typeof resourceKinds)[number];

/** A metric a domain tracks: a target and whether higher or lower is better. */
export interface TemplateMetric {
  name: string;
  unit: string;
  target: number;
  direction: 'higher' | 'lower';
}

/** A support resource a template suggests. */
export interface TemplateResource {
  kind: ResourceKind;
  title: string;
  note: string;
}

/** The written fields of a domain: its clarity and its guidelines. */
export interface TemplateFields {
  purpose: string;
  responsibility: string;
  objectives: string;
  principles: string;
  qualityStandards: string;
  riskParameters: string;
  ethics: string;
}

/** A starting point for a new domain. */
export interface DomainTemplate {
  id: string;
  name: string;
  description: string;
  level: DomainLevel;
  fields: TemplateFields;
  policy: ThresholdLimits;
  budget: Budget | null;
  metrics: TemplateMetric[];
  resources: TemplateResource[];
}

/** The templates offered when creating a domain. */
export const domainTemplates: readonly DomainTemplate[] = [
  {
    id: 'product-team',
    name: 'Product team',
    description: 'A cross-functional team that owns a product or feature area end to end, from discovery to delivery.',
    level: 'team',
    fields: {
      purpose:
        'Solve real problems for the people who use our product, and learn quickly which solutions create value.',
      responsibility:
        'Discovery, prioritisation and delivery for our product area: what we build next, how we build it, ' +
        'and whether it works for users once it ships. Not included: shared infrastructure and company-wide pricing.',
      objectives:
        'Ship small increments every week.\nRaise user satisfaction in our area each quarter.\n' +
        'Validate every larger bet with an experiment before building it fully.',
      principles:
        'Start from a user problem, not a solution.\nPrefer small, reversible steps that give quick feedback.\n' +
        'Make decisions where the knowledge is, and write down why.\nShare what we learn, including what did not work.',
      qualityStandards:
        'Every change is reviewed by a second person and covered by automated tests.\n' +
        'Accessibility and performance are checked before release.\nKnown defects are triaged within two working days.',
      riskParameters:
        'Decide alone when a change is reversible, within budget and affects only our product area.\n' +
        'Seek advice when a change touches another team, stored data or more than a month of work.\n' +
        'Decide together when a change is hard to reverse or affects pricing, security or legal terms.',
      ethics:
        'Do not use dark patterns or mislead users.\nCollect only the data we need and explain why.\n' +
        'Consider users with disabilities and those with slow devices or connections.',
    },
    policy: { autonomousCostLimit: 2_000, consultativeCostLimit: 20_000 },
    budget: { amount: 15_000, unit: 'EUR', period: 'quarter' },
    metrics: [
      { name: 'Delivery speed (idea to release)', unit: 'days', target: 14, direction: 'lower' },
      { name: 'User satisfaction', unit: 'score (1–5)', target: 4, direction: 'higher' },
      { name: 'Decision velocity (proposal to decision)', unit: 'days', target: 3, direction: 'lower' },
      { name: 'Experiments concluded', unit: 'per quarter', target: 3, direction: 'higher' },
    ],
    resources: [
      {
        kind: 'template',
        title: 'Experiment canvas',
        note: 'Hypothesis, measure, success threshold and time box in one page.',
      },
      {
        kind: 'guide',
        title: 'How we decide',
        note: 'When to decide alone, when to seek advice and when to decide together.',
      },
      {
        kind: 'knowledge-base',
        title: 'User research library',
        note: 'Interview notes and findings, searchable by topic.',
      },
      { kind: 'mentor', title: 'Product coach', note: 'Someone to talk through a hard prioritisation call.' },
    ],
  },
  {
    id: 'platform-team',
    name: 'Platform team',
    description:
      'A team that provides shared services and tools so other teams can deliver without waiting for anyone.',
    level: 'team',
    fields: {
      purpose: 'Make it easy and safe for every team to build, ship and run their work on their own.',
      responsibility:
        'Shared infrastructure, deployment pipeline, observability and developer tooling, with a documented ' +
        'service agreement for each. Not included: the features other teams build on the platform.',
      objectives:
        'Keep the platform available as agreed in its service agreements.\n' +
        'Let a new team ship to production on its first day through self-service.\n' +
        'Reduce the requests other teams have to make to us each quarter.',
      principles:
        'Self-service first: a good default and clear documentation beat a ticket queue.\n' +
        'Treat other teams as users; measure their experience.\n' +
        'Keep interfaces stable and announce changes early.\nAutomate repeated work.',
      qualityStandards:
        'Every service has a written service agreement, an owner and a runbook.\n' +
        'Changes go through automated checks and can be rolled back within minutes.\n' +
        'Incidents get a blameless review within a week.',
      riskParameters:
        'Decide alone on changes behind a stable interface that can be rolled back.\n' +
        'Seek advice from affected teams before changing an interface or a service agreement.\n' +
        'Decide together on migrations that every team must make, and on anything touching security or customer data.',
      ethics:
        'Protect the data that passes through shared systems; grant the least access that works.\n' +
        'Be honest about outages and their causes.\nKeep on-call load humane and shared fairly.',
    },
    policy: { autonomousCostLimit: 3_000, consultativeCostLimit: 30_000 },
    budget: { amount: 40_000, unit: 'EUR', period: 'quarter' },
    metrics: [
      { name: 'Availability', unit: '%', target: 99.9, direction: 'higher' },
      { name: 'Time for a new team to first deploy', unit: 'hours', target: 8, direction: 'lower' },
      { name: 'Escalations from other teams', unit: 'per month', target: 2, direction: 'lower' },
      { name: 'Internal user satisfaction', unit: 'score (1–5)', target: 4, direction: 'higher' },
    ],
    resources: [
      { kind: 'tool', title: 'Self-service portal', note: 'Create environments and pipelines without asking.' },
      { kind: 'knowledge-base', title: 'Runbooks', note: 'One per service: how to check, fix and roll back.' },
      {
        kind: 'template',
        title: 'Service agreement',
        note: 'What we provide, what we expect, how to reach us and escalate.',
      },
      { kind: 'expert', title: 'Security engineer', note: 'Consult before changing access, secrets or network rules.' },
    ],
  },
  {
    id: 'business-unit',
    name: 'Domain / business unit',
    description:
      'A broad area with several teams: it sets direction, distributes resources and coordinates across teams.',
    level: 'domain',
    fields: {
      purpose: 'Create lasting value in our market by giving our teams a clear direction and the means to pursue it.',
      responsibility:
        'Strategy and objectives for the area, distribution of budget and people between its teams, ' +
        'cross-team coordination and major experiments.',
      objectives:
        'Every team knows how its objectives support the domain objectives.\n' +
        'Budgets are agreed before each quarter starts.\nThe domain’s value metrics improve year on year.',
      principles:
        'Set direction and constraints, then leave the how to the teams.\n' +
        'Move decisions to the teams closest to the work as their capability grows.\n' +
        'Make priorities and resource decisions visible to everyone affected.',
      qualityStandards:
        'Objectives have measurable success criteria.\nEvery team has a documented area of responsibility.\n' +
        'Major decisions record alternatives considered and the reasons.',
      riskParameters:
        'Decide alone on distributing the agreed budget between teams.\n' +
        'Seek advice from the teams involved before reorganising them or changing their objectives.\n' +
        'Decide together with other domains on commitments that bind them or shift significant budget.',
      ethics:
        'Weigh the impact on customers, employees and society, not only on revenue.\n' +
        'Be transparent about why resources are given or withdrawn.\n' +
        'Protect psychological safety: failed experiments are a source of learning, not blame.',
    },
    policy: { autonomousCostLimit: 10_000, consultativeCostLimit: 100_000 },
    budget: { amount: 500_000, unit: 'EUR', period: 'year' },
    metrics: [
      { name: 'Objectives met', unit: '%', target: 70, direction: 'higher' },
      { name: 'Budget utilisation', unit: '%', target: 90, direction: 'higher' },
      { name: 'Escalation frequency', unit: 'per month', target: 3, direction: 'lower' },
      { name: 'Team satisfaction', unit: 'score (1–5)', target: 4, direction: 'higher' },
    ],
    resources: [
      {
        kind: 'guide',
        title: 'Decision thresholds',
        note: 'Which decisions each level takes alone, with advice or together.',
      },
      { kind: 'training', title: 'Decision-making for leads', note: 'Delegating, giving advice and holding back.' },
      {
        kind: 'knowledge-base',
        title: 'Strategy and objectives',
        note: 'The current strategy, objectives and past reviews.',
      },
      { kind: 'expert', title: 'Finance partner', note: 'Consult on budget shifts and investment cases.' },
    ],
  },
  {
    id: 'personal-area',
    name: 'Personal area',
    description:
      'One person’s own area of autonomy: how they organise their work, learn and serve the users they talk to.',
    level: 'individual',
    fields: {
      purpose: 'Do my best work for the people I serve, and keep growing while I do it.',
      responsibility:
        'How I organise and prioritise my own tasks, my learning and development, ' +
        'and the direct interactions I have with users.',
      objectives:
        'Finish what I commit to, or say early when I cannot.\nSpend time each week on learning.\n' +
        'Answer the users I talk to within one working day.',
      principles:
        'Prioritise the work that creates the most value for users and my team.\n' +
        'Ask for advice early; offer it freely.\nMake my work visible so others can build on it.',
      qualityStandards:
        'My work is checked by someone else before it affects others.\nI document decisions that others depend on.',
      riskParameters:
        'Decide alone on my own work, tools and learning within my limits.\n' +
        'Seek advice when a decision affects my team’s work or plans.\n' +
        'Decide together with my team on anything that changes their commitments.',
      ethics:
        'Treat users and colleagues with respect and honesty.\nProtect the personal data I handle.\n' +
        'Keep a sustainable pace and speak up about stress.',
    },
    policy: { autonomousCostLimit: 200, consultativeCostLimit: 1_000 },
    budget: { amount: 1_000, unit: 'EUR', period: 'year' },
    metrics: [
      { name: 'Learning time', unit: 'hours per week', target: 2, direction: 'higher' },
      { name: 'Stress level', unit: 'score (1–5)', target: 2, direction: 'lower' },
      { name: 'Decisions made without escalation', unit: '%', target: 80, direction: 'higher' },
    ],
    resources: [
      {
        kind: 'training',
        title: 'Learning budget and catalogue',
        note: 'Courses and books I can choose without approval.',
      },
      { kind: 'mentor', title: 'Mentor', note: 'A regular conversation about growth and hard calls.' },
      { kind: 'guide', title: 'Working agreements', note: 'How my team plans, asks for help and hands over work.' },
    ],
  },
];
