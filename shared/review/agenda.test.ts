import { describe, expect, it } from 'vitest';
import { metricKeys } from '../metrics/definitions';
import {
  applyTemplate,
  cadenceTopicIds,
  checkReviewTemplate,
  defaultAgenda,
  reviewCadences,
  reviewListKinds,
  reviewListTitles,
  reviewTopicIds,
  reviewTopics,
  type ReviewTemplate,
} from './agenda';
import { nextPhase, previousPhase, reviewPhaseDetails, reviewPhases, type ReviewPhase } from './phases';

describe('the framework agendas (§ 9)', () => {
  it('has the framework topics of each cadence, in its order', () => {
    expect(reviewCadences).toEqual(['weekly', 'monthly', 'quarterly']);
    expect(defaultAgenda('weekly').topics.map((topic) => topic.title)).toEqual([
      'Decision patterns',
      'Value creation',
      'Resource usage',
      'Quick wins',
    ]);
    expect(defaultAgenda('monthly').topics.map((topic) => topic.title)).toEqual([
      'Autonomy effectiveness',
      'Support needs',
      'Process improvements',
      'Capability gaps',
    ]);
    expect(defaultAgenda('quarterly').topics.map((topic) => topic.title)).toEqual([
      'Framework assessment',
      'Major adjustments',
      'Success patterns',
      'Strategic alignment',
    ]);
    expect(defaultAgenda('weekly')).toMatchObject({ title: 'Weekly review', hiddenTopicIds: [], templateName: null });
  });

  it('gives every topic prompts that are questions, and data of its own', () => {
    expect(Object.values(cadenceTopicIds).flat().sort()).toEqual([...reviewTopicIds].sort());
    for (const id of reviewTopicIds) {
      const topic = reviewTopics[id];
      expect(topic.id).toBe(id);
      expect(cadenceTopicIds[topic.cadence]).toContain(id);
      expect(topic.prompts.length).toBeGreaterThanOrEqual(3);
      for (const prompt of topic.prompts) expect(prompt).toMatch(/\?|\.$/);
      expect(topic.figures.length + topic.lists.length).toBeGreaterThan(0);
      for (const key of topic.figures) expect(metricKeys).toContain(key);
      for (const kind of topic.lists) expect(reviewListKinds).toContain(kind);
    }
    // Every list is shown by some topic, and has a heading.
    const shown = new Set(reviewTopicIds.flatMap((id) => reviewTopics[id].lists));
    expect([...reviewListKinds].filter((kind) => !shown.has(kind))).toEqual([]);
    for (const kind of reviewListKinds) expect(reviewListTitles[kind]).not.toBe('');
    // The quarterly assessment shows every figure.
    expect(reviewTopics['framework-assessment'].figures).toEqual(metricKeys);
  });

  it('is frozen, so nobody changes the framework agenda by accident', () => {
    expect(Object.isFrozen(reviewTopics)).toBe(true);
    expect(Object.isFrozen(reviewTopics['quick-wins'].prompts)).toBe(true);
  });

  it('refuses an unknown cadence', () => {
    expect(() => defaultAgenda('daily' as 'weekly')).toThrow(
      new Error('cadence must be one of weekly, monthly, quarterly (got "daily")'),
    );
  });
});

describe('templates', () => {
  const template: ReviewTemplate = {
    name: '  Platform weekly ',
    cadence: 'weekly',
    topics: {
      'value-creation': { title: ' What we shipped ', prompts: [' What did users notice? ', 'What broke?'] },
      'resource-usage': { hidden: true },
      'quick-wins': { prompts: [] },
    },
  };

  it('changes titles and prompts, hides topics, keeps the data each topic shows', () => {
    const agenda = applyTemplate(defaultAgenda('weekly'), template);
    expect(agenda.templateName).toBe('Platform weekly');
    expect(agenda.hiddenTopicIds).toEqual(['resource-usage']);
    expect(agenda.topics.map((topic) => [topic.id, topic.title, topic.prompts])).toEqual([
      ['decision-patterns', 'Decision patterns', reviewTopics['decision-patterns'].prompts],
      ['value-creation', 'What we shipped', ['What did users notice?', 'What broke?']],
      ['quick-wins', 'Quick wins', []],
    ]);
    for (const topic of agenda.topics) {
      expect(topic.figures).toEqual(reviewTopics[topic.id].figures);
      expect(topic.lists).toEqual(reviewTopics[topic.id].lists);
    }
    // The framework's agenda is unchanged.
    expect(reviewTopics['value-creation'].title).toBe('Value creation');
  });

  it('checks a template before it is saved and returns it trimmed', () => {
    expect(checkReviewTemplate(template)).toEqual({
      name: 'Platform weekly',
      cadence: 'weekly',
      topics: {
        'value-creation': { title: 'What we shipped', prompts: ['What did users notice?', 'What broke?'] },
        'resource-usage': { hidden: true },
        'quick-wins': { prompts: [] },
      },
    });
  });

  const invalid: [string, unknown, string][] = [
    ['not an object', null, 'template must be an object (got null)'],
    ['no name', { cadence: 'weekly', topics: {} }, 'template.name is required'],
    [
      'an empty name',
      { name: ' ', cadence: 'weekly', topics: {} },
      'template.name must be a name of 1 to 200 characters (got " ")',
    ],
    [
      'an unknown cadence',
      { name: 'T', cadence: 'daily', topics: {} },
      'template.cadence must be one of weekly, monthly, quarterly (got "daily")',
    ],
    [
      'topics as a list',
      { name: 'T', cadence: 'weekly', topics: [] },
      'template.topics must be an object (got an array)',
    ],
    [
      'an unknown topic',
      { name: 'T', cadence: 'weekly', topics: { celebrations: { title: 'Party' } } },
      'template.topics.celebrations is not a topic of the weekly review (one of decision-patterns, value-creation, resource-usage, quick-wins); a template cannot add topics',
    ],
    [
      'a topic of another cadence',
      { name: 'T', cadence: 'weekly', topics: { 'support-needs': { title: 'Help' } } },
      'template.topics.support-needs is not a topic of the weekly review (one of decision-patterns, value-creation, resource-usage, quick-wins); a template cannot add topics',
    ],
    [
      'a data source',
      { name: 'T', cadence: 'weekly', topics: { 'quick-wins': { lists: ['escalations'] } } },
      'template.topics.quick-wins.lists cannot be changed by a template (only title, prompts and hidden): the data a topic shows comes from the review engine',
    ],
    [
      'figures',
      { name: 'T', cadence: 'weekly', topics: { 'quick-wins': { figures: ['trust'] } } },
      'template.topics.quick-wins.figures cannot be changed by a template (only title, prompts and hidden): the data a topic shows comes from the review engine',
    ],
    [
      'an empty title',
      { name: 'T', cadence: 'weekly', topics: { 'quick-wins': { title: '' } } },
      'template.topics.quick-wins.title must be a title of 1 to 200 characters (got "")',
    ],
    [
      'prompts as text',
      { name: 'T', cadence: 'weekly', topics: { 'quick-wins': { prompts: 'Why?' } } },
      'template.topics.quick-wins.prompts must be a list of at most 10 prompts (got "Why?")',
    ],
    [
      'too many prompts',
      { name: 'T', cadence: 'weekly', topics: { 'quick-wins': { prompts: Array.from({ length: 11 }, () => 'Why?') } } },
      'template.topics.quick-wins.prompts must be a list of at most 10 prompts (got an array)',
    ],
    [
      'an empty prompt',
      { name: 'T', cadence: 'weekly', topics: { 'quick-wins': { prompts: ['Why?', '  '] } } },
      'template.topics.quick-wins.prompts[1] must be a question of 1 to 500 characters (got "  ")',
    ],
    [
      'hidden as text',
      { name: 'T', cadence: 'weekly', topics: { 'quick-wins': { hidden: 'yes' } } },
      'template.topics.quick-wins.hidden must be true or false (got "yes")',
    ],
    [
      'every topic hidden',
      {
        name: 'T',
        cadence: 'weekly',
        topics: Object.fromEntries(cadenceTopicIds.weekly.map((id) => [id, { hidden: true }])),
      },
      'template.topics must leave at least one topic shown',
    ],
    [
      'another field',
      { name: 'T', cadence: 'weekly', topics: {}, owner: 'me' },
      'template.owner is not part of a template (name, cadence and topics)',
    ],
  ];
  it.each(invalid)('refuses %s, naming the field', (_case, candidate, message) => {
    expect(() => checkReviewTemplate(candidate)).toThrow(new Error(message));
    expect(() => applyTemplate(defaultAgenda('weekly'), candidate as ReviewTemplate)).toThrow(new Error(message));
  });

  it('refuses a template of another cadence than the agenda', () => {
    expect(() => applyTemplate(defaultAgenda('monthly'), template)).toThrow(
      new Error('template.cadence must be monthly, the agenda\'s cadence (got "weekly")'),
    );
  });

  it('applies on top of another template, keeping what it hid', () => {
    const first = applyTemplate(defaultAgenda('weekly'), template);
    const second = applyTemplate(first, {
      name: 'Second',
      cadence: 'weekly',
      topics: { 'resource-usage': { title: 'Money' }, 'decision-patterns': { hidden: true } },
    });
    expect(second.hiddenTopicIds).toEqual(['decision-patterns', 'resource-usage']);
    expect(second.topics.map((topic) => topic.id)).toEqual(['value-creation', 'quick-wins']);
    expect(second.templateName).toBe('Second');
  });
});

describe('facilitation phases', () => {
  it('runs check-in, health pulse, reflect, group, vote, discuss, actions', () => {
    expect(reviewPhases).toEqual(['check-in', 'health-pulse', 'reflect', 'group', 'vote', 'discuss', 'actions']);
    for (const phase of reviewPhases) {
      expect(reviewPhaseDetails[phase].phase).toBe(phase);
      expect(reviewPhaseDetails[phase].guidance).not.toBe('');
    }
  });

  it('moves one phase forward or back, and stops at the ends', () => {
    const forward: (ReviewPhase | null)[] = [];
    for (let phase: ReviewPhase | null = 'check-in'; phase !== null; phase = nextPhase(phase)) forward.push(phase);
    expect(forward).toEqual(reviewPhases);
    expect(nextPhase('actions')).toBeNull();
    expect(previousPhase('check-in')).toBeNull();
    expect(previousPhase('vote')).toBe('group');
    for (const phase of reviewPhases.slice(1)) expect(nextPhase(previousPhase(phase) as ReviewPhase)).toBe(phase);
  });

  it('refuses an unknown phase', () => {
    expect(() => nextPhase('party' as ReviewPhase)).toThrow(
      new Error('phase must be one of check-in, health-pulse, reflect, group, vote, discuss, actions (got "party")'),
    );
  });
});
