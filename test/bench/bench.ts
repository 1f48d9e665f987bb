/**
 * The shape every benchmark suite reports in, and small statistics helpers. Figures are
 * printed as JSON by `npm run bench`; tests never assert on time.
 */

/** One measured figure, with the target an issue set for it, if any. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The target, or null when no issue sets one. */
  target: { max: number; source: string } | null;
}

/** What a suite returns. */
export interface SuiteResult {
  suite: string;
  figures: Figure[];
}

/** A benchmark suite. */
export interface Suite {
  name: string;
  run(): Promise<SuiteResult>;
}

/** The median of a non-empty list. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** The p-th percentile (0..100) of a non-empty list, nearest-rank. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

/** Rounds to a sensible number of decimals for a report. */
export function round(value: number, decimals = 2): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
