/**
 * Which call tab owns which session of the log. The analyzer frame that starts a session binds it to
 * its tab; every later write for that session must come from the same tab, so an analyzer in another
 * tab (or a second analyzer in the same session's place) cannot add rows to a call it is not watching.
 * Kept in storage.session, which outlives the worker's eviction and ends with the browser: a session
 * whose tab is gone is never written again (the tab closing ends it).
 */
import type { LogOp } from '../shared/protocol';
import { serialQueue } from '../shared/serialQueue';

/** The few storage calls the binding needs (storage.session in the worker; a Map in tests). */
export interface OwnerStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
}

const ownerKey = (sessionId: string) => `owner:${sessionId}`;

/** The session a log operation writes to. */
export function sessionOfOp(op: LogOp): string {
  switch (op.op) {
    case 'session-start':
      return op.session.id;
    case 'second':
      return op.record.sessionId;
    case 'event':
      return op.event.sessionId;
    case 'snapshot':
      return op.snapshot.sessionId;
    case 'session-end':
    case 'session-patch':
      return op.sessionId;
  }
}

export class LogOwners {
  /** Admissions run one at a time in arrival order: a write sent just after its start finds the binding. */
  private readonly serial = serialQueue();

  constructor(private readonly store: OwnerStore) {}

  /**
   * Checks that `tabId` may perform `op`, and binds a starting session to it. Throws with the reason
   * when it may not: a start for a session another tab owns, or a write to a session that no tab
   * started in this browser session, or that another tab started.
   */
  admit(op: LogOp, tabId: number): Promise<void> {
    return this.serial(() => this.check(op, tabId));
  }

  private async check(op: LogOp, tabId: number): Promise<void> {
    const sessionId = sessionOfOp(op);
    const owner = await this.store.get<number>(ownerKey(sessionId));
    if (op.op === 'session-start') {
      if (owner !== undefined) throw new Error('this session was already started by a call tab');
      await this.store.set(ownerKey(sessionId), tabId);
      return;
    }
    if (owner === undefined) throw new Error('no call tab started this session in this browser session');
    if (owner !== tabId) throw new Error('this session belongs to another call tab');
  }

  /** Forgets a start that the log then refused (its id existed), so the binding follows the log. */
  release(sessionId: string, tabId: number): Promise<void> {
    return this.serial(async () => {
      if ((await this.store.get<number>(ownerKey(sessionId))) === tabId)
        await this.store.remove(ownerKey(sessionId));
    });
  }
}
