import { describeJudgeability, type Judgeability } from '../quality/judgeability';
import type { SignalView } from './LiveStatus';
import { withoutCannotJudge } from '../signals/SignalReading';

export interface StripInput {
  facePresent: boolean;
  faceCount: number;
  /** The quality authority's latest judgement (null until the analyzer has made one). */
  quality: Judgeability | null;
  /** The lip-sync detector's latest state and reason (absent until it has evaluated). */
  lipsync?: { state: SignalView['state']; reason: string } | null;
  /** The fused face-swap and liveness rows (absent until the analyzer has evaluated them). */
  faceswap?: { state: SignalView['state']; reason: string } | null;
  liveness?: { state: SignalView['state']; reason: string } | null;
}

/**
 * The compact per-signal strip. Only what is measured says anything: a detector that has not
 * evaluated yet says "not measured"; a row whose video the quality authority cannot judge says
 * "cannot judge" with the authority's reason, the same words as the Quality row, whatever its
 * detector last said.
 */
export function signalStrip(input: StripInput): SignalView[] {
  const face: SignalView = input.facePresent
    ? {
        id: 'face',
        label: 'Face',
        state: input.faceCount > 1 ? 'inconclusive' : 'no-concerns',
        detail: input.faceCount > 1 ? `${input.faceCount} faces in view` : 'one face in view',
      }
    : { id: 'face', label: 'Face', state: 'cannot-judge', detail: 'no face in view' };
  const q = input.quality ? describeJudgeability(input.quality) : null;
  const quality: SignalView = !q
    ? { id: 'quality', label: 'Quality', state: 'not-measured', detail: 'measuring the video' }
    : q.ok
      ? { id: 'quality', label: 'Quality', state: 'no-concerns', detail: q.detail }
      : { id: 'quality', label: 'Quality', state: 'cannot-judge', detail: q.detail };
  const row = (
    id: 'lipsync' | 'faceswap' | 'liveness',
    label: string,
    r: { state: SignalView['state']; reason: string } | null | undefined,
  ): SignalView => {
    const j = input.quality?.signals[id];
    if (j && !j.ok) return { id, label, state: 'cannot-judge', detail: j.reason };
    if (!r) return { id, label, state: 'not-measured', detail: 'not measured yet' };
    return { id, label, state: r.state, detail: withoutCannotJudge(r.reason) };
  };
  return [
    face,
    quality,
    row('lipsync', 'Lip-sync', input.lipsync),
    row('faceswap', 'Face-swap', input.faceswap),
    row('liveness', 'Liveness', input.liveness),
  ];
}
