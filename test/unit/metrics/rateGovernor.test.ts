import { describe, expect, it } from 'vitest';
import { RateGovernor } from '../../../src/metrics/RateGovernor';

/** Feeds `n` round trips of `ms` each, one per interval of the governor's current rate, from `t0`; returns the end time. */
function feed(g: RateGovernor, n: number, ms: (i: number) => number, t0 = 0): number {
  let t = t0;
  for (let i = 0; i < n; i++) {
    t += 1000 / g.fps;
    g.add(ms(i), t);
  }
  return t;
}

describe('RateGovernor', () => {
  it('holds 15 frames/s while round trips fit 90 % of its 67 ms interval', () => {
    const g = new RateGovernor();
    feed(g, 300, (i) => 40 + (i % 5) * 3);
    expect(g.fps).toBe(15);
  });

  it('round trips of 74 ms (over 60 = 0.9 × 67): 12 frames/s from the 10th, whose 83 ms they fit (74 < 75)', () => {
    const g = new RateGovernor();
    feed(g, 9, () => 74);
    expect(g.fps).toBe(15);
    feed(g, 1, () => 74);
    expect(g.fps).toBe(12);
    feed(g, 100, () => 74);
    expect(g.fps).toBe(12);
  });

  it('one slow round trip in ten does not move it (the 90th percentile, nearest rank, of 10 is the 9th)', () => {
    const g = new RateGovernor();
    feed(g, 200, (i) => (i % 10 === 0 ? 150 : 40));
    expect(g.fps).toBe(15);
  });

  it('steps back up only after 15 s at the lower rate fitting 70 % of the faster interval', () => {
    const g = new RateGovernor();
    // Busy: 95 ms is over 0.9 of 67, 83 and 100 ms, and fits 0.9 of 125 ms: 8 frames/s.
    const t = feed(g, 40, () => 95);
    expect(g.fps).toBe(8);
    // Quiet again, but only 50 × 125 ms = 6.25 s at 8 frames/s: it stays.
    const t2 = feed(g, 50, () => 40, t);
    expect(g.fps).toBe(8);
    feed(g, 100, () => 40, t2);
    expect(g.fps).toBeGreaterThan(8);
  });
});
