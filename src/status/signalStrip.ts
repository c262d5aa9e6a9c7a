import { analysisQuality } from '../quality/analysisQuality';
import type { SignalView } from './LiveStatus';

export interface StripInput {
  facePresent: boolean;
  faceCount: number;
  faceHeightPx: number;
  fps: number;
  /** The lip-sync detector's latest state and reason (absent until it has evaluated). */
  lipsync?: { state: SignalView['state']; reason: string } | null;
  /** The fused face-swap and liveness rows (absent until the analyzer has evaluated them). */
  faceswap?: { state: SignalView['state']; reason: string } | null;
  liveness?: { state: SignalView['state']; reason: string } | null;
}

/**
 * The compact per-signal strip. Only what is measured says anything; detectors that are not built
 * yet say "not measured" rather than implying a clean result.
 */
export function signalStrip(input: StripInput): SignalView[] {
  const q = analysisQuality(input.faceHeightPx, input.fps);
  const face: SignalView = input.facePresent
    ? {
        id: 'face',
        label: 'Face',
        state: input.faceCount > 1 ? 'inconclusive' : 'no-concerns',
        detail: input.faceCount > 1 ? `${input.faceCount} faces in view` : 'one face in view',
      }
    : { id: 'face', label: 'Face', state: 'cannot-judge', detail: 'no face in view' };
  const quality: SignalView = q.ok
    ? { id: 'quality', label: 'Quality', state: 'no-concerns', detail: 'video good enough to judge' }
    : { id: 'quality', label: 'Quality', state: 'cannot-judge', detail: `cannot judge: ${q.reason}` };
  const pending = (id: SignalView['id'], label: string): SignalView => ({
    id,
    label,
    state: 'not-measured',
    detail: 'not measured yet',
  });
  return [
    face,
    quality,
    input.lipsync
      ? { id: 'lipsync', label: 'Lip-sync', state: input.lipsync.state, detail: input.lipsync.reason }
      : pending('lipsync', 'Lip-sync'),
    input.faceswap
      ? { id: 'faceswap', label: 'Face-swap', state: input.faceswap.state, detail: input.faceswap.reason }
      : pending('faceswap', 'Face-swap'),
    input.liveness
      ? { id: 'liveness', label: 'Liveness', state: input.liveness.state, detail: input.liveness.reason }
      : pending('liveness', 'Liveness'),
  ];
}
