/**
 * Writes the session log as things happen (in the background worker). Each session gets its own
 * AES-GCM key sealed to the log's public key; the raw key is stashed in memory-only storage
 * (storage.session in the extension) so a restarted worker keeps writing the same session.
 * No passphrase is ever needed to write.
 */
import type { SecondRecord } from '../../../src/session/SecondRecord';
import { SNAPSHOT_LIMITS, type EvidenceSnapshot } from '../../../src/session/EvidenceSnapshot';
import type { SessionPatch } from '../protocol';
import type { SessionEvent, SessionRecord } from '../../../src/session/SessionRecord';
import { isSecondRecord, isSessionEvent, isSessionRecord } from '../../../src/session/validateRecords';
import { createDeviceKeyring, type Bytes, type KeyringRecord } from '../crypto/LogKeyring';
import { importSessionKey, newSessionKey, openRecord, sealRecord } from '../crypto/sessionSealing';
import { addAudit, type LogDb } from './logDb';

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
  event: (id: string) => `${id}/events`,
  snapshot: (id: string) => `${id}/snapshots`,
};

export class LogWriter {
  private readonly keys = new Map<string, CryptoKey>();
  private readonly meta = new Map<string, SessionRecord>();
  private keyringPromise: Promise<KeyringRecord> | undefined;
  /** Writes are applied one at a time in arrival order: an event must not overtake its session's start. */
  private queue: Promise<unknown> = Promise.resolve();

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.queue.then(op);
    this.queue = run.catch(() => undefined);
    return run;
  }

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
    if (!raw) throw new Error(`no key for session ${sessionId} (was it started in this browser session?)`);
    const key = await importSessionKey(raw);
    this.keys.set(sessionId, key);
    return key;
  }

  private async putMeta(db: LogDb, key: CryptoKey, s: SessionRecord): Promise<void> {
    const row = await db.get('sessions', s.id);
    if (!row) throw new Error(`session ${s.id} is not in the log`);
    row.sealed = await sealRecord(key, place.session(s.id), s);
    await db.put('sessions', row);
    this.meta.set(s.id, s);
  }

  private async session(db: LogDb, key: CryptoKey, id: string): Promise<SessionRecord> {
    const m = this.meta.get(id);
    if (m) return m;
    const row = await db.get('sessions', id);
    if (!row) throw new Error(`session ${id} is not in the log`);
    const s = await openRecord<SessionRecord>(key, place.session(id), row.sealed);
    this.meta.set(id, s);
    return s;
  }

  startSession(s: SessionRecord): Promise<void> {
    return this.serial(() => this.startSessionNow(s));
  }

  private async startSessionNow(s: SessionRecord): Promise<void> {
    const { publicKeyJwk } = await this.keyring();
    const { key, rawKey, header } = await newSessionKey(publicKeyJwk, s.id);
    await this.stash.set(s.id, rawKey);
    this.keys.set(s.id, key);
    const db = await this.db();
    await db.put('sessions', {
      id: s.id,
      startedAt: s.startedAt,
      header,
      sealed: await sealRecord(key, place.session(s.id), s),
    });
    this.meta.set(s.id, s);
  }

  appendSecond(rec: SecondRecord, nowMs: number): Promise<void> {
    return this.serial(() => this.appendSecondNow(rec, nowMs));
  }

  private async appendSecondNow(rec: SecondRecord, nowMs: number): Promise<void> {
    const key = await this.key(rec.sessionId);
    const db = await this.db();
    await db.put('seconds', {
      sessionId: rec.sessionId,
      t: rec.t,
      sealed: await sealRecord(key, place.second(rec.sessionId, rec.t), rec),
    });
    const s = await this.session(db, key, rec.sessionId);
    await this.putMeta(db, key, { ...s, lastWrittenAt: nowMs, seconds: Math.max(s.seconds, rec.t + 1) });
  }

  appendEvent(ev: SessionEvent): Promise<void> {
    return this.serial(() => this.appendEventNow(ev));
  }

  private async appendEventNow(ev: SessionEvent): Promise<void> {
    const key = await this.key(ev.sessionId);
    const db = await this.db();
    await db.add('events', {
      sessionId: ev.sessionId,
      sealed: await sealRecord(key, place.event(ev.sessionId), ev),
    });
  }

  appendSnapshot(snap: EvidenceSnapshot): Promise<void> {
    return this.serial(async () => {
      const key = await this.key(snap.sessionId);
      const db = await this.db();
      const existing = await db.countFromIndex('snapshots', 'bySession', snap.sessionId);
      if (existing >= SNAPSHOT_LIMITS.perSession) throw new Error('this session already has its snapshots');
      await db.add('snapshots', {
        sessionId: snap.sessionId,
        sealed: await sealRecord(key, place.snapshot(snap.sessionId), snap),
      });
    });
  }

  /** Records (or replaces) the candidate card and/or the overall state in the session header. */
  patchSession(id: string, patch: SessionPatch): Promise<void> {
    return this.serial(async () => {
      const key = await this.key(id);
      const db = await this.db();
      const s = await this.session(db, key, id);
      await this.putMeta(db, key, { ...s, ...patch });
    });
  }

  endSession(id: string, endedAt: number): Promise<void> {
    return this.serial(() => this.endSessionNow(id, endedAt));
  }

  private async endSessionNow(id: string, endedAt: number): Promise<void> {
    const key = await this.key(id);
    const db = await this.db();
    const s = await this.session(db, key, id);
    await this.putMeta(db, key, { ...s, endedAt, lastWrittenAt: endedAt });
    this.keys.delete(id);
    this.meta.delete(id);
    await this.stash.remove(id);
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
    for (const s of sessions) await this.startSessionNow(s);
    let moved = sessions.length;
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
    for (const s of sessions) {
      this.keys.delete(s.id);
      this.meta.delete(s.id);
      await this.stash.remove(s.id);
    }
    const tx = db.transaction('pending', 'readwrite');
    for (const k of keys) await tx.store.delete(k);
    await tx.done;
    await addAudit(db, 'migrated', `sealed ${moved} of ${rows.length} rows from the unencrypted v1 log`);
    return moved;
  }
}
