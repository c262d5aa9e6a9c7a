import { describe, expect, it } from 'vitest';
import { stateBands, type BandState } from '../../../../src/plot/stateBands';

const rec = (t: number, s: BandState | null) => ({ t, s });

describe('stateBands', () => {
  it('merges consecutive seconds of one state, breaks at a change and at a second missing from the log', () => {
    const rows = [
      rec(0, null),
      rec(1, 'cannot-judge'),
      rec(2, 'cannot-judge'),
      rec(3, 'no-concerns'),
      rec(4, 'no-concerns'),
      // 5 and 6 were never written (nothing analysed): the band stops at 5 and starts again at 7.
      rec(7, 'no-concerns'),
      rec(8, 'concerns'),
    ];
    expect(stateBands(rows, (r) => r.s)).toEqual([
      { state: 'not-measured', fromS: 0, toS: 1 },
      { state: 'cannot-judge', fromS: 1, toS: 3 },
      { state: 'no-concerns', fromS: 3, toS: 5 },
      { state: 'no-concerns', fromS: 7, toS: 8 },
      { state: 'concerns', fromS: 8, toS: 9 },
    ]);
  });

  it('a record from before the state was kept reads as not measured, never as a verdict', () => {
    expect(stateBands([{ t: 0 }, { t: 1 }], () => undefined)).toEqual([
      { state: 'not-measured', fromS: 0, toS: 2 },
    ]);
  });
});
