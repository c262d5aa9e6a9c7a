/**
 * The captured tab's voice as a speech-band envelope (20 ms levels), timed by the audio's own capture
 * timestamps (on the audio track's CaptureClock), so lip-sync compares picture and sound as the tab
 * rendered them, however late either reaches this document. Chunks are handed on every
 * `flushEveryMs`, with the sound itself (mono, on the same clock) for the analyzer's viseme
 * classifier, which neither keeps nor sends it anywhere.
 */
import type { CaptureClock } from '../../src/capture/CaptureClock';
import { appendChunk, type EnvelopeChunk } from '../../src/audio/EnvelopeSampler';
import { SoundSampler, type SoundChunk } from '../../src/audio/SoundSampler';
import { SpeechEnvelope } from '../../src/audio/SpeechEnvelope';
import { readFrames } from './readTrack';

export class AudioReader {
  private readonly envelope = new SpeechEnvelope();
  private readonly sound = new SoundSampler();
  private pending: EnvelopeChunk | null = null;
  private mono = new Float32Array(0);
  private plane = new Float32Array(0);
  /** Blocks read (for the status). */
  blocks = 0;

  constructor(
    private readonly clock: CaptureClock,
    /** Added to this context's clock to get the call page's (null until the page's clock is known). */
    private readonly toPageClockMs: () => number | null,
    /** The envelope's chunks, on the call page's clock (slots on its 20 ms grid). */
    private readonly onChunk: (chunk: EnvelopeChunk) => void,
    /** The sound, mono, on the call page's clock. */
    private readonly onSound: (chunk: SoundChunk) => void,
  ) {}

  /** Reads the track's blocks until they end or `signal` aborts; hands chunks on every `flushEveryMs`. */
  run(blocks: ReadableStream<AudioData>, signal: AbortSignal, flushEveryMs = 200): Promise<void> {
    const timer = setInterval(() => this.flush(), flushEveryMs);
    signal.addEventListener('abort', () => clearInterval(timer), { once: true });
    return readFrames(blocks, (a) => this.take(a), signal);
  }

  private take(a: AudioData): void {
    const arrivedMs = performance.now();
    try {
      this.blocks++;
      const n = a.numberOfFrames;
      const channels = a.numberOfChannels;
      // The block lasts n samples: it arrived no earlier than its last sample was captured.
      const startMs = a.timestamp / 1000;
      this.clock.note(startMs + (n * 1000) / a.sampleRate, arrivedMs);
      const toPage = this.toPageClockMs();
      if (toPage === null) return;
      if (this.mono.length < n) {
        this.mono = new Float32Array(n);
        this.plane = new Float32Array(n);
      }
      const mono = this.mono.subarray(0, n);
      mono.fill(0);
      for (let ch = 0; ch < channels; ch++) {
        a.copyTo(this.plane, { planeIndex: ch, format: 'f32-planar', frameCount: n });
        for (let i = 0; i < n; i++) mono[i]! += this.plane[i]! / channels;
      }
      const pageStartMs = this.clock.toLocal(startMs) + toPage;
      const sound = this.sound.add(pageStartMs, mono, a.sampleRate);
      if (sound) this.onSound(sound);
      const chunk = this.envelope.add(mono, pageStartMs, a.sampleRate);
      if (!chunk) return;
      if (!appendChunk(this.pending, chunk, this.envelope.slotMs)) {
        this.flush();
        this.pending = chunk;
      }
    } finally {
      a.close();
    }
  }

  private flush(): void {
    if (this.pending && this.pending.levelsDb.length > 0) this.onChunk(this.pending);
    this.pending = null;
    const sound = this.sound.flush();
    if (sound) this.onSound(sound);
  }
}
