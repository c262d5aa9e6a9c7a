import { FACE_SIGNAL_LABEL } from '../../../src/signals/SignalReading';
import { isMessageKey, t } from '../../shared/i18n';

/** A flag's signal as the log's English words name it (its details start with this name). */
export const SIGNAL_LABEL: Record<string, string> = {
  ...FACE_SIGNAL_LABEL,
  lipsync: 'Lip-sync',
  faceswap: 'Face-swap',
  liveness: 'Liveness',
  challenge: 'Challenge',
};

/** A flag's signal in the interface's language (the English name where the files have none). */
export function signalName(id: string): string {
  const key = `signal_${id}`;
  return isMessageKey(key) ? t(key) : (SIGNAL_LABEL[id] ?? id);
}
