import { say, words, type Phrase, type PhraseArg } from '../text/Phrase';

import { VoiceActivity } from '../audio/VoiceActivity';
import {
  CHALLENGE_WINDOW_MS,
  because,
  type ChallengeResult,
  type ChallengeVerifier,
  type FrameSample,
} from './Challenge';

/** A result's reasons as data (English text where it has none). */
const wordsOf = (r: ChallengeResult): Phrase[] => r.reasonWords ?? r.reasons.map(words);

/** Options for {@link RandomPhraseVerifier}. */
export interface RandomPhraseOptions {
  /** Response window after the ask, ms (default 20000). */
  windowMs?: number;
  /** Speech must last this long (voiced slots) for a reading, ms (default 1200). */
  minSpeechMs?: number;
  /**
   * Below this spread of the mouth aperture while speaking, the mouth stayed still and the reading
   * fails (default 0.015, the lip-sync tracker's still mouth before it knows the candidate's own: a
   * closed mouth reads about 0.005, a restrained reader 0.02–0.03). The analyzer passes the tracker's
   * current value (LipSyncTracker.stillMouthStd).
   */
  minMouthStd?: number;
  /** Envelope slot, ms (default 20). */
  slotMs?: number;
  /** After this much speech followed by a pause, the reading is over, ms (default 1200). */
  endPauseMs?: number;
  /** A frame counts as "while speaking" when a voiced slot lies within this of it, ms (default 100). */
  nearSpeechMs?: number;
  /**
   * The reading must begin after this much silence, ms (default 400): speech that runs on from before
   * the ask (a recording, or an answer still going) is not a response to it. Silence just before the
   * ask counts, so a candidate who was quiet may start at once.
   */
  minPauseMs?: number;
  /** How long the interviewer has to confirm the words once the reading is over, ms (default 90 000). */
  confirmWithinMs?: number;
}

/**
 * Random phrase read aloud: the words are new, so a prepared recording or a rehearsed answer cannot
 * cover them. From the call it checks that a reading begins after the ask, after a pause (speech that
 * runs on from before the ask is no response), and that the visible mouth moves while the voice speaks
 * (failed: the voice reads while the mouth stays still). A lip-sync flag during the reading makes it
 * "cannot judge" here: that evidence already counts as the lip-sync flag. Nothing here recognises
 * speech, so the words are the interviewer's to confirm: once the machine's part holds, the verifier
 * waits for {@link RandomPhraseVerifier.confirm} (see {@link awaiting}); "passed" only after a yes.
 */
export class RandomPhraseVerifier implements ChallengeVerifier {
  readonly kind = 'random-phrase' as const;
  readonly deadlineMs: number;
  private readonly o: Required<RandomPhraseOptions>;
  private readonly vad = new VoiceActivity();
  /** Voiced time of the reading (from its onset), ms. */
  private voicedMs = 0;
  /** Voiced time after the ask that ran on from before it, without the pause a response needs, ms. */
  private runOnMs = 0;
  /** Silence up to the latest slot, ms (counting from before the ask). */
  private silentMs = 0;
  /** Page time the reading began (after the ask and a pause), NaN until it does. */
  private firstVoiceMs = NaN;
  private lastVoiceMs = NaN;
  /** The interviewer's word on the phrase (null until given), and when the machine's part was done. */
  private said: boolean | null = null;
  private readyMs = NaN;
  /** The machine's part as last worked out, and when (awaiting and verdict ask at the same frame). */
  private machineAt = NaN;
  private machineResult: ChallengeResult | null = null;
  /**
   * Which envelope slots since the ask were voiced, and every frame's time and mouth aperture: the
   * two are matched at the verdict, because audio and frames reach the analyzer by separate paths,
   * each with its own delay (audio in 200 ms batches, frames after the landmarker).
   */
  private readonly voiced: Uint8Array;
  private readonly frameMs: Float64Array;
  private readonly frameMouth: Float64Array;
  private faceFrames = 0;
  private frames = 0;
  private lipSyncFlag: PhraseArg | null = null;

  constructor(
    readonly startMs: number,
    opts: RandomPhraseOptions = {},
  ) {
    this.o = {
      windowMs: CHALLENGE_WINDOW_MS['random-phrase'],
      minSpeechMs: 1200,
      minMouthStd: 0.015,
      slotMs: 20,
      endPauseMs: 1200,
      nearSpeechMs: 100,
      minPauseMs: 400,
      confirmWithinMs: 90_000,
      ...opts,
    };
    this.deadlineMs = startMs + this.o.windowMs;
    this.voiced = new Uint8Array(Math.ceil(this.o.windowMs / this.o.slotMs) + 1);
    // Room for 40 frames a second over the window: more than the analyzer ever sends.
    const cap = Math.ceil((this.o.windowMs / 1000) * 40);
    this.frameMs = new Float64Array(cap);
    this.frameMouth = new Float64Array(cap);
  }

  /** Envelope slots of the candidate's audio (as the analyzer receives them, in time order). */
  addAudio(startMs: number, levelsDb: ArrayLike<number>): void {
    this.machineAt = NaN; // new evidence: work the machine's part out again
    for (let k = 0; k < levelsDb.length; k++) {
      const t = startMs + k * this.o.slotMs;
      const voiced = this.vad.push(levelsDb[k]!); // the VAD learns the floor from before the ask too
      if (!voiced) {
        this.silentMs += this.o.slotMs;
        continue;
      }
      const pause = this.silentMs;
      this.silentMs = 0;
      if (t < this.startMs) continue;
      if (Number.isNaN(this.firstVoiceMs)) {
        if (pause < this.o.minPauseMs) {
          this.runOnMs += this.o.slotMs; // still the speech from before the ask
          continue;
        }
        this.firstVoiceMs = t;
      }
      const slot = Math.floor((t - this.startMs) / this.o.slotMs);
      if (slot >= this.voiced.length) continue;
      if (!this.voiced[slot]) this.voicedMs += this.o.slotMs;
      this.voiced[slot] = 1;
      this.lastVoiceMs = Number.isNaN(this.lastVoiceMs) ? t : Math.max(this.lastVoiceMs, t);
    }
  }

  /** The live lip-sync detector raised a flag while the phrase was read. */
  noteLipSyncFlag(reason: PhraseArg): void {
    if (!Number.isNaN(this.firstVoiceMs)) this.lipSyncFlag ??= reason;
  }

  addFrame(f: FrameSample): void {
    this.machineAt = NaN; // new evidence: work the machine's part out again
    if (f.timestampMs < this.startMs) return;
    const i = this.frames;
    this.frames++;
    if (f.facePresent) this.faceFrames++;
    if (i >= this.frameMs.length) return;
    this.frameMs[i] = f.timestampMs;
    this.frameMouth[i] = f.facePresent ? f.mouthAperture : NaN;
  }

  /** The mouth aperture's spread over the frames near voiced slots, and how many there were. */
  private mouthWhileSpeaking(): { n: number; std: number } {
    const near = Math.round(this.o.nearSpeechMs / this.o.slotMs);
    let n = 0;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < Math.min(this.frames, this.frameMs.length); i++) {
      const m = this.frameMouth[i]!;
      const t = this.frameMs[i]!;
      if (!Number.isFinite(m)) continue;
      const slot = Math.floor((t - this.startMs) / this.o.slotMs);
      let speaking = false;
      for (let k = Math.max(0, slot - near); k <= Math.min(this.voiced.length - 1, slot + near); k++)
        if (this.voiced[k]) {
          speaking = true;
          break;
        }
      if (!speaking) continue;
      n++;
      sum += m;
      sq += m * m;
    }
    return { n, std: n > 1 ? Math.sqrt(Math.max(0, sq / n - (sum / n) ** 2)) : 0 };
  }

  /**
   * The interviewer's word: were the phrase's words read (in order)? Only after a yes can the reading
   * pass; a no makes it "not performed". Ignored once given.
   */
  confirm(said: boolean): void {
    this.said ??= said;
  }

  /**
   * The machine's part, once it holds and waits for the interviewer's word (null otherwise): what it
   * checked, for the card that asks "were the words read?".
   */
  awaiting(nowMs: number): ChallengeResult | null {
    const r = this.machine(nowMs);
    return r && r.verdict === 'passed' && this.said === null ? r : null;
  }

  verdict(nowMs: number): ChallengeResult | null {
    const r = this.machine(nowMs);
    if (!r || r.verdict !== 'passed') return r;
    if (Number.isNaN(this.readyMs)) this.readyMs = nowMs;
    const asked = { ...r.measured, confirmed: this.said === null ? -1 : this.said ? 1 : 0 };
    if (this.said === true)
      return {
        ...r,
        measured: asked,
        ...because([...wordsOf(r), words('you confirmed the words were read')]),
      };
    if (this.said === false)
      return {
        ...r,
        verdict: 'not-performed',
        measured: asked,
        ...because([words('you did not hear the words read'), ...wordsOf(r)]),
      };
    if (nowMs - this.readyMs < this.o.confirmWithinMs) return null;
    return {
      ...r,
      verdict: 'cannot-judge',
      measured: asked,
      ...because([...wordsOf(r), words('nobody confirmed the words were read')]),
    };
  }

  /** What the call itself shows (the interviewer's word aside), worked out once per frame time. */
  private machine(nowMs: number): ChallengeResult | null {
    if (nowMs !== this.machineAt) {
      this.machineAt = nowMs;
      this.machineResult = this.judgeCall(nowMs);
    }
    return this.machineResult;
  }

  /** What the call itself shows (the interviewer's word aside): null while the reading may go on. */
  private judgeCall(nowMs: number): ChallengeResult | null {
    const spoke = this.voicedMs >= this.o.minSpeechMs;
    const finished = spoke && nowMs - this.lastVoiceMs >= this.o.endPauseMs;
    if (!finished && nowMs < this.deadlineMs) return null;
    const { n: mouthN, std: mouthStd } = this.mouthWhileSpeaking();
    const base = {
      kind: this.kind,
      fromMs: this.startMs,
      toMs: Math.min(nowMs, this.deadlineMs),
      measured: {
        speechMs: this.voicedMs,
        runOnMs: this.runOnMs,
        onsetMs: Number.isNaN(this.firstVoiceMs) ? -1 : this.firstVoiceMs - this.startMs,
        mouthStdWhileSpeaking: mouthStd,
        faceShare: this.frames ? this.faceFrames / this.frames : 0,
      },
    };
    if (!spoke)
      return {
        ...base,
        verdict: 'not-performed',
        feedBroke: false,
        ...because([
          this.runOnMs >= this.o.minSpeechMs && this.voicedMs === 0
            ? words(
                'the speech ran on from before the ask without a pause: no reading began as a response to it',
              )
            : say`no reading heard within ${Math.round(this.o.windowMs / 1000)} s of the ask`,
        ]),
      };
    const onset = say`a reading began ${((this.firstVoiceMs - this.startMs) / 1000).toFixed(1)} s after the ask, after a pause, and lasted ${(this.voicedMs / 1000).toFixed(1)} s`;
    if (this.faceFrames < 0.7 * this.frames || mouthN < 8)
      return {
        ...base,
        verdict: 'cannot-judge',
        feedBroke: false,
        ...because([onset, words('the mouth was not in view while the phrase was read')]),
      };
    // A lip-sync flag during the reading is the lip-sync signal's own evidence (it is in the Flags
    // already); counting it again as a failed challenge would turn one signal into two.
    if (this.lipSyncFlag)
      return {
        ...base,
        verdict: 'cannot-judge',
        feedBroke: false,
        ...because([onset, say`the lip-sync signal flagged the reading (${this.lipSyncFlag}); see its flag`]),
      };
    if (mouthStd < this.o.minMouthStd)
      return {
        ...base,
        verdict: 'failed',
        feedBroke: false,
        ...because([onset, words('the voice read the phrase while the visible mouth stayed still')]),
      };
    return {
      ...base,
      verdict: 'passed',
      feedBroke: false,
      ...because([onset, words('the mouth moved with the voice')]),
    };
  }
}
