/**
 * Turns the rolling sample buffer of an audio analyser into a speech-energy envelope on a fixed time
 * grid: one level (dBFS, RMS) per `slotMs` slot of page-clock time. The caller reads the analyser
 * whenever it can (timers jitter); each call emits every complete slot since the last one that is
 * still inside the buffer, so the envelope has no gaps and no repeats as long as calls come more
 * often than the buffer is long. No allocation per call beyond the caller's output array.
 */

/** Options for {@link EnvelopeSampler}. */
export interface EnvelopeSamplerOptions {
  /** Width of one envelope slot, ms (default 20, i.e. 50 Hz). */
  slotMs?: number;
  /** Level reported for digital silence, dBFS (default -100). */
  floorDb?: number;
}

export interface EnvelopeChunk {
  /** Page-clock start of the first slot, ms (a whole multiple of slotMs). */
  startMs: number;
  /** Level of each consecutive slot, dBFS. */
  levelsDb: number[];
  /**
   * Levels of the speech sub-bands (SPEECH_BANDS_HZ), dBFS: SPEECH_BAND_COUNT per slot, slot by slot
   * (slot k's bands at k × SPEECH_BAND_COUNT …). Absent when the source measures only the whole band.
   */
  bandsDb?: number[];
}

export class EnvelopeSampler {
  readonly slotMs: number;
  private readonly floorDb: number;
  /** Index (page time / slotMs) of the next slot to emit; -1 before the first read. */
  private nextSlot = -1;

  constructor(opts: EnvelopeSamplerOptions = {}) {
    this.slotMs = opts.slotMs ?? 20;
    this.floorDb = opts.floorDb ?? -100;
  }

  /**
   * @param buffer the analyser's most recent samples, oldest first
   * @param bufferEndMs page-clock time just after the last sample of `buffer`
   * @param sampleRateHz the audio sample rate
   * @returns the newly completed slots, or null when none completed
   */
  read(buffer: ArrayLike<number>, bufferEndMs: number, sampleRateHz: number): EnvelopeChunk | null {
    const msPerSample = 1000 / sampleRateHz;
    const bufferStartMs = bufferEndMs - buffer.length * msPerSample;
    const lastComplete = Math.floor(bufferEndMs / this.slotMs) - 1;
    // A slot counts as covered when at least half of it is in the buffer (its level is then taken
    // from the part that is), so reads a little further apart than the buffer is long lose nothing.
    const firstInBuffer = Math.ceil((bufferStartMs - this.slotMs / 2) / this.slotMs);
    // First read, or a stall longer than the buffer: start at the oldest slot the buffer still covers.
    if (this.nextSlot < firstInBuffer) this.nextSlot = firstInBuffer;
    if (this.nextSlot > lastComplete) return null;
    const levelsDb: number[] = [];
    const startMs = this.nextSlot * this.slotMs;
    for (let slot = this.nextSlot; slot <= lastComplete; slot++) {
      const from = Math.max(0, Math.round((slot * this.slotMs - bufferStartMs) / msPerSample));
      const to = Math.min(
        buffer.length,
        Math.round(((slot + 1) * this.slotMs - bufferStartMs) / msPerSample),
      );
      let sum = 0;
      for (let i = from; i < to; i++) {
        const x = buffer[i]!;
        sum += x * x;
      }
      const rms = to > from ? Math.sqrt(sum / (to - from)) : 0;
      levelsDb.push(rms > 0 ? Math.max(this.floorDb, 20 * Math.log10(rms)) : this.floorDb);
    }
    this.nextSlot = lastComplete + 1;
    return { startMs, levelsDb };
  }
}

/**
 * Appends `chunk` to `pending` when it continues it (its first slot follows pending's last, and both
 * carry sub-band levels or neither does); returns whether it did. Lets a reader send fewer, longer chunks.
 */
export function appendChunk(pending: EnvelopeChunk | null, chunk: EnvelopeChunk, slotMs: number): boolean {
  if (!pending || pending.startMs + pending.levelsDb.length * slotMs !== chunk.startMs) return false;
  if (!pending.bandsDb !== !chunk.bandsDb) return false;
  pending.levelsDb.push(...chunk.levelsDb);
  if (chunk.bandsDb) pending.bandsDb!.push(...chunk.bandsDb);
  return true;
}

/**
 * The sub-band levels of `chunk`'s slots, slot by slot (see EnvelopeChunk.bandsDb); undefined unless
 * every band emitted exactly the same slots.
 */
export function interleaveBands(
  chunk: EnvelopeChunk,
  bandChunks: readonly (EnvelopeChunk | null)[],
): number[] | undefined {
  const n = chunk.levelsDb.length;
  for (const b of bandChunks)
    if (!b || b.startMs !== chunk.startMs || b.levelsDb.length !== n) return undefined;
  const out = new Array<number>(n * bandChunks.length);
  for (let k = 0; k < n; k++)
    for (let b = 0; b < bandChunks.length; b++) out[k * bandChunks.length + b] = bandChunks[b]!.levelsDb[k]!;
  return out;
}
