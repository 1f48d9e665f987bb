/**
 * Input checks of the metrics engine. Every message names the field and says what it must be,
 * in the words of the other engines: "snapshot.decisions[3].cost must be a finite number of 0
 * or more or null (got NaN)", "options.minRespondents is required".
 */

/** A value as the end of an error message: `-1`, `"forever"`, `null`, `an object`. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

/** The error for `field` holding `value` where `expected` was needed. */
export function invalid(field: string, expected: string, value: unknown): Error {
  return value === undefined
    ? new Error(`${field} is required`)
    : new Error(`${field} must be ${expected} (got ${describeValue(value)})`);
}

/** Whether `value` is a plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether `value` is a list; unlike `Array.isArray`, it leaves a typed list's type as it is. */
export function isList(value: unknown): boolean {
  return Array.isArray(value);
}

/** `value` as a list, or an `Error` naming `field`. */
export function readList<T>(value: readonly T[], field: string): readonly T[] {
  if (!isList(value)) throw invalid(field, 'a list', value);
  return value;
}

/** `value` as a whole number of at least `min`, or an `Error` naming `field`. */
export function readWholeNumber(value: unknown, field: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw invalid(field, `a whole number of ${min} or more`, value);
  }
  return value;
}

/** `value` as a time in milliseconds since the epoch, or an `Error` naming `field`. */
export function readTime(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalid(field, 'a time in milliseconds since 1970', value);
  }
  return value;
}
