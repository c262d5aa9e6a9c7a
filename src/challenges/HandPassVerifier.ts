import { withNote, words, type Phrase } from '../text/Phrase';
import {
  CHALLENGE_WINDOW_MS,
  because,
  type ChallengeResult,
  type ChallengeVerifier,
  type FrameDetail,
  type FrameSample,
} from './Challenge';
import { type ComparesFaces, FaceCheck, type IdentityPhase } from './FaceCheck';
import type { FaceMatchOptions, FaceSample } from './FaceMatch';
import { IdentityShift, type IdentityShiftOptions } from './IdentityShift';
import { OcclusionEvidence, type OcclusionEvidenceOptions } from './OcclusionEvidence';
import { SecondFace } from './SecondFace';
import { TWO_LAYERS_OVERLAP } from '../features/FeatureFrame';
import {
  coveredWords,
  jumpedWords,
  noHandWords,
  noRestWords,
  offSizeWords,
  SECOND_FACE,
} from './handPassWords';

/** Options for {@link HandPassVerifier}. */
export interface HandPassOptions {
  /** Response window after the ask, ms (default 15000). */
  windowMs?: number;
  /**
   * Frames at the start that set the resting face box and look, ms (default 600). The head must hold
   * still through them (its pose within `restDeg`); asked while it moves, the rest is taken once it
   * has held still that long.
   */
  baselineMs?: number;
  /** Widest pose range, degrees, of a head at rest while the baseline is taken (default 10). */
  restDeg?: number;
  /** The face box off its resting width or height by more than this share is disturbed (default 0.12). */
  disturbShare?: number;
  /**
   * The resting box is the median of the undisturbed frames of this long before, ms (default 1000): a
   * face that drifts slowly (leaning back in the chair) moves its rest with it, while a hand changes
   * the box within a few frames.
   */
  restMs?: number;
  /** A disturbance must last this long to count as an occlusion, ms (default 120). */
  minOcclusionMs?: number;
  /** After the pass the face must be back within this share of its resting height (default 0.2). */
  backWithinShare?: number;
  /** Back to a face more than this share off its resting height is a snap, not a return (default 0.35). */
  snapShare?: number;
  /**
   * Back at a place more than this many resting face sizes from where it was just before the
   * disturbance is a jump of the picture (a cut, a looped or skipped stretch of video), not a hand
   * passing in front of a face that stays put (default 0.4).
   */
  jumpShare?: number;
  /**
   * Face crops for the face-recognition comparison are taken this long before the occlusion began
   * and after it ended at the earliest, ms (default 300): a hand on its way in or out distorts them.
   */
  identityMarginMs?: number;
  /**
   * Once the face is back, the verdict waits this long for the face-recognition comparison, past the
   * response window if need be, ms (default 20 000: describing eight faces takes about 2 s on an idle
   * 2-core machine; beside busy processes, in a worker that shares the cores with the frame loop, 10 s
   * left 7 of 18 passes at load 2 without a comparison).
   */
  identityWaitMs?: number;
  /**
   * A disturbance around which the tracked head turned or nodded through more than this, degrees, is
   * the head moving, not a hand (default 25): a turn narrows the box and changes the skin's light as
   * a hand does, and a fast one loses the face for a moment. The pose is read from `steadyAroundMs`
   * before the disturbance to as long after it.
   */
  turnedDeg?: number;
  /** How long before and after a disturbance the head's pose is read, ms (default 500). */
  steadyAroundMs?: number;
  /** A second face counts only over the first by this intersection over union (default TWO_LAYERS_OVERLAP; see SecondFace). */
  layersOverlap?: number;
  identity?: IdentityShiftOptions;
  faces?: FaceMatchOptions;
  pixels?: OcclusionEvidenceOptions;
}

/**
 * Hand across the face. A hand in front of a real face makes the face mesh lose the face or warp its
 * outline for a moment, after which the same face returns. What this can tell from landmarks alone:
 * an occlusion was seen and the face came back as it was (passed); a second face, or a face of another
 * size or other proportions coming back, while the hand passed (failed: a swap that lost its track
 * and fell back to another face); nothing disturbed the face at all (not performed:
 * either the hand never crossed it, or the video kept drawing the face over it — ask again and look).
 * Size and proportions do not tell whose face came back: a colour-matched swap switching to the
 * original footage behind the hand keeps both. Where the analyzer can describe faces
 * ({@link expectFaces}), face-recognition descriptors of the face at rest and of the face back are
 * compared ({@link FaceMatch}): another person fails the pass, a doubtful likeness cannot be judged.
 */
export class HandPassVerifier implements ChallengeVerifier, ComparesFaces {
  readonly kind = 'hand-pass' as const;
  readonly deadlineMs: number;
  private readonly o: Required<Omit<HandPassOptions, 'identity' | 'faces' | 'pixels'>>;
  private readonly identity: IdentityShift;
  /** Face-recognition descriptors before and after the pass, when the analyzer can compute them. */
  private readonly faces: FaceCheck;
  private lastOff = false;
  private returnedAtMs = NaN;
  private readonly pixels: OcclusionEvidence;
  /** Frames whose pixels showed the face covered while the mesh held its outline. */
  private pixelFrames = 0;
  private readonly base: { w: number[]; h: number[]; yaw: number[]; pitch: number[] } = {
    w: [],
    h: [],
    yaw: [],
    pitch: [],
  };
  /** When the baseline being taken began (the ask, or the last time the head moved during it). */
  private baseFromMs: number;
  /** Whether the head moved while the baseline was being taken (it then started again). */
  private baseMoved = false;
  /** Undisturbed frames' boxes of the last `restMs`, which the resting box is read from. */
  private readonly calm: { t: number; w: number; h: number }[] = [];
  private restW = NaN;
  private restH = NaN;
  private disturbedSinceMs = NaN;
  private occlusion: { fromMs: number; toMs: number } | null = null;
  private afterH: number[] = [];
  /** Face centre on the last undisturbed frame (before any occlusion), and on the first one back. */
  private calmCx = NaN;
  private calmCy = NaN;
  private beforeCx = NaN;
  private beforeCy = NaN;
  private backCx = NaN;
  private backCy = NaN;
  private secondFaceAtMs = NaN;
  /** Poses of the face's latest frames (the last `steadyAroundMs`), and their range around this disturbance. */
  private readonly poses: { t: number; yaw: number; pitch: number }[] = [];
  private readonly turn = { yawMin: NaN, yawMax: NaN, pitchMin: NaN, pitchMax: NaN };
  /** Disturbances that were the head turning, not a hand. */
  private headTurns = 0;
  private readonly secondFace: SecondFace;
  private frames = 0;
  private lastMs: number;

  constructor(
    readonly startMs: number,
    opts: HandPassOptions = {},
  ) {
    this.o = {
      windowMs: CHALLENGE_WINDOW_MS['hand-pass'],
      baselineMs: 600,
      restDeg: 10,
      disturbShare: 0.12,
      restMs: 1000,
      minOcclusionMs: 120,
      backWithinShare: 0.2,
      snapShare: 0.35,
      jumpShare: 0.4,
      identityMarginMs: 300,
      identityWaitMs: 20_000,
      layersOverlap: TWO_LAYERS_OVERLAP,
      turnedDeg: 25,
      steadyAroundMs: 500,
      ...opts,
    };
    this.identity = new IdentityShift(opts.identity);
    this.secondFace = new SecondFace(this.o.layersOverlap);
    this.faces = new FaceCheck(words('the hand'), opts.faces);
    this.pixels = new OcclusionEvidence(opts.pixels);
    this.deadlineMs = startMs + this.o.windowMs;
    this.lastMs = startMs;
    this.baseFromMs = startMs;
  }

  addFrame(f: FrameSample, detail?: FrameDetail): void {
    const t = f.timestampMs;
    if (t < this.startMs) return;
    this.frames++;
    this.lastMs = t;
    if (Number.isNaN(this.restH)) {
      this.identity.add(f, detail?.shape, !f.facePresent);
      this.pixels.add(f.facePresent ? detail?.look : undefined);
      const b = this.base;
      if (f.facePresent) {
        b.w.push(f.bboxW);
        b.h.push(f.bboxH);
        if (Number.isFinite(f.yawDeg) && Number.isFinite(f.pitchDeg)) {
          b.yaw.push(f.yawDeg);
          b.pitch.push(f.pitchDeg);
        }
        this.calm.push({ t, w: f.bboxW, h: f.bboxH });
      }
      this.notePose(f);
      const range = (xs: number[]) => (xs.length ? Math.max(...xs) - Math.min(...xs) : 0);
      if (range(b.yaw) > this.o.restDeg || range(b.pitch) > this.o.restDeg) {
        // Asked while the head moved: the rest is taken from here, once it holds still.
        for (const xs of [b.w, b.h, b.yaw, b.pitch, this.calm]) xs.length = 0;
        this.pixels.reset();
        this.baseFromMs = t;
        this.baseMoved = true;
      } else if (t - this.baseFromMs >= this.o.baselineMs && b.h.length >= 3) {
        this.restW = middle(b.w);
        this.restH = middle(b.h);
      }
      return;
    }
    if (this.secondFace.add(f) && Number.isNaN(this.secondFaceAtMs)) this.secondFaceAtMs = t;
    const outlineOff =
      !f.facePresent ||
      Math.abs(f.bboxW / this.restW - 1) > this.o.disturbShare ||
      Math.abs(f.bboxH / this.restH - 1) > this.o.disturbShare;
    // The mesh often keeps a face's outline through a hand: the face's own pixels tell then.
    const pixelsOff = f.facePresent && this.pixels.add(detail?.look);
    if (pixelsOff && !outlineOff && !this.occlusion) this.pixelFrames++;
    const off = outlineOff || pixelsOff;
    this.lastOff = off;
    this.identity.add(f, detail?.shape, off);
    if (this.occlusion && !Number.isNaN(this.occlusion.toMs)) {
      // After the pass: how the face came back, and whether the head held still around it.
      if (t <= this.occlusion.toMs + this.o.steadyAroundMs) {
        this.widenTurn(f);
        if (this.turned()) {
          // The head was turning: the face lost on the way was not covered by a hand.
          this.headTurns++;
          this.occlusion = null;
          this.afterH = [];
          this.startCalm(f);
          return;
        }
      }
      if (f.facePresent && this.afterH.length < 10) this.afterH.push(f.bboxH);
      return;
    }
    if (off) {
      if (Number.isNaN(this.disturbedSinceMs)) {
        this.disturbedSinceMs = t;
        this.beforeCx = this.calmCx;
        this.beforeCy = this.calmCy;
        // The pose just before: a head already turning when the face was lost.
        const { turn } = this;
        turn.yawMin = turn.yawMax = turn.pitchMin = turn.pitchMax = NaN;
        for (const p of this.poses) if (p.t >= t - this.o.steadyAroundMs) this.widenTurn(p);
      }
      this.widenTurn(f);
    } else {
      if (!Number.isNaN(this.disturbedSinceMs)) {
        this.widenTurn(f);
        // The head turning changes the box and the skin's light as a hand does: not an occlusion.
        if (this.turned()) this.headTurns++;
        else if (t - this.disturbedSinceMs >= this.o.minOcclusionMs) {
          this.occlusion = { fromMs: this.disturbedSinceMs, toMs: t };
          this.backCx = f.bboxX + f.bboxW / 2;
          this.backCy = f.bboxY + f.bboxH / 2;
        }
        this.disturbedSinceMs = NaN;
      }
      this.startCalm(f);
    }
    this.notePose(f);
  }

  /** An undisturbed frame: where the face rests now, and its resting box over the last `restMs`. */
  private startCalm(f: FrameSample): void {
    if (!f.facePresent) return;
    this.calmCx = f.bboxX + f.bboxW / 2;
    this.calmCy = f.bboxY + f.bboxH / 2;
    const t = f.timestampMs;
    const calm = this.calm;
    calm.push({ t, w: f.bboxW, h: f.bboxH });
    while (calm[0]!.t < t - this.o.restMs) calm.shift();
    this.restW = middle(calm.map((c) => c.w));
    this.restH = middle(calm.map((c) => c.h));
  }

  /** Keeps the face's pose of the last `steadyAroundMs`. */
  private notePose(f: FrameSample): void {
    const t = f.timestampMs;
    while (this.poses.length > 0 && this.poses[0]!.t < t - this.o.steadyAroundMs) this.poses.shift();
    if (f.facePresent && Number.isFinite(f.yawDeg) && Number.isFinite(f.pitchDeg))
      this.poses.push({ t, yaw: f.yawDeg, pitch: f.pitchDeg });
  }

  /** Widens the pose range around the current disturbance by a frame (or a kept pose). */
  private widenTurn(p: FrameSample | { yaw: number; pitch: number }): void {
    const yaw = 'yaw' in p ? p.yaw : p.facePresent ? p.yawDeg : NaN;
    const pitch = 'pitch' in p ? p.pitch : p.facePresent ? p.pitchDeg : NaN;
    if (!Number.isFinite(yaw) || !Number.isFinite(pitch)) return;
    const r = this.turn;
    r.yawMin = Number.isNaN(r.yawMin) ? yaw : Math.min(r.yawMin, yaw);
    r.yawMax = Number.isNaN(r.yawMax) ? yaw : Math.max(r.yawMax, yaw);
    r.pitchMin = Number.isNaN(r.pitchMin) ? pitch : Math.min(r.pitchMin, pitch);
    r.pitchMax = Number.isNaN(r.pitchMax) ? pitch : Math.max(r.pitchMax, pitch);
  }

  /** Whether the head turned or nodded through more than `turnedDeg` around the disturbance. */
  private turned(): boolean {
    const r = this.turn;
    return r.yawMax - r.yawMin > this.o.turnedDeg || r.pitchMax - r.pitchMin > this.o.turnedDeg;
  }

  /** The analyzer can describe faces: the verdict waits (up to `identityWaitMs`) for their comparison. */
  expectFaces(): void {
    this.faces.expect();
  }

  /**
   * Whether this frame's face crop is wanted for the face-recognition comparison: 'before' while the
   * face rests before any occlusion (usable only if it proves to be `identityMarginMs` before the
   * occlusion, see {@link usableBefore}), 'after' once the face has been back that long.
   */
  identityPhase(f: FrameSample): IdentityPhase | null {
    if (!this.faces.pending || !f.facePresent) return null;
    // Before: from the ask on, the resting-box frames included (a hand can come at once).
    if (!this.occlusion) return Number.isNaN(this.disturbedSinceMs) && !this.lastOff ? 'before' : null;
    if (Number.isNaN(this.occlusion.toMs) || this.lastOff) return null;
    // After the head has been seen holding still past the pass (else it may prove a turn).
    const settledMs = Math.max(this.o.identityMarginMs, this.o.steadyAroundMs);
    return f.timestampMs > this.occlusion.toMs + settledMs ? 'after' : null;
  }

  /** Whether a 'before' crop taken at `timestampMs` lies far enough before the occlusion. */
  usableBefore(timestampMs: number): boolean {
    return this.occlusion !== null && timestampMs <= this.occlusion.fromMs - this.o.identityMarginMs;
  }

  addFace(phase: IdentityPhase, face: FaceSample): void {
    this.faces.add(phase, face);
  }

  /** The analyzer has described what it could; `note` says why there is no comparison, if there is none. */
  facesDone(note?: Phrase): void {
    this.faces.done(note);
  }

  verdict(nowMs: number): ChallengeResult | null {
    // Back: five frames of the face after the pass, and its proportions comparable (or ten frames).
    const back =
      this.occlusion &&
      this.lastMs > this.occlusion.toMs + this.o.steadyAroundMs &&
      this.afterH.length >= 5 &&
      (this.identity.change() !== null || this.afterH.length >= 10);
    if (back && Number.isNaN(this.returnedAtMs)) this.returnedAtMs = nowMs;
    // ... and, where faces can be described, their comparison in (or given up on).
    const waitingForFaces = back && this.faces.pending && nowMs - this.returnedAtMs < this.o.identityWaitMs;
    if (waitingForFaces || (!back && nowMs < this.deadlineMs)) return null;
    const base = {
      kind: this.kind,
      fromMs: this.startMs,
      toMs: Math.min(nowMs, this.deadlineMs),
      measured: { frames: this.frames } as Record<string, number>,
    };
    if (Number.isNaN(this.restH))
      return {
        ...base,
        verdict: 'cannot-judge',
        feedBroke: false,
        ...because([noRestWords(this.baseMoved, this.o.baselineMs)]),
      };
    if (!this.occlusion)
      return {
        ...base,
        verdict: 'not-performed',
        feedBroke: false,
        ...because([noHandWords(this.headTurns)]),
      };
    const occludedMs = this.occlusion.toMs - this.occlusion.fromMs;
    const afterH = [...this.afterH].sort((a, b) => a - b)[Math.floor(this.afterH.length / 2)] ?? NaN;
    const change = Math.abs(afterH / this.restH - 1);
    base.measured.occludedMs = occludedMs;
    base.measured.pixelCoveredFrames = this.pixelFrames;
    base.measured.returnSizeChange = change;
    // How far the face came back from where it was just before, in resting face sizes (widths across,
    // heights up and down; NaN if the hand came before any undisturbed frame).
    const moved = Math.hypot(
      (this.backCx - this.beforeCx) / this.restW,
      (this.backCy - this.beforeCy) / this.restH,
    );
    if (Number.isFinite(moved)) base.measured.returnMoveShare = moved;
    const second = !Number.isNaN(this.secondFaceAtMs);
    const identity = this.identity.change();
    if (identity) base.measured.identityChange = identity.share;
    const shifted = this.identity.shifted();
    const faces = this.faces.result();
    this.faces.measure(base.measured);
    const otherPerson = faces !== null && faces.reading === 'different';
    if (second || change > this.o.snapShare || shifted || otherPerson)
      return {
        ...base,
        verdict: 'failed',
        feedBroke: true,
        ...because([
          second
            ? SECOND_FACE
            : shifted
              ? this.identity.reason()
              : otherPerson
                ? this.faces.differentReason(faces)
                : offSizeWords(change, true),
        ]),
      };
    if (moved > this.o.jumpShare)
      return {
        ...base,
        verdict: 'cannot-judge',
        feedBroke: false,
        ...because([jumpedWords(occludedMs, moved)]),
      };
    if (change > this.o.backWithinShare)
      return {
        ...base,
        verdict: 'cannot-judge',
        feedBroke: false,
        ...because([offSizeWords(change, false)]),
      };
    if (faces?.reading === 'unsure')
      return {
        ...base,
        verdict: 'cannot-judge',
        feedBroke: false,
        ...because([this.faces.unsureReason(faces, words('the hand was seen and the face came back'))]),
      };
    const covered = coveredWords(occludedMs, identity ? identity.share : null);
    return {
      ...base,
      verdict: 'passed',
      feedBroke: false,
      ...because([withNote(covered, this.faces.passNote())]),
    };
  }
}

/** The median (the upper one of an even count) of a short list. */
function middle(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}
