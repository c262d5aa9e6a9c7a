import { SNAPSHOT_LIMITS } from './EvidenceSnapshot';

/** Options for {@link SnapshotBudget}; defaults are SNAPSHOT_LIMITS. */
export interface SnapshotBudgetOptions {
  /** Pictures a call may keep (default 6). */
  perSession?: number;
  /** Least time between two pictures for the same source, ms (default 10 000). */
  minGapMs?: number;
}

/**
 * Which flagged moments get an evidence picture. Each flag or failed challenge asks for one with its
 * source (a signal id, a challenge); the next analysed frame takes the oldest request. A source gets at
 * most one picture per `minGapMs`, so a flag that flaps cannot fill the call's few pictures, and the gap
 * is kept per source: one signal's picture never takes the place of another's. `Reason`: what each
 * request carries to the picture (its words).
 */
export class SnapshotBudget<Reason = string> {
  private readonly o: Required<SnapshotBudgetOptions>;
  private taken = 0;
  private readonly lastMsBySource = new Map<string, number>();
  private readonly pending: { source: string; reason: Reason }[] = [];

  constructor(opts: SnapshotBudgetOptions = {}) {
    this.o = { perSession: SNAPSHOT_LIMITS.perSession, minGapMs: SNAPSHOT_LIMITS.minGapMs, ...opts };
  }

  /** A flag was raised or a challenge failed: picture the next frame for it, if the budget allows. */
  want(source: string, reason: Reason): void {
    if (this.taken + this.pending.length < this.o.perSession) this.pending.push({ source, reason });
  }

  /** Whether a frame should be offered to {@link take}. */
  get wanted(): boolean {
    return this.pending.length > 0;
  }

  /** The reason to picture the frame shown at `nowMs` for, or null (nothing asked, or too soon for that source). */
  take(nowMs: number): Reason | null {
    // want() admits no more requests than the budget has left, so only the gap can refuse one here.
    const next = this.pending.shift();
    if (!next) return null;
    if (nowMs - (this.lastMsBySource.get(next.source) ?? -Infinity) < this.o.minGapMs) return null;
    this.taken++;
    this.lastMsBySource.set(next.source, nowMs);
    return next.reason;
  }
}
