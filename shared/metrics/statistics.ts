/**
 * The statistics the figures use: the median (the mean of the two middle values of an even
 * count), the arithmetic mean and the population standard deviation (the spread of the answers
 * given, not an estimate for people who did not answer). Each is null for no values.
 *
 * Sums are taken in ascending order of the values, so a result never depends on the order of
 * the records: floating-point addition is not associative, and two laptops may hold the same
 * records in a different order.
 */

function ascending(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort();
}

function sumOfSorted(sorted: Float64Array): number {
  let sum = 0;
  for (const value of sorted) sum += value;
  return sum;
}

/** The sum of `values`, added in ascending order; 0 when there are none. */
export function sum(values: readonly number[]): number {
  return sumOfSorted(ascending(values));
}

/** The median of `values`; null when there are none. Does not change `values`. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = ascending(values);
  const middle = sorted.length >> 1;
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? 0) + upper) / 2;
}

/** The arithmetic mean of `values`; null when there are none. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return sum(values) / values.length;
}

/** The population standard deviation of `values` (divided by n); null when there are none. */
export function standardDeviation(values: readonly number[]): number | null {
  const average = mean(values);
  if (average === null) return null;
  const squares = ascending(values.map((value) => (value - average) ** 2));
  return Math.sqrt(sumOfSorted(squares) / values.length);
}
