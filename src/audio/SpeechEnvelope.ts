import { Biquad } from './Biquad';
import type { EnvelopeChunk } from './EnvelopeSampler';
import { SPEECH_BANDS_HZ } from './speechBands';

/** Options for {@link SpeechEnvelope}. */
export interface SpeechEnvelopeOptions {
  /** Width of one envelope slot, ms (default 20, i.e. 50 Hz, as EnvelopeSampler). */
  slotMs?: number;
  /** Level reported for digital silence, dBFS (default -100). */
  floorDb?: number;
  /** The speech band kept before the level is measured, Hz (default 300–3400, telephone speech). */
  lowHz?: number;
  highHz?: number;
  /** A gap in the timestamps longer than this restarts the envelope (lost audio is not invented), ms (default 100). */
  maxGapMs?: number;
  /** Sub-bands whose levels are reported beside the whole band, Hz (default SPEECH_BANDS_HZ; [] for none). */
  bandsHz?: readonly (readonly [number, number])[];
}

/**
 * The speech-band level of an audio stream that arrives in timestamped blocks (a captured track read
 * frame by frame), as consecutive 20 ms slots on a fixed time grid — the same envelope the content
 * script's EnvelopeSampler makes from an AnalyserNode, but timed by the samples' own timestamps, so a
 * busy main thread delays the envelope without moving it in time. Each sample is placed by its block's
 * start time plus its index; a slot is emitted once complete. Each sub-band of `bandsHz` is filtered
 * the same way (a high- and a low-pass at its edges) and its level reported in the chunk's `bandsDb`.
 * No allocation per block beyond the returned chunk.
 */
export class SpeechEnvelope {
  readonly slotMs: number;
  private readonly floorDb: number;
  private readonly lowHz: number;
  private readonly highHz: number;
  private readonly maxGapMs: number;
  private hp: Biquad | null = null;
  private lp: Biquad | null = null;
  private readonly bandsHz: readonly (readonly [number, number])[];
  /** High- and low-pass of each sub-band, in pairs (built with the rate). */
  private bandFilters: Biquad[] = [];
  /** Sum of squares of each sub-band over the current slot. */
  private readonly bandSum: Float64Array;
  private rateHz = 0;
  /** The slot being summed (index = time / slotMs), its sum of squares and sample count; -1 before any. */
  private slot = -1;
  private sum = 0;
  private count = 0;
  /** Whether the current slot's first sample was at its start (a slot entered mid-way is not reported). */
  private whole = false;
  /** Time just after the last sample seen, ms. */
  private endMs = -Infinity;

  constructor(opts: SpeechEnvelopeOptions = {}) {
    this.slotMs = opts.slotMs ?? 20;
    this.floorDb = opts.floorDb ?? -100;
    this.lowHz = opts.lowHz ?? 300;
    this.highHz = opts.highHz ?? 3400;
    this.maxGapMs = opts.maxGapMs ?? 100;
    this.bandsHz = opts.bandsHz ?? SPEECH_BANDS_HZ;
    this.bandSum = new Float64Array(this.bandsHz.length);
  }

  private toDb(sumSq: number): number {
    const rms = Math.sqrt(sumSq / this.count);
    return rms > 0 ? Math.max(this.floorDb, 20 * Math.log10(rms)) : this.floorDb;
  }

  /**
   * @param samples mono samples, oldest first
   * @param startMs time of the first sample, ms
   * @param sampleRateHz the samples' rate
   * @returns the slots completed by this block (consecutive), or null when none completed
   */
  add(samples: ArrayLike<number>, startMs: number, sampleRateHz: number): EnvelopeChunk | null {
    if (samples.length === 0) return null;
    const msPerSample = 1000 / sampleRateHz;
    if (sampleRateHz !== this.rateHz || !this.hp || !this.lp) {
      this.rateHz = sampleRateHz;
      this.hp = Biquad.highpass(this.lowHz, sampleRateHz);
      this.lp = Biquad.lowpass(this.highHz, sampleRateHz);
      this.bandFilters = this.bandsHz.flatMap(([lo, hi]) => [
        Biquad.highpass(lo, sampleRateHz),
        Biquad.lowpass(hi, sampleRateHz),
      ]);
      this.slot = -1;
    }
    // Lost audio (a gap) or a clock jump back: start over rather than bridge it with made-up slots.
    if (Math.abs(startMs - this.endMs) > this.maxGapMs) {
      this.hp.reset();
      this.lp.reset();
      for (const f of this.bandFilters) f.reset();
      this.slot = -1;
    }
    this.endMs = startMs + samples.length * msPerSample;
    let out: EnvelopeChunk | null = null;
    for (let i = 0; i < samples.length; i++) {
      const t = startMs + i * msPerSample;
      const slot = Math.floor(t / this.slotMs);
      const x = samples[i]!;
      const y = this.lp.step(this.hp.step(x));
      if (slot !== this.slot) {
        // The first slot after a (re)start may be partial: it is dropped, never reported short.
        if (this.slot >= 0 && this.whole && slot === this.slot + 1) {
          if (!out) {
            out = { startMs: this.slot * this.slotMs, levelsDb: [] };
            if (this.bandSum.length > 0) out.bandsDb = [];
          }
          out.levelsDb.push(this.toDb(this.sum));
          for (let b = 0; b < this.bandSum.length; b++) out.bandsDb!.push(this.toDb(this.bandSum[b]!));
        }
        this.whole = this.slot >= 0 || t - slot * this.slotMs < msPerSample;
        this.slot = slot;
        this.sum = 0;
        this.bandSum.fill(0);
        this.count = 0;
      }
      this.sum += y * y;
      for (let b = 0; b < this.bandSum.length; b++) {
        const yb = this.bandFilters[2 * b + 1]!.step(this.bandFilters[2 * b]!.step(x));
        this.bandSum[b]! += yb * yb;
      }
      this.count++;
    }
    return out;
  }
}
