import type { SessionRecord } from './SessionRecord';

export interface SessionFilter {
  /** Words matched against platform, page host and the candidate's name and claimed place, case-insensitive. */
  text: string;
  /** Overall state of the call; '' for any. */
  state: string;
  /** '' for any. */
  platform: string;
  /** Inclusive day range as 'YYYY-MM-DD' in local time; '' for open. */
  from: string;
  to: string;
}

export const NO_FILTER: SessionFilter = { text: '', platform: '', from: '', to: '', state: '' };

/** Start of a local calendar day in epoch ms, or NaN for '' or a malformed date. */
function dayStart(ymd: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime() : NaN;
}

/** Sessions that match every part of the filter (an empty part matches everything). */
export function filterSessions<T extends Pick<SessionRecord, 'startedAt'> & Partial<SessionRecord>>(
  sessions: readonly T[],
  f: SessionFilter,
): T[] {
  const words = f.text.toLowerCase().split(/\s+/).filter(Boolean);
  const from = dayStart(f.from);
  const to = dayStart(f.to);
  return sessions.filter((s) => {
    if (f.platform && s.platform !== f.platform) return false;
    if (f.state && s.overall?.state !== f.state) return false;
    if (!Number.isNaN(from) && s.startedAt < from) return false;
    if (!Number.isNaN(to) && s.startedAt >= to + 86_400_000) return false;
    const c = s.candidate;
    const hay =
      `${s.platform ?? ''} ${s.pageHost ?? ''} ${c ? `${c.name} ${c.city} ${c.country}` : ''}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}
