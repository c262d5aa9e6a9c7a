import { said, say, words, type Phrase } from '../text/Phrase';
const NO_FRAMES = words('no frames yet');
const BLURRED = words('the picture is too blurred or compressed');
import { quantile } from '../stats/quantile';
import { cannotJudge, ramp, type SignalReading } from './SignalReading';
import { SeriesRing } from './SeriesRing';
import { frameGate, type VisualFrame } from './VisualFrame';
import { windowSpan, windowValues } from './windowValues';

/** Options for {@link BlendBoundary}; the defaults are documented per field. */
export interface BlendBoundaryOptions {
  /** Window the reading covers, ms (default 10 000). */
  windowMs?: number;
  /** Fewest judged frames in the window (default 20). */
  minFrames?: number;
  /**
   * Smoothness (log2 of outside detail over inner-face detail) at which the score is 0.5 (default 1.6:
   * the face has a third of the detail of the hair and neck around it). Genuine faces in the shared
   * clips read −0.9 to +0.8: skin is smoother than hair, but not by that much.
   */
  smoothMid?: number;
}

const CH_SMOOTH = 0;

/**
 * Blend boundary: a pasted face tends to carry less fine detail (sharpness, noise) than the real
 * head, hair and neck around it. The measure is the Laplacian detail in bands of the face oval (see measureFacePixels), over a window
 * of judged frames. Compression, focus and make-up move it too: a reading is a reason to look, not a
 * finding. Its raw value is smoothness, so the per-call baseline in the fusion can see it change.
 */
export class BlendBoundary {
  private readonly ring = new SeriesRing(1, 600);
  private readonly windowMs: number;
  private readonly minFrames: number;
  private readonly smoothMid: number;
  private lastGate: Phrase = NO_FRAMES;

  constructor(opts: BlendBoundaryOptions = {}) {
    this.windowMs = opts.windowMs ?? 10_000;
    this.minFrames = opts.minFrames ?? 20;
    this.smoothMid = opts.smoothMid ?? 1.6;
  }

  add(v: VisualFrame): void {
    const slot = this.ring.push(v.feature.timestampMs);
    const gate = frameGate(v);
    if (gate) {
      this.lastGate = gate;
      return;
    }
    const p = v.pixels;
    // Too little detail anywhere (blur, heavy compression): nothing to compare.
    if (!(p.sharpOutside >= 2 && p.sharpInner > 0)) {
      this.lastGate = BLURRED;
      return;
    }
    this.ring.set(slot, CH_SMOOTH, Math.log2(p.sharpOutside / p.sharpInner));
  }

  evaluate(nowMs: number): SignalReading {
    const from = nowMs - this.windowMs;
    const smooth = windowValues(this.ring, CH_SMOOTH, from);
    if (smooth.length < this.minFrames) return cannotJudge('blend', this.lastGate);
    const s = quantile(smooth, 0.5);
    const score = ramp(s, this.smoothMid, 0.5);
    const times = Math.pow(2, s);
    return {
      signal: 'blend',
      score,
      confidence: Math.min(1, smooth.length / (2 * this.minFrames)),
      evidence: windowSpan(this.ring, CH_SMOOTH, from),
      value: s,
      ...said(
        score >= 0.5
          ? say`the face carries ${times.toFixed(1)}× less fine detail than the hair and neck around it`
          : say`face detail in keeping with its surroundings (${times >= 1 ? say`${times.toFixed(1)}× smoother` : say`${(1 / times).toFixed(1)}× more detailed`})`,
      ),
    };
  }
}
