/**
 * How the domain engines write numbers and amounts in the sentences they return: one
 * formatter (English grouping, "10,000"), so every message and label reads the same way.
 */

const numberFormat = new Intl.NumberFormat('en');

/** A number for a person: `10000` → "10,000"; minus zero reads as "0". */
export function formatNumber(value: number): string {
  return numberFormat.format(value === 0 ? 0 : value);
}

/** An amount with its unit: `(3000, 'EUR')` → "3,000 EUR"; without a unit, the number alone. */
export function formatAmount(value: number, unit: string): string {
  const trimmed = unit.trim();
  return trimmed === '' ? formatNumber(value) : `${formatNumber(value)} ${trimmed}`;
}
