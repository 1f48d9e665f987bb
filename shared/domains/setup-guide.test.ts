import { describe, expect, it } from 'vitest';
import { setupPhases, setupProgress, setupRoutes, type SetupInput } from './setup-guide';

type SetupDomain = SetupInput['domains'][number];

function domain(id: string, extra: Partial<SetupDomain> = {}): SetupDomain {
  return { id, deletedAt: null, responsibility: '', purpose: '', ...extra };
}

const empty: SetupInput = {
  domains: [],
  policies: [],
  decisionCount: 0,
  reviewCount: 0,
  pulseCheckCount: 0,
  policyChangeCount: 0,
};

const none = new Set<string>();

function stateOf(input: SetupInput, manual: ReadonlySet<string> = none): Record<string, boolean> {
  const progress = setupProgress(input, manual);
  return Object.fromEntries(progress.phases.flatMap((phase) => phase.steps.map((s) => [s.step.id, s.done])));
}

function whyOf(input: SetupInput, id: string): string | undefined {
  return setupProgress(input, none)
    .phases.flatMap((phase) => phase.steps)
    .find((s) => s.step.id === id)?.why;
}

describe('setupPhases', () => {
  it('keeps the four phases of the framework’s Implementation Guide, in order', () => {
    expect(setupPhases.map((phase) => phase.title)).toEqual([
      'Initial setup',
      'Pilot phase',
      'Scale phase',
      'Optimisation',
    ]);
  });

  it('keeps every step the framework names', () => {
    const titles = setupPhases.map((phase) => phase.steps.map((step) => step.title));
    expect(titles[0]).toEqual(
      expect.arrayContaining([
        'Document current state',
        'Identify quick wins',
        'Define clear boundaries',
        'Establish support',
        'Create your first domain',
        'Define decision thresholds',
      ]),
    );
    expect(titles[1]).toEqual(['Select pilot teams', 'Start small', 'Gather feedback', 'Adjust approach']);
    expect(titles[2]).toEqual(['Expand gradually', 'Build capabilities', 'Enhance support', 'Share learnings']);
    expect(titles[3]).toEqual(['Refine processes', 'Reduce friction', 'Enhance tools', 'Scale support']);
  });

  it('starts with creating a domain and setting thresholds before anything manual', () => {
    const first = setupPhases[0]?.steps.map((step) => step.id) ?? [];
    expect(first.slice(0, 4)).toEqual([
      'create-first-domain',
      'document-current-state',
      'define-clear-boundaries',
      'define-decision-thresholds',
    ]);
    expect(setupPhases[0]?.steps.slice(0, 4).every((step) => step.auto)).toBe(true);
  });

  it('gives every step a unique id, a description and a known route', () => {
    const steps = setupPhases.flatMap((phase) => phase.steps);
    expect(new Set(steps.map((step) => step.id)).size).toBe(steps.length);
    for (const step of steps) {
      expect(step.description.length).toBeGreaterThan(40);
      expect(setupRoutes).toContain(step.route);
    }
    for (const phase of setupPhases) expect(phase.description.trim()).not.toBe('');
  });

  it('exposes plain data: no functions in the steps', () => {
    expect(JSON.parse(JSON.stringify(setupPhases))).toEqual(setupPhases);
  });
});

describe('setupProgress', () => {
  it('points a new workspace at its first domain', () => {
    const progress = setupProgress(empty, none);
    expect(progress.done).toBe(0);
    expect(progress.total).toBe(setupPhases.flatMap((phase) => phase.steps).length);
    expect(progress.next?.id).toBe('create-first-domain');
    expect(progress.phases.map((phase) => [phase.done, phase.total])).toEqual([
      [0, 6],
      [0, 4],
      [0, 4],
      [0, 4],
    ]);
  });

  it('walks the initial setup from the data', () => {
    const oneDomain = { ...empty, domains: [domain('a')] };
    expect(setupProgress(oneDomain, none).next?.id).toBe('document-current-state');
    const purposed = { ...empty, domains: [domain('a', { purpose: 'Serve users.' })] };
    expect(setupProgress(purposed, none).next?.id).toBe('define-clear-boundaries');
    const bounded = { ...empty, domains: [domain('a', { purpose: 'Serve users.', responsibility: 'Checkout.' })] };
    expect(setupProgress(bounded, none).next?.id).toBe('define-decision-thresholds');
    const withLimits = {
      ...bounded,
      policies: [{ domainId: 'a', deletedAt: null, autonomousCostLimit: 500 }],
    };
    expect(setupProgress(withLimits, none).next?.id).toBe('identify-quick-wins');
    expect(setupProgress(withLimits, new Set(['identify-quick-wins'])).next?.id).toBe('establish-support');
  });

  it('does not count domains in the trash or blank text', () => {
    const state = stateOf({
      ...empty,
      domains: [
        domain('a', { deletedAt: 1, purpose: 'x', responsibility: 'y', resources: { r: {} }, pilot: true }),
        domain('b', { purpose: '   ', responsibility: '\n' }),
      ],
    });
    expect(state).toMatchObject({
      'create-first-domain': true,
      'document-current-state': false,
      'define-clear-boundaries': false,
      'establish-support': false,
      'select-pilot-teams': false,
    });
  });

  it('counts thresholds set for the workspace or a live domain, not inheriting or orphaned ones', () => {
    const withPolicies = (policies: SetupInput['policies']): boolean =>
      stateOf({ ...empty, domains: [domain('a'), domain('gone', { deletedAt: 1 })], policies })[
        'define-decision-thresholds'
      ] ?? false;
    expect(withPolicies([{ domainId: null, deletedAt: null, autonomousCostLimit: 100 }])).toBe(true);
    expect(withPolicies([{ domainId: 'a', deletedAt: null, autonomousCostLimit: 0 }])).toBe(true);
    expect(withPolicies([{ domainId: 'a', deletedAt: null, autonomousCostLimit: null }])).toBe(false);
    expect(withPolicies([{ domainId: 'a', deletedAt: 3, autonomousCostLimit: 100 }])).toBe(false);
    expect(withPolicies([{ domainId: 'gone', deletedAt: null, autonomousCostLimit: 100 }])).toBe(false);
    expect(withPolicies([{ domainId: 'ghost', deletedAt: null, autonomousCostLimit: 100 }])).toBe(false);
  });

  it('says why a step is or is not done', () => {
    expect(whyOf(empty, 'create-first-domain')).toBe('The workspace has no domain yet.');
    expect(whyOf(empty, 'define-decision-thresholds')).toBe('No thresholds are set yet; the built-in defaults apply.');
    const input: SetupInput = {
      ...empty,
      domains: [domain('a', { responsibility: 'Checkout' }), domain('b', { responsibility: 'Search' })],
      policies: [
        { domainId: null, deletedAt: null, autonomousCostLimit: 100 },
        { domainId: 'a', deletedAt: null, autonomousCostLimit: 10 },
      ],
      decisionCount: 1,
      reviewCount: 2,
      pulseCheckCount: 1,
      policyChangeCount: 3,
    };
    expect(whyOf(input, 'create-first-domain')).toBe('The workspace has 2 domains.');
    expect(whyOf(input, 'define-clear-boundaries')).toBe('2 domains have a responsibility written.');
    expect(whyOf(input, 'define-decision-thresholds')).toBe(
      'Thresholds are set for the workspace default and 1 domain.',
    );
    expect(whyOf(input, 'start-small')).toBe('1 decision recorded.');
    expect(whyOf(input, 'gather-feedback')).toBe('2 reviews and 1 pulse check recorded.');
    expect(whyOf(input, 'adjust-approach')).toBe('Thresholds were adjusted 3 times.');
    expect(whyOf(input, 'expand-gradually')).toBe('The workspace has 2 domains; this step is done at 3.');
    expect(whyOf(input, 'identify-quick-wins')).toBe('Tick this step when it is done.');
  });

  it('marks the pilot and scale steps from the data', () => {
    const state = stateOf({
      ...empty,
      domains: [domain('a', { pilot: true, resources: { r1: {} } }), domain('b'), domain('c')],
      decisionCount: 1,
      pulseCheckCount: 1,
      policyChangeCount: 1,
    });
    expect(state).toMatchObject({
      'establish-support': true,
      'select-pilot-teams': true,
      'start-small': true,
      'gather-feedback': true,
      'adjust-approach': true,
      'expand-gradually': true,
    });
  });

  it('takes manual steps from the ticks and ignores ticks on automatic or unknown steps', () => {
    const manual = new Set(['identify-quick-wins', 'scale-support', 'create-first-domain', 'no-such-step']);
    const progress = setupProgress(empty, manual);
    const state = stateOf(empty, manual);
    expect(state['identify-quick-wins']).toBe(true);
    expect(state['scale-support']).toBe(true);
    expect(state['create-first-domain']).toBe(false);
    expect(progress.done).toBe(2);
    expect(progress.phases[0]?.steps.find((s) => s.step.id === 'identify-quick-wins')?.why).toBe('Ticked as done.');
  });

  it('has no next step when everything is done', () => {
    const input: SetupInput = {
      domains: [
        domain('a', { purpose: 'p', responsibility: 'r', resources: { x: 1 }, pilot: true }),
        domain('b'),
        domain('c'),
      ],
      policies: [{ domainId: null, deletedAt: null, autonomousCostLimit: 1 }],
      decisionCount: 5,
      reviewCount: 1,
      pulseCheckCount: 0,
      policyChangeCount: 1,
    };
    const manual = new Set(setupPhases.flatMap((phase) => phase.steps.filter((s) => !s.auto).map((s) => s.id)));
    const progress = setupProgress(input, manual);
    expect(progress.done).toBe(progress.total);
    expect(progress.next).toBeNull();
    expect(progress.phases.every((phase) => phase.done === phase.total)).toBe(true);
  });
});
