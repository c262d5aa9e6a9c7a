/**
 * The mouth shapes a voice implies, from its sound: @met4citizen/headaudio's classifier (MIT, a
 * 14 KB Gaussian model over MFCCs, 15 visemes) run on the call's samples, outside an AudioWorklet.
 * Samples come in chunks stamped on the page clock; each classification, every 16 ms of speech, is
 * handed on as its time (the centre of its 32 ms of sound, page clock, ms) and the probability of
 * each viseme (VISEMES order in src/lipsync/visemeMouthMap). Silence gives none.
 *
 * A chunk that does not continue the last one (a gap, a stall, another sample rate) starts the
 * classifier afresh, timed from that chunk, so a gap never shifts what follows it.
 *
 * The sound is first taken to 16 kHz with its upper band cut (Resampler): the classifier's own
 * downsampling filters little, and its pre-emphasis acts at the rate it is given, so the same voice
 * at 48 kHz classified otherwise than at 16 kHz (2 in 5 of the likeliest visemes the same).
 *
 * The model's authors trained it on synthetic voices and call it imperfect in noise: what it is worth
 * on call audio is measured (docs/evaluations/visemes.md), not assumed.
 */
import { Resampler } from './Resampler';
import {
  Processor,
  type HeadAudioMessage,
  type HeadAudioPrototype,
} from '@met4citizen/headaudio/modules/processor.mjs';

/** The model's classes: 15 visemes, the last one silence. */
export const VISEME_COUNT = 15;
/** One record of the model file: a 2-float header, 12 means, the 78 floats of a 12×12 lower triangle. */
const RECORD_BYTES = 368;
/** The rate the classifier's features are made at. */
const CLASSIFIER_RATE_HZ = 16_000;

/**
 * The model file (headaudio's `model-en-mixed.bin`) as prototypes; throws, saying what is wrong,
 * on a file that is not one.
 */
export function parseVisemeModel(bytes: ArrayBuffer): HeadAudioPrototype[] {
  if (bytes.byteLength === 0 || bytes.byteLength % RECORD_BYTES !== 0)
    throw new Error(
      `the viseme model is not one: ${bytes.byteLength} bytes, not a whole number of ${RECORD_BYTES}-byte records`,
    );
  const out: HeadAudioPrototype[] = [];
  const seen = new Set<number>();
  for (let r = 0; r < bytes.byteLength; r += RECORD_BYTES) {
    const head = new DataView(bytes, r, 8);
    const viseme = head.getUint8(7);
    if (viseme >= VISEME_COUNT)
      throw new Error(`the viseme model is not one: record ${r / RECORD_BYTES} names viseme ${viseme}`);
    const mu = new Float32Array(bytes.slice(r + 8, r + 56));
    const sigmaInvLower = new Float32Array(bytes.slice(r + 56, r + RECORD_BYTES));
    if (![...mu, ...sigmaInvLower].every(Number.isFinite))
      throw new Error(
        `the viseme model is not one: record ${r / RECORD_BYTES} holds a number that is not finite`,
      );
    seen.add(viseme);
    out.push({ group: head.getUint8(5), viseme, mu, sigmaInvLower });
  }
  if (seen.size !== VISEME_COUNT)
    throw new Error(`the viseme model is not one: it covers ${seen.size} of the ${VISEME_COUNT} visemes`);
  return out;
}

/** Options for {@link VisemeClassifier}. */
export interface VisemeClassifierOptions {
  /** A chunk starting further than this from where the last one ended restarts the classifier, ms (default 30). */
  maxJoinErrorMs?: number;
}

export class VisemeClassifier {
  private processor: Processor | null = null;
  private resampler: Resampler | null = null;
  private rateHz = 0;
  /** Page-clock time of the processor's first sample, and where the last chunk ended, ms. */
  private originMs = 0;
  private endMs = NaN;
  private readonly nearest = new Float64Array(VISEME_COUNT);
  private readonly probabilities = new Float64Array(VISEME_COUNT);
  private readonly maxJoinErrorMs: number;
  /** Classifications handed on. */
  count = 0;
  /** Restarts after a chunk that did not continue the last one. */
  restarts = 0;

  constructor(
    private readonly model: readonly HeadAudioPrototype[],
    /** Each classification: its page-clock time, ms, and the visemes' probabilities (reused: copy to keep). */
    private readonly onVisemes: (tMs: number, probabilities: Float64Array) => void,
    opts: VisemeClassifierOptions = {},
  ) {
    this.maxJoinErrorMs = opts.maxJoinErrorMs ?? 30;
  }

  /** Mono samples at `sampleRateHz`, the first of them at `startMs` on the page clock. */
  add(startMs: number, samples: Float32Array, sampleRateHz: number): void {
    if (samples.length === 0) return;
    if (
      !this.processor ||
      sampleRateHz !== this.rateHz ||
      !(Math.abs(startMs - this.endMs) <= this.maxJoinErrorMs)
    ) {
      if (this.processor) this.restarts++;
      this.start(startMs, sampleRateHz);
    }
    this.processor!.process(this.resampler ? this.resampler.process(samples) : samples);
    this.endMs = startMs + (samples.length * 1000) / sampleRateHz;
  }

  private start(startMs: number, sampleRateHz: number): void {
    this.rateHz = sampleRateHz;
    this.resampler =
      sampleRateHz === CLASSIFIER_RATE_HZ ? null : new Resampler(sampleRateHz, CLASSIFIER_RATE_HZ);
    // The resampler's output lags its input by half its filter.
    const lagMs = this.resampler ? (((this.resampler.taps - 1) / 2) * 1000) / sampleRateHz : 0;
    this.originMs = startMs + lagMs;
    this.processor = new Processor(
      { sampleRate: CLASSIFIER_RATE_HZ, processorOptions: { visemeEventsEnabled: true } },
      { port: { onmessage: null, postMessage: (m) => this.take(m) } },
    );
    this.processor._onmessage({ data: { event: 'model', model: [...this.model] } });
  }

  private take(m: HeadAudioMessage): void {
    if (m.event !== 'viseme' || m.t === undefined || !m.distances) return;
    const nearest = this.nearest;
    nearest.fill(Infinity);
    for (let k = 0; k < this.model.length; k++) {
      const v = this.model[k]!.viseme;
      const d = m.distances[k]!;
      if (d < nearest[v]!) nearest[v] = d;
    }
    let least = Infinity;
    for (let v = 0; v < VISEME_COUNT; v++) if (nearest[v]! < least) least = nearest[v]!;
    if (!Number.isFinite(least)) return;
    // The distances are squared Mahalanobis: exp(−d/2) is each class's Gaussian likelihood.
    let sum = 0;
    for (let v = 0; v < VISEME_COUNT; v++) {
      const e = Math.exp(-(nearest[v]! - least) / 2);
      this.probabilities[v] = e;
      sum += e;
    }
    for (let v = 0; v < VISEME_COUNT; v++) this.probabilities[v] = this.probabilities[v]! / sum;
    this.count++;
    this.onVisemes(this.originMs + m.t * 1000, this.probabilities);
  }
}
