/**
 * The guided setup: the framework's Implementation Guide (framework.md, "Implementation
 * Guide") as four phases of steps a workspace works through, each step linking to the
 * screen where it is done.
 *
 * The phases and their steps keep the framework's names: Initial setup (document current
 * state, identify quick wins, define clear boundaries, establish support), Pilot phase
 * (select pilot teams, start small, gather feedback, adjust approach), Scale phase (expand
 * gradually, build capabilities, enhance support, share learnings) and Optimisation (refine
 * processes, reduce friction, enhance tools, scale support). Two steps are added to Initial
 * setup so that a new workspace is walked to its first domain with thresholds: "Create your
 * first domain" comes first, and "Define decision thresholds" (framework § 6, Foundation
 * Building) follows the boundaries. "Document current state" is done by writing a domain's
 * purpose: how the area works today.
 *
 * A step is either automatic (`auto`: done when the workspace data shows it, e.g. a live
 * domain with a responsibility written) or manual (done when a person ticks it; its id is
 * in `manualDone`). Automatic steps ignore ticks: the data is the truth, and removing the
 * last domain makes "Create your first domain" open again. The next step suggested is the
 * first open step in reading order.
 */

/** The screens a setup step can link to. */
export const setupRoutes = [
  '/domains',
  '/domains/map',
  '/decisions',
  '/reviews',
  '/metrics',
  '/help',
  '/dashboard',
] as const;

/** A screen a setup step links to. */
export type SetupRoute = (typeof setupRoutes)[number];

/** One step of the guided setup. */
export interface SetupStep {
  id: string;
  title: string;
  /** What to do and why, in plain words. */
  description: string;
  route: SetupRoute;
  /** Done automatically from the workspace data (true) or ticked by a person (false). */
  auto: boolean;
}

/** One phase of the guided setup. */
export interface SetupPhase {
  id: string;
  title: string;
  description: string;
  steps: readonly SetupStep[];
}

/** What the setup guide reads of a workspace. */
export interface SetupInput {
  domains: readonly {
    id: string;
    deletedAt: number | null;
    responsibility: string;
    purpose: string;
    agreements?: Readonly<Record<string, unknown>>;
    resources?: Readonly<Record<string, unknown>>;
    pilot?: boolean;
  }[];
  policies: readonly { domainId: string | null; deletedAt: number | null; autonomousCostLimit: number | null }[];
  decisionCount: number;
  reviewCount: number;
  pulseCheckCount: number;
  /** Threshold changes recorded after limits were first set (adjustments). */
  policyChangeCount: number;
}

/** A step's state: done or not, and why, in one sentence. */
export interface StepProgress {
  step: SetupStep;
  done: boolean;
  why: string;
}

/** A phase's state: its steps and how many are done. */
export interface PhaseProgress {
  phase: SetupPhase;
  steps: StepProgress[];
  done: number;
  total: number;
}

/** The whole guide's state: each phase, the totals, and the first open step (null when all are done). */
export interface SetupProgress {
  phases: PhaseProgress[];
  done: number;
  total: number;
  next: SetupStep | null;
}

type Check = (input: SetupInput) => { done: boolean; why: string };

interface StepDefinition extends Omit<SetupStep, 'auto'> {
  check?: Check;
}

interface PhaseDefinition extends Omit<SetupPhase, 'steps'> {
  steps: StepDefinition[];
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function liveDomains(input: SetupInput): SetupInput['domains'] {
  return input.domains.filter((domain) => domain.deletedAt === null);
}

/** A check that is done when some live domain has a property, saying how many do. */
function domainsWith(has: (domain: SetupInput['domains'][number]) => boolean, what: string, none: string): Check {
  return (input) => {
    const n = liveDomains(input).filter(has).length;
    return n > 0
      ? { done: true, why: `${count(n, 'domain')} ${n === 1 ? 'has' : 'have'} ${what}.` }
      : { done: false, why: none };
  };
}

const written = (text: string): boolean => text.trim() !== '';

const phaseDefinitions: PhaseDefinition[] = [
  {
    id: 'initial-setup',
    title: 'Initial setup',
    description: 'Describe how work is organised today and give the first domain clear boundaries and thresholds.',
    steps: [
      {
        id: 'create-first-domain',
        title: 'Create your first domain',
        description:
          'A domain is an area someone is responsible for: a person, a team or a business unit. ' +
          'Start with one you know well; a template gives you a draft to edit.',
        route: '/domains',
        check: (input) => {
          const n = liveDomains(input).length;
          return n > 0
            ? { done: true, why: `The workspace has ${count(n, 'domain')}.` }
            : { done: false, why: 'The workspace has no domain yet.' };
        },
      },
      {
        id: 'document-current-state',
        title: 'Document current state',
        description:
          'Write down the purpose of the domain and how it works today. Knowing where you start ' +
          'makes it possible to see what changes later.',
        route: '/domains',
        check: domainsWith(
          (domain) => written(domain.purpose),
          'a purpose written',
          'No domain has a purpose written yet.',
        ),
      },
      {
        id: 'define-clear-boundaries',
        title: 'Define clear boundaries',
        description:
          'Write the area of responsibility: what the domain decides and what it does not. Clear ' +
          'boundaries let people act without asking, because they know where their area ends.',
        route: '/domains',
        check: domainsWith(
          (domain) => written(domain.responsibility),
          'a responsibility written',
          'No domain has an area of responsibility written yet.',
        ),
      },
      {
        id: 'define-decision-thresholds',
        title: 'Define decision thresholds',
        description:
          'Set the cost limits up to which people decide alone, and up to which they seek advice ' +
          'before deciding. Set them for the workspace or for one domain; everything else inherits them.',
        route: '/domains',
        check: (input) => {
          const liveIds = new Set(liveDomains(input).map((domain) => domain.id));
          const withLimits = input.policies.filter(
            (policy) =>
              policy.deletedAt === null &&
              policy.autonomousCostLimit !== null &&
              (policy.domainId === null || liveIds.has(policy.domainId)),
          );
          if (withLimits.length === 0)
            return { done: false, why: 'No thresholds are set yet; the built-in defaults apply.' };
          const workspace = withLimits.some((policy) => policy.domainId === null);
          const domains = new Set(withLimits.flatMap((policy) => (policy.domainId === null ? [] : [policy.domainId])))
            .size;
          const parts = [
            ...(workspace ? ['the workspace default'] : []),
            ...(domains > 0 ? [count(domains, 'domain')] : []),
          ];
          return { done: true, why: `Thresholds are set for ${parts.join(' and ')}.` };
        },
      },
      {
        id: 'identify-quick-wins',
        title: 'Identify quick wins',
        description:
          'List a few small, reversible decisions people can now take on their own. Early successes ' +
          'build the trust that larger autonomy needs.',
        route: '/decisions',
      },
      {
        id: 'establish-support',
        title: 'Establish support',
        description:
          'Add the tools, guides, training, mentors and experts people can turn to. Autonomy works ' +
          'when help is easy to find.',
        route: '/domains',
        check: domainsWith(
          (domain) => Object.keys(domain.resources ?? {}).length > 0,
          'a support resource listed',
          'No domain lists a support resource yet.',
        ),
      },
    ],
  },
  {
    id: 'pilot-phase',
    title: 'Pilot phase',
    description: 'Try the framework with a few teams first, learn from it and adjust before going wider.',
    steps: [
      {
        id: 'select-pilot-teams',
        title: 'Select pilot teams',
        description:
          'Mark one or two domains as pilots: teams that are willing to try and able to give honest ' +
          'feedback. A small start keeps mistakes cheap.',
        route: '/domains',
        check: domainsWith(
          (domain) => domain.pilot === true,
          'been marked as a pilot',
          'No domain is marked as a pilot yet.',
        ),
      },
      {
        id: 'start-small',
        title: 'Start small',
        description:
          'Record a first decision, ideally a small one within the autonomous limit. Recording it ' +
          'shows who decided, why, and with whose advice.',
        route: '/decisions',
        check: (input) =>
          input.decisionCount > 0
            ? { done: true, why: `${count(input.decisionCount, 'decision')} recorded.` }
            : { done: false, why: 'No decision recorded yet.' },
      },
      {
        id: 'gather-feedback',
        title: 'Gather feedback',
        description:
          'Hold a first review or pulse check. Asking how the pilot feels and works shows what to ' +
          'keep and what to change.',
        route: '/reviews',
        check: (input) => {
          const n = input.reviewCount + input.pulseCheckCount;
          return n > 0
            ? {
                done: true,
                why: `${count(input.reviewCount, 'review')} and ${count(input.pulseCheckCount, 'pulse check')} recorded.`,
              }
            : { done: false, why: 'No review or pulse check recorded yet.' };
        },
      },
      {
        id: 'adjust-approach',
        title: 'Adjust approach',
        description:
          'Use what you learned: raise or lower thresholds, and write down why. Adjusting is part ' +
          'of the framework, not a sign that it failed.',
        route: '/domains',
        check: (input) =>
          input.policyChangeCount > 0
            ? { done: true, why: `Thresholds were adjusted ${count(input.policyChangeCount, 'time')}.` }
            : { done: false, why: 'No threshold has been adjusted yet.' },
      },
    ],
  },
  {
    id: 'scale-phase',
    title: 'Scale phase',
    description: 'Bring more teams in, step by step, and grow the skills and support they need.',
    steps: [
      {
        id: 'expand-gradually',
        title: 'Expand gradually',
        description:
          'Add more domains one at a time, with their boundaries and agreements with each other. ' +
          'Going step by step keeps support able to keep up.',
        route: '/domains/map',
        check: (input) => {
          const n = liveDomains(input).length;
          return n >= 3
            ? { done: true, why: `The workspace has ${count(n, 'domain')}.` }
            : { done: false, why: `The workspace has ${count(n, 'domain')}; this step is done at 3.` };
        },
      },
      {
        id: 'build-capabilities',
        title: 'Build capabilities',
        description:
          'Train people in making decisions, giving advice and the technical skills their domains ' +
          'need. More capability lets thresholds rise safely.',
        route: '/help',
      },
      {
        id: 'enhance-support',
        title: 'Enhance support',
        description: 'Fill the gaps reviews reveal: more guides, mentors or expert time where people got stuck.',
        route: '/domains',
      },
      {
        id: 'share-learnings',
        title: 'Share learnings',
        description:
          'Share what worked and what did not across teams, for example from review notes. Others ' +
          'avoid the same mistakes and copy the successes.',
        route: '/reviews',
      },
    ],
  },
  {
    id: 'optimization',
    title: 'Optimisation',
    description: 'Keep improving how autonomy works, based on what the metrics and reviews show.',
    steps: [
      {
        id: 'refine-processes',
        title: 'Refine processes',
        description:
          'Look at decision patterns in reviews and change the steps that slow people down without ' +
          'making decisions better.',
        route: '/reviews',
      },
      {
        id: 'reduce-friction',
        title: 'Reduce friction',
        description:
          'Check the dependency map for handoffs and waiting between domains, and reduce them with ' +
          'clearer interfaces and agreements.',
        route: '/domains/map',
      },
      {
        id: 'enhance-tools',
        title: 'Enhance tools',
        description:
          'Improve the self-service tools, templates and knowledge bases people use most, so ' +
          'common work needs no one else.',
        route: '/metrics',
      },
      {
        id: 'scale-support',
        title: 'Scale support',
        description:
          'Make sure support grows with the number of teams: peer support, mentoring and expert ' +
          'networks instead of one central team.',
        route: '/dashboard',
      },
    ],
  },
];

const checks = new Map(
  phaseDefinitions.flatMap((phase) =>
    phase.steps.flatMap((step) => (step.check ? [[step.id, step.check] as const] : [])),
  ),
);

/** The four phases of the guided setup with their steps, in order. */
export const setupPhases: readonly SetupPhase[] = phaseDefinitions.map(({ steps, ...phase }) => ({
  ...phase,
  steps: steps.map(({ check, ...step }) => ({ ...step, auto: check !== undefined })),
}));

/**
 * How far a workspace is through the guided setup: each step done or not and why, done
 * counts per phase and overall, and the first open step. `manualDone` holds the ids of the
 * manual steps a person has ticked; other ids in it are ignored.
 */
export function setupProgress(input: SetupInput, manualDone: ReadonlySet<string>): SetupProgress {
  const phases = setupPhases.map((phase) => {
    const steps = phase.steps.map((step): StepProgress => {
      const check = checks.get(step.id);
      if (check) return { step, ...check(input) };
      const ticked = manualDone.has(step.id);
      return { step, done: ticked, why: ticked ? 'Ticked as done.' : 'Tick this step when it is done.' };
    });
    return { phase, steps, done: steps.filter((step) => step.done).length, total: steps.length };
  });
  const all = phases.flatMap((phase) => phase.steps);
  return {
    phases,
    done: all.filter((step) => step.done).length,
    total: all.length,
    next: all.find((step) => !step.done)?.step ?? null,
  };
}
