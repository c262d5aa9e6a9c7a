import { describe, expect, it } from 'vitest';
import { filterSessions, NO_FILTER } from '../../../../src/session/filterSessions';

const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();
const sessions = [
  { id: 'a', platform: 'meet', pageHost: 'meet.google.com', startedAt: at(2026, 11, 20) },
  { id: 'b', platform: 'zoom', pageHost: 'acme.zoom.us', startedAt: at(2026, 11, 22, 23) },
  {
    id: 'c',
    platform: 'teams',
    pageHost: 'teams.microsoft.com',
    startedAt: at(2026, 11, 24, 0),
    candidate: {
      name: 'Alex Example',
      city: 'Austin',
      country: 'US',
      timeZone: '',
      employers: [],
      schools: [],
    },
    overall: { state: 'inconclusive' as const, reasons: ['lip-sync flagged at 12 s'] },
  },
];
const ids = (f: Partial<typeof NO_FILTER>) =>
  filterSessions(sessions, { ...NO_FILTER, ...f }).map((s) => s.id);

describe('filterSessions', () => {
  it('matches everything with no filter', () => expect(ids({})).toEqual(['a', 'b', 'c']));
  it('filters by platform and by words in the host', () => {
    expect(ids({ platform: 'zoom' })).toEqual(['b']);
    expect(ids({ text: 'ACME zoom' })).toEqual(['b']);
    expect(ids({ text: 'google teams' })).toEqual([]);
  });
  it('takes whole local days, both ends included', () => {
    expect(ids({ from: '2026-11-22', to: '2026-11-22' })).toEqual(['b']); // 23:00 on the 22nd is in
    expect(ids({ from: '2026-11-23' })).toEqual(['c']); // 00:00 on the 24th
    expect(ids({ to: '2026-11-21' })).toEqual(['a']);
    expect(ids({ from: 'not a date' })).toEqual(['a', 'b', 'c']);
  });
  it('finds the candidate by name or claimed city, and filters by the overall state', () => {
    expect(ids({ text: 'alex' })).toEqual(['c']);
    expect(ids({ text: 'austin' })).toEqual(['c']);
    expect(ids({ state: 'inconclusive' })).toEqual(['c']);
    expect(ids({ state: 'concerns' })).toEqual([]);
  });
});
