/**
 * Voice activity from a speech-band level envelope: an adaptive noise floor (falls at once to a
 * quieter level, rises slowly) and a hangover, so short gaps between syllables stay "speech".
 * Energy-based, like the classic VADs: it tells sound from silence, not voice from other sound.
 */

/** Options for {@link VoiceActivity}; the defaults suit a 50 Hz envelope of a call's audio. */
export interface VoiceActivityOptions {
  /** Envelope rate, slots per second (default 50). */
  sampleRateHz?: number;
  /** How far above the noise floor a slot must be to count as sound, dB (default 10). */
  marginDb?: number;
  /** Quietest level that can be speech at all, dBFS (default -60). */
  minSpeechDb?: number;
  /** How fast the floor rises when the level stays above it, dB per second (default 3). */
  floorRiseDbPerS?: number;
  /** Speech stays on this long after the level drops, ms (default 200). */
  hangoverMs?: number;
}

export class VoiceActivity {
  private floorDb = NaN;
  private hangLeft = 0;
  private readonly margin: number;
  private readonly minDb: number;
  private readonly risePerSlot: number;
  private readonly hangSlots: number;

  constructor(opts: VoiceActivityOptions = {}) {
    const rate = opts.sampleRateHz ?? 50;
    this.margin = opts.marginDb ?? 10;
    this.minDb = opts.minSpeechDb ?? -60;
    this.risePerSlot = (opts.floorRiseDbPerS ?? 3) / rate;
    this.hangSlots = Math.round(((opts.hangoverMs ?? 200) * rate) / 1000);
  }

  /** The current noise-floor estimate, dBFS (NaN before the first slot). */
  get noiseFloorDb(): number {
    return this.floorDb;
  }

  /** Adds one envelope slot; returns whether it is speech. */
  push(levelDb: number): boolean {
    if (!(levelDb <= this.floorDb)) {
      this.floorDb = Number.isNaN(this.floorDb) ? levelDb : this.floorDb + this.risePerSlot;
    } else {
      this.floorDb = levelDb;
    }
    if (levelDb >= this.minDb && levelDb >= this.floorDb + this.margin) {
      this.hangLeft = this.hangSlots;
      return true;
    }
    if (this.hangLeft === 0) return false;
    this.hangLeft--;
    return true;
  }
}
