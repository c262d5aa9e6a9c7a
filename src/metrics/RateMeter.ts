/**
 * Events per second over a sliding window, from a fixed ring of timestamps (no allocation per event).
 */
export class RateMeter {
  private readonly times: Float64Array;
  private head = 0;
  private count = 0;

  /**
   * @param windowMs how far back events count (default 2000 ms)
   * @param capacity most events kept; must exceed the highest rate × window (default 256)
   */
  constructor(
    private readonly windowMs = 2000,
    capacity = 256,
  ) {
    this.times = new Float64Array(capacity);
  }

  mark(nowMs: number): void {
    this.times[this.head] = nowMs;
    this.head = (this.head + 1) % this.times.length;
    if (this.count < this.times.length) this.count++;
  }

  /** Rate in events per second over the window ending at `nowMs`; 0 with fewer than two events. */
  rate(nowMs: number): number {
    const cap = this.times.length;
    let n = 0;
    let oldest = nowMs;
    for (let i = 1; i <= this.count; i++) {
      const t = this.times[(this.head - i + cap) % cap]!;
      if (nowMs - t > this.windowMs) break;
      n++;
      oldest = t;
    }
    if (n < 2) return 0;
    // n events span (n - 1) intervals between the oldest and the newest mark.
    const newest = this.times[(this.head - 1 + cap) % cap]!;
    const spanMs = newest - oldest;
    return spanMs > 0 ? ((n - 1) * 1000) / spanMs : 0;
  }
}
