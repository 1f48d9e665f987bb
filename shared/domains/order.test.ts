import { describe, expect, it } from 'vitest';
import { compareByName, compareIds } from './order';

describe('compareIds and compareByName', () => {
  it('orders ids by code unit, whatever the locale', () => {
    expect(['b', 'B', 'a', 'A'].sort(compareIds)).toEqual(['A', 'B', 'a', 'b']);
    expect(compareIds('x', 'x')).toBe(0);
  });

  it('orders names as people read them, ties by id', () => {
    const items = [
      { id: '4', name: 'team 10' },
      { id: '3', name: 'Team 2' },
      { id: '2', name: 'alpha' },
      { id: '1', name: 'Alpha' },
    ];
    expect(items.sort(compareByName).map((item) => item.id)).toEqual(['1', '2', '3', '4']);
  });
});
