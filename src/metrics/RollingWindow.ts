import { quantile } from '../stats/quantile';

/** The last `capacity` samples in a fixed ring (no allocation per sample), with quantiles on demand. */
export class RollingWindow {
  private readonly buf: Float64Array;
  private head = 0;
  private n = 0;

  /** @param capacity samples kept (default 300: 20 s at 15 fps) */
  constructor(capacity = 300) {
    this.buf = new Float64Array(capacity);
  }

  push(v: number): void {
    this.buf[this.head] = v;
    this.head = (this.head + 1) % this.buf.length;
    if (this.n < this.buf.length) this.n++;
  }

  get size(): number {
    return this.n;
  }

  /** Quantile over the samples held (NaN when empty). Allocates: call it for display, not per sample. */
  quantile(q: number): number {
    return quantile(this.buf.subarray(0, this.n), q);
  }
}
