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
 * frame's round trip (grab, hop to the analyzer, landmarker, reply), it steps down a rung as soon as
 * the round trips no longer fit the interval (the analyzer never idle, the frames waiting on each
 * other), and back up only after a while of fitting the faster one comfortably. The landmarker's
 * warm-up at the start is not judged.
 */
export class RateGovernor {
  private readonly o: Required<RateGovernorOptions>;
  /** The latest round trips (a ring) and a scratch copy to sort: nothing allocated per frame. */
  private readonly ring: Float64Array;
  private readonly scratch: Float64Array;
  private head = 0;
  private rung = 0;
  private sinceChange = 0;
  private changedAtMs = -Infinity;
  private seen = 0;

  constructor(opts: RateGovernorOptions = {}) {
    this.o = {
      ladder: [15, 12, 10, 8, 6, 5],
      samples: 30,
      minSamples: 10,
      warmupSamples: 20,
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
    if (++this.seen <= this.o.warmupSamples) return this.fps;
    this.ring[this.head] = roundTripMs;
    this.head = (this.head + 1) % this.ring.length;
    this.sinceChange++;
    if (this.sinceChange < this.o.minSamples) return this.fps;
    const p90 = this.p90();
    const interval = 1000 / this.fps;
    if (p90 > this.o.downShare * interval && this.rung < this.o.ladder.length - 1) this.change(1, nowMs);
    else if (
      this.rung > 0 &&
      nowMs - this.changedAtMs >= this.o.holdUpMs &&
      p90 <= this.o.upShare * (1000 / this.o.ladder[this.rung - 1]!)
    )
      this.change(-1, nowMs);
    return this.fps;
  }

  /** 90th percentile (nearest rank) of the round trips since the last change, at most `samples` of them. */
  private p90(): number {
    const n = Math.min(this.sinceChange, this.ring.length);
    for (let i = 0; i < n; i++)
      this.scratch[i] = this.ring[(this.head - 1 - i + this.ring.length) % this.ring.length]!;
    const s = this.scratch.subarray(0, n).sort();
    return s[Math.min(n - 1, Math.ceil(0.9 * n) - 1)]!;
  }

  private change(step: number, nowMs: number): void {
    this.rung += step;
    this.sinceChange = 0;
    this.changedAtMs = nowMs;
  }
}
