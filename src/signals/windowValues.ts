import type { SeriesRing } from './SeriesRing';

/** The finite values of one channel over the rows at or after `fromMs` (allocates: call it per evaluation, not per frame). */
export function windowValues(ring: SeriesRing, channel: number, fromMs: number): number[] {
  const out: number[] = [];
  for (let i = ring.firstFrom(fromMs); i < ring.size; i++) {
    const x = ring.at(i, channel);
    if (Number.isFinite(x)) out.push(x);
  }
  return out;
}

/** Time span of the rows at or after `fromMs` whose `channel` is finite, ms (null when none). */
export function windowSpan(
  ring: SeriesRing,
  channel: number,
  fromMs: number,
): { fromMs: number; toMs: number } | null {
  let first = NaN;
  let last = NaN;
  for (let i = ring.firstFrom(fromMs); i < ring.size; i++) {
    if (!Number.isFinite(ring.at(i, channel))) continue;
    if (Number.isNaN(first)) first = ring.time(i);
    last = ring.time(i);
  }
  return Number.isNaN(first) ? null : { fromMs: first, toMs: last };
}
