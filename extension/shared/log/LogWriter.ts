/**
 * Writes the session log as things happen (in the background worker). Each session gets its own
 * AES-GCM key sealed to the log's public key; the raw key is stashed in memory-only storage
 * (storage.session in the extension) so a restarted worker keeps writing the same session.
 * No passphrase is ever needed to write.
 */
import type { SecondRecord } from '../../../src/session/SecondRecord';
import { SNAPSHOT_LIMITS, type EvidenceSnapshot } from '../../../src/session/EvidenceSnapshot';
import type { SessionPatch } from '../protocol';
import type { SessionEvent, SessionRecord, WrittenCounts } from '../../../src/session/SessionRecord';
import { isSecondRecord, isSessionEvent, isSessionRecord } from '../../../src/session/validateRecords';
import { createDeviceKeyring, samePublicKey, type Bytes, type KeyringRecord } from '../crypto/LogKeyring';
import { importSessionKey, newSessionKey, openRecord, sealRecord } from '../crypto/sessionSealing';
import { addAudit } from './auditTrail';
import type { LogDb, SealedSessionRow } from './logDb';
import { serialQueue } from '../serialQueue';
import { SaidError, say, words } from '../../../src/text/Phrase';

/** Where raw session keys wait while a call runs: memory only, never disk. */
export interface KeyStash {
  get(sessionId: string): Promise<Bytes | undefined>;
  set(sessionId: string, rawKey: Bytes): Promise<void>;
  remove(sessionId: string): Promise<void>;
}

/** A stash that lives only as long as this object (imports, tests). */
export function memoryKeyStash(): KeyStash {
  const keys = new Map<string, Bytes>();
  return {
    get: async (id) => keys.get(id),
    set: async (id, k) => void keys.set(id, k),
    remove: async (id) => void keys.delete(id),
  };
}

export const place = {
  session: (id: string) => `${id}/session`,
  second: (id: string, t: number) => `${id}/seconds/${t}`,
  /** `seq`: the row's number in its session (rows written before numbers were kept have none). */
  event: (id: string, seq?: number) => (seq === undefined ? `${id}/events` : `${id}/events/${seq}`),
  snapshot: (id: string, seq?: number) => (seq === undefined ? `${id}/snapshots` : `${id}/snapshots/${seq}`),
};

/** A write for a session that is no longer in the log (deleted, wiped or past retention during the call). */
export class SessionGoneError extends SaidError {
  constructor(readonly sessionId: string) {
    super(words('This session was deleted from the log: nothing more is recorded for it.'));
    this.name = 'SessionGoneError';
  }
}

/** The browser has no more room for the log: what the interviewer reads, with what to do. */
export class LogFullError extends SaidError {
  constructor() {
    super(
      words(
        'the browser has no more room for the session log (its storage quota is used up): nothing more of this call is recorded. Delete old sessions on the review page, or free disk space',
      ),
    );
    this.name = 'LogFullError';
  }
}

/** A write's failure in words a person can act on: a full quota says so; anything else as it was. */
export function explainWriteError(e: unknown): unknown {
  const name = (x: unknown) => (x instanceof DOMException || x instanceof Error ? x.name : '');
  const inner = e instanceof Error ? (e as Error & { cause?: unknown }).cause : undefined;
  return name(e) === 'QuotaExceededError' || name(inner) === 'QuotaExceededError' ? new LogFullError() : e;
}

/** The counts of a session nothing has been added to (and of one written before counts were kept). */
const NOTHING_WRITTEN: WrittenCounts = { events: 0, snapshots: 0 };

type LogTx = ReturnType<typeof writeTx>;
const writeTx = (db: LogDb) => db.transaction(['sessions', 'seconds', 'events', 'snapshots'], 'readwrite');

export class LogWriter {
  private readonly keys = new Map<string, CryptoKey>();
  private readonly meta = new Map<string, SessionRecord>();
  private keyringPromise: Promise<KeyringRecord> | undefined;
  /** Writes are applied one at a time in arrival order: an event must not overtake its session's start. */
  private readonly serial = serialQueue();

  constructor(
    private readonly db: () => Promise<LogDb>,
    private readonly stash: KeyStash,
  ) {}

  /** The log's keyring, created with a device key on first use. */
  keyring(): Promise<KeyringRecord> {
    this.keyringPromise ??= (async () => {
      const db = await this.db();
      const existing = await db.get('keyring', 'log');
      if (existing) return existing;
      const fresh = await createDeviceKeyring();
      const tx = db.transaction('keyring', 'readwrite');
      // Another context may have created it meanwhile: keep the first one.
      const raced = await tx.store.get('log');
      if (!raced) await tx.store.add(fresh, 'log');
      await tx.done;
      return raced ?? fresh;
    })();
    this.keyringPromise.catch(() => (this.keyringPromise = undefined));
    return this.keyringPromise;
  }

  private async key(sessionId: string): Promise<CryptoKey> {
    const cached = this.keys.get(sessionId);
    if (cached) return cached;
    const raw = await this.stash.get(sessionId);
    if (!raw && !(await (await this.db()).get('sessions', sessionId))) throw new SessionGoneError(sessionId);
    if (!raw) throw new Error(`no key for session ${sessionId} (was it started in this browser session?)`);
    const key = await importSessionKey(raw);
    this.keys.set(sessionId, key);
    return key;
  }

  /** Forgets a session's key and header (it ended, or it is gone). */
  private async forget(id: string): Promise<void> {
    this.keys.delete(id);
    this.meta.delete(id);
    await this.stash.remove(id);
  }

  /**
   * Runs `write` in one transaction that first finds the session's row: a session deleted meanwhile
   * gets nothing written (no row outlives its session) and a SessionGoneError. Sealing happens
   * before: a transaction cannot wait for WebCrypto.
   */
  private async inSession(
    db: LogDb,
    id: string,
    write: (tx: LogTx, row: SealedSessionRow) => Promise<unknown>,
  ): Promise<void> {
    const tx = writeTx(db);
    const row = await tx.objectStore('sessions').get(id);
    if (!row) {
      tx.abort();
      await tx.done.catch(() => undefined);
      await this.forget(id);
      throw new SessionGoneError(id);
    }
    await write(tx, row);
    await tx.done;
  }

  /** The session's header: cached, else read (SessionGoneError when it is not in the log). */
  private async session(db: LogDb, key: CryptoKey, id: string): Promise<SessionRecord> {
    const m = this.meta.get(id);
    if (m) return m;
    const row = await db.get('sessions', id);
    if (!row) {
      await this.forget(id);
      throw new SessionGoneError(id);
    }
    const s = await openRecord<SessionRecord>(key, place.session(id), row.sealed);
    this.meta.set(id, s);
    return s;
  }

  /** Replaces the session's header, with `also` written in the same transaction. */
  private async updateSession(
    db: LogDb,
    key: CryptoKey,
    next: SessionRecord,
    also?: (tx: LogTx) => Promise<unknown>,
  ): Promise<void> {
    const sealed = await sealRecord(key, place.session(next.id), next);
    await this.inSession(db, next.id, async (tx, row) => {
      await also?.(tx);
      await tx.objectStore('sessions').put({ ...row, sealed });
    });
    this.meta.set(next.id, next);
  }

  startSession(s: SessionRecord): Promise<void> {
    return this.serial(() => this.startSessionNow(s));
  }

  /** Starts a session under a new key; an id already in the log is refused and that session kept as it is. */
  private async startSessionNow(started: SessionRecord): Promise<void> {
    const db = await this.db();
    // Counted from here, whatever the record says (an imported one carries its old counts).
    const s: SessionRecord = { ...started, written: NOTHING_WRITTEN };
    // The key is wrapped to the keyring this writer read; the session is added only if the keyring
    // stored is still that one, in the same transaction (the review page may have re-keyed the log).
    for (let attempt = 0; ; attempt++) {
      const { publicKeyJwk } = await this.keyring();
      const { key, rawKey, header } = await newSessionKey(publicKeyJwk, s.id);
      const sealed = await sealRecord(key, place.session(s.id), s);
      const tx = db.transaction(['keyring', 'sessions'], 'readwrite');
      const ring = await tx.objectStore('keyring').get('log');
      if (!ring || !samePublicKey(ring.publicKeyJwk, publicKeyJwk)) {
        tx.abort();
        await tx.done.catch(() => undefined);
        this.keyringPromise = undefined;
        if (attempt < 3) continue;
        throw new Error("the log's keys kept changing: the session could not be started");
      }
      if (await tx.objectStore('sessions').get(s.id)) {
        tx.abort();
        await tx.done.catch(() => undefined);
        throw new Error(`session ${s.id} is already in the log: a session is started once`);
      }
      await tx.objectStore('sessions').add({ id: s.id, startedAt: s.startedAt, header, sealed });
      await tx.done;
      await this.stash.set(s.id, rawKey);
      this.keys.set(s.id, key);
      this.meta.set(s.id, s);
      return;
    }
  }

  appendSecond(rec: SecondRecord, nowMs: number): Promise<void> {
    return this.serial(() => this.appendSecondNow(rec, nowMs));
  }

  private async appendSecondNow(rec: SecondRecord, nowMs: number): Promise<void> {
    const key = await this.key(rec.sessionId);
    const db = await this.db();
    const s = await this.session(db, key, rec.sessionId);
    const sealed = await sealRecord(key, place.second(rec.sessionId, rec.t), rec);
    await this.updateSession(
      db,
      key,
      { ...s, lastWrittenAt: nowMs, seconds: Math.max(s.seconds, rec.t + 1) },
      (tx) => tx.objectStore('seconds').put({ sessionId: rec.sessionId, t: rec.t, sealed }),
    );
  }

  appendEvent(ev: SessionEvent): Promise<void> {
    return this.serial(() => this.appendEventNow(ev));
  }

  /**
   * Adds an event, numbered in its session and bound to that number, and counts it in the session's
   * header in the same transaction.
   */
  private async appendEventNow(ev: SessionEvent): Promise<void> {
    const key = await this.key(ev.sessionId);
    const db = await this.db();
    const s = await this.session(db, key, ev.sessionId);
    const written = s.written ?? NOTHING_WRITTEN;
    const seq = written.events;
    const sealed = await sealRecord(key, place.event(ev.sessionId, seq), ev);
    await this.updateSession(db, key, { ...s, written: { ...written, events: seq + 1 } }, (tx) =>
      tx.objectStore('events').add({ sessionId: ev.sessionId, seq, sealed }),
    );
  }

  appendSnapshot(snap: EvidenceSnapshot): Promise<void> {
    return this.serial(async () => {
      const key = await this.key(snap.sessionId);
      const db = await this.db();
      const s = await this.session(db, key, snap.sessionId);
      const written = s.written ?? NOTHING_WRITTEN;
      const seq = written.snapshots;
      if (seq >= SNAPSHOT_LIMITS.perSession) throw new Error('this session already has its snapshots');
      const sealed = await sealRecord(key, place.snapshot(snap.sessionId, seq), snap);
      await this.updateSession(db, key, { ...s, written: { ...written, snapshots: seq + 1 } }, async (tx) => {
        const snapshots = tx.objectStore('snapshots');
        if ((await snapshots.index('bySession').count(snap.sessionId)) >= SNAPSHOT_LIMITS.perSession)
          throw new Error('this session already has its snapshots');
        await snapshots.add({ sessionId: snap.sessionId, seq, sealed });
      });
    });
  }

  /** Records (or replaces) the candidate card and/or the overall state in the session header. */
  patchSession(id: string, patch: SessionPatch): Promise<void> {
    return this.serial(async () => {
      const key = await this.key(id);
      const db = await this.db();
      const s = await this.session(db, key, id);
      await this.updateSession(db, key, { ...s, ...patch });
    });
  }

  endSession(id: string, endedAt: number): Promise<void> {
    return this.serial(() => this.endSessionNow(id, endedAt));
  }

  private async endSessionNow(id: string, endedAt: number): Promise<void> {
    const key = await this.key(id);
    const db = await this.db();
    const s = await this.session(db, key, id);
    await this.updateSession(db, key, { ...s, endedAt, lastWrittenAt: endedAt });
    await this.forget(id);
  }

  /** Seals rows left by the v1→v2 upgrade; safe to call any time (does nothing when none wait). */
  migratePending(): Promise<number> {
    return this.serial(() => this.migratePendingNow());
  }

  private async migratePendingNow(): Promise<number> {
    const db = await this.db();
    const rows = await db.getAll('pending');
    if (rows.length === 0) return 0;
    const keys = await db.getAllKeys('pending');
    const sessions = rows
      .filter((r) => r.store === 'sessions')
      .map((r) => r.value)
      .filter(isSessionRecord);
    // A session an earlier, cut-off run already sealed is kept as that run left it (a second start
    // would re-key it); its remaining v1 rows cannot be sealed to its key and are dropped with the rest.
    let moved = 0;
    let skipped = 0;
    const started: string[] = [];
    for (const s of sessions) {
      if (await db.get('sessions', s.id)) {
        skipped++;
        continue;
      }
      await this.startSessionNow(s);
      started.push(s.id);
      moved++;
    }
    for (const r of rows) {
      if (r.store === 'seconds' && isSecondRecord(r.value) && this.keys.has(r.value.sessionId)) {
        const rec = r.value;
        const key = await this.key(rec.sessionId);
        await db.put('seconds', {
          sessionId: rec.sessionId,
          t: rec.t,
          sealed: await sealRecord(key, place.second(rec.sessionId, rec.t), rec),
        });
        moved++;
      } else if (r.store === 'events' && isSessionEvent(r.value) && this.keys.has(r.value.sessionId)) {
        await this.appendEventNow(r.value);
        moved++;
      }
    }
    for (const id of started) await this.forget(id);
    const tx = db.transaction('pending', 'readwrite');
    for (const k of keys) await tx.store.delete(k);
    await tx.done;
    await addAudit(
      db,
      'migrated',
      skipped
        ? say`sealed ${moved} of ${rows.length} rows from the unencrypted v1 log; ${skipped} sessions an earlier run had sealed were kept as they were`
        : say`sealed ${moved} of ${rows.length} rows from the unencrypted v1 log`,
    );
    return moved;
  }
}
