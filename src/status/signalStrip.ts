import { describeJudgeability, type Judgeability } from '../quality/judgeability';
import type { SignalView } from './LiveStatus';
import { wordsWithoutCannotJudge } from '../signals/SignalReading';
import { english, say, words, type Phrase } from '../text/Phrase';

/** A detector's latest state and reason (English, and as data when it has it). */
interface RowInput {
  state: SignalView['state'];
  reason: string;
  words?: Phrase;
}

const view = (id: SignalView['id'], label: string, state: SignalView['state'], w: Phrase): SignalView => ({
  id,
  label,
  state,
  detail: english(w).slice(0, 512),
  words: w,
});

export interface StripInput {
  facePresent: boolean;
  faceCount: number;
  /** The quality authority's latest judgement (null until the analyzer has made one). */
  quality: Judgeability | null;
  /** The lip-sync detector's latest state and reason (absent until it has evaluated). */
  lipsync?: RowInput | null;
  /** The fused face-swap and liveness rows (absent until the analyzer has evaluated them). */
  faceswap?: RowInput | null;
  liveness?: RowInput | null;
}

/**
 * The compact per-signal strip. Only what is measured says anything: a detector that has not
 * evaluated yet says "not measured"; a row whose video the quality authority cannot judge says
 * "cannot judge" with the authority's reason, the same words as the Quality row, whatever its
 * detector last said.
 */
export function signalStrip(input: StripInput): SignalView[] {
  const face: SignalView = input.facePresent
    ? view(
        'face',
        'Face',
        input.faceCount > 1 ? 'inconclusive' : 'no-concerns',
        input.faceCount > 1 ? say`${input.faceCount} faces in view` : words('one face in view'),
      )
    : view('face', 'Face', 'cannot-judge', words('no face in view'));
  const q = input.quality ? describeJudgeability(input.quality) : null;
  const quality: SignalView = !q
    ? view('quality', 'Quality', 'not-measured', words('measuring the video'))
    : view('quality', 'Quality', q.ok ? 'no-concerns' : 'cannot-judge', q.words);
  const row = (
    id: 'lipsync' | 'faceswap' | 'liveness',
    label: string,
    r: RowInput | null | undefined,
  ): SignalView => {
    const j = input.quality?.signals[id];
    if (j && !j.ok) return view(id, label, 'cannot-judge', j.words ?? words(j.reason));
    if (!r) return view(id, label, 'not-measured', words('not measured yet'));
    return view(id, label, r.state, wordsWithoutCannotJudge(r));
  };
  return [
    face,
    quality,
    row('lipsync', 'Lip-sync', input.lipsync),
    row('faceswap', 'Face-swap', input.faceswap),
    row('liveness', 'Liveness', input.liveness),
  ];
}
