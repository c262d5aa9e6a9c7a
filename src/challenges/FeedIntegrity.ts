import { say, words, type Phrase } from '../text/Phrase';
import { TWO_LAYERS_OVERLAP } from '../features/FeatureFrame';
import type { FrameSample } from './Challenge';
import { SecondFace } from './SecondFace';

/** Options for {@link FeedIntegrity}; defaults suit a 15 fps analysis of a call's video. */
export interface FeedIntegrityOptions {
  /** A face lost for longer than this while it was roughly frontal is a dropout, ms (default 300). */
  dropoutMs?: number;
  /**
   * Losing the face counts only when it was roughly frontal both just before and just after the gap,
   * degrees (default 25): a turn far enough to lose the face, or a fast turn between two frames, is
   * not a break.
   */
  frontalYawDeg?: number;
  /**
   * Face height changing by more than this share between consecutive frames `frameMs` apart is a jump
   * (default 0.35); frames further apart may change by as many times more as they are frames apart
   * (a fast lean back halves the face in 0.6 s, 35 % in 250 ms: a skipped frame is not a snap).
   */
  sizeJumpShare?: number;
  /** Face centre moving by more than this share of the face height between consecutive frames is a jump (default 0.6), scaled like sizeJumpShare. */
  moveJumpShare?: number;
  /** The frame spacing the jump shares are meant for, ms (default 100: analysis at 10 fps or faster). */
  frameMs?: number;
  /** Consecutive frames further apart than this are not compared (the feed stalled), ms (default 250). */
  maxGapMs?: number;
  /** A face lost while under this share of its usual height was leaning back, not breaking (default 0.8). */
  smallShare?: number;
  /** A second face must be seen in this many consecutive frames to count (default 3, 0.2 s at 15 fps). */
  secondFaceFrames?: number;
  /** ...and lie over the first by at least this intersection over union (default TWO_LAYERS_OVERLAP; see SecondFace). */
  layersOverlap?: number;
  /**
   * The face's usual height follows its height with this time constant, ms (default 5000): slow
   * enough that a candidate holding a lean back for a few seconds is still small against it when the
   * tracker loses the face.
   */
  typicalTauMs?: number;
}

/**
 * What kind of break: the face vanishing while frontal, a second face, or the face box jumping in
 * size or place between two frames. A jump is a `glitch`: the landmarker mismeasures a frame or two
 * the same way when a busy computer leaves 200 ms between frames, so a jump alone cannot fail a
 * challenge (see TwoWayMovementVerifier).
 */
export type FeedBreakKind = 'vanished' | 'second-face' | 'size' | 'place';

export interface FeedBreak {
  atMs: number;
  what: Phrase;
  kind: FeedBreakKind;
}

/** Whether a break may be the tracker mismeasuring a frame rather than the picture changing. */
export function isGlitch(b: { kind: FeedBreakKind }): boolean {
  return b.kind === 'size' || b.kind === 'place';
}

/**
 * Watches the feed while a challenge is performed for the breaks a face swap shows under stress: the
 * face vanishing while still roughly frontal (the swap losing its track), the face box jumping in
 * size or place from one frame to the next (the swap snapping to, or off, the real face, or the
 * tracker glitching), and a second face appearing ("two layers"). Turning far enough to lose the face
 * is not a break.
 */
export class FeedIntegrity {
  private readonly o: Required<FeedIntegrityOptions>;
  private prev: { t: number; h: number; cx: number; cy: number; yaw: number } | null = null;
  private lostSinceMs = NaN;
  private lostAtYaw = NaN;
  private lostExplained = false;
  private readonly secondFace: SecondFace;
  /** Running average of the face height (normalised), to tell a face lost small from one lost at full size. */
  private typicalH = NaN;
  private typicalAtMs = NaN;
  readonly breaks: FeedBreak[] = [];

  constructor(opts: FeedIntegrityOptions = {}) {
    this.o = {
      dropoutMs: 300,
      frontalYawDeg: 25,
      sizeJumpShare: 0.35,
      moveJumpShare: 0.6,
      frameMs: 100,
      maxGapMs: 250,
      smallShare: 0.8,
      secondFaceFrames: 3,
      layersOverlap: TWO_LAYERS_OVERLAP,
      typicalTauMs: 5000,
      ...opts,
    };
    this.secondFace = new SecondFace(this.o.layersOverlap, this.o.secondFaceFrames);
  }

  add(f: FrameSample): void {
    const t = f.timestampMs;
    if (this.secondFace.add(f)) this.note(t, words('a second face appeared over the face'), 'second-face');
    if (!f.facePresent) {
      if (Number.isNaN(this.lostSinceMs)) {
        this.lostSinceMs = t;
        this.lostAtYaw = this.prev?.yaw ?? NaN;
        // Lost small (leaning back) or at the picture's edge (leaving it): not a break.
        const p = this.prev;
        this.lostExplained =
          !p ||
          p.h < this.o.smallShare * this.typicalH ||
          p.cx < 0.1 ||
          p.cx > 0.9 ||
          p.cy < 0.1 ||
          p.cy > 0.9;
      }
      return;
    }
    if (!Number.isNaN(this.lostSinceMs)) {
      const goneMs = t - this.lostSinceMs;
      const frontalAfter = !(Math.abs(f.yawDeg) >= this.o.frontalYawDeg);
      if (
        goneMs >= this.o.dropoutMs &&
        Math.abs(this.lostAtYaw) < this.o.frontalYawDeg &&
        frontalAfter &&
        !this.lostExplained
      )
        this.note(
          this.lostSinceMs,
          say`the face vanished for ${Math.round(goneMs)} ms while facing the camera`,
          'vanished',
        );
      this.lostSinceMs = NaN;
      this.prev = null; // do not compare across the gap
    }
    const h = f.bboxH;
    const cx = f.bboxX + f.bboxW / 2;
    const cy = f.bboxY + f.bboxH / 2;
    const p = this.prev;
    if (p && t - p.t <= this.o.maxGapMs && h > 0 && p.h > 0) {
      const sizeChange = Math.abs(h - p.h) / Math.min(h, p.h);
      const move = Math.hypot(cx - p.cx, cy - p.cy) / Math.min(h, p.h);
      const frames = Math.max(1, (t - p.t) / this.o.frameMs);
      if (sizeChange > this.o.sizeJumpShare * frames)
        this.note(
          t,
          say`the face size jumped by ${Math.round(sizeChange * 100)} % between two frames ${Math.round(t - p.t)} ms apart`,
          'size',
        );
      else if (move > this.o.moveJumpShare * frames)
        this.note(
          t,
          say`the face jumped to another place between two frames ${Math.round(t - p.t)} ms apart`,
          'place',
        );
    }
    this.prev = { t, h, cx, cy, yaw: Number.isFinite(f.yawDeg) ? f.yawDeg : (p?.yaw ?? 0) };
    const follow = 1 - Math.exp(-Math.max(0, t - this.typicalAtMs) / this.o.typicalTauMs);
    this.typicalH = Number.isNaN(this.typicalH) ? h : this.typicalH + follow * (h - this.typicalH);
    this.typicalAtMs = t;
  }

  private note(atMs: number, what: Phrase, kind: FeedBreakKind): void {
    // One entry per kind of break per half second is enough for the log.
    const last = this.breaks.at(-1);
    if (last && last.kind === kind && atMs - last.atMs < 500) return;
    this.breaks.push({ atMs, what, kind });
  }
}
