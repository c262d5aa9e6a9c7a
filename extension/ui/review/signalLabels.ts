import { FACE_SIGNAL_LABEL } from '../../../src/signals/SignalReading';

/** A flag's signal as the review names it. */
export const SIGNAL_LABEL: Record<string, string> = {
  ...FACE_SIGNAL_LABEL,
  lipsync: 'Lip-sync',
  faceswap: 'Face-swap',
  liveness: 'Liveness',
  challenge: 'Challenge',
};
