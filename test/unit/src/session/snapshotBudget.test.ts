import { describe, expect, it } from 'vitest';
import { SnapshotBudget } from '../../../../src/session/SnapshotBudget';

describe('SnapshotBudget', () => {
  it('pictures each flag, keeping the gap per source, so one signal never takes the place of another', () => {
    const b = new SnapshotBudget({ perSession: 6, minGapMs: 10_000 });
    expect(b.wanted).toBe(false);
    expect(b.take(0)).toBeNull();
    b.want('replay', 'Frozen or replayed feed: the picture repeats');
    expect(b.wanted).toBe(true);
    expect(b.take(21_600)).toBe('Frozen or replayed feed: the picture repeats');
    // 7 s later another signal is flagged: it gets its own picture (the case an e2e run met).
    b.want('lipsync', 'Lip-sync: audio leads video by 320 ms');
    expect(b.take(28_900)).toBe('Lip-sync: audio leads video by 320 ms');
    // The same signal again within 10 s gets none; after 10 s it does.
    b.want('replay', 'again');
    expect(b.take(31_599)).toBeNull();
    expect(b.wanted).toBe(false);
    b.want('replay', 'later');
    expect(b.take(31_600)).toBe('later');
  });

  it('takes one request per frame, oldest first, and stops at the call budget', () => {
    const b = new SnapshotBudget({ perSession: 3, minGapMs: 10_000 });
    b.want('a', 'first');
    b.want('b', 'second');
    expect(b.take(1000)).toBe('first');
    expect(b.wanted).toBe(true);
    expect(b.take(1040)).toBe('second');
    b.want('c', 'third');
    b.want('d', 'beyond the budget');
    expect(b.take(2000)).toBe('third');
    expect(b.wanted).toBe(false);
    b.want('e', 'still beyond');
    expect(b.take(60_000)).toBeNull();
  });
});
