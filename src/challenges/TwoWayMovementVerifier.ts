import { english, joined, say, withNote, words, type Phrase } from '../text/Phrase';
import {
  because,
  type ChallengeResult,
  type ChallengeVerifier,
  type FrameDetail,
  type FrameSample,
} from './Challenge';
import { type ComparesFaces, FaceCheck, type IdentityPhase } from './FaceCheck';
import type { FaceMatchOptions, FaceSample } from './FaceMatch';
import { FeedIntegrity, type FeedIntegrityOptions, isGlitch } from './FeedIntegrity';
import { IdentityShift, type IdentityShiftOptions } from './IdentityShift';
import type { TwoWaySpec } from './TwoWaySpec';
import { notSeenWords, performedWords } from './twoWayWords';

/**
 * A face lost just after it was beyond the threshold and found again still on that side (at least
 * `attemptShare` of the threshold) went out of the tracker's reach and came back — turned past what
 * it follows, or too small to find when leaning back — and the way counts as held through the gap up
 * to this long, ms. Longer, or found again anywhere else, the gap ends the hold as before.
 */
export const OUT_OF_REACH_MAX_MS = 2500;

/** Options beyond the spec. */
export interface TwoWayOptions {
  /** Time after the ask before a resting value is taken (the median of every frame so far), ms (default 600). */
  baselineMs?: number;
  /** After both ways are done, keep watching this long for breaks on the way back, ms (default 800). */
  settleMs?: number;
  /**
   * After both ways are done, wait up to this long for the face to come back to the front, so its
   * proportions can be compared with those before the movement, ms (default 2500).
   */
  returnMs?: number;
  /** A way counts as attempted once the measure reached this share of the threshold (default 0.6). */
  attemptShare?: number;
  /** Fewest analysed frames per second for a verdict (default 6). */
  minFps?: number;
  /** A face lost this long after one way was done makes the verdict "cannot judge", ms (default 1000). */
  lossMs?: number;
  /** A head turned or tilted past this is away from the frontal view the face's proportions are compared in, degrees (default 25). */
  awayDeg?: number;
  /**
   * Face crops before the movement count for the face-recognition comparison if taken this long
   * before the movement that did both ways left the rest (its measure last short of `attemptShare` of
   * the threshold) or earlier, ms (default 300).
   */
  identityMarginMs?: number;
  /**
   * Ways done in two movements with a rest of at least this between them (the measure within
   * `attemptShare` of the threshold from rest throughout), ms (default 1000): the face before is then
   * the one at that rest, the last seen before the movement that finished the challenge. A swap that
   * lost its track in the first movement shows its fallback face there, and a swap that falls back
   * twice comes back as the face it first showed, which a comparison with the face before the first
   * movement would pass (seen at 5 frames/s, where the first lean's hold was missed).
   */
  restBetweenMs?: number;
  /**
   * Once both ways are done, the verdict waits up to this long for the face-recognition comparison,
   * past the response window if need be, ms (default 20 000; see HandPassOptions.identityWaitMs).
   */
  identityWaitMs?: number;
  integrity?: FeedIntegrityOptions;
  identity?: IdentityShiftOptions;
  faces?: FaceMatchOptions;
}

interface Way {
  peak: number;
  runStartMs: number;
  lastBeyondMs: number;
  bestRunMs: number;
  doneAtMs: number;
  /** Where the run that completed the way began, ms. */
  doneRunStartMs: number;
  /** Longest gap held through out of the tracker's reach ({@link OUT_OF_REACH_MAX_MS}) in the current run, ms. */
  runOutOfReachMs: number;
  /** The same, in the run that completed the way, ms. */
  outOfReachMs: number;
  /** Last time the measure was short of `attemptShare` of the threshold this way, ms. */
  calmMs: number;
  /** `calmMs` when the current run began: where the movement towards it left the rest, ms. */
  runLeftRestMs: number;
  /** The same, for the run that completed the way, ms. */
  leftRestMs: number;
}

const newWay = (): Way => ({
  peak: 0,
  runStartMs: NaN,
  lastBeyondMs: NaN,
  bestRunMs: 0,
  doneAtMs: NaN,
  doneRunStartMs: NaN,
  runOutOfReachMs: 0,
  outOfReachMs: 0,
  calmMs: NaN,
  runLeftRestMs: NaN,
  leftRestMs: NaN,
});

/**
 * Verifies a movement the candidate makes both ways (turn to each side; look up and down; lean in
 * and back): each way must pass the threshold and be held; the feed must not break meanwhile. Where
 * the analyzer can describe faces ({@link expectFaces}), the face at rest before the movement and
 * the face back at rest after it are compared by face recognition: a swap that lost its track at the
 * far point (turned past what it follows, too small when leaning back) and came back as the face it
 * covered fails the challenge, as it does the hand pass.
 */
export class TwoWayMovementVerifier implements ChallengeVerifier, ComparesFaces {
  readonly kind: TwoWaySpec['kind'];
  readonly deadlineMs: number;
  private readonly o: Required<Omit<TwoWayOptions, 'integrity' | 'identity' | 'faces'>>;
  private readonly integrity: FeedIntegrity;
  private readonly identity: IdentityShift;
  private readonly faces: FaceCheck;
  /**
   * From the last scan: the resting value; when the movements that did both ways left the rest (the
   * earlier of the two, NaN until both are done); when both ways were done.
   */
  private base = NaN;
  private movedAtMs = NaN;
  private bothDoneAtMs = NaN;
  private readonly ways: [Way, Way] = [newWay(), newWay()];
  /** Every analysed frame's time and measure (NaN without a face), for the retrospective scan. */
  private readonly ts: Float64Array;
  private readonly vs: Float64Array;
  private readonly scratch: Float64Array;
  private n = 0;
  private frames = 0;
  private faceFrames = 0;
  private lastMs: number;
  private lostSinceMs = NaN;
  private longestLossMs = 0;

  constructor(
    readonly startMs: number,
    private readonly spec: TwoWaySpec,
    opts: TwoWayOptions = {},
  ) {
    this.kind = spec.kind;
    this.deadlineMs = startMs + spec.windowMs;
    this.o = {
      baselineMs: 600,
      settleMs: 800,
      returnMs: 2500,
      attemptShare: 0.6,
      minFps: 6,
      lossMs: 1000,
      awayDeg: 25,
      identityMarginMs: 300,
      restBetweenMs: 1000,
      identityWaitMs: 20_000,
      ...opts,
    };
    this.integrity = new FeedIntegrity(opts.integrity);
    this.identity = new IdentityShift(opts.identity);
    this.faces = new FaceCheck(words('the movement'), opts.faces);
    this.lastMs = startMs;
    // Room for 40 frames a second over the window: more than the analyzer ever sends.
    const cap = Math.ceil((spec.windowMs / 1000) * 40);
    this.ts = new Float64Array(cap);
    this.vs = new Float64Array(cap);
    this.scratch = new Float64Array(cap);
  }

  private raw(f: FrameSample): number {
    switch (this.spec.measure) {
      case 'yaw':
        return f.yawDeg;
      case 'pitch':
        return f.pitchDeg;
      case 'size':
        return f.faceHeightPx > 0 ? Math.log(f.faceHeightPx) : NaN;
    }
  }

  addFrame(f: FrameSample, detail?: FrameDetail): void {
    if (f.timestampMs < this.startMs) return;
    this.frames++;
    this.lastMs = f.timestampMs;
    this.integrity.add(f);
    const away =
      !f.facePresent || !(Math.abs(f.yawDeg) <= this.o.awayDeg) || !(Math.abs(f.pitchDeg) <= this.o.awayDeg);
    this.identity.add(f, detail?.shape, away);
    const t = f.timestampMs;
    const v = f.facePresent ? this.raw(f) : NaN;
    if (f.facePresent) {
      this.faceFrames++;
      this.lostSinceMs = NaN;
    } else {
      if (Number.isNaN(this.lostSinceMs)) this.lostSinceMs = t;
      this.longestLossMs = Math.max(this.longestLossMs, t - this.lostSinceMs);
    }
    if (this.n < this.ts.length) {
      this.ts[this.n] = t;
      this.vs[this.n] = v;
      this.n++;
    }
  }

  expectFaces(): void {
    this.faces.expect();
  }

  /**
   * 'before' until both ways are done (usable only if it proves to lie `identityMarginMs` before the
   * movement that did them, see {@link usableBefore}: a candidate asked mid-movement rests first, or
   * moves twice), 'after' once both are done, `settleMs` have passed and the face is back near its
   * rest (within half the threshold). Not only frontal views: a camera below the face reads a resting
   * pitch of 30° (one of the shared clips), and the comparison matches the poses anyway.
   */
  identityPhase(f: FrameSample): IdentityPhase | null {
    if (!this.faces.pending || !f.facePresent) return null;
    if (Number.isNaN(this.bothDoneAtMs)) return 'before';
    if (f.timestampMs < this.bothDoneAtMs + this.o.settleMs) return null;
    const rest = this.spec.reference === 'baseline' ? this.base : 0;
    return Math.abs(this.raw(f) - rest) < 0.5 * this.spec.threshold ? 'after' : null;
  }

  usableBefore(timestampMs: number): boolean {
    return timestampMs <= this.movedAtMs - this.o.identityMarginMs;
  }

  addFace(phase: IdentityPhase, face: FaceSample): void {
    this.faces.add(phase, face);
  }

  facesDone(note?: Phrase): void {
    this.faces.done(note);
  }

  /**
   * Recomputes both ways from the samples so far. The resting value ('baseline' reference) is the
   * median over all of them — the candidate rests most of the window, and a candidate who was asked
   * while still leaning in must not shift the rest — once `baselineMs` of samples exist.
   */
  private scanWays(): void {
    this.ways[0] = newWay();
    this.ways[1] = newWay();
    this.movedAtMs = NaN;
    if (this.n === 0) return;
    let base = 0;
    if (this.spec.reference === 'baseline') {
      if (this.ts[this.n - 1]! - this.startMs < this.o.baselineMs) return;
      let k = 0;
      for (let i = 0; i < this.n; i++) if (Number.isFinite(this.vs[i]!)) this.scratch[k++] = this.vs[i]!;
      if (k < 3) return;
      const sorted = this.scratch.subarray(0, k).sort();
      base = sorted[Math.floor(k / 2)]!;
    }
    this.base = base;
    const attempt = this.o.attemptShare * this.spec.threshold;
    for (let w = 0; w < 2; w++) {
      const way = this.ways[w]!;
      const sign = w === 0 ? 1 : -1;
      for (let i = 0; i < this.n; i++) {
        let t = this.ts[i]!;
        const signed = sign * (this.vs[i]! - base);
        if (Number.isFinite(signed) && signed > way.peak) way.peak = signed;
        if (signed < attempt) way.calmMs = t;
        const beyond = Number.isFinite(signed) && signed >= this.spec.threshold;
        const bridged = !Number.isFinite(signed) && t - way.lastBeyondMs <= this.spec.bridgeMs;
        if (beyond) {
          if (Number.isNaN(way.runStartMs)) {
            way.runStartMs = t;
            way.runOutOfReachMs = 0;
            way.runLeftRestMs = way.calmMs;
          }
          way.lastBeyondMs = t;
        } else if (!bridged && !Number.isFinite(signed) && !Number.isNaN(way.runStartMs)) {
          // Lost in a hold: held through if found again soon enough, still on this side.
          let j = i + 1;
          while (j < this.n && !Number.isFinite(this.vs[j]!)) j++;
          const found = j < this.n ? sign * (this.vs[j]! - base) : NaN;
          const gapMs = j < this.n ? this.ts[j]! - way.lastBeyondMs : Infinity;
          if (gapMs <= OUT_OF_REACH_MAX_MS && found >= attempt) {
            way.runOutOfReachMs = Math.max(way.runOutOfReachMs, gapMs);
            i = j - 1;
            t = this.ts[i]!;
            way.lastBeyondMs = t;
          } else way.runStartMs = NaN;
        } else if (!bridged) {
          way.runStartMs = NaN;
        }
        if (!Number.isNaN(way.runStartMs)) {
          const run = way.lastBeyondMs - way.runStartMs;
          if (run > way.bestRunMs) way.bestRunMs = run;
          if (run >= this.spec.holdMs && Number.isNaN(way.doneAtMs)) {
            way.doneAtMs = t;
            way.doneRunStartMs = way.runStartMs;
            way.outOfReachMs = way.runOutOfReachMs;
            way.leftRestMs = way.runLeftRestMs;
          }
        }
      }
    }
    // When the first of the completing movements left the rest: NaN until both ways are done. A way
    // already held when asked (no rest seen before it) leaves the other way's start. Ways done in two
    // movements with a rest between: when the second left that rest (see restBetweenMs).
    const [a, b] = this.ways;
    if (Number.isNaN(a.doneAtMs) || Number.isNaN(b.doneAtMs)) this.movedAtMs = NaN;
    else {
      const [first, second] = a.doneAtMs <= b.doneAtMs ? [a, b] : [b, a];
      this.movedAtMs =
        !Number.isNaN(second.leftRestMs) &&
        this.restedBetween(first.doneAtMs, second.doneRunStartMs, base, attempt)
          ? second.leftRestMs
          : Number.isNaN(a.leftRestMs)
            ? b.leftRestMs
            : Number.isNaN(b.leftRestMs)
              ? a.leftRestMs
              : Math.min(a.leftRestMs, b.leftRestMs);
    }
  }

  /** Whether the measure rested (within `attempt` of `base`, face seen) for `restBetweenMs` between two times. */
  private restedBetween(fromMs: number, toMs: number, base: number, attempt: number): boolean {
    let since = NaN;
    for (let i = 0; i < this.n; i++) {
      const t = this.ts[i]!;
      if (t <= fromMs) continue;
      if (t >= toMs) break;
      const off = Math.abs(this.vs[i]! - base);
      if (off < attempt) {
        if (Number.isNaN(since)) since = t;
        if (t - since >= this.o.restBetweenMs) return true;
      } else since = NaN;
    }
    return false;
  }

  verdict(nowMs: number): ChallengeResult | null {
    this.scanWays();
    const [a, b] = this.ways;
    const bothDoneAt = Math.max(a.doneAtMs, b.doneAtMs);
    this.bothDoneAtMs = bothDoneAt;
    const done = !Number.isNaN(bothDoneAt);
    if (done && nowMs < this.deadlineMs) {
      if (nowMs < bothDoneAt + this.o.settleMs) return null;
      if (this.identity.change() === null && nowMs < bothDoneAt + this.o.returnMs) return null;
    }
    // The comparison may finish after the response window: a verdict without it is weaker.
    if (done && this.faces.pending && nowMs < bothDoneAt + this.o.identityWaitMs) return null;
    if (!done && nowMs < this.deadlineMs) return null;

    const measured: Record<string, number> = {
      [`peak_${english(this.spec.ways[0]).replace(/\W+/g, '_')}`]: a.peak,
      [`peak_${english(this.spec.ways[1]).replace(/\W+/g, '_')}`]: b.peak,
      heldMsWay1: a.bestRunMs,
      heldMsWay2: b.bestRunMs,
      frames: this.frames,
      faceShare: this.frames ? this.faceFrames / this.frames : 0,
    };
    const spanMs = Math.max(1, this.lastMs - this.startMs);
    const fps = (this.frames * 1000) / spanMs;
    const shifted = this.identity.shifted();
    const identityChange = this.identity.change();
    // A face that came back as another face is the strongest break: it leads the reasons (no single time).
    // A jump of the face box alone is a glitch, not a break: see below.
    const hard = this.integrity.breaks.filter((x) => !isGlitch(x));
    const glitches = this.integrity.breaks.filter(isGlitch);
    const breaks = shifted ? [{ atMs: NaN, what: this.identity.reason() }, ...hard] : hard;
    if (identityChange) measured.identityChange = identityChange.share;
    const base = {
      kind: this.kind,
      fromMs: this.startMs,
      toMs: Math.min(nowMs, this.deadlineMs),
      feedBroke: breaks.length > 0,
      measured: { ...measured, breaks: breaks.length, glitches: glitches.length },
    };
    const when = (x: { atMs: number; what: Phrase }): Phrase =>
      Number.isNaN(x.atMs)
        ? x.what
        : say`${x.what} (${((x.atMs - this.startMs) / 1000).toFixed(1)} s after the ask)`;
    const breakReasons = breaks.slice(0, 3).map(when);
    const attempted = [a, b].filter((w) => w.peak >= this.o.attemptShare * this.spec.threshold).length;
    if (done) {
      const how = performedWords(this.spec, [a.peak, b.peak], [a.outOfReachMs, b.outOfReachMs]);
      const faces = this.faces.result();
      this.faces.measure(base.measured);
      if (breaks.length > 0)
        return {
          ...base,
          verdict: 'failed',
          ...because([...breakReasons, say`performed (${how}), but the video broke while it was done`]),
        };
      if (faces?.reading === 'different')
        return {
          ...base,
          verdict: 'failed',
          feedBroke: true,
          ...because([this.faces.differentReason(faces), say`performed (${how})`]),
        };
      if (faces?.reading === 'unsure')
        return {
          ...base,
          verdict: 'cannot-judge',
          ...because([this.faces.unsureReason(faces, say`performed (${how}) with the video intact`)]),
        };
      // The face box jumping between two frames: a swap snapping to the face, or the landmarker
      // mismeasuring a frame, which it does on genuine faces when a busy computer leaves 200 ms between
      // frames. Only face recognition can tell them apart.
      if (glitches.length > 0 && faces?.reading !== 'same')
        return {
          ...base,
          verdict: 'cannot-judge',
          ...because([
            ...glitches.slice(0, 2).map(when),
            say`performed (${how}), but the face's measured size or place jumped between two frames, which a tracking glitch (a busy computer, a poor picture) does as well as a swap; without a face-recognition comparison (${this.faces.whyNone()}) it cannot be told which: ask again`,
          ]),
        };
      if (glitches.length > 0)
        return {
          ...base,
          verdict: 'passed',
          ...because([
            say`performed both ways and held (${how}); face recognition reads the same person (distance ${faces!.distance.toFixed(2)}) after the face's measured size or place jumped between two frames (${joined(glitches.slice(0, 2).map(when))}), a tracking glitch`,
          ]),
        };
      return {
        ...base,
        verdict: 'passed',
        ...because([
          withNote(
            say`performed both ways and held (${how}); the video stayed intact`,
            this.faces.passNote(),
          ),
        ]),
      };
    }
    if (this.frames < 5 || fps < this.o.minFps)
      return {
        ...base,
        verdict: 'cannot-judge',
        ...because([say`too few frames analysed (${fps.toFixed(1)}/s) to judge`]),
      };
    if (attempted > 0 && breaks.length > 0)
      return {
        ...base,
        verdict: 'failed',
        ...because([...breakReasons, words('the video broke while the movement was attempted')]),
      };
    if (this.faceFrames < 0.3 * this.frames && attempted === 0)
      return {
        ...base,
        verdict: 'cannot-judge',
        ...because([words('the face was not in view for most of the response window')]),
      };
    // One way done, and the face lost for a while: the other way may have taken it out of the tracker's
    // reach (too small when leaning back, or turned past what it follows) — cannot tell.
    if (attempted > 0 && this.longestLossMs >= this.o.lossMs)
      return {
        ...base,
        verdict: 'cannot-judge',
        ...because([
          say`the face was lost for ${(this.longestLossMs / 1000).toFixed(1)} s during the movement (too small, too far turned or out of view)`,
        ]),
      };
    const missing = [a, b].flatMap((w, way) =>
      Number.isNaN(w.doneAtMs) ? [{ way, peak: w.peak, heldMs: w.bestRunMs }] : [],
    );
    return { ...base, verdict: 'not-performed', ...because([notSeenWords(this.spec, missing)]) };
  }
}
