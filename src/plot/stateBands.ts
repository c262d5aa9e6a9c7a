/** A state a signal row showed at a recorded second. */
export type BandState = 'no-concerns' | 'inconclusive' | 'concerns' | 'cannot-judge' | 'not-measured';

/** A run of seconds with one state: from `fromS` (inclusive) to `toS` (exclusive), whole seconds. */
export interface StateBand {
  state: BandState;
  fromS: number;
  toS: number;
}

/**
 * The runs of one signal's state over a call, from its per-second records: consecutive seconds with
 * the same state make one band; a second with no state kept (null) is 'not-measured'; a second not
 * in the log at all (nothing was analysed) breaks the band and is left empty. `records` are sorted by t.
 */
export function stateBands<R extends { t: number }>(
  records: readonly R[],
  stateOf: (r: R) => BandState | null | undefined,
): StateBand[] {
  const out: StateBand[] = [];
  for (const r of records) {
    const state = stateOf(r) ?? 'not-measured';
    const last = out[out.length - 1];
    if (last && last.state === state && last.toS === r.t) last.toS = r.t + 1;
    else out.push({ state, fromS: r.t, toS: r.t + 1 });
  }
  return out;
}
