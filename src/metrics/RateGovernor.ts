/** Options for {@link RateGovernor}; the defaults are documented per field. */
export interface RateGovernorOptions {
  /** The rates it may hold, frames/s, fastest first (default 15, 12, 10, 8, 6, 5). */
  ladder?: readonly number[];
  /** Round trips it judges by, the most recent (default 30: 2 s at 15 frames/s). */
  samples?: number;
  /** Fewest round trips at a rate before it judges that rate (default 10). */
  minSamples?: number;
  /**
   * Round trips ignored at the start, while the landmarker warms up (its first frames take several
   * times as long; default 20).
   */
  warmupSamples?: number;
  /**
   * And for this long after the first round trip, ms (default 3000): on a call page the landmarker's
   * slow first frames can outlast 20 round trips (scripts/dev/startup-rate.mjs saw its p95 at 121 ms
   * against a median of 26 ms 2.4 s in, and the governor step down on them).
   */
  warmupMs?: number;
  /**
   * Steps down when the 90th percentile round trip exceeds this share of the interval (default 1):
   * frames then wait on each other, the analyzer is never idle, and the rate turns uneven.
   */
  downShare?: number;
  /** Steps up when the 90th percentile round trip fits this share of the faster rate's interval (default 0.75). */
  upShare?: number;
  /** Least time at a rate before stepping up, ms (default 10 000: a busy spell passes, not a blip). */
  holdUpMs?: number;
}

/**
 * Chooses a frame rate the machine can hold steadily: a steady 10 frames/s can be judged, a jittery
 * 15 cannot (lip-sync and the liveness signals need even frames; see quality/judgeability). Fed each
 * frame's round trip (grab, hop to the analyzer, landmarker, reply), it steps down a rung when the
 * round trips no longer fit the interval (the analyzer never idle, the frames waiting on each other)
 * twice running, over round trips that do not overlap: a few slow ones among fast ones (a seek, a
 * garbage collection) delay a frame or two and pass, while a step down holds for at least
 * `holdUpMs`, and every signal needs its rate through the whole of its span. It steps back up only
 * after a while of fitting the faster rate comfortably. The landmarker's warm-up at the start is not
 * judged.
 */
export class RateGovernor {
  private readonly o: Required<RateGovernorOptions>;
  /** The latest round trips (a ring) and a scratch copy to sort: nothing allocated per frame. */
  private readonly ring: Float64Array;
  private readonly scratch: Float64Array;
  private head = 0;
  private rung = 0;
  /** Round trips in the ring since the last change of rate or suspicion (the ones judged). */
  private judged = 0;
  private changedAtMs = -Infinity;
  private seen = 0;
  private firstMs = NaN;
  /** The round trips judged last breached the interval: the next ones, all fresh, decide. */
  private suspect = false;

  constructor(opts: RateGovernorOptions = {}) {
    this.o = {
      ladder: [15, 12, 10, 8, 6, 5],
      samples: 30,
      minSamples: 10,
      warmupSamples: 20,
      warmupMs: 3000,
      downShare: 1,
      upShare: 0.75,
      holdUpMs: 10_000,
      ...opts,
    };
    this.ring = new Float64Array(this.o.samples);
    this.scratch = new Float64Array(this.o.samples);
  }

  /** The rate to hold now, frames/s. */
  get fps(): number {
    return this.o.ladder[this.rung]!;
  }

  /** One frame's round trip, ms, finished at `nowMs`; returns the rate to hold from now on. */
  add(roundTripMs: number, nowMs: number): number {
    if (Number.isNaN(this.firstMs)) this.firstMs = nowMs;
    if (++this.seen <= this.o.warmupSamples || nowMs - this.firstMs < this.o.warmupMs) return this.fps;
    this.ring[this.head] = roundTripMs;
    this.head = (this.head + 1) % this.ring.length;
    this.judged++;
    if (this.judged < this.o.minSamples) return this.fps;
    const p90 = this.p90();
    const interval = 1000 / this.fps;
    if (p90 > this.o.downShare * interval && this.rung < this.o.ladder.length - 1) {
      if (this.suspect) this.change(1, nowMs);
      else {
        // Judge the next round trips afresh before stepping down.
        this.suspect = true;
        this.judged = 0;
      }
      return this.fps;
    }
    this.suspect = false;
    if (
      this.rung > 0 &&
      nowMs - this.changedAtMs >= this.o.holdUpMs &&
      p90 <= this.o.upShare * (1000 / this.o.ladder[this.rung - 1]!)
    )
      this.change(-1, nowMs);
    return this.fps;
  }

  /** 90th percentile (nearest rank) of the round trips judged since the last change or suspicion, at most `samples` of them. */
  private p90(): number {
    const n = Math.min(this.judged, this.ring.length);
    for (let i = 0; i < n; i++)
      this.scratch[i] = this.ring[(this.head - 1 - i + this.ring.length) % this.ring.length]!;
    const s = this.scratch.subarray(0, n).sort();
    return s[Math.min(n - 1, Math.ceil(0.9 * n) - 1)]!;
  }

  private change(step: number, nowMs: number): void {
    this.rung += step;
    this.judged = 0;
    this.suspect = false;
    this.changedAtMs = nowMs;
  }
}
