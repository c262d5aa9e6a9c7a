import { said, say, words } from '../text/Phrase';
import { quantile } from '../stats/quantile';
import { cannotJudge, ramp, type SignalReading } from './SignalReading';
import { SeriesRing } from './SeriesRing';
import type { VisualFrame } from './VisualFrame';
import { windowValues } from './windowValues';

/** Options for {@link BlinkMotion}. */
export interface BlinkMotionOptions {
  /** Window, ms (default 60 000). */
  windowMs?: number;
  /** Seconds of visible eyes needed for full confidence (default 30). */
  fullConfidenceS?: number;
  /**
   * Seconds of visible eyes without a blink at which the score is 0.5 (default 40). People blink
   * about 15–20 times a minute at rest and less while reading a screen; a minute without one is rare.
   */
  noBlinkMidS?: number;
  /** A blink: eye openness below this share of the window's median (default 0.55)… */
  closedRatio?: number;
  /** …reopening above this share (default 0.8). */
  openRatio?: number;
  /** Median head motion per frame under which the face is "too still" (default 0.002). */
  stillMotion?: number;
}

const CH_OPEN = 0;
const CH_MOTION = 1;

/**
 * Blinks and micro-motion: a live face blinks (fully, both eyes together) and never holds perfectly
 * still; a photo, a looped avatar or a generator that forgets to blink does not. Counts blinks as
 * dips of eye openness relative to the window's median, and measures the head's frame-to-frame motion.
 */
export class BlinkMotion {
  private readonly ring = new SeriesRing(2, 1200);
  private readonly o: Required<BlinkMotionOptions>;

  constructor(opts: BlinkMotionOptions = {}) {
    this.o = {
      windowMs: opts.windowMs ?? 60_000,
      fullConfidenceS: opts.fullConfidenceS ?? 30,
      noBlinkMidS: opts.noBlinkMidS ?? 40,
      closedRatio: opts.closedRatio ?? 0.55,
      openRatio: opts.openRatio ?? 0.8,
      stillMotion: opts.stillMotion ?? 0.002,
    };
  }

  add(v: VisualFrame): void {
    const f = v.feature;
    const slot = this.ring.push(f.timestampMs);
    if (!f.facePresent || !(f.faceHeightPx >= 100) || Math.abs(f.yawDeg) > 30 || Math.abs(f.pitchDeg) > 25)
      return;
    this.ring.set(slot, CH_OPEN, Math.min(f.eyeOpennessL, f.eyeOpennessR));
    this.ring.set(slot, CH_MOTION, v.motion.motion);
  }

  evaluate(nowMs: number): SignalReading {
    const from = nowMs - this.o.windowMs;
    const i0 = this.ring.firstFrom(from);
    const open = windowValues(this.ring, CH_OPEN, from);
    if (open.length < 20) return cannotJudge('blink', words('the eyes were not seen long enough'));
    const med = quantile(open, 0.5);
    // Count blinks and the longest stretch of visible eyes without one.
    let blinks = 0;
    let closed = false;
    let visibleMs = 0;
    let sinceBlinkMs = 0;
    let longestMs = 0;
    let prevT = NaN;
    let longestEndMs = nowMs;
    for (let i = i0; i < this.ring.size; i++) {
      const x = this.ring.at(i, CH_OPEN);
      const t = this.ring.time(i);
      if (!Number.isFinite(x)) {
        prevT = NaN;
        continue;
      }
      const dt = Number.isNaN(prevT) ? 0 : Math.min(t - prevT, 500);
      prevT = t;
      visibleMs += dt;
      sinceBlinkMs += dt;
      if (!closed && x < this.o.closedRatio * med) {
        closed = true;
        blinks++;
        sinceBlinkMs = 0;
      } else if (closed && x > this.o.openRatio * med) closed = false;
      if (sinceBlinkMs > longestMs) {
        longestMs = sinceBlinkMs;
        longestEndMs = t;
      }
    }
    const motion = quantile(windowValues(this.ring, CH_MOTION, from), 0.5);
    const visibleS = visibleMs / 1000;
    const longestS = longestMs / 1000;
    const sBlink = ramp(longestS, this.o.noBlinkMidS, 10);
    const sStill = Number.isFinite(motion) ? ramp(-motion, -this.o.stillMotion, this.o.stillMotion / 2) : 0;
    const score = Math.max(sBlink, sStill);
    const rate = visibleS > 0 ? (blinks * 60) / visibleS : 0;
    return {
      signal: 'blink',
      score,
      confidence: Math.min(1, visibleS / this.o.fullConfidenceS),
      evidence: { fromMs: longestEndMs - longestMs, toMs: longestEndMs },
      value: longestS,
      ...said(
        sStill >= 0.5 && sStill >= sBlink
          ? words('the face holds unnaturally still')
          : sBlink >= 0.5
            ? say`no blink in ${longestS.toFixed(0)} s of clearly visible eyes`
            : blinks === 1
              ? say`1 blink in ${visibleS.toFixed(0)} s (${rate.toFixed(0)} a minute)`
              : say`${blinks} blinks in ${visibleS.toFixed(0)} s (${rate.toFixed(0)} a minute)`,
      ),
    };
  }
}
