import { localStorage } from '../browserApi';
import { SaidError, words } from '../../../src/text/Phrase';

/** Days a session is kept before it is deleted, unless the user chose otherwise. */
export const DEFAULT_RETENTION_DAYS = 30;
const KEY = 'retentionDays';

export async function retentionDays(): Promise<number> {
  const v = await localStorage.get<unknown>(KEY);
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 3650 ? v : DEFAULT_RETENTION_DAYS;
}

export async function setRetentionDays(days: number): Promise<void> {
  if (!Number.isInteger(days) || days < 1 || days > 3650)
    throw new SaidError(words('Keep sessions for 1 to 3650 days.'));
  await localStorage.set(KEY, days);
}
