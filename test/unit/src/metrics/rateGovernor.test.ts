import { describe, expect, it } from 'vitest';
import { RateGovernor } from '../../../../src/metrics/RateGovernor';

/** Feeds `n` round trips of `ms` each, one per interval of the governor's current rate, from `t0`; returns the end time. */
function feed(g: RateGovernor, n: number, ms: (i: number) => number, t0 = 0): number {
  let t = t0;
  for (let i = 0; i < n; i++) {
    t += 1000 / g.fps;
    g.add(ms(i), t);
  }
  return t;
}

/**
 * A governor past its warm-up (its first 20 round trips, and those of its first 3 s, are not judged):
 * 20 slow round trips 10 s before the tests' clock starts at 0.
 */
const warm = () => {
  const g = new RateGovernor();
  feed(g, 20, () => 500, -10_000);
  return g;
};

describe('RateGovernor', () => {
  it("the landmarker's slow first frames do not move it: the first 20, and those of the first 3 s", () => {
    const g = new RateGovernor({ warmupMs: 0 });
    feed(g, 20, () => 400);
    expect(g.fps).toBe(15);
    const h = new RateGovernor();
    // 45 frames at 15 frames/s: the last 2.93 s after the first.
    const t = feed(h, 45, () => 400);
    expect(h.fps).toBe(15);
    // From 3 s on slow round trips count: 10 to suspect, 10 fresh ones to confirm.
    feed(h, 25, () => 400, t);
    expect(h.fps).toBe(12);
  });

  it('holds 15 frames/s while round trips fit 90 % of its 67 ms interval', () => {
    const g = warm();
    feed(g, 300, (i) => 40 + (i % 5) * 3);
    expect(g.fps).toBe(15);
  });

  it('round trips of 80 ms (over 67): 12 frames/s from the 20th (10 to suspect, 10 fresh to confirm), whose 83 ms they fit', () => {
    const g = warm();
    feed(g, 19, () => 80);
    expect(g.fps).toBe(15);
    feed(g, 1, () => 80);
    expect(g.fps).toBe(12);
    feed(g, 100, () => 80);
    expect(g.fps).toBe(12);
  });

  it('a few slow round trips among fast ones do not move it when the next ones fit', () => {
    const g = warm();
    // 30 fast, then 4 slow in a row (a seek, a garbage collection): the 90th percentile of the
    // latest 30 breaches the 67 ms interval, and the 10 after them fit it.
    let t = feed(g, 30, () => 30);
    t = feed(g, 4, () => 150, t);
    t = feed(g, 100, () => 30, t);
    expect(g.fps).toBe(15);
    // The same slow spell, then slow again in the fresh round trips: it steps down.
    t = feed(g, 4, () => 150, t);
    feed(g, 10, (i) => (i < 3 ? 150 : 30), t);
    expect(g.fps).toBe(12);
  });

  it('one slow round trip in ten does not move it (the 90th percentile, nearest rank, of 10 is the 9th)', () => {
    const g = warm();
    feed(g, 200, (i) => (i % 10 === 0 ? 150 : 40));
    expect(g.fps).toBe(15);
  });

  it('steps back up only after 10 s at the lower rate fitting 75 % of the faster interval', () => {
    const g = warm();
    // Busy: 110 ms is over 67, 83 and 100 ms, and fits 125 ms: 8 frames/s (20 round trips a step).
    const t = feed(g, 60, () => 110);
    expect(g.fps).toBe(8);
    // Quiet again, but only 50 × 125 ms = 6.25 s at 8 frames/s: it stays.
    const t2 = feed(g, 50, () => 40, t);
    expect(g.fps).toBe(8);
    feed(g, 100, () => 40, t2);
    expect(g.fps).toBeGreaterThan(8);
  });
});
