import { describe, expect, it } from 'vitest';
import type { Entity } from '@shared/model/entities';
import { reviewsDue } from './reviews-due';

const decision = (id: string, fields: Partial<Entity<'decisions'>>): Entity<'decisions'> =>
  ({ id, title: id, deletedAt: null, reviewOn: null, reviewOutcome: null, ...fields }) as Entity<'decisions'>;

describe('reviewsDue', () => {
  it('lists live, unreviewed decisions whose review date is today or past, oldest first', () => {
    const due = reviewsDue(
      [
        decision('today', { reviewOn: '2026-05-10' }),
        decision('future', { reviewOn: '2026-05-11' }),
        decision('old', { reviewOn: '2026-01-02' }),
        decision('reviewed', { reviewOn: '2026-01-01', reviewOutcome: 'worked' }),
        decision('trashed', { reviewOn: '2026-01-01', deletedAt: 5 }),
        decision('none', {}),
      ],
      '2026-05-10',
    );
    expect(due.map((entry) => entry.decision.id)).toEqual(['old', 'today']);
  });
});
