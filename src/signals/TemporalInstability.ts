import { said, say, words } from '../text/Phrase';
import { TWO_LAYERS_OVERLAP } from '../features/FeatureFrame';
import { quantile } from '../stats/quantile';
import { cannotJudge, ramp, type SignalReading } from './SignalReading';
import { SeriesRing } from './SeriesRing';
import type { VisualFrame } from './VisualFrame';
import { windowSpan, windowValues } from './windowValues';

/** Options for {@link TemporalInstability}. */
export interface TemporalInstabilityOptions {
  /** Window, ms (default 10 000). */
  windowMs?: number;
  /** Fewest measured frames (default 20). */
  minFrames?: number;
  /** Head motion per frame above which jitter is not counted (motion explains it), default 0.08. */
  maxMotion?: number;
  /**
   * 90th percentile of rigid-landmark jitter (over the inter-ocular distance) at which the score is
   * 0.5 (default 0.035). Genuine faces in the shared clips read 0.002–0.014 at the median.
   */
  jitterMid?: number;
  /** Short face dropouts or two-face moments per 10 s at which the score is 0.5 (default 2). */
  breaksMid?: number;
  /** Overlap (IoU) of a second face with the first that counts as "two layers" (default TWO_LAYERS_OVERLAP). */
  layersOverlap?: number;
}

const CH_JITTER = 0;
const CH_BREAK = 1;

/**
 * Temporal instability: a swapped or generated face is redrawn every frame, so its mesh can tremble
 * where a real head moves smoothly, and the swap can drop out for a frame or two ("the real face
 * shows through") or show two faces at once. Jitter is the part of the rigid landmarks' motion a
 * similarity transform cannot explain, counted only while the head is fairly still; breaks are
 * faces lost for a gap of at most 400 ms between two large faces, and frames with a second face over the first.
 */
export class TemporalInstability {
  private readonly ring = new SeriesRing(2, 600);
  private readonly o: Required<TemporalInstabilityOptions>;
  /** Time the face was last seen large, and whether it is gone now. */
  private lastFaceMs = -Infinity;
  private goneSinceMs = NaN;

  constructor(opts: TemporalInstabilityOptions = {}) {
    this.o = {
      windowMs: opts.windowMs ?? 10_000,
      minFrames: opts.minFrames ?? 20,
      maxMotion: opts.maxMotion ?? 0.08,
      jitterMid: opts.jitterMid ?? 0.035,
      breaksMid: opts.breaksMid ?? 2,
      layersOverlap: opts.layersOverlap ?? TWO_LAYERS_OVERLAP,
    };
  }

  add(v: VisualFrame): void {
    const f = v.feature;
    const t = f.timestampMs;
    const slot = this.ring.push(t);
    const large = f.facePresent && f.faceHeightPx >= 100;
    if (!f.facePresent) {
      if (Number.isNaN(this.goneSinceMs)) this.goneSinceMs = t;
      return;
    }
    // A large face back at most 400 ms after the last large face, with faceless frames between: a
    // dropout, not someone leaving the picture.
    if (large && !Number.isNaN(this.goneSinceMs) && t - this.lastFaceMs <= 400)
      this.ring.set(slot, CH_BREAK, 1);
    this.goneSinceMs = NaN;
    if (f.faceOverlap >= this.o.layersOverlap) this.ring.set(slot, CH_BREAK, 1);
    if (large) this.lastFaceMs = t;
    if (large && Number.isFinite(v.motion.jitter) && v.motion.motion <= this.o.maxMotion)
      this.ring.set(slot, CH_JITTER, v.motion.jitter);
  }

  evaluate(nowMs: number): SignalReading {
    const from = nowMs - this.o.windowMs;
    const jit = windowValues(this.ring, CH_JITTER, from);
    const breaks = windowValues(this.ring, CH_BREAK, from).length;
    if (jit.length < this.o.minFrames && breaks === 0)
      return cannotJudge('temporal', words('too few frames with a large, steady face'));
    const p90 = jit.length ? quantile(jit, 0.9) : 0;
    const perTen = (breaks * 10_000) / this.o.windowMs;
    const sJit = jit.length >= this.o.minFrames ? ramp(p90, this.o.jitterMid, 0.015) : 0;
    const sBreak = breaks ? ramp(perTen, this.o.breaksMid, 1) : 0;
    const score = Math.max(sJit, sBreak);
    const reason =
      sBreak >= sJit && sBreak >= 0.5
        ? breaks === 1
          ? say`the face broke up once in ${this.o.windowMs / 1000} s (a face lost for a frame or two, or two faces at once)`
          : say`the face broke up ${breaks} times in ${this.o.windowMs / 1000} s (a face lost for a frame or two, or two faces at once)`
        : sJit >= 0.5
          ? say`the face's outline trembles ${(p90 * 100).toFixed(1)} % of the eye distance between frames while the head is still`
          : say`the face moves smoothly (jitter ${(p90 * 100).toFixed(1)} % of the eye distance)`;
    return {
      signal: 'temporal',
      score,
      confidence: Math.min(1, Math.max(jit.length / (2 * this.o.minFrames), breaks ? 0.8 : 0)),
      evidence: windowSpan(this.ring, sBreak > sJit ? CH_BREAK : CH_JITTER, from),
      value: p90,
      ...said(reason),
    };
  }
}
