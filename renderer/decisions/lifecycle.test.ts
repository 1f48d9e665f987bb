import { describe, expect, it } from 'vitest';
import {
  adviceWeighingIssue,
  defaultReviewOn,
  isoDateAfter,
  openObjections,
  positionsIssue,
  rollbackPlanIssue,
  stampsFor,
} from './lifecycle';

const decidedAt = new Date(2026, 0, 10, 14, 30).getTime();
const later = new Date(2026, 1, 1, 9, 0).getTime();
const none = { decidedAt: null, implementedAt: null, reviewOn: null };

describe('review dates', () => {
  it('defaults to 30, 60 or 90 days after deciding by tier', () => {
    expect(defaultReviewOn('autonomous', decidedAt)).toBe('2026-02-09');
    expect(defaultReviewOn('consultative', decidedAt)).toBe('2026-03-11');
    expect(defaultReviewOn('collaborative', decidedAt)).toBe('2026-04-10');
  });

  it('counts calendar days across month and year ends', () => {
    expect(isoDateAfter(new Date(2026, 11, 20, 23, 0).getTime(), 30)).toBe('2027-01-19');
  });
});

describe('rollback plan', () => {
  it('is required to decide consultative and collaborative decisions, not autonomous ones', () => {
    expect(rollbackPlanIssue('consultative', 'decided', '  ')).toBe(
      'A consultative decision needs a rollback plan before it is decided: say how it would be undone.',
    );
    expect(rollbackPlanIssue('collaborative', 'implemented', '')).toMatch(/collaborative decision needs a rollback/);
    expect(rollbackPlanIssue('consultative', 'decided', 'Switch the flag off.')).toBeNull();
    expect(rollbackPlanIssue('consultative', 'seeking-advice', '')).toBeNull();
    expect(rollbackPlanIssue('autonomous', 'decided', '')).toBeNull();
  });
});

describe('adviceWeighingIssue', () => {
  it('asks a consultative decision for the weighing of the advice before it is decided', () => {
    expect(adviceWeighingIssue('consultative', 'decided', ' ')).toBe(
      'A consultative decision needs to say how the advice was weighed before it is decided: write it in the Advice section.',
    );
    expect(adviceWeighingIssue('consultative', 'implemented', '')).not.toBeNull();
    expect(adviceWeighingIssue('consultative', 'decided', 'Followed Payments on timing.')).toBeNull();
    expect(adviceWeighingIssue('consultative', 'seeking-advice', '')).toBeNull();
    expect(adviceWeighingIssue('autonomous', 'decided', '')).toBeNull();
    expect(adviceWeighingIssue('collaborative', 'decided', '')).toBeNull();
  });
});

describe('stampsFor', () => {
  it('stamps decidedAt and the default review date when first decided', () => {
    expect(stampsFor('decided', none, 'consultative', decidedAt)).toEqual({
      decidedAt,
      implementedAt: null,
      reviewOn: '2026-03-11',
    });
  });

  it('keeps the first decision date and a review date already set; stamps implementedAt', () => {
    const previous = { decidedAt, implementedAt: null, reviewOn: '2026-05-01' };
    expect(stampsFor('implemented', previous, 'autonomous', later)).toEqual({
      decidedAt,
      implementedAt: later,
      reviewOn: '2026-05-01',
    });
  });

  it('clears the dates when the decision goes back to being prepared, and keeps them when rolled back', () => {
    const previous = { decidedAt, implementedAt: later, reviewOn: '2026-05-01' };
    expect(stampsFor('draft', previous, 'autonomous', later)).toEqual({
      decidedAt: null,
      implementedAt: null,
      reviewOn: '2026-05-01',
    });
    expect(stampsFor('rolled-back', previous, 'autonomous', later)).toEqual(previous);
    expect(stampsFor('withdrawn', none, 'autonomous', later)).toEqual(none);
  });
});

describe('positionsIssue', () => {
  const position = (participantName: string, stance: 'consent' | 'concern' | 'objection') => ({
    id: participantName,
    participantName,
    stance,
    note: '',
    recordedBy: 'u',
    updatedAt: 1,
  });
  const objecting = { a: position('Ana', 'objection'), b: position('Ben', 'consent'), c: position('Cy', 'objection') };

  it('refuses deciding a collaborative decision without positions or while an objection stands', () => {
    expect(positionsIssue('collaborative', 'deciding-together', 'decided', {})).toBe(
      "A collaborative decision is decided together: record the participants' positions first (in Deciding together).",
    );
    expect(positionsIssue('collaborative', 'deciding-together', 'implemented', objecting)).toBe(
      'An objection stands (Ana, Cy): it must be resolved before deciding together.',
    );
    expect(positionsIssue('collaborative', 'draft', 'decided', { b: position('Ben', 'consent') })).toBeNull();
  });

  it('does not refuse other tiers, statuses still being prepared, or a decision already decided', () => {
    expect(positionsIssue('consultative', 'draft', 'decided', objecting)).toBeNull();
    expect(positionsIssue('collaborative', 'draft', 'deciding-together', objecting)).toBeNull();
    expect(positionsIssue('collaborative', 'decided', 'implemented', objecting)).toBeNull();
    expect(openObjections(objecting).map((item) => item.participantName)).toEqual(['Ana', 'Cy']);
  });
});
