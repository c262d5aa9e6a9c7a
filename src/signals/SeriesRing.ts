/**
 * The last `capacity` rows of a few numeric channels with their timestamps, in preallocated arrays
 * (no allocation per frame). Rows are read oldest first with `at(i)` / `time(i)`.
 */
export class SeriesRing {
  private readonly t: Float64Array;
  private readonly v: Float64Array;
  private head = 0;
  private n = 0;

  constructor(
    readonly channels: number,
    readonly capacity: number,
  ) {
    this.t = new Float64Array(capacity);
    this.v = new Float64Array(capacity * channels);
  }

  /** Appends a row; returns its slot so the caller fills its channels with `set`. */
  push(timestampMs: number): number {
    const slot = this.head;
    this.t[slot] = timestampMs;
    this.v.fill(NaN, slot * this.channels, (slot + 1) * this.channels);
    this.head = (this.head + 1) % this.capacity;
    if (this.n < this.capacity) this.n++;
    return slot;
  }

  set(slot: number, channel: number, value: number): void {
    this.v[slot * this.channels + channel] = value;
  }

  get size(): number {
    return this.n;
  }

  private slot(i: number): number {
    return (this.head - this.n + i + this.capacity) % this.capacity;
  }

  /** Timestamp of the i-th row, oldest first. */
  time(i: number): number {
    return this.t[this.slot(i)]!;
  }

  /** Channel value of the i-th row, oldest first. */
  at(i: number, channel: number): number {
    return this.v[this.slot(i) * this.channels + channel]!;
  }

  /** Index of the first row at or after `fromMs` (size when none). */
  firstFrom(fromMs: number): number {
    let i = 0;
    while (i < this.n && this.time(i) < fromMs) i++;
    return i;
  }

  clear(): void {
    this.n = 0;
    this.head = 0;
  }
}
