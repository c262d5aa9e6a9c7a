/**
 * A second-order IIR filter (direct form I) with the Audio EQ Cookbook's (R. Bristow-Johnson) high-
 * and low-pass designs. Used to keep the speech band (300–3400 Hz) of captured audio before its level
 * is measured; state is kept between blocks, so a stream filtered block by block equals the whole.
 */
export class Biquad {
  private x1 = 0;
  private x2 = 0;
  private y1 = 0;
  private y2 = 0;

  private constructor(
    /** Normalised coefficients (a0 = 1): y[n] = b0 x[n] + b1 x[n−1] + b2 x[n−2] − a1 y[n−1] − a2 y[n−2]. */
    readonly b0: number,
    readonly b1: number,
    readonly b2: number,
    readonly a1: number,
    readonly a2: number,
  ) {}

  /** Low-pass at `cutoffHz`; q = 1/√2 (default) is Butterworth, flat in the pass band. */
  static lowpass(cutoffHz: number, sampleRateHz: number, q = Math.SQRT1_2): Biquad {
    const { cos, alpha, a0 } = cookbook(cutoffHz, sampleRateHz, q);
    return new Biquad(
      (1 - cos) / 2 / a0,
      (1 - cos) / a0,
      (1 - cos) / 2 / a0,
      (-2 * cos) / a0,
      (1 - alpha) / a0,
    );
  }

  /** High-pass at `cutoffHz`; q = 1/√2 (default) is Butterworth. */
  static highpass(cutoffHz: number, sampleRateHz: number, q = Math.SQRT1_2): Biquad {
    const { cos, alpha, a0 } = cookbook(cutoffHz, sampleRateHz, q);
    return new Biquad(
      (1 + cos) / 2 / a0,
      -(1 + cos) / a0,
      (1 + cos) / 2 / a0,
      (-2 * cos) / a0,
      (1 - alpha) / a0,
    );
  }

  /** The magnitude response at `freqHz` (for tests and documentation). */
  gainAt(freqHz: number, sampleRateHz: number): number {
    const w = (2 * Math.PI * freqHz) / sampleRateHz;
    // H(e^jw) = (b0 + b1 e^-jw + b2 e^-2jw) / (1 + a1 e^-jw + a2 e^-2jw)
    const re = (c0: number, c1: number, c2: number) => c0 + c1 * Math.cos(w) + c2 * Math.cos(2 * w);
    const im = (c1: number, c2: number) => -c1 * Math.sin(w) - c2 * Math.sin(2 * w);
    const num = Math.hypot(re(this.b0, this.b1, this.b2), im(this.b1, this.b2));
    const den = Math.hypot(re(1, this.a1, this.a2), im(this.a1, this.a2));
    return num / den;
  }

  /** Filters one sample. */
  step(x: number): number {
    const y = this.b0 * x + this.b1 * this.x1 + this.b2 * this.x2 - this.a1 * this.y1 - this.a2 * this.y2;
    this.x2 = this.x1;
    this.x1 = x;
    this.y2 = this.y1;
    this.y1 = y;
    return y;
  }

  reset(): void {
    this.x1 = this.x2 = this.y1 = this.y2 = 0;
  }
}

/** The cookbook's shared terms for a cutoff: cos(w0), alpha = sin(w0) / 2q, and a0 = 1 + alpha. */
function cookbook(
  cutoffHz: number,
  sampleRateHz: number,
  q: number,
): { cos: number; alpha: number; a0: number } {
  const w0 = (2 * Math.PI * cutoffHz) / sampleRateHz;
  const alpha = Math.sin(w0) / (2 * q);
  return { cos: Math.cos(w0), alpha, a0: 1 + alpha };
}
