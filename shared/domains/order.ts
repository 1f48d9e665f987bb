/**
 * The orderings the domain engines share. Names sort as a person expects ("Team 2" before
 * "Team 10", case ignored); ties fall back to the id in plain code-unit order, so every
 * laptop lists the same data in the same order whatever its language settings.
 */

const nameCollator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Compares ids by code unit: deterministic and independent of locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares things by name as a person reads them, then by id so the order is total. */
export function compareByName(a: { name: string; id: string }, b: { name: string; id: string }): number {
  return nameCollator.compare(a.name, b.name) || compareIds(a.id, b.id);
}
