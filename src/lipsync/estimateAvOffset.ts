/**
 * Audio/video offset from a mouth-motion series and a speech-energy envelope sampled at the same rate:
 * normalised cross-correlation over lags within ±maxLagMs, a parabolic fit around the peak for
 * sub-sample precision, and a SyncNet-style confidence (peak correlation minus the median of the lag
 * curve). Issue 3 groundwork: the detector that flags a mismatch builds on this.
 */

/** Options for {@link estimateAvOffset}. */
export interface AvOffsetOptions {
  /** Rate of both series, samples per second (default 50). */
  sampleRateHz?: number;
  /** Largest offset considered either way, ms (default 600). */
  maxLagMs?: number;
  /** Fewest overlapping samples for a lag to count (default: 3 s worth). */
  minOverlapSamples?: number;
}

export interface AvOffsetEstimate {
  /** Offset in ms, positive when the audio lags the video; null when there is not enough evidence. */
  offsetMs: number | null;
  /** Peak correlation minus the median over all lags (0 for none, about 0.3 and up for a clear peak). */
  confidence: number;
  /** Pearson correlation at the best lag. */
  peakCorrelation: number;
  /** Plain words. */
  reason: string;
}

/**
 * Pearson correlation of a[i] with b[i + lag] over the samples both have (a pair holding a NaN, a gap
 * in either series, is left out); NaN with fewer than `minOverlap` pairs, or flat.
 */
export function laggedCorrelation(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  lag: number,
  minOverlap: number,
): number {
  const start = Math.max(0, -lag);
  const end = Math.min(a.length, b.length - lag);
  let n = 0;
  let sa = 0;
  let sb = 0;
  for (let i = start; i < end; i++) {
    const x = a[i]!;
    const y = b[i + lag]!;
    if (x !== x || y !== y) continue;
    n++;
    sa += x;
    sb += y;
  }
  if (n < minOverlap) return NaN;
  const ma = sa / n;
  const mb = sb / n;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = start; i < end; i++) {
    const x = a[i]!;
    const y = b[i + lag]!;
    if (x !== x || y !== y) continue;
    const da = x - ma;
    const db = y - mb;
    cov += da * db;
    va += da * da;
    vb += db * db;
  }
  return va > 1e-12 && vb > 1e-12 ? cov / Math.sqrt(va * vb) : NaN;
}

/**
 * Vertex of the parabola through (-1, y0), (0, y1), (1, y2), as an offset from the middle sample
 * in [-0.5, 0.5]; 0 when the three points are collinear.
 */
export function parabolicPeak(y0: number, y1: number, y2: number): number {
  const denom = y0 - 2 * y1 + y2;
  if (Math.abs(denom) < 1e-12) return 0;
  return Math.max(-0.5, Math.min(0.5, (0.5 * (y0 - y2)) / denom));
}

export function estimateAvOffset(
  mouth: ArrayLike<number>,
  audio: ArrayLike<number>,
  opts: AvOffsetOptions = {},
): AvOffsetEstimate {
  const rate = opts.sampleRateHz ?? 50;
  const maxLag = Math.round(((opts.maxLagMs ?? 600) * rate) / 1000);
  const minOverlap = opts.minOverlapSamples ?? 3 * rate;
  const curve: number[] = [];
  let best = -Infinity;
  let bestLag = 0;
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    const r = laggedCorrelation(mouth, audio, lag, minOverlap);
    curve.push(r);
    if (r > best) {
      best = r;
      bestLag = lag;
    }
  }
  const finite = curve.filter(Number.isFinite).sort((x, y) => x - y);
  if (finite.length === 0 || !Number.isFinite(best)) {
    return {
      offsetMs: null,
      confidence: 0,
      peakCorrelation: NaN,
      reason: 'not enough evidence: too little speech or no mouth movement',
    };
  }
  const median = finite[Math.floor(finite.length / 2)]!;
  const i = bestLag + maxLag;
  const frac = i > 0 && i < curve.length - 1 ? parabolicPeak(curve[i - 1]!, curve[i]!, curve[i + 1]!) : 0;
  const offsetMs = ((bestLag + (Number.isFinite(frac) ? frac : 0)) * 1000) / rate;
  const confidence = best - median;
  const atEdge = Math.abs(bestLag) === maxLag;
  return {
    offsetMs: atEdge ? null : offsetMs,
    confidence,
    peakCorrelation: best,
    reason: atEdge
      ? `not enough evidence: the best match is at the edge of ±${opts.maxLagMs ?? 600} ms`
      : `${Math.round(offsetMs) === 0 ? 'audio and video in step' : `audio ${offsetMs > 0 ? 'lags' : 'leads'} video by ${Math.abs(Math.round(offsetMs))} ms`} (peak r = ${best.toFixed(2)}, confidence ${confidence.toFixed(2)})`,
  };
}
