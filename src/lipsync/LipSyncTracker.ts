/**
 * The lip-sync detector: is the voice coming from the mouth on screen, and on time?
 *
 * Input, on one page clock: mouth aperture and mouth motion per analysed video frame (15 fps, irregular), and the
 * speech-band envelope of the candidate's audio on a 50 Hz grid (see EnvelopeSampler), with the levels
 * of three speech sub-bands where the source measures them (their weighted mix is then the voice
 * compared with the mouth, see audio/speechBands.ts; else the whole band's level). Both are kept
 * in ring buffers on the same slot grid (mouth interpolated linearly between frames). Once a second,
 * {@link LipSyncTracker.evaluate} correlates the last `windowMs` of mouth motion with the envelope at
 * every lag within ±`maxLagMs` (syncCurve), SyncNet-style: the best lag is the offset, the height of
 * its peak over the median of the curve is the confidence. Only spans with enough speech, a usable
 * face and a moving mouth count; anything else is "not enough evidence", never a flag.
 *
 * A single span of speech-energy vs lip-opening correlation is noisy (speech is rhythmic, so the
 * curve has side peaks a syllable apart), so the evidence is the mean of the lag curves of the spans
 * of the last `accumulateMs`: its best lag is the offset, its peak over its median the confidence, and
 * its lead over the highest rival peak says whether two offsets fit about as well. With hysteresis,
 * one of these flags is raised:
 *  - offset:    a clear, stable audio lead beyond the ITU-R BT.1359 acceptability limit (`leadLimitMs`,
 *               90 ms) by more than genuine speakers in step read on that side (`leadMarginMs`); a
 *               lead between the two, and any lag beyond `lagLimitMs` (185 ms: see `lagMarginMs`),
 *               "cannot judge the offset";
 *  - mismatch:  speech and a moving, visible mouth, but no lag at which they agree (another voice,
 *               a re-driven mouth, a proxy speaking off camera);
 *  - voice-without-mouth: sustained speech while the visible mouth stays still.
 * Mouth movement without any sound is reported as an observation only (a muted microphone does that).
 */
import { said, say, words, type Phrase } from '../text/Phrase';
import { peakOverMedian, syncCurve, syncPeak, type SyncPeak } from './syncCurve';
import { VoiceActivity } from '../audio/VoiceActivity';
import { FPS_TOLERANCE, judgeTiming, REQUIREMENTS, type Judgement } from '../quality/judgeability';
import { LIP_SYNC_DEFAULTS, outside, sameSide, type LipSyncOptions } from './LipSyncOptions';
import { MouthShapeAgreement } from './MouthShapeAgreement';
import type {
  Accumulated,
  Evidence,
  LipSyncFlag,
  LipSyncFlagKind,
  LipSyncReading,
  LipSyncState,
  SyncWindow,
} from './LipSyncReading';
import { CONFIDENCE, findingOf, findingWords, notEnough, offsetWords, type Finding } from './lipSyncWords';
import { movingAverage } from './movingAverage';

/** Speaking spans kept for the candidate's own mouth spread (about 2 min at one a second). */
const OWN_CAP = 120;
const TRACK_CAP = 1024;

export class LipSyncTracker {
  private readonly slotMs: number;
  private readonly w: number;
  private readonly maxLag: number;
  private readonly cap: number;
  private readonly o: Required<LipSyncOptions>;
  private readonly mouth: Float32Array;
  /** The mouth-motion series compared with the voice (see addFrame), on the same grid. */
  private readonly motion: Float32Array;
  private readonly face: Uint8Array;
  /** 1 in the slot where a video frame landed (frames, not interpolated slots, decide the frame rate). */
  private readonly frameAt: Uint8Array;
  private readonly level: Float32Array;
  /** The sub-bands' levels, bandCount per slot, and whether the slot has them. */
  private readonly bandCount: number;
  private readonly bands: Float32Array;
  private readonly hasBands: Uint8Array;
  private readonly bandFloor: Float64Array;
  private readonly voiced: Uint8Array;
  private readonly vad = new VoiceActivity();
  /** The mouth-shape cue: measured and reported, not part of any flag (docs/evaluations/visemes.md). */
  private readonly shapes = new MouthShapeAgreement();
  /** Envelope slots called speech since the start (see LipSyncReading.speechMs). */
  private voicedSlots = 0;
  /** Last slot written per series (-1: none yet). */
  private lastMouthSlot = -1;
  private lastAudioSlot = -1;
  private prevFrameMs = NaN;
  private prevMouth = NaN;
  private prevMotion = NaN;
  private prevUsable = false;
  // Scratch for evaluate (allocated once).
  private readonly segM: Float64Array;
  private readonly segA: Float64Array;
  private readonly curve: Float64Array;
  private readonly tmpM: Float64Array;
  /** Lag curves of the recent spans with enough evidence (a ring), and when each span ended. */
  private readonly curves: Float64Array[];
  private readonly curveEndMs: Float64Array;
  private curveHead = 0;
  private readonly accCurve: Float64Array;
  /** Mean lag curve of the spans that ended within the last recentMs. */
  private readonly recentCurve: Float64Array;
  /** The call-long evidence (see callMemoryWindows) and how many spans it holds. */
  private readonly callCurve: Float64Array;
  private callWindows = 0;
  private readonly tmpA: Float64Array;
  // Confident spans: time and offset, a ring.
  private readonly trackT = new Float64Array(TRACK_CAP);
  private readonly trackOffset = new Float64Array(TRACK_CAP);
  private trackN = 0;
  private trackHead = 0;
  // Flag hysteresis.
  private candidate: { kind: LipSyncFlagKind | null; count: number; sinceMs: number } = {
    kind: null,
    count: 0,
    sinceMs: 0,
  };
  private clearCount = 0;
  private flag: LipSyncFlag | null = null;
  /** The first flag of each finding raised in this call (see findingOf), for the disagreement check. */
  private readonly findings = new Map<Finding, Phrase>();
  /** Unstable readings: until when no flag is raised, and the words shown (null: stable). */
  private unstable: { sinceMs: number; untilMs: number; words: Phrase } | null = null;
  /** Why the latest span could not be judged when its frames or the quality authority said so. */
  private videoShortfall: Phrase = words('');
  /** Analysed frames/s of the latest span (NaN before one with audio and speech). */
  private windowFps = NaN;
  /** Until when the evidence holds a span under `mismatchMinFps` (page clock, ms). */
  private lowRateUntilMs = -Infinity;
  /** Mouth spreads of the latest speaking spans with enough evidence (the candidate's own mouth). */
  private readonly ownStd = new Float64Array(OWN_CAP);
  private readonly ownScratch = new Float64Array(OWN_CAP);
  private ownN = 0;
  private ownHead = 0;
  /** Below this spread a span is not compared with the voice (see minMouthStd, stillShareOfOwn). */
  private compareStd: number;
  /** Below this spread (during speech and over the whole span) the mouth is still: the flag's threshold. */
  private stillStd: number;

  constructor(opts: LipSyncOptions = {}) {
    this.o = { ...LIP_SYNC_DEFAULTS, ...opts };
    this.slotMs = this.o.slotMs;
    this.w = Math.round(this.o.windowMs / this.slotMs);
    this.maxLag = Math.round(this.o.maxLagMs / this.slotMs);
    this.cap = this.w + 2 * this.maxLag + Math.round(2000 / this.slotMs);
    this.mouth = new Float32Array(this.cap).fill(NaN);
    this.motion = new Float32Array(this.cap).fill(NaN);
    this.face = new Uint8Array(this.cap);
    this.frameAt = new Uint8Array(this.cap);
    this.level = new Float32Array(this.cap).fill(NaN);
    this.bandCount = this.o.bandWeights.length;
    this.bands = new Float32Array(this.cap * this.bandCount);
    this.hasBands = new Uint8Array(this.cap);
    this.bandFloor = new Float64Array(this.bandCount);
    this.voiced = new Uint8Array(this.cap);
    this.segM = new Float64Array(this.w);
    this.segA = new Float64Array(this.w + 2 * this.maxLag);
    this.curve = new Float64Array(2 * this.maxLag + 1);
    this.tmpM = new Float64Array(this.w);
    this.tmpA = new Float64Array(this.w + 2 * this.maxLag);
    // One curve per evaluation (about one a second) over accumulateMs, with room to spare.
    const keep = Math.ceil(this.o.accumulateMs / 1000) + 4;
    this.curves = Array.from({ length: keep }, () => new Float64Array(2 * this.maxLag + 1));
    this.curveEndMs = new Float64Array(keep).fill(-Infinity);
    this.accCurve = new Float64Array(2 * this.maxLag + 1);
    this.recentCurve = new Float64Array(2 * this.maxLag + 1);
    this.callCurve = new Float64Array(2 * this.maxLag + 1);
    this.compareStd = this.o.minMouthStd;
    this.stillStd = Math.min(this.o.minMouthStd, this.o.stillFloorStd);
  }

  private idx(slot: number): number {
    return ((slot % this.cap) + this.cap) % this.cap;
  }

  /**
   * One analysed video frame. `usable` is false when the face is missing, turned away or too small
   * to read the lips; such stretches count as "no face", never as a still mouth. `mouthAperture`
   * decides whether the mouth moves at all (the still-mouth thresholds are in its units);
   * `mouthMotion` is the series correlated with the voice (default: the aperture itself; the
   * analyzer passes the aperture plus the mouth blendshapes, see features/mouthMotion.ts).
   */
  addFrame(timestampMs: number, mouthAperture: number, usable: boolean, mouthMotion = mouthAperture): void {
    const ok = usable && Number.isFinite(mouthAperture) && Number.isFinite(mouthMotion);
    const t0 = this.prevFrameMs;
    const bridge = ok && this.prevUsable && timestampMs - t0 <= this.o.maxFrameGapMs && timestampMs > t0;
    const last = Math.floor(timestampMs / this.slotMs - 0.5); // last slot whose centre is ≤ now
    let first = this.lastMouthSlot + 1;
    if (this.lastMouthSlot < 0 || last - first >= this.cap) first = Math.max(first, last - this.cap + 1);
    for (let s = first; s <= last; s++) {
      const i = this.idx(s);
      const c = (s + 0.5) * this.slotMs;
      // The frame marks its own slot (a second frame in the same slot, over 50 fps, counts once).
      this.frameAt[i] = s === last ? 1 : 0;
      if (bridge && c >= t0) {
        const f = (c - t0) / (timestampMs - t0);
        this.mouth[i] = this.prevMouth + (mouthAperture - this.prevMouth) * f;
        this.motion[i] = this.prevMotion + (mouthMotion - this.prevMotion) * f;
        this.face[i] = 1;
      } else {
        this.mouth[i] = NaN;
        this.motion[i] = NaN;
        this.face[i] = 0;
      }
    }
    if (last > this.lastMouthSlot) this.lastMouthSlot = last;
    this.prevFrameMs = timestampMs;
    this.prevMouth = mouthAperture;
    this.prevMotion = mouthMotion;
    this.prevUsable = ok;
  }

  /**
   * Consecutive envelope slots starting at page time `startMs` (a multiple of slotMs), dBFS, and
   * optionally the speech sub-bands' levels of the same slots (bandWeights.length per slot, slot by
   * slot; ignored unless exactly that long).
   */
  addAudio(startMs: number, levelsDb: ArrayLike<number>, bandsDb?: ArrayLike<number>): void {
    const first = Math.round(startMs / this.slotMs);
    const nb = this.bandCount;
    const withBands = nb > 0 && bandsDb !== undefined && bandsDb.length === levelsDb.length * nb;
    // A gap since the last chunk: those slots have no audio.
    for (let s = Math.max(this.lastAudioSlot + 1, first - this.cap); s < first; s++) {
      this.level[this.idx(s)] = NaN;
      this.hasBands[this.idx(s)] = 0;
      this.voiced[this.idx(s)] = 0;
    }
    for (let k = 0; k < levelsDb.length; k++) {
      const s = first + k;
      if (s <= this.lastAudioSlot) continue; // already have it
      const db = levelsDb[k]!;
      const i = this.idx(s);
      this.hasBands[i] = withBands ? 1 : 0;
      if (withBands) for (let b = 0; b < nb; b++) this.bands[i * nb + b] = bandsDb[k * nb + b]!;
      this.level[i] = db;
      const voiced = this.vad.push(db);
      this.voiced[this.idx(s)] = voiced ? 1 : 0;
      if (voiced) this.voicedSlots++;
      this.lastAudioSlot = s;
    }
  }

  /**
   * One frame's visible mouth for the mouth-shape cue (MOUTH_FEATURES order, see mouthFeatures);
   * `usable` false when the face or mouth was not clearly seen.
   */
  addMouthShape(timestampMs: number, features: ArrayLike<number>, usable: boolean): void {
    this.shapes.addMouth(timestampMs, features, usable);
  }

  /** One classification of the voice: the visemes' probabilities (VISEMES order) at page time `tMs`. */
  addVisemes(tMs: number, probabilities: ArrayLike<number>): void {
    this.shapes.addVisemes(tMs, probabilities);
  }

  /** Turns judging the offset on or off (see LipSyncOptions.judgeOffset); an offset flag already raised then clears with the usual hysteresis. */
  setJudgeOffset(on: boolean): void {
    this.o.judgeOffset = on;
  }

  /**
   * Analyses the latest complete span and updates the call-level offset and flags. `quality`: the
   * quality authority's judgement of the video now (see quality/judgeability); when it cannot judge,
   * neither does this span: no evidence is kept, no flag is raised, and the state says why.
   */
  evaluate(quality: Judgement = { ok: true }): LipSyncReading {
    const end = Math.min(this.lastMouthSlot, this.lastAudioSlot); // last slot both series have
    let win = this.analyseWindow(end);
    if (!quality.ok && win.evidence !== 'no-audio') {
      this.videoShortfall = quality.words ?? words(quality.reason);
      win = { ...win, evidence: 'poor-video', offsetMs: null, confidence: 0 };
    }
    // Keep this span's lag curve; the evidence is the mean curve of the recent spans.
    if (win.evidence === 'enough') {
      this.learnOwnMouth(win.mouthStd);
      this.curves[this.curveHead]!.set(this.curve);
      this.curveEndMs[this.curveHead] = win.endMs;
      this.curveHead = (this.curveHead + 1) % this.curves.length;
      this.addToCall(this.curve);
    }
    const acc = this.accumulate(win.endMs, this.o.accumulateMs, this.accCurve);
    const callPeak = this.callPeak();
    // The call-long evidence's best lag (null at the search edge), and how clearly it peaks: an offset
    // flag needs the former on its side; "another voice" needs the latter under mismatchConfidence, so
    // a voice that has followed the mouth all call is not called another's on a few flat seconds.
    const callOffsetMs = callPeak && this.offsetOf(callPeak);
    const callConfidence = callPeak ? peakOverMedian(callPeak) : 0;
    // The offset the evidence supports: enough spans, a clear peak, not at the search edge.
    const offsetMs =
      acc.spans >= this.o.minWindows && acc.confidence >= this.o.syncConfidence ? acc.offsetMs : null;
    if (offsetMs !== null) {
      this.trackT[this.trackHead] = win.endMs;
      this.trackOffset[this.trackHead] = offsetMs;
      this.trackHead = (this.trackHead + 1) % TRACK_CAP;
      if (this.trackN < TRACK_CAP) this.trackN++;
    }
    const driftMsPerMin = this.drift();
    // Whether an offset past the tolerance's margins leads every lag in step or the other way, span after span.
    const clearOfOthers = !outside(offsetMs, this.o, true) || this.clearOfOtherFindings(win.endMs);

    // What the evidence says now, before hysteresis.
    let saw: LipSyncFlagKind | null = null;
    if (win.evidence === 'enough' && this.windowFps < this.o.mismatchMinFps - FPS_TOLERANCE)
      this.lowRateUntilMs = win.endMs + this.o.accumulateMs;
    if (win.evidence === 'enough' && acc.spans >= this.o.flagWindows) {
      if (acc.confidence < this.o.mismatchConfidence) {
        if (
          !this.delayChanging(win.endMs) &&
          win.endMs >= this.lowRateUntilMs &&
          callConfidence < this.o.mismatchConfidence
        )
          saw = 'mismatch';
      } else if (
        this.o.judgeOffset &&
        offsetMs !== null &&
        acc.margin >= this.o.minPeakMargin &&
        outside(offsetMs, this.o, true) &&
        clearOfOthers &&
        Math.abs(offsetMs) <= this.o.maxFlagOffsetMs &&
        (this.o.callMemoryWindows <= 0 || sameSide(callOffsetMs, offsetMs, this.o)) &&
        this.stable(this.o.raiseAfter)
      )
        saw = 'offset';
    } else if (
      win.evidence === 'still-mouth' &&
      win.speechFraction >= 2 * this.o.minSpeechFraction &&
      win.mouthStd < this.stillStd &&
      win.mouthStdAll < this.stillStd
    ) {
      // Still during the speech and over the whole span: a mouth out of step with its voice (or a
      // quieter stretch of a restrained speaker) moves, if not while the voiced slots fall.
      saw = 'voice-without-mouth';
    }
    if (this.unstable && win.endMs >= this.unstable.untilMs) this.unstable = null;
    // In step: an offset the evidence supports, and (when judged) within the tolerance.
    const inSync =
      win.evidence === 'enough' && offsetMs !== null && (!this.o.judgeOffset || !outside(offsetMs, this.o));

    let change: LipSyncReading['change'] = null;
    if (saw && saw === this.candidate.kind) this.candidate.count++;
    else this.candidate = { kind: saw, count: saw ? 1 : 0, sinceMs: win.endMs - this.o.windowMs };
    // A finding ready to be flagged that disagrees with one the call already flagged: the readings
    // are unstable, and none of them stands.
    const ready = saw && this.candidate.count >= this.o.raiseAfter ? findingOf(saw, offsetMs) : null;
    const disagrees = ready !== null && [...this.findings.keys()].some((k) => k !== ready);
    if (ready && (disagrees || this.unstable)) {
      if (disagrees) {
        const first = [...this.findings.values()][0]!;
        this.unstable = {
          sinceMs: this.unstable?.sinceMs ?? win.endMs,
          untilMs: win.endMs + this.o.unstableHoldMs,
          words: say`readings unstable: first ${first}, then ${findingWords(ready, offsetMs)}`,
        };
      }
      if (this.flag) change = { kind: 'withdrawn', flag: this.flag };
      this.flag = null;
      this.clearCount = 0;
    } else if (this.flag) {
      this.clearCount = inSync ? this.clearCount + 1 : 0;
      if (this.clearCount >= this.o.clearAfter) {
        change = { kind: 'cleared', flag: this.flag };
        this.flag = null;
        this.clearCount = 0;
      } else if (saw && this.candidate.count >= this.o.raiseAfter) {
        const same = this.flag.kind === saw;
        this.flag = this.describe(
          saw,
          same ? this.flag.sinceMs : this.candidate.sinceMs,
          win,
          offsetMs,
          acc.spans,
        );
        if (!same) change = { kind: 'changed', flag: this.flag };
      }
    } else if (saw && this.candidate.count >= this.o.raiseAfter) {
      this.flag = this.describe(saw, this.candidate.sinceMs, win, offsetMs, acc.spans);
      this.clearCount = 0;
      change = { kind: 'raised', flag: this.flag };
    }
    if (
      change &&
      change.kind !== 'cleared' &&
      change.kind !== 'withdrawn' &&
      ready &&
      !this.findings.has(ready)
    )
      this.findings.set(ready, findingWords(ready, offsetMs));

    const mouthWithoutVoice =
      win.evidence !== 'no-audio' &&
      win.faceFraction >= this.o.minFaceFraction &&
      win.speechFraction < 0.05 &&
      win.mouthStdAll >= 2 * this.o.minMouthStd;
    let state: LipSyncState;
    let reason: Phrase;
    if (win.evidence === 'poor-video' || win.evidence === 'few-frames') {
      // The video cannot be judged now: whatever was flagged earlier stays in the log, but nothing
      // on screen may claim a finding the current video cannot support.
      state = 'cannot-judge';
      reason = this.flag
        ? say`cannot judge: ${say`${this.videoShortfall} (the earlier flag stays in the log)`}`
        : say`cannot judge: ${this.videoShortfall}`;
    } else if (this.unstable) {
      state = 'cannot-judge';
      reason = say`cannot judge: ${say`${this.unstable.words}; a random phrase read aloud can settle it`}`;
    } else if (this.flag) {
      state = 'concerns';
      reason = this.flag.words;
    } else if (win.evidence !== 'enough') {
      state = 'cannot-judge';
      reason = notEnough(win.evidence);
    } else if (acc.spans < this.o.minWindows) {
      state = 'cannot-judge';
      reason = words('gathering evidence: a few more seconds of speech with the face in view');
    } else if (this.o.judgeOffset && offsetMs !== null && Math.abs(offsetMs) > this.o.maxFlagOffsetMs) {
      state = 'cannot-judge';
      reason = say`cannot judge the offset: the best match (${offsetWords(offsetMs)}) is as far off as speech's rhythm can match a syllable away, in genuine speakers too; a random phrase read aloud can settle it`;
    } else if (
      this.o.judgeOffset &&
      this.candidate.kind !== 'mismatch' &&
      !clearOfOthers &&
      acc.spans >= this.o.flagWindows
    ) {
      state = 'cannot-judge';
      reason = say`cannot judge the offset: the best match (${offsetWords(offsetMs!)}) fits hardly better than in step or the other way, stretch after stretch of speech; speech's rhythm can match a syllable away; a random phrase read aloud can settle it`;
    } else if (
      this.o.judgeOffset &&
      this.candidate.kind !== 'mismatch' &&
      outside(offsetMs, this.o) &&
      !outside(offsetMs, this.o, true)
    ) {
      state = 'cannot-judge';
      reason =
        offsetMs! > 0
          ? say`cannot judge the offset: ${offsetWords(offsetMs!)}: this cue reads lips that lead their voice as audio lag, and speech's rhythm as lags of about half a second, in genuine speakers too; a random phrase read aloud can settle it`
          : say`cannot judge the offset: ${offsetWords(offsetMs!)} is past the tolerance by less than genuine speakers in step can read; a random phrase read aloud can settle it`;
    } else if (!this.candidate.kind && offsetMs === null && win.endMs < this.lowRateUntilMs) {
      state = 'cannot-judge';
      reason = say`cannot judge whether the voice is the speaker's own: the last few seconds held under ${this.o.mismatchMinFps} analysed frames/s, too few to tell another voice`;
    } else if (this.candidate.kind || !inSync) {
      // A flag in the making, an offset beyond the tolerance that is not yet stable or clear of a
      // rival peak, or evidence that fits no lag clearly: "no concerns" only with an offset the
      // evidence supports and the product would not flag.
      state = 'inconclusive';
      reason =
        this.candidate.kind !== 'mismatch' && offsetMs !== null
          ? say`audio and video may be out of step (${offsetWords(offsetMs)}); watching`
          : words('the voice did not clearly follow the mouth in the last few seconds; watching');
    } else {
      state = 'no-concerns';
      reason = this.o.judgeOffset
        ? say`voice follows the mouth; ${offsetWords(offsetMs ?? 0)}`
        : say`voice follows the mouth (measured ${offsetWords(offsetMs ?? 0)}; through a tab capture the offset is not judged: sound and picture arrive with delays the extension cannot measure)`;
    }
    return {
      state,
      ...said(reason),
      latest: win,
      evidence: acc,
      offsetMs,
      driftMsPerMin,
      flag: this.flag,
      change,
      mouthWithoutVoice,
      // Read over the same span's end; none while the quality authority cannot judge the video.
      mouthShape: quality.ok ? this.shapes.evaluate(end * this.slotMs) : null,
      speechMs: this.voicedSlots * this.slotMs,
      unstable: this.unstable && { sinceMs: this.unstable.sinceMs, ...said(this.unstable.words) },
    };
  }

  private describe(
    kind: LipSyncFlagKind,
    sinceMs: number,
    win: SyncWindow,
    offsetMs: number | null,
    confidentWindows: number,
  ): LipSyncFlag {
    const forS = Math.max(1, Math.round((win.endMs - sinceMs) / 1000));
    switch (kind) {
      case 'offset': {
        const off = offsetMs ?? win.offsetMs ?? 0;
        const confidence = confidentWindows >= 8 ? 'high' : 'medium';
        return {
          kind,
          sinceMs,
          confidence,
          ...said(
            say`${offsetWords(off)} for the last ${forS} s, confidence ${CONFIDENCE[confidence]} (tolerance: ${this.o.leadLimitMs} ms leading, ${this.o.lagLimitMs} ms lagging)`,
          ),
        };
      }
      case 'mismatch':
        return {
          kind,
          sinceMs,
          confidence: win.confidence < this.o.syncConfidence / 2 ? 'high' : 'medium',
          ...said(
            say`the voice has not followed the visible mouth for the last ${forS} s (no offset within ±${this.o.maxLagMs} ms matches)`,
          ),
        };
      case 'voice-without-mouth':
        return {
          kind,
          sinceMs,
          confidence: 'medium',
          ...said(say`speech for the last ${forS} s while the visible mouth stays still`),
        };
    }
  }

  /** Folds a span's lag curve into the call-long evidence: a plain mean at first, then an exponential one. */
  private addToCall(curve: Float64Array): void {
    if (this.o.callMemoryWindows <= 0) return;
    this.callWindows++;
    const a = Math.max(1 / this.callWindows, 1 / this.o.callMemoryWindows);
    for (let i = 0; i < curve.length; i++) {
      const c = curve[i]!;
      if (!Number.isNaN(c)) this.callCurve[i]! += a * (c - this.callCurve[i]!);
    }
  }

  /** The call-long evidence's peak (null before any span, or with callMemoryWindows off). */
  private callPeak(): SyncPeak | null {
    if (this.callWindows === 0) return null;
    return syncPeak(this.callCurve, this.maxLag, Math.round(this.o.rivalMs / this.slotMs));
  }

  /**
   * The offset a lag curve's peak stands for, ms (positive: audio lags): its lag less the mouth's own
   * lead (mouthLeadMs); null at the search edge or without a peak.
   */
  private offsetOf(p: SyncPeak): number | null {
    return p.atEdge || Number.isNaN(p.lagSlots) ? null : p.lagSlots * this.slotMs - this.o.mouthLeadMs;
  }

  /**
   * Whether evidence too flat to match is a change of delay (see recentMs): the offset had settled in
   * step (settledReadings) and the spans of the last recentMs fit another lag clearly, more than
   * rivalMs from it.
   */
  private delayChanging(nowMs: number): boolean {
    if (this.o.recentMs <= 0 || !this.stable(this.o.settledReadings)) return false;
    const newest = this.tracked(0);
    const settledMs = this.trackOffset[newest]!;
    if (!(this.trackT[newest]! > nowMs - this.o.accumulateMs) || outside(settledMs, this.o)) return false;
    const recent = this.accumulate(nowMs, this.o.recentMs, this.recentCurve);
    return (
      recent.spans >= this.o.minWindows &&
      recent.confidence >= this.o.syncConfidence &&
      recent.offsetMs !== null &&
      Math.abs(recent.offsetMs - settledMs) > this.o.rivalMs
    );
  }

  /** Where the `k`-th newest tracked offset is in the ring (0: the newest). */
  private tracked(k: number): number {
    return (this.trackHead - 1 - k + TRACK_CAP) % TRACK_CAP;
  }

  /** Whether the last `n` tracked offsets lie within stableSpreadMs of each other. */
  private stable(n: number): boolean {
    if (this.trackN < n) return false;
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = 0; k < n; k++) {
      const v = this.trackOffset[this.tracked(k)]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    return hi - lo <= this.o.stableSpreadMs;
  }

  /** Mean lag curve, into `into`, of the spans that ended within the last `spanMs`, and its peak. */
  private accumulate(nowMs: number, spanMs: number, into: Float64Array): Accumulated {
    into.fill(0);
    let n = 0;
    for (let k = 0; k < this.curves.length; k++) {
      const t = this.curveEndMs[k]!;
      if (!(t > nowMs - spanMs && t <= nowMs)) continue;
      const c = this.curves[k]!;
      for (let i = 0; i < c.length; i++) into[i]! += Number.isNaN(c[i]!) ? 0 : c[i]!;
      n++;
    }
    if (n === 0) return { spans: 0, offsetMs: null, confidence: 0, margin: 0 };
    for (let i = 0; i < into.length; i++) into[i]! /= n;
    const p = syncPeak(into, this.maxLag, Math.round(this.o.rivalMs / this.slotMs));
    return {
      spans: n,
      offsetMs: this.offsetOf(p),
      confidence: peakOverMedian(p),
      margin: Number.isNaN(p.rival) ? p.peak - p.median : p.peak - p.rival,
    };
  }

  /**
   * Whether the evidence's best lag (the peak of accCurve, as the last accumulate left it) fits
   * better than every lag that would not be its finding (see minInStepLeadSe): the lags inside the
   * tolerance and all on the other side of them. Clearly enough: the mean of the per-span
   * differences over their standard error, the spans that ended within accumulateMs of `nowMs`
   * counted as the span they cover over windowMs.
   */
  private clearOfOtherFindings(nowMs: number): boolean {
    if (this.o.minInStepLeadSe <= 0) return true;
    const c = this.accCurve;
    const lo = Math.max(0, this.maxLag + Math.ceil((this.o.mouthLeadMs - this.o.leadLimitMs) / this.slotMs));
    const hi = Math.min(
      c.length - 1,
      this.maxLag + Math.floor((this.o.mouthLeadMs + this.o.lagLimitMs) / this.slotMs),
    );
    let best = -1;
    for (let i = 0; i < c.length; i++) if (best < 0 || c[i]! > c[best]!) best = i;
    if (best < 0 || (best >= lo && best <= hi)) return false;
    // A lead is compared with every lag from in step to the far lagging end, a lag with the other way.
    const from = best < lo ? lo : 0;
    const to = best < lo ? c.length - 1 : hi;
    let other = from;
    for (let i = from + 1; i <= to; i++) if (c[i]! > c[other]!) other = i;
    let n = 0;
    let sum = 0;
    let sumSq = 0;
    let first = Infinity;
    let last = -Infinity;
    for (let k = 0; k < this.curves.length; k++) {
      const t = this.curveEndMs[k]!;
      if (!(t > nowMs - this.o.accumulateMs && t <= nowMs)) continue;
      const w = this.curves[k]!;
      const d = (Number.isNaN(w[best]!) ? 0 : w[best]!) - (Number.isNaN(w[other]!) ? 0 : w[other]!);
      n++;
      sum += d;
      sumSq += d * d;
      if (t < first) first = t;
      if (t > last) last = t;
    }
    if (n < 2) return false;
    const mean = sum / n;
    const sd = Math.sqrt(Math.max(0, (sumSq - n * mean * mean) / (n - 1)));
    const independent = Math.max(1, (last - first + this.o.windowMs) / this.o.windowMs);
    return mean > 0 && mean >= (this.o.minInStepLeadSe * sd) / Math.sqrt(independent);
  }

  /** Least-squares slope of the tracked offsets, ms per minute, once they span a minute. */
  private drift(): number | null {
    if (this.trackN < 10) return null;
    const oldest = this.tracked(this.trackN - 1);
    const newest = this.tracked(0);
    if (this.trackT[newest]! - this.trackT[oldest]! < 60_000) return null;
    let st = 0;
    let so = 0;
    for (let k = 0; k < this.trackN; k++) {
      st += this.trackT[k]!;
      so += this.trackOffset[k]!;
    }
    const mt = st / this.trackN;
    const mo = so / this.trackN;
    let num = 0;
    let den = 0;
    for (let k = 0; k < this.trackN; k++) {
      num += (this.trackT[k]! - mt) * (this.trackOffset[k]! - mo);
      den += (this.trackT[k]! - mt) ** 2;
    }
    return den > 0 ? (num / den) * 60_000 : null;
  }

  /**
   * Below this spread of the mouth aperture during speech, the visible mouth is still: `stillFloorStd`
   * until the candidate's own talking mouth is known, then a share of it (see stillShareOfOwn).
   */
  get stillMouthStd(): number {
    return this.stillStd;
  }

  /** Adds a speaking span's mouth spread to the candidate's own, and updates both thresholds. */
  private learnOwnMouth(std: number): void {
    this.ownStd[this.ownHead] = std;
    this.ownHead = (this.ownHead + 1) % OWN_CAP;
    if (this.ownN < OWN_CAP) this.ownN++;
    if (this.ownN < this.o.ownWindows) return;
    const s = this.ownScratch.subarray(0, this.ownN);
    s.set(this.ownStd.subarray(0, this.ownN));
    s.sort();
    const own = s[this.ownN >> 1]!;
    this.compareStd = Math.min(
      this.o.minMouthStd,
      Math.max(this.o.stillFloorStd, this.o.stillShareOfOwn * own),
    );
    this.stillStd = this.compareStd;
  }

  /**
   * The voice series of the audio part of a span, from `aStart`, into segA: each slot's level above
   * the part's quietest slot; the weighted mix of the sub-bands' levels (each above its own quietest)
   * when every slot of the part has them, else the whole band's.
   */
  private voiceSeries(aStart: number): void {
    const n = this.segA.length;
    const nb = this.bandCount;
    let withBands = nb > 0;
    let floor = Infinity;
    this.bandFloor.fill(Infinity);
    for (let k = 0; k < n; k++) {
      const i = this.idx(aStart + k);
      const lv = this.level[i]!;
      if (lv < floor) floor = lv;
      if (!withBands) continue;
      if (!this.hasBands[i]) withBands = false;
      else
        for (let b = 0; b < nb; b++) {
          const v = this.bands[i * nb + b]!;
          if (v < this.bandFloor[b]!) this.bandFloor[b] = v;
        }
    }
    const w = this.o.bandWeights;
    for (let k = 0; k < n; k++) {
      const i = this.idx(aStart + k);
      const lv = this.level[i]!;
      if (Number.isNaN(lv)) this.segA[k] = 0;
      else if (!withBands) this.segA[k] = Math.max(0, lv - floor);
      else {
        let v = 0;
        for (let b = 0; b < nb; b++) {
          const x = this.bands[i * nb + b]!;
          if (!Number.isNaN(x)) v += w[b]! * Math.max(0, x - this.bandFloor[b]!);
        }
        this.segA[k] = v;
      }
    }
  }

  /** The span whose mouth part ends maxLag slots before `end` (so every lag has audio). */
  private analyseWindow(end: number): SyncWindow {
    const mEnd = end - this.maxLag;
    const mStart = mEnd - this.w + 1;
    const endMs = (mEnd + 1) * this.slotMs;
    const empty = (evidence: Evidence, extra: Partial<SyncWindow> = {}): SyncWindow => ({
      endMs,
      evidence,
      offsetMs: null,
      confidence: 0,
      speechFraction: 0,
      faceFraction: 0,
      mouthStd: 0,
      mouthStdAll: 0,
      levelDb: NaN,
      ...extra,
    });
    if (this.lastMouthSlot < 0 || this.lastAudioSlot < 0 || mStart < 0) return empty('no-audio');
    // Mouth part: face coverage, speech coverage, mouth spread during speech.
    let faceN = 0;
    let speechN = 0;
    let audioN = 0;
    let levelSum = 0;
    let sm = 0;
    let smm = 0;
    let mSpeechN = 0;
    let mSum = 0;
    let vSum = 0;
    let mSq = 0;
    let mN = 0;
    let frames = 0;
    let lostSlots = 0;
    let prevFrame = mStart - 1;
    const longGapSlots = this.o.longGapMs / this.slotMs;
    for (let s = mStart; s <= mEnd; s++) {
      const i = this.idx(s);
      if (this.frameAt[i]) {
        frames++;
        if (s - prevFrame > longGapSlots) lostSlots += s - prevFrame;
        prevFrame = s;
      }
      const lv = this.level[i]!;
      if (!Number.isNaN(lv)) {
        audioN++;
        levelSum += lv;
      }
      if (this.voiced[i]) speechN++;
      if (this.face[i]) {
        faceN++;
        const m = this.mouth[i]!;
        mSum += m;
        vSum += this.motion[i]!;
        mSq += m * m;
        mN++;
        if (this.voiced[i]) {
          sm += m;
          smm += m * m;
          mSpeechN++;
        }
      }
    }
    const speechFraction = speechN / this.w;
    const faceFraction = faceN / this.w;
    const mouthStd = mSpeechN > 1 ? Math.sqrt(Math.max(0, smm / mSpeechN - (sm / mSpeechN) ** 2)) : 0;
    const mouthStdAll = mN > 1 ? Math.sqrt(Math.max(0, mSq / mN - (mSum / mN) ** 2)) : 0;
    const levelDb = audioN > 0 ? levelSum / audioN : NaN;
    const stats = { speechFraction, faceFraction, mouthStd, mouthStdAll, levelDb };
    if (audioN < 0.8 * this.w) return empty('no-audio', stats);
    if (speechFraction < this.o.minSpeechFraction) return empty('no-speech', stats);
    if (mEnd - prevFrame > longGapSlots) lostSlots += mEnd - prevFrame;
    this.windowFps = (frames * 1000) / this.o.windowMs;
    const timing = judgeTiming(
      { spanMs: this.o.windowMs, fps: this.windowFps, longGapShare: lostSlots / this.w },
      {
        ...REQUIREMENTS.lipsync,
        minFps: this.o.minFps,
        maxLongGapShare: this.o.maxLongGapShare,
        minSpanMs: 0,
      },
    );
    if (!timing.ok) {
      this.videoShortfall = timing.words ?? words(timing.reason);
      return empty('few-frames', stats);
    }
    if (faceFraction < this.o.minFaceFraction) return empty('no-face', stats);
    if (mouthStd < this.compareStd) return empty('still-mouth', stats);

    // Series for the correlation: missing mouth samples take the mean (no contribution); the
    // envelope is the level above the quietest slot of the span, lightly smoothed. Both are then
    // high-passed (minus a centred moving average) so the syllable-rate movement is compared, not
    // slow changes of loudness or posture.
    const vMean = vSum / mN;
    for (let k = 0; k < this.w; k++) {
      const i = this.idx(mStart + k);
      this.segM[k] = this.face[i] ? this.motion[i]! : vMean;
    }
    const aStart = mStart - this.maxLag;
    this.voiceSeries(aStart);
    const smoothSlots = Math.round(this.o.audioSmoothMs / this.slotMs / 2);
    const hpSlots = Math.round(this.o.highPassMs / this.slotMs / 2);
    movingAverage(this.segA, smoothSlots, this.tmpA);
    this.segA.set(this.tmpA);
    if (hpSlots > 0) {
      movingAverage(this.segA, hpSlots, this.tmpA);
      for (let k = 0; k < this.segA.length; k++) this.segA[k]! -= this.tmpA[k]!;
      movingAverage(this.segM, hpSlots, this.tmpM);
      for (let k = 0; k < this.segM.length; k++) this.segM[k]! -= this.tmpM[k]!;
    }
    syncCurve(this.segM, this.segA, this.maxLag, this.curve);
    const p = syncPeak(this.curve, this.maxLag);
    if (Number.isNaN(p.peak)) return empty('still-mouth', stats);
    return {
      endMs,
      evidence: 'enough',
      offsetMs: this.offsetOf(p),
      confidence: peakOverMedian(p),
      ...stats,
    };
  }
}
