import { said, say, words, type Phrase } from '../text/Phrase';
import { IDENTITY_RATIOS } from '../features/LandmarkMotion';
import { frontalView } from '../features/frontalView';
import { quantile } from '../stats/quantile';
import { cannotJudge, ramp, type SignalReading } from './SignalReading';
import { SeriesRing } from './SeriesRing';
import type { VisualFrame } from './VisualFrame';
import { windowSpan, windowValues } from './windowValues';

/** Options for {@link GeometryConsistency}. */
export interface GeometryOptions {
  /** Window, ms (default 20 000). */
  windowMs?: number;
  /** Fewest near-frontal frames (default 20). */
  minFrames?: number;
  /** Largest |yaw| and |pitch| of a near-frontal frame, degrees (default 15). */
  frontalDeg?: number;
  /**
   * Identity-geometry change at which the score is 0.5 (default 0.12): the largest relative change of
   * a face-shape ratio between the window's earlier and later frontal frames, or its spread. Genuine
   * faces in the shared clips read up to 0.09 on these two ratios, mostly from head pitch and yaw.
   */
  changeMid?: number;
}

/** The identity ratios compared (rigid, not moved by speech). */
const RATIOS = IDENTITY_RATIOS;

/**
 * Geometry consistency: the proportions of a person's face (nose length and face width over the eye
 * distance) do not change within a call when seen from the front. A swap
 * drawn over another head can change them, above all after a turn, when the swap loses and regains
 * the face. Compares near-frontal frames of the window's first and second half, and their spread.
 */
export class GeometryConsistency {
  private readonly ring = new SeriesRing(RATIOS.length, 1200);
  private readonly o: Required<GeometryOptions>;

  constructor(opts: GeometryOptions = {}) {
    this.o = {
      windowMs: opts.windowMs ?? 20_000,
      minFrames: opts.minFrames ?? 20,
      frontalDeg: opts.frontalDeg ?? 15,
      changeMid: opts.changeMid ?? 0.12,
    };
  }

  add(v: VisualFrame): void {
    const f = v.feature;
    const slot = this.ring.push(f.timestampMs);
    if (!frontalView(f, this.o.frontalDeg, 100)) return;
    for (let k = 0; k < RATIOS.length; k++) this.ring.set(slot, k, v.motion[RATIOS[k]!]);
  }

  evaluate(nowMs: number): SignalReading {
    const from = nowMs - this.o.windowMs;
    const all = windowValues(this.ring, 0, from);
    if (all.length < this.o.minFrames)
      return cannotJudge('geometry', words('too few frontal views of the face'));
    const span = windowSpan(this.ring, 0, from)!;
    let worst = 0;
    let worstName: string = RATIOS[0];
    for (let k = 0; k < RATIOS.length; k++) {
      const xs = windowValues(this.ring, k, from);
      const m = quantile(xs, 0.5);
      const spread = (quantile(xs, 0.9) - quantile(xs, 0.1)) / 2 / m;
      const a = xs.slice(0, Math.floor(xs.length / 2));
      const b = xs.slice(Math.ceil(xs.length / 2));
      const change = a.length >= 5 && b.length >= 5 ? Math.abs(quantile(b, 0.5) - quantile(a, 0.5)) / m : 0;
      const c = Math.max(spread, change);
      if (c > worst) {
        worst = c;
        worstName = RATIOS[k]!;
      }
    }
    const score = ramp(worst, this.o.changeMid, 0.04);
    const part: Record<string, Phrase> = {
      noseLength: words('nose length'),
      faceWidth: words('face width'),
    };
    return {
      signal: 'geometry',
      score,
      confidence: Math.min(1, all.length / (2 * this.o.minFrames)),
      evidence: span,
      value: worst,
      ...said(
        score >= 0.5
          ? say`the face's proportions changed: ${part[worstName] ?? worstName} moved ${(worst * 100).toFixed(0)} % relative to the eye distance`
          : say`the face's proportions are steady (within ${(worst * 100).toFixed(0)} %)`,
      ),
    };
  }
}
