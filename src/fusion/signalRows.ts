import { FACE_SIGNAL_LABEL, SIGNAL_GROUP, type FaceSignalId } from '../signals/SignalReading';
import type { FusionResult } from './FaceRiskFusion';

export type RowState = 'no-concerns' | 'inconclusive' | 'concerns' | 'cannot-judge';
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
 * The strip's two rows from a fusion result: "Face-swap" (blend, temporal, geometry) and "Liveness"
 * (blink, pulse, replay). A row with a flag is inconclusive, or concerns when the call as a whole is;
 * a row whose signals all cannot judge says so, with the first reason.
 */
export function signalRows(r: FusionResult): { faceswap: SignalRow; liveness: SignalRow } {
  const row = (group: 'faceswap' | 'liveness'): SignalRow => {
    const flags = r.flags.filter((f) => SIGNAL_GROUP[f.signal] === group);
    if (flags.length)
      return {
        state: r.state === 'concerns' ? 'concerns' : 'inconclusive',
        reason: `${flags
          .map((f) => `${FACE_SIGNAL_LABEL[f.signal]}: ${f.reason} (${f.confidence} confidence)`)
          .join('; ')} — next: ${NEXT_STEP[flags[0]!.signal]}`,
      };
    const readings = r.readings.filter((x) => SIGNAL_GROUP[x.signal] === group);
    const judged = readings.filter((x) => x.confidence >= 0.5);
    if (judged.length === 0)
      return {
        state: 'cannot-judge',
        reason: readings
          .map((x) => `${FACE_SIGNAL_LABEL[x.signal]}: ${x.reason.replace(/^cannot judge: /, '')}`)
          .join('; '),
      };
    return {
      state: 'no-concerns',
      reason: judged.map((x) => `${FACE_SIGNAL_LABEL[x.signal]}: ${x.reason}`).join('; '),
    };
  };
  const cap = (x: SignalRow): SignalRow => ({ state: x.state, reason: x.reason.slice(0, 500) });
  return { faceswap: cap(row('faceswap')), liveness: cap(row('liveness')) };
}
