import { say, words, type Phrase } from '../text/Phrase';
import { IDENTITY_RATIOS } from '../features/LandmarkMotion';
import { frontalView } from '../features/frontalView';
import type { FaceShape, FrameSample } from './Challenge';

/** Options for {@link IdentityShift}; defaults suit a 15 fps analysis of a call's video. */
export interface IdentityShiftOptions {
  /** Largest |yaw| and |pitch| of a frame whose proportions are compared, degrees (default 15). */
  frontalDeg?: number;
  /** Smallest face whose proportions are compared, source px (default 80). */
  minFaceHeightPx?: number;
  /**
   * Frames after the movement are compared only with frames before it whose yaw and pitch are each
   * within this, degrees (default 3). The ratios move with the pose: one genuine face in the shared
   * clips reads nose length over eye distance 0.54 at 7° pitch and 0.39 at −11°, so medians of
   * frames a few degrees apart can differ by 20 % without any change of face.
   */
  poseMatchDeg?: number;
  /** Frontal frames needed on each side of the movement, and matched pairs (default 5). */
  minFrames?: number;
  /** Frontal frames kept on each side (default 150: 10 s at 15 fps). */
  maxFrames?: number;
  /**
   * A change of a face-shape ratio (relative, after vs before) at or above this is a different face
   * (default 0.18). Genuine faces in the shared clips move these ratios by up to 0.09 within a clip,
   * mostly with head pitch and yaw; two different people's nose length over eye distance differ by
   * more than that only sometimes, so this catches a switch of face, not every one.
   */
  changeShare?: number;
}

/** The identity ratios compared (rigid, not moved by speech). */
const RATIOS = IDENTITY_RATIOS;

/** How far the face's proportions moved from before a movement to after it. */
export interface IdentityChange {
  /** Relative change of the ratio that moved most. */
  share: number;
  ratio: (typeof RATIOS)[number];
  /** That ratio's median before and after. */
  before: number;
  after: number;
}

/**
 * Whether the face that comes back after a movement (a profile turn, a hand across the face) has the
 * proportions of the face before it. A live swap that loses its track when the head turns or a hand
 * covers the face can fall back to the impostor's own face, or come back as another fit: the nose
 * length and face width over the eye distance then change, which a real face's never do. Each
 * near-frontal frame after the latest movement is compared with the mean of the frames before the
 * first one held at the same pose (see `poseMatchDeg`); the change is the median of those relative
 * differences. Without enough frames at matching poses there is no comparison.
 */
export class IdentityShift {
  private readonly o: Required<IdentityShiftOptions>;
  private readonly before: Float64Array[];
  /** Yaw and pitch of each frame before the movement, degrees. */
  private readonly beforePose: [Float64Array, Float64Array];
  /**
   * Per ratio: each matched after-frame's relative difference, its value and its pose-matched
   * reference, worked out when the frame arrives (the frames before are fixed by then).
   */
  private readonly diffs: Float64Array[];
  private readonly afterVals: Float64Array[];
  private readonly refVals: Float64Array[];
  private readonly scratch: Float64Array;
  private readonly refSum = new Float64Array(RATIOS.length);
  private nBefore = 0;
  private nAfter = 0;
  /** After-frames with frames before at their pose (≤ nAfter). */
  private nMatched = 0;
  private moved = false;
  /** change() as of the last frame stored (undefined: not computed since); verifiers ask it on every frame. */
  private cached: IdentityChange | null | undefined = undefined;

  constructor(opts: IdentityShiftOptions = {}) {
    this.o = {
      frontalDeg: 15,
      minFaceHeightPx: 80,
      poseMatchDeg: 3,
      minFrames: 5,
      maxFrames: 150,
      changeShare: 0.18,
      ...opts,
    };
    const buf = () => RATIOS.map(() => new Float64Array(this.o.maxFrames));
    this.before = buf();
    this.beforePose = [new Float64Array(this.o.maxFrames), new Float64Array(this.o.maxFrames)];
    this.diffs = buf();
    this.afterVals = buf();
    this.refVals = buf();
    this.scratch = new Float64Array(this.o.maxFrames);
  }

  /**
   * One analysed frame. `away` says the movement is under way in it (turned, covered, lost): frontal
   * frames after an away stretch start a new "after" run.
   */
  add(f: FrameSample, shape: FaceShape | undefined, away: boolean): void {
    if (away) {
      // A new movement: what came back after an earlier one no longer counts.
      this.moved = true;
      this.nAfter = 0;
      this.nMatched = 0;
      this.cached = undefined;
      return;
    }
    const frontal =
      shape !== undefined &&
      frontalView(f, this.o.frontalDeg, this.o.minFaceHeightPx) &&
      Number.isFinite(shape.noseLength) &&
      Number.isFinite(shape.faceWidth);
    if (!frontal) return;
    this.cached = undefined;
    if (!this.moved) {
      if (this.nBefore < this.o.maxFrames) {
        for (let i = 0; i < RATIOS.length; i++) this.before[i]![this.nBefore] = shape[RATIOS[i]!];
        this.beforePose[0][this.nBefore] = f.yawDeg;
        this.beforePose[1][this.nBefore] = f.pitchDeg;
        this.nBefore++;
      }
      return;
    }
    if (this.nAfter < this.o.maxFrames) {
      this.nAfter++;
      this.match(f, shape);
    }
  }

  /** Compares an after-frame with the mean of the frames before the movement held at its pose. */
  private match(f: FrameSample, shape: FaceShape): void {
    const tol = this.o.poseMatchDeg;
    const refSum = this.refSum;
    let n = 0;
    refSum.fill(0);
    for (let b = 0; b < this.nBefore; b++) {
      if (
        Math.abs(this.beforePose[0][b]! - f.yawDeg) > tol ||
        Math.abs(this.beforePose[1][b]! - f.pitchDeg) > tol
      )
        continue;
      n++;
      for (let i = 0; i < RATIOS.length; i++) refSum[i]! += this.before[i]![b]!;
    }
    if (n === 0) return;
    for (let i = 0; i < RATIOS.length; i++) {
      const ref = refSum[i]! / n;
      const val = shape[RATIOS[i]!];
      this.refVals[i]![this.nMatched] = ref;
      this.afterVals[i]![this.nMatched] = val;
      this.diffs[i]![this.nMatched] = (val - ref) / ref;
    }
    this.nMatched++;
  }

  /**
   * The largest relative change of a ratio from before the movement to after it, at matching poses,
   * with the ratio's name and the medians of the compared values; null without enough frontal frames
   * on both sides, or too few of them at matching poses.
   */
  change(): IdentityChange | null {
    if (this.cached !== undefined) return this.cached;
    this.cached = null;
    if (this.nBefore < this.o.minFrames || this.nAfter < this.o.minFrames) return null;
    const matched = this.nMatched;
    if (matched < this.o.minFrames) return null;
    let worst: IdentityChange | null = null;
    for (let i = 0; i < RATIOS.length; i++) {
      const share = Math.abs(this.median(this.diffs[i]!, matched));
      if (!worst || share > worst.share)
        worst = {
          share,
          ratio: RATIOS[i]!,
          before: this.median(this.refVals[i]!, matched),
          after: this.median(this.afterVals[i]!, matched),
        };
    }
    this.cached = worst;
    return worst;
  }

  /** Whether the face came back as another face (see `changeShare`). */
  shifted(): boolean {
    const c = this.change();
    return c !== null && c.share >= this.o.changeShare;
  }

  /** A reason for the log, for a shifted face. */
  reason(): Phrase {
    const c = this.change();
    if (!c) return words('');
    const name = c.ratio === 'noseLength' ? words('nose length') : words('face width');
    return say`the face came back with other proportions (${name} over eye distance ${c.before.toFixed(2)} → ${c.after.toFixed(2)}, ${Math.round(c.share * 100)} % apart): the picture may show another face now`;
  }

  private median(xs: Float64Array, n: number): number {
    const s = this.scratch.subarray(0, n);
    s.set(xs.subarray(0, n));
    s.sort();
    return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
  }
}
