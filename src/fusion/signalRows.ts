import {
  FACE_SIGNAL_WORDS,
  SIGNAL_GROUP,
  type FaceSignalId,
  type SignalReading,
  readingWords,
  wordsWithoutCannotJudge,
} from '../signals/SignalReading';
import { english, joined, said, say, words, type Phrase } from '../text/Phrase';
import type { FusionResult } from './FaceRiskFusion';

export type RowState = 'no-concerns' | 'inconclusive' | 'concerns' | 'cannot-judge' | 'not-measured';
export interface SignalRow {
  state: RowState;
  /** English; `words` is the same as data. */
  reason: string;
  words: Phrase;
}

/** What the interviewer can do next about a flagged signal: the challenge that settles it best. */
export const NEXT_STEP: Record<FaceSignalId, Phrase> = {
  blend: words('ask for a slow profile turn or a hand across the face'),
  temporal: words('ask for a hand across the face'),
  geometry: words('ask for a slow profile turn'),
  blink: words('ask for a slow profile turn'),
  pulse: words('ask for a hand across the face'),
  replay: words('ask the candidate to wave a hand across the face'),
};

const CONFIDENCE = { medium: words('medium confidence'), high: words('high confidence') };

/** Fairness caveat shown with every face-swap or liveness flag. */
export const FAIRNESS_CAVEAT_WORDS = words(
  'Lighting, camera quality, compression, eyewear, a disability or a medical condition can move these signals: a reason to verify, never a finding about the person.',
);
export const FAIRNESS_CAVEAT = english(FAIRNESS_CAVEAT_WORDS);

/**
 * What each row has earned the right to say when nothing is flagged, from the face evaluation
 * (`npm run eval`, docs/evaluations/): a frozen or looped feed is caught reliably, so the liveness row
 * may say "no concerns" when the replay signal judged; the face-swap cues (blend, temporal, geometry)
 * and blinks and skin pulse tell swaps from genuine faces no better than chance on unseen clips, so
 * neither row says "no concerns" from them.
 */
export const SWAPS_NOT_DETECTED = words(
  'face swaps are not reliably detected from the picture: ask a profile turn or a hand across the face',
);

/**
 * The strip's two rows from a fusion result: "Face-swap" (blend, temporal, geometry) and "Liveness"
 * (blink, pulse, replay). A row with a flag is inconclusive, or concerns when the call as a whole is;
 * a row whose signals all cannot judge says so, with the first reason. Otherwise a row says only what
 * its evaluation earned (see SWAPS_NOT_DETECTED): the face-swap row is "not measured" with what it
 * can and cannot see; the liveness row is "no concerns" about a frozen or replayed feed once the
 * replay signal has judged the picture natural, and "inconclusive" while it sees a freeze or a loop it
 * has not flagged.
 */
export function signalRows(r: FusionResult): { faceswap: SignalRow; liveness: SignalRow } {
  const flagged = (group: 'faceswap' | 'liveness'): SignalRow | null => {
    const flags = r.flags.filter((f) => SIGNAL_GROUP[f.signal] === group);
    if (!flags.length) return null;
    return {
      state: r.state === 'concerns' ? 'concerns' : 'inconclusive',
      ...said(
        say`${joined(
          flags.map(
            (f) => say`${FACE_SIGNAL_WORDS[f.signal]}: ${readingWords(f)} (${CONFIDENCE[f.confidence]})`,
          ),
        )} — next: ${NEXT_STEP[flags[0]!.signal]}`,
      ),
    };
  };
  const judged = (x: SignalReading) => x.confidence >= 0.5;
  const cannot = (readings: SignalReading[]): SignalRow => ({
    state: 'cannot-judge',
    ...said(joined(readings.map((x) => say`${FACE_SIGNAL_WORDS[x.signal]}: ${wordsWithoutCannotJudge(x)}`))),
  });
  const of = (group: 'faceswap' | 'liveness') => r.readings.filter((x) => SIGNAL_GROUP[x.signal] === group);

  const swapReadings = of('faceswap');
  const faceswap: SignalRow =
    flagged('faceswap') ??
    (swapReadings.some(judged)
      ? { state: 'not-measured', ...said(say`no swap artefact seen, but ${SWAPS_NOT_DETECTED}`) }
      : cannot(swapReadings));

  // A freeze or a loop the replay signal sees but has not (yet) flagged is said as it is, never as
  // "no concerns" (a flag needs two readings in a row; a restarted clip or a stalled network reads so).
  const replay = r.readings.find((x) => x.signal === 'replay');
  const liveness: SignalRow =
    flagged('liveness') ??
    (replay && judged(replay)
      ? replay.score >= 0.5
        ? { state: 'inconclusive', ...said(say`${readingWords(replay)}; watching`) }
        : {
            state: 'no-concerns',
            ...said(words('no frozen or replayed feed: the picture changes naturally')),
          }
      : cannot(replay ? [replay] : of('liveness')));

  const cap = (x: SignalRow): SignalRow => ({ ...x, reason: x.reason.slice(0, 500) });
  return { faceswap: cap(faceswap), liveness: cap(liveness) };
}
