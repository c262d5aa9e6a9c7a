import type { Phrase } from '../text/Phrase';
import type { MouthShapeReading } from './MouthShapeAgreement';

/** The evidence of the recent spans: their mean lag curve's best offset, its height and its lead over a rival peak. */
export interface Accumulated {
  spans: number;
  offsetMs: number | null;
  /** Peak minus median of the mean curve. */
  confidence: number;
  /** Peak minus the highest other local peak at least rivalMs away: small means two offsets fit about as well. */
  margin: number;
}

export type LipSyncState = 'no-concerns' | 'inconclusive' | 'concerns' | 'cannot-judge';
export type LipSyncFlagKind = 'offset' | 'mismatch' | 'voice-without-mouth';
/**
 * What a span had: 'enough' to compare; else why not. 'few-frames': the span's own frames were too
 * few or too uneven; 'poor-video': the quality authority said the video cannot be judged now.
 */
export type Evidence =
  'enough' | 'no-audio' | 'no-speech' | 'no-face' | 'still-mouth' | 'few-frames' | 'poor-video';

/** One analysis span (4 s of mouth and voice by default). */
export interface SyncWindow {
  /** Page-clock end of the mouth span, ms. */
  endMs: number;
  evidence: Evidence;
  /** Best offset, ms, positive when the audio lags the video; null without enough evidence or at the search edge. */
  offsetMs: number | null;
  /** Peak minus median of the lag curve (0 when not measured). */
  confidence: number;
  speechFraction: number;
  faceFraction: number;
  /** Spread of the mouth aperture over the speech in the span (0 without speech). */
  mouthStd: number;
  /** Spread of the mouth aperture over the whole span, speech or not. */
  mouthStdAll: number;
  /** Mean envelope level over the span, dBFS (NaN without audio). */
  levelDb: number;
}

export interface LipSyncFlag {
  kind: LipSyncFlagKind;
  /** Page-clock time of the first span that showed it, ms. */
  sinceMs: number;
  /** The words shown and logged, e.g. "audio leads video by 240 ms for the last 20 s, confidence high". */
  reason: string;
  /** `reason` as data. */
  words: Phrase;
  confidence: 'medium' | 'high';
}

export interface LipSyncReading {
  state: LipSyncState;
  /** Plain words for the state (English; `words` is the same as data). */
  reason: string;
  words: Phrase;
  /** The latest analysis span on its own. */
  latest: SyncWindow;
  /** The mean lag curve of the recent spans: how many, its best offset (ms) and its confidence. */
  evidence: Accumulated;
  /** The offset the evidence supports, ms, positive when audio lags (null while not confident). */
  offsetMs: number | null;
  /** Change of the tracked offset over the call, ms per minute (null until a minute of evidence). */
  driftMsPerMin: number | null;
  flag: LipSyncFlag | null;
  /**
   * A flag raised or cleared by this evaluation (to log once), else null; 'changed' when a flag still
   * raised now stands for another finding (an offset that became a voice matching no offset, or the
   * reverse): a new flag for the log, with its own reason and evidence; 'withdrawn' when the readings
   * turned unstable (see unstableHoldMs): the flag no longer stands, and the log says why.
   */
  change: { kind: 'raised' | 'changed' | 'cleared' | 'withdrawn'; flag: LipSyncFlag } | null;
  /** Since when and why the readings are unstable (null while they agree): the state is then "cannot judge". */
  unstable: { sinceMs: number; reason: string; words: Phrase } | null;
  /** Mouth moving with no sound for most of the span: an observation, not a flag. */
  mouthWithoutVoice: boolean;
  /**
   * Whether the mouth makes the shapes the voice implies, over the last 10 s (MouthShapeAgreement);
   * null while the quality authority cannot judge the video. Reported for evaluation: no flag rests on it yet.
   */
  mouthShape: MouthShapeReading | null;
  /**
   * Speech heard so far in the call, ms: envelope slots the voice-activity detector called speech
   * (with its 200 ms hangover over the gaps between syllables). Says how much speech a flag took.
   */
  speechMs: number;
}
