import type { SignalView } from './LiveStatus';
import type { SignalState } from './SignalState';

export interface SignalHoldOptions {
  /** How long a row's state stays on screen before another may replace it, ms ("cannot judge" and a concern excepted). Default 3000. */
  minShowMs?: number;
  /** How long "no concerns" must last before it replaces another state, ms. Default 3000. */
  reassureMs?: number;
}

/**
 * Holds the strip's rows on screen long enough to read, without ever hiding a doubt: "cannot judge"
 * and "concerns" show at once (the quality authority's judgement and the rows must agree, and a
 * concern has the detectors' hysteresis behind it), as does a row's first reading; "no concerns"
 * replaces another state only once it has lasted `reassureMs` (reassurance is never flashed); any
 * other change waits until the state shown has been on screen `minShowMs`. A row held keeps the
 * words it was shown with, so state and reason always agree.
 */
export class SignalHold {
  private readonly minShowMs: number;
  private readonly reassureMs: number;
  private readonly shown = new Map<SignalView['id'], { row: SignalView; sinceMs: number }>();
  private readonly pending = new Map<SignalView['id'], { state: SignalState; sinceMs: number }>();

  constructor({ minShowMs = 3000, reassureMs = 3000 }: SignalHoldOptions = {}) {
    this.minShowMs = minShowMs;
    this.reassureMs = reassureMs;
  }

  /** The rows to show at `nowMs` for the rows measured now. */
  apply(rows: readonly SignalView[], nowMs: number): SignalView[] {
    return rows.map((row) => {
      const cur = this.shown.get(row.id);
      if (!cur || cur.row.state === row.state) {
        this.shown.set(row.id, { row, sinceMs: cur?.sinceMs ?? nowMs });
        this.pending.delete(row.id);
        return row;
      }
      let p = this.pending.get(row.id);
      if (!p || p.state !== row.state) {
        p = { state: row.state, sinceMs: nowMs };
        this.pending.set(row.id, p);
      }
      const ready =
        row.state === 'concerns' ||
        row.state === 'cannot-judge' ||
        cur.row.state === 'not-measured' ||
        (nowMs - cur.sinceMs >= this.minShowMs &&
          (row.state !== 'no-concerns' || nowMs - p.sinceMs >= this.reassureMs));
      if (!ready) return cur.row;
      this.shown.set(row.id, { row, sinceMs: nowMs });
      this.pending.delete(row.id);
      return row;
    });
  }
}
