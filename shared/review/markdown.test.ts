/**
 * The Markdown report, checked line by line (no snapshots) on the fixture of test-support.ts,
 * and the escaping of everything people typed.
 */
import { describe, expect, it } from 'vitest';
import type { PrepareReviewInput } from './input';
import { escapeMarkdown, reviewToMarkdown, type ReviewSession } from './markdown';
import type { ReviewNote } from './notes';
import { prepareReview } from './prepare';
import {
  at,
  berlin,
  fixtureActions,
  fixtureDecision,
  fixtureDecisions,
  fixtureDomains,
  fixtureSnapshot,
  fixtureValueEntries,
  november,
  q4,
  week,
} from './test-support';
import { voteKey } from './votes';

function input(changes: Partial<PrepareReviewInput> = {}): PrepareReviewInput {
  return {
    cadence: 'weekly',
    period: week,
    scope: { domainId: null, includeSubdomains: false },
    snapshot: fixtureSnapshot,
    decisions: fixtureDecisions.map((decision) => decision.info),
    domains: fixtureDomains,
    valueEntries: fixtureValueEntries,
    previousActions: fixtureActions,
    reviewId: 'r1',
    now: at('2026-11-29T18:00:00+01:00'),
    timeZone: berlin,
    ...changes,
  };
}

function note(
  id: string,
  topicId: string,
  text: string,
  authorKey: string | null,
  groupId: string | null = null,
): ReviewNote {
  return { id, topicId, text, authorKey, groupId, createdAt: Number(id.slice(1)) };
}

const session: ReviewSession = {
  phase: 'vote',
  notes: [
    note('n1', 'decision-patterns', 'Too many *escalations*', 'ana', 'g1'),
    note('n2', 'decision-patterns', 'Escalations\nslow us down', null, 'g1'),
    note('n3', 'quick-wins', '# Linting was great <b>', 'ben'),
    note('n4', 'support-needs', 'A note of another topic', null),
    note('n5', 'quick-wins', 'Said by someone unnamed', 'zoe'),
  ],
  groups: [{ id: 'g1', topicId: 'decision-patterns', title: 'Escalations', createdAt: 0 }],
  votes: {
    [voteKey('ana', 'g1')]: 2,
    [voteKey('ben', 'g1')]: 1,
    [voteKey('ben', 'n3')]: 2,
    // Ana voted on n3 on her second laptop: 4 of a budget of 3, so one vote on n3 is dropped.
    [voteKey('ana', 'n3')]: 2,
    [voteKey('ana', 'gone')]: 3,
  },
  voteBudget: 3,
  actions: [
    { id: 'x2', title: 'Share the [wins](http://evil)', ownerName: null, dueOn: null, done: true, reviewId: 'r1' },
    { id: 'x1', title: 'Cap escalations', ownerName: 'Ana', dueOn: '2026-12-06', done: false, reviewId: 'r1' },
  ],
  participants: [
    { key: 'ana', name: 'Ana' },
    { key: 'ben', name: 'Ben' },
  ],
};

const weeklyText = reviewToMarkdown(prepareReview(input()), session);
const weeklyLines = weeklyText.split('\n');

/** The lines of a section: from its heading to the next heading of the same or a higher level. */
function section(lines: readonly string[], heading: string): string[] {
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`no heading ${heading}`);
  const level = heading.indexOf(' ');
  const end = lines.findIndex((line, index) => index > start && /^#+ /.test(line) && line.indexOf(' ') <= level);
  return lines.slice(start + 1, end < 0 ? undefined : end).filter((line) => line !== '');
}

describe('reviewToMarkdown: the weekly review', () => {
  it('opens with the title, scope, period and phase', () => {
    expect(weeklyLines.slice(0, 7)).toEqual([
      '# Weekly review: Week of 23 Nov 2026',
      '',
      '- Scope: Workspace',
      '- Period: 23 Nov 2026 – 29 Nov 2026',
      '- Phase: Vote',
      '- Prepared: 29 Nov 2026',
      '',
    ]);
    expect(weeklyText.endsWith('\n')).toBe(true);
    expect(weeklyText).not.toMatch(/\n\n\n/);
  });

  it('writes the health pulse with values, lights and counts', () => {
    expect(section(weeklyLines, '## Health pulse')).toEqual([
      '- Team satisfaction: 4.3 of 5 (green; 3 answers in 1 pulse round)',
      '- Stress: 2.3 of 5 (green; 3 answers in 1 pulse round)',
      '- Collaboration quality: 3.7 of 5 (amber; 3 answers in 1 pulse round)',
      '- Trust: 3.7 of 5 (amber; 3 answers in 1 pulse round)',
    ]);
  });

  it('writes the alerts, the reviews due and the actions carried', () => {
    expect(section(weeklyLines, '## Governance alerts')).toEqual([
      '- **Over budget**: Apps committed 400 EUR against a budget of 300 EUR for Week of 23 Nov 2026 (133%).',
      '- **Decisions overdue for review**: 1 decision is past the review date without a review: Rename the repository (due 27 Nov 2026).',
    ]);
    expect(section(weeklyLines, '## Reviews due')).toEqual([
      '- Rename the repository — Platform: review on 27 Nov 2026, 2 days overdue',
      '- Switch CI provider — Platform: review on 29 Nov 2026',
    ]);
    expect(section(weeklyLines, '## Actions from earlier reviews')).toEqual([
      '1 of 4 done.',
      '- [ ] Write the on-call guide — Ana, due 27 Nov 2026 (overdue)',
      '- [ ] Book a workshop — no owner yet, due 3 Dec 2026',
      '- [ ] Ask finance — Cleo',
    ]);
  });

  it('writes each topic with its prompts, figures (with "not enough data") and lists', () => {
    const patterns = section(weeklyLines, '## 1. Decision patterns');
    expect(patterns.slice(0, 2)).toEqual([
      'Prompts:',
      '- Which decisions did we make this week, and in which tier? Is that the mix we expected?',
    ]);
    expect(section(weeklyLines, '### Figures')).toEqual([
      '- Autonomy share: 60% (green; 3 of 5 decisions)',
      '- Override rate: 20% (amber; 1 of 5 decisions)',
      '- Escalation frequency: 40% (red; 2 of 5 decisions)',
      '- Decision velocity: 1 day (green; 5 decisions)',
      '- Share of experiments: 20% (green; 1 of 5 decisions)',
    ]);
    expect(section(weeklyLines, '### Decisions by tier')).toEqual([
      'Decided in the period: 5.',
      '- Autonomous: 3 (1 override, 0 escalated, 1 experiment)',
      '  - Adopt linting — Platform, decided 24 Nov 2026',
      '  - Hotfix login — Apps, decided 25 Nov 2026, override',
      '  - Try dark mode — Platform, decided 26 Nov 2026',
      '- Consultative: 1 (0 overrides, 1 escalated, 0 experiments)',
      '  - Switch CI provider — Platform, decided 25 Nov 2026, escalated 1 time',
      '- Collaborative: 1 (0 overrides, 1 escalated, 0 experiments)',
      '  - Migrate database — Operations, decided 26 Nov 2026, escalated 1 time',
    ]);
    const value = section(weeklyLines, '## 2. Value creation');
    expect(value).toContain('- Delivery speed: not enough data (2 of 3 needed)');
    expect(value).toContain('- Quality: 0.33 per item (amber; 1 defect over 3 items)');
    expect(value).toContain(
      '- Faster search — Platform, delivered 24 Nov 2026, lead time 8 days, satisfaction 4 of 5, 1 defect',
    );
    expect(value).toContain(
      '- Page load (Platform): latest 450 ms on 27 Nov 2026, target 500 ms (lower is better): on target',
    );
    const resources = section(weeklyLines, '## 3. Resource usage');
    expect(resources).toContain('- Apps: 400 EUR of 300 EUR (133%, red)');
    expect(resources).toContain('- Platform: 750 EUR of 1,000 EUR (75%, green)');
    expect(resources).toContain('- Switch CI provider — Platform: 500 EUR (consultative), decided 25 Nov 2026');
    const wins = section(weeklyLines, '## 4. Quick wins');
    expect(wins).toContain('- Adopt linting — Platform, implemented 25 Nov 2026 (decided autonomously, reversible)');
    expect(wins).toContain('- Try dark mode — Platform, decided 26 Nov 2026 (autonomous)');
  });

  it('writes notes under their topic, grouped, anonymous ones without a name', () => {
    const patterns = section(weeklyLines, '## 1. Decision patterns');
    expect(patterns.slice(patterns.indexOf('### Notes') + 1)).toEqual([
      '- **Escalations** (2 notes)',
      '  - Too many \\*escalations\\* — Ana',
      '  - Escalations slow us down (anonymous)',
    ]);
    const value = section(weeklyLines, '## 2. Value creation');
    expect(value.slice(value.indexOf('### Notes') + 1)).toEqual(['No notes.']);
    const wins = section(weeklyLines, '## 4. Quick wins');
    expect(wins.slice(wins.indexOf('### Notes') + 1)).toEqual([
      '- \\# Linting was great \\<b\\> — Ben',
      '- Said by someone unnamed — zoe',
    ]);
    // A note of a topic that is not on the agenda is not lost.
    expect(section(weeklyLines, '## Other notes')).toEqual(['- A note of another topic (anonymous)']);
  });

  it('writes the vote results within budget, and the actions agreed', () => {
    // g1: Ana 2 + Ben 1; n3: Ben 2 + Ana 1 (her fourth vote is over budget); "gone" does not exist.
    expect(section(weeklyLines, '## Vote results')).toEqual([
      '2 people voted, 3 votes each.',
      '1. **Escalations** (Decision patterns): 3 votes from 2 people',
      '2. **\\# Linting was great \\<b\\>** (Quick wins): 3 votes from 2 people',
      "1 vote over a person's budget not counted.",
    ]);
    expect(section(weeklyLines, '## Actions')).toEqual([
      '- [ ] Cap escalations — Ana, due 6 Dec 2026',
      '- [x] Share the \\[wins\\](http://evil) — no owner yet',
    ]);
  });

  it('can leave the prompts out and cut long lists', () => {
    const text = reviewToMarkdown(prepareReview(input()), session, { includePrompts: false, maxListItems: 1 });
    const lines = text.split('\n');
    expect(lines).not.toContain('Prompts:');
    expect(section(lines, '### Decisions by tier')).toEqual([
      'Decided in the period: 5.',
      '- Autonomous: 3 (1 override, 0 escalated, 1 experiment)',
      '  - Adopt linting — Platform, decided 24 Nov 2026',
      '  - … and 2 more',
      '- … and 2 more',
    ]);
  });

  it('says so when nothing was voted and the pulse is hidden', () => {
    const snapshot = {
      ...fixtureSnapshot,
      pulses: fixtureSnapshot.pulses.slice(0, 2),
    };
    const text = reviewToMarkdown(prepareReview(input({ snapshot })), {
      ...session,
      phase: 'check-in',
      votes: {},
      actions: [],
      notes: [],
    });
    const lines = text.split('\n');
    expect(section(lines, '## Health pulse')).toEqual([
      'Hidden to keep answers anonymous: no pulse round had at least 3 people.',
    ]);
    expect(section(lines, '## Vote results')).toEqual(['No votes yet.']);
    expect(section(lines, '## Actions')).toEqual(['No actions agreed.']);
    expect(lines).toContain('- Phase: Check-in');
  });

  it('refuses an invalid session or options, naming the field', () => {
    const prepared = prepareReview(input());
    expect(() => reviewToMarkdown(prepared, { ...session, phase: 'party' as 'vote' })).toThrow(
      new Error(
        'session.phase must be one of check-in, health-pulse, reflect, group, vote, discuss, actions (got "party")',
      ),
    );
    expect(() => reviewToMarkdown(prepared, session, { maxListItems: 0 })).toThrow(
      new Error('options.maxListItems must be a whole number of 1 or more, or null (got 0)'),
    );
    expect(() => reviewToMarkdown(prepared, { ...session, voteBudget: 0 })).toThrow(
      new Error('session.voteBudget must be a whole number of 1 or more (got 0)'),
    );
    expect(() =>
      reviewToMarkdown(prepared, { ...session, notes: [{ ...session.notes[0], text: 7 } as never] }),
    ).toThrow(new Error('session.notes[0].text must be text (got 7)'));
    expect(() =>
      reviewToMarkdown(prepared, { ...session, actions: [{ ...session.actions[0], done: 'yes' } as never] }),
    ).toThrow(new Error('session.actions[0].done must be true or false (got "yes")'));
  });
});

describe('reviewToMarkdown: monthly and quarterly lists', () => {
  const empty: ReviewSession = { phase: 'discuss', notes: [], groups: [], votes: {}, voteBudget: 3, actions: [] };

  it('writes the monthly lists', () => {
    const lines = reviewToMarkdown(
      prepareReview(input({ cadence: 'monthly', period: november, now: at('2026-12-01T10:00:00+01:00') })),
      empty,
    ).split('\n');
    expect(section(lines, '### Autonomy share over time')).toEqual([
      '- August 2026: not enough data (0 decisions)',
      '- September 2026: not enough data (0 decisions)',
      '- October 2026: not enough data (2 decisions)',
      '- November 2026: 67% (4 of 6 decisions)',
      'Trend: not enough data.',
    ]);
    expect(section(lines, '### Decided in a less demanding tier than classified')).toEqual([
      '- Hotfix login — Apps, decided 25 Nov 2026 in the autonomous tier: Users were locked out',
    ]);
    const support = section(lines, '## 2. Support needs');
    expect(support).toContain(
      '- Choose an on-call tool — Operations: seeking advice for 9.6 days (1 of 3 asked have advised)',
    );
    expect(support).toContain('- Merge the support queues — Operations: deciding together for 2.5 days');
    expect(support).toContain(
      '- Migrate database — Operations, 20 Nov 2026 (consultative → collaborative, to Platform): Affects the platform team',
    );
    expect(section(lines, '### Slow decisions')).toEqual([
      'Decisions that took longer than 3 days, slowest first:',
      '- Migrate database — Operations: 10 days (collaborative)',
      '- Switch CI provider — Platform: 5 days (consultative)',
    ]);
    expect(section(lines, '### Decisions with handoffs to other domains')).toEqual([
      '- Switch CI provider — Platform: 2 handoffs (2 for advice, 0 deciding jointly)',
      '- Migrate database — Operations: 1 handoff (0 for advice, 1 deciding jointly)',
    ]);
    expect(section(lines, '### Failed, partly worked or rolled back')).toEqual([
      '- Outsource design — Platform: partly',
      '- Change the font — Apps: rolled back',
      '- Migrate database — Operations: failed, rolled back. Lessons: Test the migration first',
    ]);
    expect(section(lines, '### Lessons recorded')).toEqual([
      '- Hotfix login — Apps (review, 27 Nov 2026): Pair on risky fixes',
      '- Migrate database — Operations (review, 28 Nov 2026): Test the migration first',
      '- Try dark mode — Platform (experiment result, 28 Nov 2026): Users liked it',
    ]);
    expect(lines).toContain('- Reviews with a lesson: not enough data (3 of 5 needed)');
  });

  it('writes the quarterly lists, the trends as a table', () => {
    const prepared = prepareReview(
      input({
        cadence: 'quarterly',
        period: q4,
        now: at('2027-01-04T10:00:00+01:00'),
        progression: [
          {
            domainId: 'ops',
            limits: { autonomousCostLimit: 500, consultativeCostLimit: 5_000 },
            limitsChangedAt: null,
            decisions: ['failed', 'failed', 'worked'].map((outcome, index) => ({
              id: `o${index}`,
              tier: 'consultative' as const,
              cost: 1_000,
              outcome: outcome as 'failed' | 'worked',
              rolledBack: false,
              overridden: false,
              escalated: false,
              reviewedAt: at('2026-12-20T10:00:00+01:00'),
            })),
          },
        ],
      }),
    );
    const lines = reviewToMarkdown(prepared, empty).split('\n');
    const table = section(lines, '### Every figure over time');
    expect(table.slice(0, 3)).toEqual([
      '| Figure | Q1 2026 | Q2 2026 | Q3 2026 | Q4 2026 | Trend | Light |',
      '|---|---:|---:|---:|---:|---|---|',
      '| Decision velocity | – | – | – | 1 day | not enough data | green |',
    ]);
    expect(table).toContain('| Autonomy share | – | – | – | 70% | not enough data | green |');
    expect(table).toHaveLength(2 + 18);
    expect(section(lines, '### Suggested threshold changes')).toEqual([
      '- Operations: lower: autonomous 500 → 375, consultative 5,000 → 3,750',
      '  - 3 autonomous and consultative decisions reviewed in the last 90 days',
      '  - 2 of 3 failed or were rolled back (67%), at or above the 25% that calls for lower limits',
      '  - Lower the autonomous limit from 500 to 375 and the consultative limit from 5,000 to 3,750 (−25%)',
    ]);
    expect(section(lines, '### Decisions that worked')).toEqual([
      '- Hotfix login — Apps (autonomous), reviewed 27 Nov 2026. Lessons: Pair on risky fixes',
      '- Shorter sign-up form — Platform (autonomous experiment), reviewed 15 Dec 2026',
    ]);
    expect(section(lines, '### Experiments and their results')).toEqual([
      '- Try dark mode — Platform, 28 Nov 2026. Hypothesis: Dark mode reduces eye-strain complaints. Result: Users liked it',
      '- Shorter sign-up form — Platform, 15 Dec 2026. Hypothesis: A shorter form converts better. Result: Sign-ups rose 5% (worked)',
    ]);
    expect(section(lines, '### Objectives and success metrics')).toEqual([
      '- Apps: no objectives written (0 on target, 1 off target, 0 without a target or value)',
      '  - NPS (Apps): latest 30 on 25 Nov 2026, target 40 (higher is better): off target',
      '- Operations: Keep the lights on (0 on target, 0 off target, 0 without a target or value)',
      '- Platform: Ship fast (1 on target, 0 off target, 0 without a target or value)',
      '  - Page load (Platform): latest 450 ms on 27 Nov 2026, target 500 ms (lower is better): on target',
    ]);
  });

  it('escapes every text people typed: titles, domain names, reasons, template prompts', () => {
    const decision = fixtureDecision(
      'dx',
      '![img](http://x) | <script>',
      { domainId: 'evil', decidedAt: at('2026-11-24T10:00:00+01:00'), override: true },
      { overrideReason: '`rm -rf` & _go_' },
    );
    const prepared = prepareReview(
      input({
        cadence: 'monthly',
        period: november,
        now: at('2026-12-01T10:00:00+01:00'),
        snapshot: {
          ...fixtureSnapshot,
          decisions: [...fixtureSnapshot.decisions, decision.metrics],
          domains: [...fixtureSnapshot.domains, { id: 'evil', parentId: null }],
        },
        decisions: [...fixtureDecisions.map((item) => item.info), decision.info],
        domains: [...fixtureDomains, { id: 'evil', name: '# Team *', objectives: '', budgetUnit: '' }],
        template: {
          name: '[Our] template',
          cadence: 'monthly',
          topics: { 'support-needs': { title: '1. Help', prompts: ['- Who needs ~help~?'] } },
        },
      }),
    );
    const lines = reviewToMarkdown(prepared, empty).split('\n');
    expect(lines).toContain(
      '- !\\[img\\](http://x) \\| \\<script\\> — \\# Team \\*, decided 24 Nov 2026 in the autonomous tier: \\`rm -rf\\` \\& \\_go\\_',
    );
    expect(lines).toContain('- Template: \\[Our\\] template');
    expect(lines).toContain('## 2. 1\\. Help');
    expect(lines).toContain('- \\- Who needs \\~help\\~?');
  });
});

describe('escapeMarkdown', () => {
  const cases: [string, string][] = [
    ['plain words, with commas.', 'plain words, with commas.'],
    ['*bold* and _it_', '\\*bold\\* and \\_it\\_'],
    ['[link](http://x) ![img](y)', '\\[link\\](http://x) !\\[img\\](y)'],
    ['<b>html</b> & &amp;', '\\<b\\>html\\</b\\> \\& \\&amp;'],
    ['`code` | cell | ~strike~ \\', '\\`code\\` \\| cell \\| \\~strike\\~ \\\\'],
    ['# heading', '\\# heading'],
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['= underline', '\\= underline'],
    ['12. ordered', '12\\. ordered'],
    ['3) ordered', '3\\) ordered'],
    ['line one\n\n# line two\r\n  - three', 'line one # line two - three'],
    ['---', '\\---'],
    ['#tag', '\\#tag'],
    ['  spaced   out  ', 'spaced out'],
    ['2.5 days - not a list', '2.5 days - not a list'],
  ];
  it.each(cases)('escapes %j', (text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped);
  });
});
