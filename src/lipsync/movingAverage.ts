/** Centred moving average of half-width `half` slots (edges use the samples they have), into `out`. */
export function movingAverage(x: Float64Array, half: number, out: Float64Array): Float64Array {
  const n = x.length;
  let sum = 0;
  let lo = 0;
  let hi = -1; // the averaged span is [lo, hi]
  for (let i = 0; i < n; i++) {
    const wantHi = Math.min(n - 1, i + half);
    const wantLo = Math.max(0, i - half);
    while (hi < wantHi) sum += x[++hi]!;
    while (lo < wantLo) sum -= x[lo++]!;
    out[i] = sum / (hi - lo + 1);
  }
  return out;
}
