import { Biquad } from './Biquad';
import type { EnvelopeChunk } from './EnvelopeSampler';

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
}

/**
 * The speech-band level of an audio stream that arrives in timestamped blocks (a captured track read
 * frame by frame), as consecutive 20 ms slots on a fixed time grid — the same envelope the content
 * script's EnvelopeSampler makes from an AnalyserNode, but timed by the samples' own timestamps, so a
 * busy main thread delays the envelope without moving it in time. Each sample is placed by its block's
 * start time plus its index; a slot is emitted once complete. No allocation per block beyond the
 * returned chunk.
 */
export class SpeechEnvelope {
  readonly slotMs: number;
  private readonly floorDb: number;
  private readonly lowHz: number;
  private readonly highHz: number;
  private readonly maxGapMs: number;
  private hp: Biquad | null = null;
  private lp: Biquad | null = null;
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
      this.slot = -1;
    }
    // Lost audio (a gap) or a clock jump back: start over rather than bridge it with made-up slots.
    if (Math.abs(startMs - this.endMs) > this.maxGapMs) {
      this.hp.reset();
      this.lp.reset();
      this.slot = -1;
    }
    this.endMs = startMs + samples.length * msPerSample;
    let out: EnvelopeChunk | null = null;
    for (let i = 0; i < samples.length; i++) {
      const t = startMs + i * msPerSample;
      const slot = Math.floor(t / this.slotMs);
      const y = this.lp.step(this.hp.step(samples[i]!));
      if (slot !== this.slot) {
        // The first slot after a (re)start may be partial: it is dropped, never reported short.
        if (this.slot >= 0 && this.whole && slot === this.slot + 1) {
          const rms = Math.sqrt(this.sum / this.count);
          const db = rms > 0 ? Math.max(this.floorDb, 20 * Math.log10(rms)) : this.floorDb;
          if (!out) out = { startMs: this.slot * this.slotMs, levelsDb: [] };
          out.levelsDb.push(db);
        }
        this.whole = this.slot >= 0 || t - slot * this.slotMs < msPerSample;
        this.slot = slot;
        this.sum = 0;
        this.count = 0;
      }
      this.sum += y * y;
      this.count++;
    }
    return out;
  }
}
