/**
 * Quantile of a sample by linear interpolation between closest ranks (the "R-7" / NumPy default
 * definition). Does not modify `values`. NaN for an empty sample.
 */
export function quantile(values: ArrayLike<number>, q: number): number {
  const n = values.length;
  if (n === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const h = (n - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export const median = (values: ArrayLike<number>): number => quantile(values, 0.5);
