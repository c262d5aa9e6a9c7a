import type { Point2 } from './faceMetrics';

/**
 * Rigid points of the 478-point mesh (forehead, temples, nose bridge and tip, eye corners): they move
 * with the head but not with speech or expression, so what a similarity transform between two frames
 * cannot explain in them is jitter, not motion.
 */
export const RIGID_POINTS = [
  10, 338, 297, 332, 284, 251, 389, 356, 454, 109, 67, 103, 54, 21, 162, 127, 234, 151, 9, 8, 168, 6, 197,
  195, 5, 4, 1, 33, 133, 362, 263,
] as const;

/** Points of the identity-geometry ratios (all over the inter-ocular distance, outer eye corners 33–263). */
const SHAPE = {
  eyeOuterL: 33,
  eyeOuterR: 263,
  noseTop: 168,
  noseTip: 1,
  mouthL: 61,
  mouthR: 291,
  cheekL: 234,
  cheekR: 454,
  lipTop: 13,
  chin: 152,
} as const;

/** What {@link LandmarkMotion.add} measures for one frame. NaN where it could not be measured. */
export interface MotionFrame {
  /** RMS residual of the rigid points after the best similarity transform from the previous frame, over the inter-ocular distance. */
  jitter: number;
  /** Head motion since the previous frame: translation over the inter-ocular distance plus |log scale| plus |rotation| (rad). */
  motion: number;
  /** Identity-geometry ratios over the inter-ocular distance (meaningful on near-frontal frames). */
  noseLength: number;
  mouthWidth: number;
  faceWidth: number;
  eyesToChin: number;
}

/**
 * The rigid face-shape ratios of MotionFrame, each over the inter-ocular distance: a person's
 * identity geometry. Mouth width and eyes to chin are measured too but move with speech (shared
 * genuine clips spread 0.05–0.16 on them), so they are not identity.
 */
export const IDENTITY_RATIOS = ['noseLength', 'faceWidth'] as const;

export function emptyMotionFrame(): MotionFrame {
  return { jitter: NaN, motion: NaN, noseLength: NaN, mouthWidth: NaN, faceWidth: NaN, eyesToChin: NaN };
}

/**
 * Frame-to-frame landmark motion of one face: its rigid jitter (a swapped or generated face's mesh
 * trembles where a real head does not) and its shape ratios. Keeps one previous frame in a
 * preallocated buffer.
 */
export class LandmarkMotion {
  private readonly prev = new Float64Array(RIGID_POINTS.length * 2);
  private readonly cur = new Float64Array(RIGID_POINTS.length * 2);
  private hasPrev = false;
  private prevMs = -Infinity;

  /** @param maxGapMs a frame further than this from the previous one starts afresh (default 250) */
  constructor(private readonly maxGapMs = 250) {}

  /** Forget the previous frame (no face, a cut). */
  reset(): void {
    this.hasPrev = false;
  }

  /**
   * Measures one frame's landmarks (normalised to an image of `widthPx` × `heightPx`) into `out`.
   */
  add(
    timestampMs: number,
    lm: ArrayLike<Point2>,
    widthPx: number,
    heightPx: number,
    out: MotionFrame,
  ): MotionFrame {
    const P = this.cur;
    for (let k = 0; k < RIGID_POINTS.length; k++) {
      const p = lm[RIGID_POINTS[k]!]!;
      P[2 * k] = p.x * widthPx;
      P[2 * k + 1] = p.y * heightPx;
    }
    const d = (a: number, b: number) =>
      Math.hypot((lm[a]!.x - lm[b]!.x) * widthPx, (lm[a]!.y - lm[b]!.y) * heightPx);
    const iod = d(SHAPE.eyeOuterL, SHAPE.eyeOuterR);
    const midX = ((lm[SHAPE.eyeOuterL]!.x + lm[SHAPE.eyeOuterR]!.x) / 2) * widthPx;
    const midY = ((lm[SHAPE.eyeOuterL]!.y + lm[SHAPE.eyeOuterR]!.y) / 2) * heightPx;
    out.noseLength = d(SHAPE.noseTop, SHAPE.noseTip) / iod;
    out.mouthWidth = d(SHAPE.mouthL, SHAPE.mouthR) / iod;
    out.faceWidth = d(SHAPE.cheekL, SHAPE.cheekR) / iod;
    out.eyesToChin =
      Math.hypot(lm[SHAPE.chin]!.x * widthPx - midX, lm[SHAPE.chin]!.y * heightPx - midY) / iod;

    if (this.hasPrev && timestampMs - this.prevMs <= this.maxGapMs && iod > 1) {
      similarityResidual(this.prev, P, iod, out);
    } else {
      out.jitter = NaN;
      out.motion = NaN;
    }
    this.prev.set(P);
    this.hasPrev = true;
    this.prevMs = timestampMs;
    return out;
  }
}

/**
 * Least-squares 2-D similarity transform from `a` to `b` (interleaved x, y), in closed form with
 * complex numbers (Umeyama 1991 without reflection): writes the RMS residual and the motion, both
 * over `scalePx`.
 */
export function similarityResidual(
  a: Float64Array,
  b: Float64Array,
  scalePx: number,
  out: { jitter: number; motion: number },
): void {
  const n = a.length / 2;
  let ax = 0,
    ay = 0,
    bx = 0,
    by = 0;
  for (let k = 0; k < n; k++) {
    ax += a[2 * k]!;
    ay += a[2 * k + 1]!;
    bx += b[2 * k]!;
    by += b[2 * k + 1]!;
  }
  ax /= n;
  ay /= n;
  bx /= n;
  by /= n;
  // s·e^{iθ} = Σ conj(a')·b' / Σ |a'|²
  let re = 0,
    im = 0,
    aa = 0;
  for (let k = 0; k < n; k++) {
    const x1 = a[2 * k]! - ax;
    const y1 = a[2 * k + 1]! - ay;
    const x2 = b[2 * k]! - bx;
    const y2 = b[2 * k + 1]! - by;
    re += x1 * x2 + y1 * y2;
    im += x1 * y2 - y1 * x2;
    aa += x1 * x1 + y1 * y1;
  }
  if (aa === 0) {
    out.jitter = NaN;
    out.motion = NaN;
    return;
  }
  const sr = re / aa;
  const si = im / aa;
  let ss = 0;
  for (let k = 0; k < n; k++) {
    const x1 = a[2 * k]! - ax;
    const y1 = a[2 * k + 1]! - ay;
    const ex = sr * x1 - si * y1 - (b[2 * k]! - bx);
    const ey = si * x1 + sr * y1 - (b[2 * k + 1]! - by);
    ss += ex * ex + ey * ey;
  }
  out.jitter = Math.sqrt(ss / n) / scalePx;
  out.motion =
    Math.hypot(bx - ax, by - ay) / scalePx +
    Math.abs(Math.log(Math.hypot(sr, si))) +
    Math.abs(Math.atan2(si, sr));
}
