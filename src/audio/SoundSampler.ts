/**
 * Turns the rolling sample buffer of an audio analyser, read whenever a timer can, into the
 * continuous sound it saw: each read keeps the samples rendered since the previous read (counted by
 * the audio clock, in whole frames), so the stream has no repeats and, while reads come more often
 * than the buffer is long, no gaps. The samples are collected until {@link flush}; a stall longer
 * than the buffer ends the collected chunk and starts another, so a gap is never papered over.
 *
 * {@link add} takes blocks that carry their own start times instead (a captured track's AudioData).
 *
 * Times are on the page clock: a chunk starts where the previous one ended while the stream
 * continues, and is re-anchored to the read's own time when the two drift apart by more than
 * `maxDriftMs` (the audio clock and the page clock run at slightly different rates).
 */

/** Sound handed on: mono samples, the first at `startMs` (page clock). */
export interface SoundChunk {
  startMs: number;
  sampleRateHz: number;
  samples: Float32Array;
}

/** Options for {@link SoundSampler}. */
export interface SoundSamplerOptions {
  /** Drift between the counted and the read times that re-anchors the stream, ms (default 20). */
  maxDriftMs?: number;
  /** Longest chunk collected before a read hands it on, ms (default 1000). */
  maxChunkMs?: number;
}

export class SoundSampler {
  private readonly maxDriftMs: number;
  private readonly maxChunkMs: number;
  private pending = new Float32Array(0);
  private count = 0;
  private pendingStartMs = 0;
  private rateHz = 0;
  /** Audio-clock frame just after the last sample taken (-1: none yet). */
  private endFrame = -1;
  /** Whether a block was added (add: blocks that carry their own times; read: analyser reads). */
  private added = false;
  /** Page-clock time just after the last sample taken. */
  private endMs = 0;

  constructor(opts: SoundSamplerOptions = {}) {
    this.maxDriftMs = opts.maxDriftMs ?? 20;
    this.maxChunkMs = opts.maxChunkMs ?? 1000;
  }

  /**
   * One read of the analyser: `buffer` its latest samples, oldest first, the last of them just before
   * audio-clock frame `bufferEndFrame` and page-clock time `bufferEndMs`. Returns a chunk the read
   * completed (the collected one, on a stall, a rate change or reaching `maxChunkMs`), else null.
   */
  read(
    buffer: Float32Array,
    bufferEndFrame: number,
    bufferEndMs: number,
    sampleRateHz: number,
  ): SoundChunk | null {
    const fresh = bufferEndFrame - this.endFrame;
    if (this.endFrame >= 0 && sampleRateHz === this.rateHz && fresh <= 0) return null;
    const continues = this.endFrame >= 0 && sampleRateHz === this.rateHz && fresh <= buffer.length;
    const n = continues ? fresh : buffer.length;
    const measuredStartMs = bufferEndMs - (n * 1000) / sampleRateHz;
    let done: SoundChunk | null = null;
    if (!continues || Math.abs(measuredStartMs - this.endMs) > this.maxDriftMs) {
      done = this.flush();
      this.pendingStartMs = measuredStartMs;
    }
    this.endFrame = bufferEndFrame;
    this.take(buffer.subarray(buffer.length - n), sampleRateHz);
    return done ?? this.flushIfFull();
  }

  /**
   * A block of sound that carries its own start time (a captured track's AudioData): it continues the
   * collected chunk when it starts where that one ended (within `maxDriftMs`) at the same rate, and
   * is timed from where it ended then; otherwise the collected chunk is returned and another begins.
   */
  add(startMs: number, samples: Float32Array, sampleRateHz: number): SoundChunk | null {
    let done: SoundChunk | null = null;
    const continues =
      this.added && sampleRateHz === this.rateHz && Math.abs(startMs - this.endMs) <= this.maxDriftMs;
    if (!continues) {
      done = this.flush();
      this.pendingStartMs = startMs;
    }
    this.added = true;
    this.take(samples, sampleRateHz);
    return done ?? this.flushIfFull();
  }

  /** The samples collected since the last chunk (null: none). */
  flush(): SoundChunk | null {
    if (this.count === 0) return null;
    const chunk = {
      startMs: this.pendingStartMs,
      sampleRateHz: this.rateHz,
      samples: this.pending.slice(0, this.count),
    };
    this.pendingStartMs += (this.count * 1000) / this.rateHz;
    this.count = 0;
    return chunk;
  }

  /** Collects `x` onto the chunk (its start already set) and notes where it ends. */
  private take(x: Float32Array, sampleRateHz: number): void {
    this.rateHz = sampleRateHz;
    this.append(x);
    this.endMs = this.pendingStartMs + (this.count * 1000) / sampleRateHz;
  }

  /** The chunk, once it holds `maxChunkMs`. */
  private flushIfFull(): SoundChunk | null {
    return (this.count * 1000) / this.rateHz >= this.maxChunkMs ? this.flush() : null;
  }

  private append(x: Float32Array): void {
    if (this.pending.length < this.count + x.length) {
      const grown = new Float32Array(Math.max(2 * this.pending.length, this.count + x.length));
      grown.set(this.pending.subarray(0, this.count));
      this.pending = grown;
    }
    this.pending.set(x, this.count);
    this.count += x.length;
  }
}
