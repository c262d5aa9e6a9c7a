/**
 * Whether the face after a movement (a hand across the face) is the person before it, from
 * face-recognition descriptors (128 numbers per face crop; the analyzer computes them with
 * face-api.js's ResNet, whose usual "same person" limit is a Euclidean distance of 0.6).
 *
 * A colour-matched real-time swap that loses its track behind a hand and falls back to the wearer's
 * own face keeps the face's size and proportions (it draws the new face on the wearer's geometry), so
 * only the face's identity tells. Each descriptor after the movement is compared with the mean
 * distance to the descriptors before it held at the same yaw and pitch; the change is the median of
 * those distances. Measured 2026-11-30 on the shared clips (crops at the analyzer's face boxes):
 * frames of one genuine clip at matching poses read a median of 0.15–0.38 per clip (95 % of single
 * pairs under 0.40, the largest 0.60); a swap against its own original footage at the same moment
 * reads a median of 0.47–0.79 per pair. Through the extension, genuine synthetic hand passes read
 * 0.15–0.45 and swaps falling back 0.46–0.77.
 */

import { median } from '../stats/quantile';

/** Options for {@link FaceMatch}. */
export interface FaceMatchOptions {
  /**
   * A frame after is compared with frames before whose yaw and pitch are each within this, degrees
   * (default 10). Genuine pairs within 10° read 0.46 at the 95th percentile (0.40 within 3°, the
   * largest 0.60 either way); a swap can read a few degrees off the face it replaced, so a tighter
   * match leaves some falls back uncompared.
   */
  poseMatchDeg?: number;
  /** Frames after the movement with a pose-matched frame before it, needed for a comparison (default 2). */
  minMatched?: number;
  /**
   * Under this median distance the face after is the same person (default 0.5): above every genuine
   * clip's median at matching poses (0.38 at most offline; 0.45 at most through the extension).
   */
  sameBelow?: number;
  /**
   * At or above this median distance the face after is another person (default 0.6, the model's own
   * "same person" limit, not a value fitted to the shared swaps). In between the reading is unsure.
   */
  differentFrom?: number;
}

/** same: one person; unsure: less alike than one person's frames usually are; different: another person. */
export type FaceMatchReading = 'same' | 'unsure' | 'different';

export interface FaceMatchResult {
  reading: FaceMatchReading;
  /** Median over the frames after of their mean distance to the pose-matched frames before. */
  distance: number;
  /** Frames after that had a pose-matched frame before. */
  matched: number;
}

interface Sample {
  descriptor: ArrayLike<number>;
  yawDeg: number;
  pitchDeg: number;
}

export class FaceMatch {
  private readonly o: Required<FaceMatchOptions>;
  private readonly before: Sample[] = [];
  private readonly after: Sample[] = [];

  constructor(opts: FaceMatchOptions = {}) {
    this.o = { poseMatchDeg: 10, minMatched: 2, sameBelow: 0.5, differentFrom: 0.6, ...opts };
  }

  addBefore(descriptor: ArrayLike<number>, yawDeg: number, pitchDeg: number): void {
    this.before.push({ descriptor, yawDeg, pitchDeg });
  }

  addAfter(descriptor: ArrayLike<number>, yawDeg: number, pitchDeg: number): void {
    this.after.push({ descriptor, yawDeg, pitchDeg });
  }

  /** The comparison, or null without `minMatched` frames after at a pose seen before. */
  result(): FaceMatchResult | null {
    const tol = this.o.poseMatchDeg;
    const perAfter: number[] = [];
    for (const a of this.after) {
      let sum = 0;
      let n = 0;
      for (const b of this.before) {
        if (Math.abs(a.yawDeg - b.yawDeg) > tol || Math.abs(a.pitchDeg - b.pitchDeg) > tol) continue;
        const d = descriptorDistance(a.descriptor, b.descriptor);
        if (!Number.isFinite(d)) continue;
        sum += d;
        n++;
      }
      if (n > 0) perAfter.push(sum / n);
    }
    if (perAfter.length < this.o.minMatched) return null;
    const distance = median(perAfter);
    const reading: FaceMatchReading =
      distance >= this.o.differentFrom ? 'different' : distance >= this.o.sameBelow ? 'unsure' : 'same';
    return { reading, distance, matched: perAfter.length };
  }

  /** The limits, for the words of a verdict. */
  get limits(): { sameBelow: number; differentFrom: number } {
    return { sameBelow: this.o.sameBelow, differentFrom: this.o.differentFrom };
  }
}

/** Euclidean distance of two descriptors; NaN when their lengths differ or either is empty. */
export function descriptorDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    s += d * d;
  }
  return Math.sqrt(s);
}
