/**
 * Does the visible mouth make the shapes the voice implies? The content cue of the lip-sync detector,
 * beside its loudness cue: a voice from the mouth on screen closes it on p/b/m, rounds it on o/u,
 * spreads it on i/e; another voice, however well its loudness happens to line up, does not.
 *
 * Input, on the page clock: the viseme probabilities an audio classifier gives every few ms
 * ({@link addVisemes}, 15 in VISEMES order), turned at once into the mouth features they imply
 * (visemeMouthMap's phonetic matrix), and the visible mouth features of each analysed frame
 * ({@link addMouth}, 14 in MOUTH_FEATURES order), interpolated between usable frames. Both live on a
 * grid of `slotMs` slots in ring buffers.
 *
 * {@link evaluate} takes the last `windowMs`. Each feature series, implied and visible, loses its
 * `highPassMs` moving average (so a speaker's resting mouth and a classifier's bias drop out) and is
 * standardised within the window; the agreement at a lag is the mean over features of the Pearson
 * correlation of the visible series with the implied one shifted by that lag. Its score is the peak
 * within ±`maxLagMs` as a z against the same measure at lags of `baselineFromMs`–`baselineToMs` either
 * way, where no voice is in step with any mouth: each call is its own baseline, so a speaker whose
 * mouth moves little or oddly is measured against themself, not against other people.
 *
 * Measured before it was built (docs/evaluations/visemes.md, 12 runs): own voice against another at
 * AUC 0.78–0.82 over 20 s, 0.68–0.78 over 10 s; added to the loudness cue's z, 0.82–0.89. It times
 * poorly (its peak 220–480 ms off on a third of the runs), so the offset stays with the loudness cue.
 */
import { say, words, type Phrase } from '../text/Phrase';
import { laggedCorrelation } from './estimateAvOffset';
import { MOUTH_FEATURES, VISEMES, phoneticMatrix } from './visemeMouthMap';

/** Options for {@link MouthShapeAgreement}; every default is named in its unit. */
export interface MouthShapeAgreementOptions {
  /** Grid slot, ms (default 20: the lip-sync tracker's). */
  slotMs?: number;
  /** Span each evaluation reads, ms (default 10 000). */
  windowMs?: number;
  /** Lags searched for the peak, ±ms (default 600). */
  maxLagMs?: number;
  /** The baseline's lags, from this far either way, ms (default 2000)… */
  baselineFromMs?: number;
  /** …to this far, ms (default 3000)… */
  baselineToMs?: number;
  /** …every this many ms (default 100). */
  baselineStepMs?: number;
  /** Width of the moving average taken off each series, ms (default 500). */
  highPassMs?: number;
  /** Frames further apart than this are not interpolated across, ms (default 150). */
  maxFrameGapMs?: number;
  /** Classifications further apart than this leave the slots between them empty, ms (default 60). */
  maxVisemeGapMs?: number;
  /** Share of the window's slots that must hold both a visible and an implied mouth (default 0.5). */
  minCoverage?: number;
  /** Fewest slot pairs a correlation at one lag may rest on (default 100: 2 s). */
  minPairs?: number;
}

/** What the evaluation had to go on: 'enough', or why it gives no score. */
export type MouthShapeEvidence = 'enough' | 'no-visemes' | 'no-mouth' | 'too-little';

export interface MouthShapeReading {
  evidence: MouthShapeEvidence;
  /** The peak's z against the far lags (NaN without enough evidence): high when the voice shapes this mouth. */
  score: number;
  /** Lag of the peak, ms, positive when the voice comes later than the mouth (NaN without a score). */
  lagMs: number;
  /** Mean correlation over the features at the peak (NaN without a score). */
  peak: number;
  /** Share of the window's slots with both series. */
  coverage: number;
  /** In plain words: the score and lag, or why there is none. */
  reason: Phrase;
}

const FEATURES = MOUTH_FEATURES.length;

export class MouthShapeAgreement {
  private readonly o: Required<MouthShapeAgreementOptions>;
  private readonly map = phoneticMatrix();
  private readonly cap: number;
  private readonly w: number;
  private readonly maxLag: number;
  private readonly baseLags: Int32Array;
  private readonly half: number;
  /** Per feature, the visible and the implied mouth per slot (NaN: none). */
  private readonly seen: Float64Array[];
  private readonly implied: Float64Array[];
  /** The slot number each ring position holds (a position of an older slot reads as empty). */
  private readonly seenSlot: Float64Array;
  private readonly impliedSlot: Float64Array;
  /** The window, prepared: per feature, visible and implied. */
  private readonly a: Float64Array[];
  private readonly b: Float64Array[];
  private readonly tmp: Float64Array;
  private readonly lastFeatures = new Float64Array(FEATURES);
  private readonly implication = new Float64Array(FEATURES);
  private readonly lastImplied = new Float64Array(FEATURES);
  private lastFrameMs = NaN;
  private lastVisemeMs = NaN;
  private newestSlot = -Infinity;

  constructor(opts: MouthShapeAgreementOptions = {}) {
    this.o = {
      slotMs: 20,
      windowMs: 10_000,
      maxLagMs: 600,
      baselineFromMs: 2000,
      baselineToMs: 3000,
      baselineStepMs: 100,
      highPassMs: 500,
      maxFrameGapMs: 150,
      maxVisemeGapMs: 60,
      minCoverage: 0.5,
      minPairs: 100,
      ...opts,
    };
    const slot = this.o.slotMs;
    this.w = Math.round(this.o.windowMs / slot);
    this.maxLag = Math.round(this.o.maxLagMs / slot);
    const lags: number[] = [];
    for (let ms = this.o.baselineFromMs; ms <= this.o.baselineToMs; ms += this.o.baselineStepMs) {
      const l = Math.round(ms / slot);
      lags.push(l, -l);
    }
    this.baseLags = Int32Array.from(lags);
    this.half = Math.round(this.o.highPassMs / slot / 2);
    this.cap = this.w + 8;
    const rows = () => Array.from({ length: FEATURES }, () => new Float64Array(this.cap).fill(NaN));
    this.seen = rows();
    this.implied = rows();
    this.seenSlot = new Float64Array(this.cap).fill(NaN);
    this.impliedSlot = new Float64Array(this.cap).fill(NaN);
    this.a = Array.from({ length: FEATURES }, () => new Float64Array(this.w));
    this.b = Array.from({ length: FEATURES }, () => new Float64Array(this.w));
    this.tmp = new Float64Array(this.w);
  }

  private pos(slot: number): number {
    return ((slot % this.cap) + this.cap) % this.cap;
  }

  /**
   * One classification of the voice: `probabilities` of the 15 visemes (VISEMES order) at `tMs`.
   * The slots since the previous one, if it came within `maxVisemeGapMs`, take the nearer of the two.
   */
  addVisemes(tMs: number, probabilities: ArrayLike<number>): void {
    if (probabilities.length !== VISEMES.length)
      throw new RangeError(`addVisemes: ${VISEMES.length} probabilities expected`);
    const imp = this.implication;
    imp.fill(0);
    for (let v = 0; v < VISEMES.length; v++) {
      const p = probabilities[v]!;
      if (!(p > 0)) continue;
      const row = this.map[v]!;
      for (let c = 0; c < FEATURES; c++) imp[c]! += p * row[c]!;
    }
    const slot = Math.round(tMs / this.o.slotMs);
    const prev = this.lastVisemeMs;
    const from =
      prev < tMs && tMs - prev <= this.o.maxVisemeGapMs ? Math.round(prev / this.o.slotMs) + 1 : slot;
    const midMs = (prev + tMs) / 2;
    for (let s = Math.max(from, slot - this.w); s <= slot; s++) {
      const useNew = !(s * this.o.slotMs < midMs) || s === slot;
      const src = useNew ? imp : this.lastImplied;
      const p = this.pos(s);
      for (let c = 0; c < FEATURES; c++) this.implied[c]![p] = src[c]!;
      this.impliedSlot[p] = s;
    }
    this.lastImplied.set(imp);
    this.lastVisemeMs = tMs;
    this.newestSlot = Math.max(this.newestSlot, slot);
  }

  /**
   * One analysed frame: the visible mouth `features` (MOUTH_FEATURES order) at `tMs`; `usable` false
   * when the face or mouth was not clearly seen (nothing is interpolated across it). The slots since
   * the previous usable frame, if it came within `maxFrameGapMs`, are interpolated linearly.
   */
  addMouth(tMs: number, features: ArrayLike<number>, usable: boolean): void {
    if (features.length !== FEATURES) throw new RangeError(`addMouth: ${FEATURES} features expected`);
    if (!usable) {
      this.lastFrameMs = NaN;
      return;
    }
    const slotMs = this.o.slotMs;
    const prev = this.lastFrameMs;
    if (prev < tMs && tMs - prev <= this.o.maxFrameGapMs) {
      for (let s = Math.ceil(prev / slotMs); s * slotMs <= tMs; s++) {
        const k = (s * slotMs - prev) / (tMs - prev);
        const p = this.pos(s);
        for (let c = 0; c < FEATURES; c++)
          this.seen[c]![p] = this.lastFeatures[c]! * (1 - k) + features[c]! * k;
        this.seenSlot[p] = s;
      }
    }
    for (let c = 0; c < FEATURES; c++) this.lastFeatures[c] = features[c]!;
    this.lastFrameMs = tMs;
    this.newestSlot = Math.max(this.newestSlot, Math.floor(tMs / slotMs));
  }

  /** The agreement over the last `windowMs` up to `nowMs`. */
  evaluate(nowMs: number): MouthShapeReading {
    const end = Math.floor(nowMs / this.o.slotMs);
    const start = end - this.w + 1;
    let both = 0;
    let anySeen = 0;
    let anyImplied = 0;
    for (let j = 0; j < this.w; j++) {
      const s = start + j;
      const p = this.pos(s);
      const hasSeen = this.seenSlot[p] === s;
      const hasImplied = this.impliedSlot[p] === s;
      anySeen += hasSeen ? 1 : 0;
      anyImplied += hasImplied ? 1 : 0;
      both += hasSeen && hasImplied ? 1 : 0;
      for (let c = 0; c < FEATURES; c++) {
        this.a[c]![j] = hasSeen ? this.seen[c]![p]! : NaN;
        this.b[c]![j] = hasImplied ? this.implied[c]![p]! : NaN;
      }
    }
    const coverage = both / this.w;
    const none = (evidence: MouthShapeEvidence, reason: Phrase): MouthShapeReading => ({
      evidence,
      score: NaN,
      lagMs: NaN,
      peak: NaN,
      coverage,
      reason,
    });
    if (anyImplied === 0) return none('no-visemes', words('no mouth shapes heard in the voice yet'));
    if (anySeen === 0) return none('no-mouth', words('the mouth is not clearly in view'));
    if (coverage < this.o.minCoverage)
      return none('too-little', words('too little speech with the mouth in view to compare mouth shapes'));
    for (let c = 0; c < FEATURES; c++) {
      prepare(this.a[c]!, this.half, this.tmp);
      prepare(this.b[c]!, this.half, this.tmp);
    }
    let best = -Infinity;
    let bestLag = 0;
    for (let lag = -this.maxLag; lag <= this.maxLag; lag++) {
      const r = this.at(lag);
      if (r > best) {
        best = r;
        bestLag = lag;
      }
    }
    let n = 0;
    let sum = 0;
    let sumSq = 0;
    for (const lag of this.baseLags) {
      const r = this.at(lag);
      if (!Number.isFinite(r)) continue;
      n++;
      sum += r;
      sumSq += r * r;
    }
    if (!Number.isFinite(best) || n < 4)
      return none('too-little', words('too little speech with the mouth in view to compare mouth shapes'));
    const mean = sum / n;
    const sd = Math.sqrt(Math.max(sumSq / n - mean * mean, 0)) || 1e-6;
    const score = (best - mean) / sd;
    const lagMs = bestLag * this.o.slotMs;
    return {
      evidence: 'enough',
      score,
      lagMs,
      peak: best,
      coverage,
      reason: say`mouth shapes agree with the voice at z ${Math.round(score * 10) / 10} (best ${lagMs} ms)`,
    };
  }

  /** Mean over the features of the correlation of visible[j] with implied[j + lag] (NaN: too few pairs). */
  private at(lag: number): number {
    let total = 0;
    let counted = 0;
    for (let c = 0; c < FEATURES; c++) {
      const r = laggedCorrelation(this.a[c]!, this.b[c]!, lag, this.o.minPairs);
      if (Number.isFinite(r)) {
        total += r;
        counted++;
      }
    }
    return counted > 0 ? total / counted : NaN;
  }
}

/**
 * In place: `x` minus its centred moving average over ±`half` slots (where more than `half` of them
 * hold a value), then standardised over the values it holds; NaN stays NaN. `tmp` is scratch.
 */
export function prepare(x: Float64Array, half: number, tmp: Float64Array): void {
  const n = x.length;
  let sum = 0;
  let count = 0;
  let lo = 0;
  let hi = -1;
  for (let i = 0; i < n; i++) {
    const wantHi = Math.min(n - 1, i + half);
    const wantLo = Math.max(0, i - half);
    while (hi < wantHi) {
      const v = x[++hi]!;
      if (v === v) {
        sum += v;
        count++;
      }
    }
    while (lo < wantLo) {
      const v = x[lo++]!;
      if (v === v) {
        sum -= v;
        count--;
      }
    }
    const v = x[i]!;
    tmp[i] = count > half && v === v ? v - sum / count : NaN;
  }
  let m = 0;
  let k = 0;
  for (let i = 0; i < n; i++)
    if (tmp[i] === tmp[i]) {
      m += tmp[i]!;
      k++;
    }
  m = k ? m / k : 0;
  let ss = 0;
  for (let i = 0; i < n; i++) if (tmp[i] === tmp[i]) ss += (tmp[i]! - m) ** 2;
  const sd = k ? Math.sqrt(ss / k) || 1 : 1;
  for (let i = 0; i < n; i++) x[i] = (tmp[i]! - m) / sd;
}
