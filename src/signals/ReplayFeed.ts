import { said, say, words } from '../text/Phrase';
import { cannotJudge, ramp, type SignalReading } from './SignalReading';
import { SeriesRing } from './SeriesRing';
import type { VisualFrame } from './VisualFrame';

/** Options for {@link ReplayFeed}. */
export interface ReplayOptions {
  /** History searched for a repeat, ms (default 60 000). */
  historyMs?: number;
  /** Frames kept (default 1200: 80 s at 15 fps). */
  capacity?: number;
  /** Pixels of one thumbnail (default 256: 16 × 16). */
  thumbPx?: number;
  /**
   * Mean grey difference (0–255) under which two consecutive frames are the same picture (default 0.05:
   * a repeated decoded frame is identical; a generated face moving only its mouth differs by ~0.2).
   */
  sameBelow?: number;
  /** Seconds of the same picture at which the frozen score is 0.5 (default 2). */
  frozenMidS?: number;
  /** Frames in the sequence that must reappear for a loop (default 12, about 1 s). */
  loopFrames?: number;
  /**
   * A loop repeats the sequence within this share of its own frame-to-frame change (default 0.5: the
   * grabber samples each pass at other instants, so a true repeat differs by up to half a frame step).
   */
  loopMatchShare?: number;
  /**
   * Evaluations in the last 10 s that found a repeat, at which the loop score is 0.5 (default 4): a
   * replay repeats at every evaluation once it comes round, a chance resemblance does not.
   */
  loopHitsMid?: number;
}

const CH_DIFF = 0;

/**
 * Frozen or replayed feed: a paused virtual camera repeats one picture; a replayed recording repeats
 * a stretch of it. Keeps a 16 × 16 grey thumbnail of every analysed frame. Frozen: consecutive
 * frames identical for seconds. Looped: the last second of frames (which must show movement)
 * reappears, in order, earlier in the history. A still person in a still room is not frozen (a real
 * camera's noise keeps frames apart) and does not loop (a still sequence is not searched).
 */
export class ReplayFeed {
  private readonly o: Required<ReplayOptions>;
  private readonly ring: SeriesRing;
  private readonly thumbs: Uint8Array;
  private head = 0;
  private count = 0;
  private frozenSinceMs = NaN;
  private longestFrozenMs = 0;
  private longestFrozenEndMs = 0;
  /** Evaluations that found a loop, with their times (the last few). */
  private readonly loopHits: number[] = [];
  private lastLoopPeriodMs = 0;

  constructor(opts: ReplayOptions = {}) {
    this.o = {
      historyMs: opts.historyMs ?? 60_000,
      capacity: opts.capacity ?? 1200,
      thumbPx: opts.thumbPx ?? 256,
      sameBelow: opts.sameBelow ?? 0.05,
      frozenMidS: opts.frozenMidS ?? 2,
      loopFrames: opts.loopFrames ?? 12,
      loopMatchShare: opts.loopMatchShare ?? 0.5,
      loopHitsMid: opts.loopHitsMid ?? 4,
    };
    this.ring = new SeriesRing(1, this.o.capacity);
    this.thumbs = new Uint8Array(this.o.capacity * this.o.thumbPx);
  }

  add(v: VisualFrame): void {
    const th = v.thumb;
    if (!th || th.length !== this.o.thumbPx) return;
    const t = v.feature.timestampMs;
    const slot = this.ring.push(t);
    const P = this.o.thumbPx;
    let diff = NaN;
    if (this.count > 0) {
      const prev = ((this.head - 1 + this.o.capacity) % this.o.capacity) * P;
      let s = 0;
      for (let i = 0; i < P; i++) s += Math.abs(th[i]! - this.thumbs[prev + i]!);
      diff = s / P;
    }
    this.ring.set(slot, CH_DIFF, diff);
    this.thumbs.set(th, this.head * P);
    this.head = (this.head + 1) % this.o.capacity;
    if (this.count < this.o.capacity) this.count++;
    if (diff < this.o.sameBelow) {
      if (Number.isNaN(this.frozenSinceMs))
        this.frozenSinceMs = this.ring.time(Math.max(0, this.ring.size - 2));
      const ms = t - this.frozenSinceMs;
      if (ms > this.longestFrozenMs) {
        this.longestFrozenMs = ms;
        this.longestFrozenEndMs = t;
      }
    } else this.frozenSinceMs = NaN;
  }

  /** Thumbnail of the i-th kept frame, oldest first (offset into `thumbs`). */
  private thumbAt(i: number): number {
    return ((this.head - this.count + i + this.o.capacity) % this.o.capacity) * this.o.thumbPx;
  }

  private dist(a: number, b: number): number {
    let s = 0;
    for (let i = 0; i < this.o.thumbPx; i++) s += Math.abs(this.thumbs[a + i]! - this.thumbs[b + i]!);
    return s / this.o.thumbPx;
  }

  /** Looks for the last `loopFrames` frames earlier in the history; returns the period, ms, or 0. */
  private findLoop(): number {
    const L = this.o.loopFrames;
    const n = this.count;
    if (n < 3 * L) return 0;
    const q0 = n - L;
    // The query must move: a still picture "repeats" trivially.
    let motion = 0;
    for (let k = 1; k < L; k++) motion += this.dist(this.thumbAt(q0 + k - 1), this.thumbAt(q0 + k));
    motion /= L - 1;
    if (motion < 1) return 0;
    const limit = this.o.loopMatchShare * motion;
    const qTime = this.ring.time(this.ring.size - L);
    const oldest = qTime - this.o.historyMs;
    let bestPeriod = 0;
    let best = Infinity;
    // Candidates end at least 2 s before the query starts.
    for (let j = 1; j + L < q0; j++) {
      const tj = this.ring.time(this.ring.size - n + j);
      if (tj < oldest || qTime - tj < 2000) continue;
      if (this.dist(this.thumbAt(j), this.thumbAt(q0)) > 2 * limit) continue;
      let sum = 0;
      for (let k = 0; k < L && sum <= limit * L; k++) {
        // The grabber samples each pass at other instants: allow the neighbouring frame.
        const q = this.thumbAt(q0 + k);
        let m = this.dist(this.thumbAt(j + k), q);
        if (j + k - 1 >= 0) m = Math.min(m, this.dist(this.thumbAt(j + k - 1), q));
        if (j + k + 1 < q0) m = Math.min(m, this.dist(this.thumbAt(j + k + 1), q));
        sum += m;
      }
      // Ties go to the later (shorter) period: a loop matches every earlier pass equally.
      if (sum / L <= best) {
        best = sum / L;
        bestPeriod = qTime - tj;
      }
    }
    return best <= limit ? bestPeriod : 0;
  }

  evaluate(nowMs: number): SignalReading {
    if (this.count < 10) return cannotJudge('replay', words('too few frames yet'));
    const period = this.findLoop();
    if (period > 0) {
      this.loopHits.push(nowMs);
      this.lastLoopPeriodMs = period;
    }
    while (this.loopHits.length && this.loopHits[0]! < nowMs - 10_000) this.loopHits.shift();
    const frozenS = this.longestFrozenMs / 1000;
    const frozenRecent = this.longestFrozenEndMs >= nowMs - this.o.historyMs;
    const sFrozen = frozenRecent ? ramp(frozenS, this.o.frozenMidS, 1) : 0;
    const sLoop = this.loopHits.length ? ramp(this.loopHits.length, this.o.loopHitsMid, 1) : 0;
    const score = Math.max(sFrozen, sLoop);
    const span = { fromMs: this.ring.time(0), toMs: nowMs };
    return {
      signal: 'replay',
      score,
      confidence: Math.min(1, this.count / 60),
      evidence:
        sLoop >= sFrozen && this.loopHits.length
          ? { fromMs: nowMs - this.lastLoopPeriodMs, toMs: nowMs }
          : sFrozen > 0.5
            ? { fromMs: this.longestFrozenEndMs - this.longestFrozenMs, toMs: this.longestFrozenEndMs }
            : span,
      value: Math.max(frozenS, this.loopHits.length),
      ...said(
        sLoop >= 0.5 && sLoop >= sFrozen
          ? say`the picture repeats: the same ${(this.o.loopFrames / 15).toFixed(0)} s of video came back after ${(this.lastLoopPeriodMs / 1000).toFixed(1)} s, frame by frame`
          : sFrozen >= 0.5
            ? say`the picture froze for ${frozenS.toFixed(1)} s (identical frames)`
            : words('the picture changes naturally (no frozen or repeated stretch)'),
      ),
    };
  }
}
