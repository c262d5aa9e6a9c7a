/**
 * Streaming sample-rate conversion by windowed sinc (Hamming), for taking call audio (44.1 or 48 kHz)
 * down to the 16 kHz a speech classifier expects, with the band above the new Nyquist removed first
 * (content there would otherwise fold into the speech band). Each output sample is a dot product of
 * the last `taps` inputs with one of `phases` precomputed fractional-delay filters, each scaled to a
 * DC gain of exactly 1. State carries across calls, so chunking does not change the output.
 */

/** Options for {@link Resampler}. */
export interface ResamplerOptions {
  /** Filter length at the input rate when not downsampling (default 32; scaled up by the downsampling ratio). */
  taps?: number;
  /** Fractional positions the filter table covers (default 64). */
  phases?: number;
  /** Passband edge as a share of the lower of the two Nyquist frequencies (default 0.9). */
  passband?: number;
}

export class Resampler {
  /** Output samples per input sample. */
  readonly ratio: number;
  /** Filter length, input samples: the output lags the input by (taps − 1) / 2 of them. */
  readonly taps: number;
  private readonly table: Float32Array[];
  /** The last `taps` inputs, twice over (a ring read without wrapping). */
  private readonly history: Float32Array;
  private head = 0;
  private phase = 0;
  private out = new Float32Array(0);

  constructor(
    readonly fromHz: number,
    readonly toHz: number,
    opts: ResamplerOptions = {},
  ) {
    if (!(fromHz > 0 && toHz > 0)) throw new RangeError('Resampler: rates must be positive');
    this.ratio = toHz / fromHz;
    const scale = Math.min(1, this.ratio);
    this.taps = Math.ceil((opts.taps ?? 32) / scale);
    const phases = opts.phases ?? 64;
    // Cut-off in cycles per input sample: a share of the lower Nyquist frequency.
    const fc = ((opts.passband ?? 0.9) * scale) / 2;
    const mid = (this.taps - 1) / 2;
    this.table = Array.from({ length: phases + 1 }, (_, p) => {
      const h = new Float32Array(this.taps);
      let sum = 0;
      for (let i = 0; i < this.taps; i++) {
        // Tap i weighs the input i samples before the newest; the output lies `mid` + p/phases
        // samples before the newest (a fixed delay of half the filter, plus the fraction).
        const f = p / phases;
        const x = i - mid - f;
        const sinc = x === 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * x) / (Math.PI * x);
        const w = 0.54 - 0.46 * Math.cos((2 * Math.PI * (i - f)) / (this.taps - 1));
        h[i] = sinc * w;
        sum += h[i]!;
      }
      for (let i = 0; i < this.taps; i++) h[i] = h[i]! / sum;
      return h;
    });
    this.history = new Float32Array(2 * this.taps);
  }

  /**
   * Converts the next input samples; returns the output they complete (a view of a buffer reused by
   * the next call: copy to keep). The output lags the input by about half the filter.
   */
  process(input: Float32Array): Float32Array {
    const need = Math.ceil(input.length * this.ratio) + 2;
    if (this.out.length < need) this.out = new Float32Array(need);
    const phases = this.table.length - 1;
    const taps = this.taps;
    const hist = this.history;
    let n = 0;
    for (let k = 0; k < input.length; k++) {
      // Newest input at head: stored twice so the last `taps` are contiguous at head…head+taps.
      this.head = (this.head + taps - 1) % taps;
      hist[this.head] = input[k]!;
      hist[this.head + taps] = input[k]!;
      this.phase += this.ratio;
      while (this.phase >= 1) {
        this.phase -= 1;
        // The output falls `phase / ratio` input samples before the newest one.
        const frac = Math.min(1, this.phase / this.ratio);
        const h = this.table[Math.round(frac * phases)]!;
        let acc = 0;
        for (let i = 0; i < taps; i++) acc += hist[this.head + i]! * h[i]!;
        this.out[n++] = acc;
      }
    }
    return this.out.subarray(0, n);
  }
}
