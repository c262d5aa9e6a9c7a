import {
  FACE_SIGNAL_LABEL,
  SIGNAL_GROUP,
  type FaceSignalId,
  type SignalReading,
  withoutCannotJudge,
} from '../signals/SignalReading';
import type { FusionResult } from './FaceRiskFusion';

export type RowState = 'no-concerns' | 'inconclusive' | 'concerns' | 'cannot-judge' | 'not-measured';
export interface SignalRow {
  state: RowState;
  reason: string;
}

/** What the interviewer can do next about a flagged signal: the challenge that settles it best. */
export const NEXT_STEP: Record<FaceSignalId, string> = {
  blend: 'ask for a slow profile turn or a hand across the face',
  temporal: 'ask for a hand across the face',
  geometry: 'ask for a slow profile turn',
  blink: 'ask for a slow profile turn',
  pulse: 'ask for a hand across the face',
  replay: 'ask the candidate to wave a hand across the face',
};

/** Fairness caveat shown with every face-swap or liveness flag. */
export const FAIRNESS_CAVEAT =
  'Lighting, camera quality, compression, eyewear, a disability or a medical condition can move these signals: a reason to verify, never a finding about the person.';

/**
 * What each row has earned the right to say when nothing is flagged, from the face evaluation
 * (`npm run eval`, docs/evaluations/): a frozen or looped feed is caught reliably, so the liveness row
 * may say "no concerns" when the replay signal judged; the face-swap cues (blend, temporal, geometry)
 * and blinks and skin pulse tell swaps from genuine faces no better than chance on unseen clips, so
 * neither row says "no concerns" from them.
 */
export const SWAPS_NOT_DETECTED =
  'face swaps are not reliably detected from the picture: ask a profile turn or a hand across the face';

/**
 * The strip's two rows from a fusion result: "Face-swap" (blend, temporal, geometry) and "Liveness"
 * (blink, pulse, replay). A row with a flag is inconclusive, or concerns when the call as a whole is;
 * a row whose signals all cannot judge says so, with the first reason. Otherwise a row says only what
 * its evaluation earned (see SWAPS_NOT_DETECTED): the face-swap row is "not measured" with what it
 * can and cannot see; the liveness row is "no concerns" about a frozen or replayed feed once the
 * replay signal has judged.
 */
export function signalRows(r: FusionResult): { faceswap: SignalRow; liveness: SignalRow } {
  const flagged = (group: 'faceswap' | 'liveness'): SignalRow | null => {
    const flags = r.flags.filter((f) => SIGNAL_GROUP[f.signal] === group);
    if (!flags.length) return null;
    return {
      state: r.state === 'concerns' ? 'concerns' : 'inconclusive',
      reason: `${flags
        .map((f) => `${FACE_SIGNAL_LABEL[f.signal]}: ${f.reason} (${f.confidence} confidence)`)
        .join('; ')} — next: ${NEXT_STEP[flags[0]!.signal]}`,
    };
  };
  const judged = (x: SignalReading) => x.confidence >= 0.5;
  const cannot = (readings: SignalReading[]): SignalRow => ({
    state: 'cannot-judge',
    reason: readings.map((x) => `${FACE_SIGNAL_LABEL[x.signal]}: ${withoutCannotJudge(x.reason)}`).join('; '),
  });
  const of = (group: 'faceswap' | 'liveness') => r.readings.filter((x) => SIGNAL_GROUP[x.signal] === group);

  const swapReadings = of('faceswap');
  const faceswap: SignalRow =
    flagged('faceswap') ??
    (swapReadings.some(judged)
      ? { state: 'not-measured', reason: `no swap artefact seen, but ${SWAPS_NOT_DETECTED}` }
      : cannot(swapReadings));

  const replay = r.readings.find((x) => x.signal === 'replay');
  const liveness: SignalRow =
    flagged('liveness') ??
    (replay && judged(replay)
      ? { state: 'no-concerns', reason: `no frozen or replayed feed (${replay.reason})` }
      : cannot(replay ? [replay] : of('liveness')));

  const cap = (x: SignalRow): SignalRow => ({ state: x.state, reason: x.reason.slice(0, 500) });
  return { faceswap: cap(faceswap), liveness: cap(liveness) };
}
