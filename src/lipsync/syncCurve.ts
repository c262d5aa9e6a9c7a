/**
 * The lag curve at the heart of the lip-sync detector: Pearson correlation between a fixed window of
 * mouth motion and the speech envelope shifted by every lag within ±maxLag slots. Unlike
 * {@link laggedCorrelation} over shrinking overlaps, every lag here uses the same number of samples
 * (the audio segment is longer than the mouth segment by maxLag on each side), so the curve values
 * are comparable across lags — which a SyncNet-style confidence (peak against the rest) needs.
 */
import { median } from '../stats/quantile';
import { parabolicPeak } from './estimateAvOffset';

export interface SyncPeak {
  /** Lag of the best correlation, slots (positive: the audio comes later than the mouth), with sub-slot refinement. */
  lagSlots: number;
  /** Correlation at the best whole-slot lag. */
  peak: number;
  /** Median of the curve over all lags. */
  median: number;
  /** Whether the best lag is at either end of the range (then the true one may lie outside it). */
  atEdge: boolean;
  /** The highest local maximum at least `rivalSlots` away from the best lag (NaN if none). */
  rival: number;
}

/**
 * Fills `curve` (length 2·maxLag + 1; index maxLag is lag 0) with the correlation of `mouth`
 * (length W) against `audio` (length W + 2·maxLag, so audio[i + maxLag + lag] pairs with mouth[i]).
 * Flat inputs give NaN. No allocation.
 */
export function syncCurve(
  mouth: ArrayLike<number>,
  audio: ArrayLike<number>,
  maxLag: number,
  curve: Float64Array,
): Float64Array {
  const w = mouth.length;
  if (audio.length !== w + 2 * maxLag || curve.length !== 2 * maxLag + 1)
    throw new RangeError('syncCurve: audio must be mouth.length + 2·maxLag long and curve 2·maxLag + 1');
  let sm = 0;
  for (let i = 0; i < w; i++) sm += mouth[i]!;
  const mm = sm / w;
  let vm = 0;
  for (let i = 0; i < w; i++) vm += (mouth[i]! - mm) ** 2;
  // Running sums of the audio window as it slides one slot per lag.
  let sa = 0;
  let saa = 0;
  for (let i = 0; i < w; i++) {
    const x = audio[i]!;
    sa += x;
    saa += x * x;
  }
  for (let k = 0; k <= 2 * maxLag; k++) {
    if (k > 0) {
      const out = audio[k - 1]!;
      const inn = audio[k + w - 1]!;
      sa += inn - out;
      saa += inn * inn - out * out;
    }
    const va = saa - (sa * sa) / w;
    let cov = 0;
    for (let i = 0; i < w; i++) cov += (mouth[i]! - mm) * audio[i + k]!;
    curve[k] = vm > 1e-12 && va > 1e-9 ? cov / Math.sqrt(vm * va) : NaN;
  }
  return curve;
}

/** The best lag of a curve from {@link syncCurve}, refined by a parabola through its neighbours. */
export function syncPeak(curve: Float64Array, maxLag: number, rivalSlots = 6): SyncPeak {
  let best = -Infinity;
  let bestK = -1;
  for (let k = 0; k < curve.length; k++) {
    if (curve[k]! > best) {
      best = curve[k]!;
      bestK = k;
    }
  }
  if (bestK < 0) return { lagSlots: NaN, peak: NaN, median: NaN, atEdge: false, rival: NaN };
  let rival = NaN;
  for (let k = 0; k < curve.length; k++) {
    if (Math.abs(k - bestK) < rivalSlots) continue;
    const r = curve[k]!;
    const localMax = (k === 0 || r >= curve[k - 1]!) && (k === curve.length - 1 || r >= curve[k + 1]!);
    if (localMax && !(r <= rival)) rival = r;
  }
  const inner = bestK > 0 && bestK < curve.length - 1;
  const frac = inner ? parabolicPeak(curve[bestK - 1]!, best, curve[bestK + 1]!) : 0;
  return {
    lagSlots: bestK - maxLag + (Number.isFinite(frac) ? frac : 0),
    peak: best,
    median: median(curve.filter((r) => !Number.isNaN(r))),
    atEdge: !inner,
    rival,
  };
}

/** How clearly a curve peaks: its peak over its median (0 for a curve without a peak). */
export function peakOverMedian(p: SyncPeak): number {
  return Number.isNaN(p.peak) ? 0 : p.peak - p.median;
}
