import { SPEECH_BAND_WEIGHTS } from '../audio/speechBands';
import { REQUIREMENTS } from '../quality/judgeability';

/** Options for the lip-sync tracker (LipSyncTracker.ts); every default is documented and named in its unit. */
export interface LipSyncOptions {
  /** Grid of both series, ms per slot (default 20: the envelope's 50 Hz). */
  slotMs?: number;
  /** Analysis span, ms (default 4000). */
  windowMs?: number;
  /** Largest offset searched either way, ms (default 600). */
  maxLagMs?: number;
  /** Longest gap between video frames that is bridged by interpolation, ms (default 250). */
  maxFrameGapMs?: number;
  /** Share of the span that must be speech (default 0.25). */
  minSpeechFraction?: number;
  /** Share of the span with a usable face (default 0.8). */
  minFaceFraction?: number;
  /**
   * Fewest analysed video frames per second in the span (default: the quality authority's
   * lip-sync requirement, 10): mouths move at the syllable rate, 4–6 Hz, which slower video cannot
   * follow (a tab capture on a machine without a GPU can run at 5 frames/s); such spans are
   * "cannot judge".
   */
  minFps?: number;
  /**
   * Largest share of the span lost in gaps between frames longer than longGapMs (default: the
   * quality authority's lip-sync requirement, 0.1): a busy computer's uneven frames can average
   * 10 frames/s and still skip whole syllables.
   */
  maxLongGapShare?: number;
  /** A gap between frames longer than this is lost, ms (default 200, as QualityWindow). */
  longGapMs?: number;
  /**
   * After a finding that disagrees with an earlier one of the call (audio leading, then lagging, then
   * no offset matching), the readings are unstable: the flag held is withdrawn, and the state says
   * "cannot judge: readings unstable" for this long after the latest disagreement, ms (default
   * 120 000). Once two findings have disagreed, any later one disagrees with one of them: the call's
   * lip-sync raises no flag again, and says why whenever it would have.
   */
  unstableHoldMs?: number;
  /**
   * Smallest spread of the mouth aperture during speech that is compared with the voice (default
   * 0.03); a span under it is "cannot judge: the mouth hardly moves".
   */
  minMouthStd?: number;
  /**
   * Once the candidate's own talking mouth is known (the median spread of `ownWindows` speaking
   * spans), a span is compared down to this share of it, if that is lower than `minMouthStd`
   * (default 0.5): some people speak with little lip movement (a restrained speaker, a beard over the
   * lips) and read about 0.03–0.05 throughout; their quieter stretches are still worth comparing.
   * The same share is then what counts as a still mouth for the "voice without mouth" flag.
   */
  stillShareOfOwn?: number;
  /** Speaking spans that make the candidate's own mouth spread known (default 10). */
  ownWindows?: number;
  /**
   * A mouth spread below this is still whatever the candidate's own spread, and, until that is known,
   * the only spread that counts as still for the "voice without mouth" flag (default 0.015: a closed
   * mouth with the landmarks' jitter reads about 0.005, a restrained speaker's quiet stretch 0.02–0.03).
   */
  stillFloorStd?: number;
  /** Peak-over-median of the mean lag curve that counts as a clear match (default 0.2). */
  syncConfidence?: number;
  /** Below this peak-over-median, with enough spans, nothing matches: mismatch evidence (default 0.18). */
  mismatchConfidence?: number;
  /**
   * Frames/s every span of the evidence needs before "nothing matches" counts as another voice
   * (default 12). Fewer frames blur the mouth's syllables: genuine speakers with their own voice
   * read a lower peak-over-median at about 10 frames/s (eval:lipsync at load 2: the 5th percentile
   * fell from 0.23–0.28 to 0.16, under `mismatchConfidence`, and one in step was flagged); at
   * 12 and more it stayed at 0.23 and above. Below, the row cannot judge whose voice it is. A span
   * may read up to `FPS_TOLERANCE` under it (quality/judgeability): at a steady 12 frames/s a 4 s
   * span counts 47 frames about a third of the time, as its edges fall between frames.
   */
  mismatchMinFps?: number;
  /**
   * The newest part of the evidence, ms (default 4000). When the call's offset had settled in step
   * (see settledReadings) and the spans that ended within this span fit another lag clearly
   * (peak-over-median of at least syncConfidence), evidence too flat to match is a change of delay
   * whose two lags blur each other in the mean curve, not a voice that matches no lag: no mismatch is
   * seen, and the new offset is flagged once the evidence holds only it. 0: off.
   *
   * Replayed over recorded calls (the seven genuine speakers of the shared set whose own offset reads
   * in step, three runs each) whose voice moved by −300, +300 or −160 ms after 16 s, a mismatch was
   * raised during the change in 3, 7 and 5 of 21 calls without this, and 0, 2 and 2 with it; another
   * voice from the start, the same speaker's other words and fixed shifts were flagged exactly as before.
   */
  recentMs?: number;
  /**
   * How many of the latest confident readings must agree within stableSpreadMs, the newest within
   * accumulateMs and inside the tolerance, for the call's offset to count as settled for recentMs
   * (default 8, about 8 s of speech). Fewer let another voice that happened to fit one lag for a few
   * seconds pass for a change of delay (a recorded one did at 4 and 6).
   */
  settledReadings?: number;
  /**
   * Spans in the evidence before a flag can be raised, offset or mismatch (default 4: about 7 s of
   * speech). Three spans already give a reading, but a few seconds of one speaker's speech can favour
   * a lag far from the true one (with the lip aperture alone, the German anchor's fourth to ninth
   * seconds peaked at +440 ms; 5 spans were needed then, the mouth-motion mix no longer does it).
   */
  flagWindows?: number;
  /** An offset flag needs the last `raiseAfter` offsets within this spread, ms (default 60). */
  stableSpreadMs?: number;
  /** Peaks of the lag curve closer than this to the best one are the same peak, ms (default 120). */
  rivalMs?: number;
  /** An offset flag needs the best peak this much above any rival peak (default 0.03). */
  minPeakMargin?: number;
  /**
   * An offset flag needs the evidence's best lag to fit better than every lag that would not be its
   * finding (for a lead: the lags inside the tolerance and every lag beyond them on the lagging side;
   * for a lag, the other way) by this many standard errors of that difference, taken span by span
   * over the evidence (default 2; spans that overlap count as one per windowMs). Speech's rhythm
   * makes the lag curve of some speakers nearly periodic, with peaks a syllable apart about as high
   * as the true one; the mean curve's highest then moves between them from second to second and
   * call to call, on a genuine speaker in step as on a shifted one, and a shifted voice's alias can
   * lie on the other side (vr_face4's own voice 240–360 ms late read as a 220–400 ms lead when only
   * the in-step lags were compared). A delay shows as a lead over all of those that holds span after
   * span; a syllable alias seldom does (it still can: docs/evaluations/visemes.md). 0: off.
   */
  minInStepLeadSe?: number;
  /**
   * An audio lead is flagged only this far beyond `leadLimitMs`, ms (default 100): as far as genuine
   * speakers in step read on the leading side (eval:lipsync's originals read down to −95 ms), so a
   * lead inside the tolerance on such a speaker is not flagged. Between the limit and the margin the
   * row says "cannot judge the offset".
   */
  leadMarginMs?: number;
  /**
   * An audio lag is flagged only this far beyond `lagLimitMs`, ms (default Infinity: never). The
   * mouth moves into a syllable before its sound, by an amount that differs between speakers, and
   * mouth motion against loudness reads that lead as audio lag: genuine speakers in step read up to
   * +227 ms (`mouthLeadMs` takes off only the typical 50), so a lag inside the tolerance on such a
   * speaker reads past 400 ms, where genuine speakers in step also read speech-rhythm aliases
   * (+430…+570 ms). No lag this cue reads is clear of both, so lags are left to the "another voice"
   * flag and to a random phrase, and the row says it cannot judge the offset (a viseme cue could).
   */
  lagMarginMs?: number;
  /** Audio ahead of the picture by more than this is flagged, ms (default 90, ITU-R BT.1359). */
  leadLimitMs?: number;
  /**
   * An offset further from in step than this is never flagged, ms (default 375): speech is rhythmic,
   * and some genuine speakers' lag curves peak a syllable alias away, as high as or higher than their
   * true lag (in step, −560…−633 ms on the leading side and +430…+570 ms on the lagging one). A voice
   * late by up to the lag tolerance (lagLimitMs) then has its leading alias as near as
   * 560 − 185 = 375 ms: vr_face4's voice 160 ms late read as a 447 ms lead, span after span, in a
   * recorded run (docs/evaluations/visemes.md). Beyond it a lead cannot be told from such an alias,
   * while a delay that large is plain to the interviewer's own eyes and ears; such a reading "cannot
   * judge". Replayed on seven recorded whole-set runs, 375 instead of 450 ms kept every flag of voices
   * moved 160 or 240 ms earlier and about half of those moved 360 ms earlier (18 of 63 against 40).
   */
  maxFlagOffsetMs?: number;
  /** Audio behind the picture by more than this is flagged, ms (default 185, ITU-R BT.1359). */
  lagLimitMs?: number;
  /** Consecutive evaluations (a second apart, each on the last 8 s of evidence) that must agree before a flag is raised (default 2). */
  raiseAfter?: number;
  /** Consecutive evaluations that must disagree before a flag is cleared (default 6). */
  clearAfter?: number;
  /** Span curves averaged into the evidence, ms of call (default 8000). */
  accumulateMs?: number;
  /**
   * Memory of the call-long evidence, in spans (default 20, about 20 s of speech at one evaluation
   * a second): the mean lag curve of every span so far until there are this many, then an
   * exponential average over about this many. An offset flag needs the call-long curve to peak
   * beyond the tolerance on the same side too, so a few seconds of one speaker's speech that fit a
   * syllable-spaced alias better cannot outvote the lag the voice has followed all call. A real change
   * of delay mid-call takes it over after about 12–16 spans of the new delay on recorded calls (a
   * flag 9–16 s later than without it; "inconclusive" meanwhile). No effect on an offset present
   * from the start.
   *
   * "Another voice" needs the call-long curve as flat as the newest evidence (peak-over-median under
   * mismatchConfidence): some genuine speakers' own voices read under it for a few seconds of speech
   * (vr_face4 at 14–15 s, her voice moved 80–160 ms earlier or 240 ms later) after matching clearly.
   * The cost, replayed on 45 recorded runs with another voice from the start: the same 7 flagged
   * within 10 s of speech, 33 by 20 s against 36 (in those three the voice fitted one lag clearly in
   * its first seconds); a voice that changes to another mid-call is flagged once the change has
   * flattened the call-long curve too (on two recorded calls 7 s later and as soon). 0: off, for both.
   */
  callMemoryWindows?: number;
  /** Fewest spans with enough evidence before anything is concluded (default 3). */
  minWindows?: number;
  /** Smoothing of the envelope before correlation, ms (default 100). */
  audioSmoothMs?: number;
  /** Both series lose their moving average over this span before correlation, ms (default 500; 0: off). */
  highPassMs?: number;
  /**
   * Whether an offset is judged against the tolerance (default true). Off while the picture and the
   * sound reach the extension by paths whose delays it cannot measure (a tab capture): the offset is
   * then reported but never flagged; a voice that matches no offset is still flagged.
   */
  judgeOffset?: boolean;
  /**
   * Weights of the speech sub-bands' levels (default SPEECH_BAND_WEIGHTS, see audio/speechBands.ts):
   * where the audio carries them, the voice series compared with the mouth is their weighted mix, else
   * the whole band's level. [] compares the whole band's level always.
   */
  bandWeights?: readonly number[];
  /**
   * Where the lag curve peaks on genuine speech that is in step, ms on the audio-lagging side; it is
   * taken off every lag the tracker reports, so that 0 means in step (default 50). Lips and jaw move
   * into a syllable before its sound is loudest, so mouth motion correlates best with a voice that
   * comes a little later: in-step speakers read +46 to +71 ms raw while the demo call's own clock (a
   * flash and a beep in step in the file) reads about 0. Without it, every genuine speaker reads about
   * 50 ms late and a voice 160 ms early reads about 110 ms early, inside the lead limit's margin
   * (docs/evaluations/lipsync.md, "The mouth's lead"). 0: the raw lag.
   */
  mouthLeadMs?: number;
}

/** Every option's default (documented on {@link LipSyncOptions}). */
export const LIP_SYNC_DEFAULTS: Required<LipSyncOptions> = {
  slotMs: 20,
  windowMs: 4000,
  maxLagMs: 600,
  maxFrameGapMs: 250,
  minSpeechFraction: 0.25,
  minFaceFraction: 0.8,
  minFps: REQUIREMENTS.lipsync.minFps,
  maxLongGapShare: REQUIREMENTS.lipsync.maxLongGapShare,
  longGapMs: 200,
  unstableHoldMs: 120_000,
  minMouthStd: 0.03,
  stillShareOfOwn: 0.5,
  ownWindows: 10,
  stillFloorStd: 0.015,
  syncConfidence: 0.2,
  mismatchConfidence: 0.18,
  mismatchMinFps: 12,
  recentMs: 4000,
  settledReadings: 8,
  flagWindows: 4,
  stableSpreadMs: 60,
  rivalMs: 120,
  minPeakMargin: 0.03,
  minInStepLeadSe: 2,
  leadMarginMs: 100,
  lagMarginMs: Infinity,
  leadLimitMs: 90,
  maxFlagOffsetMs: 375,
  lagLimitMs: 185,
  raiseAfter: 2,
  clearAfter: 6,
  accumulateMs: 8000,
  callMemoryWindows: 20,
  minWindows: 3,
  audioSmoothMs: 100,
  highPassMs: 500,
  judgeOffset: true,
  bandWeights: SPEECH_BAND_WEIGHTS,
  mouthLeadMs: 50,
};

/** Whether an offset is beyond the tolerance, or with `margins` beyond it by what genuine speakers read. */
export function outside(offsetMs: number | null, o: Required<LipSyncOptions>, margins = false): boolean {
  if (offsetMs === null) return false;
  const lead = o.leadLimitMs + (margins ? o.leadMarginMs : 0);
  const lag = o.lagLimitMs + (margins ? o.lagMarginMs : 0);
  return offsetMs < -lead || offsetMs > lag;
}

/** Whether both offsets are beyond the tolerance on the same side (audio leading, or audio lagging). */
export function sameSide(a: number | null, b: number | null, o: Required<LipSyncOptions>): boolean {
  if (a === null || b === null) return false;
  return (a < -o.leadLimitMs && b < -o.leadLimitMs) || (a > o.lagLimitMs && b > o.lagLimitMs);
}
