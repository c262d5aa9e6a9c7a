/**
 * The session log v0 in the extension origin's IndexedDB. Written incrementally: a session row on
 * start, one row per second and one per event as they happen, so a closed tab loses at most the
 * second in progress. `idb` is a ~1 kB promise wrapper that keeps transactions correct (no hand-rolled
 * request/transaction plumbing).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { SecondRecord } from '../../src/session/SecondRecord';
import type { SessionEvent, SessionRecord } from '../../src/session/SessionRecord';

export const DB_NAME = 'interview-guard';
export const DB_VERSION = 1;

interface GuardDB extends DBSchema {
  sessions: { key: string; value: SessionRecord; indexes: { byStart: number } };
  seconds: { key: [string, number]; value: SecondRecord; indexes: { bySession: string } };
  events: { key: number; value: SessionEvent; indexes: { bySession: string } };
}

let dbPromise: Promise<IDBPDatabase<GuardDB>> | undefined;

export function openSessionDb(): Promise<IDBPDatabase<GuardDB>> {
  dbPromise ??= openDB<GuardDB>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('sessions', { keyPath: 'id' }).createIndex('byStart', 'startedAt');
        db.createObjectStore('seconds', { keyPath: ['sessionId', 't'] }).createIndex(
          'bySession',
          'sessionId',
        );
        db.createObjectStore('events', { autoIncrement: true }).createIndex('bySession', 'sessionId');
      }
    },
    blocking() {
      // A newer version wants to upgrade: let it.
      void dbPromise?.then((db) => db.close());
      dbPromise = undefined;
    },
  });
  return dbPromise;
}

export async function putSession(s: SessionRecord): Promise<void> {
  await (await openSessionDb()).put('sessions', s);
}

/** Appends one second and bumps the session's progress in the same transaction. */
export async function appendSecond(rec: SecondRecord, nowMs: number): Promise<void> {
  const db = await openSessionDb();
  const tx = db.transaction(['seconds', 'sessions'], 'readwrite');
  const sessions = tx.objectStore('sessions');
  await tx.objectStore('seconds').put(rec);
  const s = await sessions.get(rec.sessionId);
  if (s) {
    s.lastWrittenAt = nowMs;
    s.seconds = Math.max(s.seconds, rec.t + 1);
    await sessions.put(s);
  }
  await tx.done;
}

export async function appendEvent(ev: SessionEvent): Promise<void> {
  await (await openSessionDb()).add('events', ev);
}

export async function endSession(id: string, endedAt: number): Promise<void> {
  const db = await openSessionDb();
  const tx = db.transaction('sessions', 'readwrite');
  const s = await tx.store.get(id);
  if (s) {
    s.endedAt = endedAt;
    s.lastWrittenAt = endedAt;
    await tx.store.put(s);
  }
  await tx.done;
}

/** Sessions, newest first. */
export async function listSessions(): Promise<SessionRecord[]> {
  const all = await (await openSessionDb()).getAllFromIndex('sessions', 'byStart');
  return all.reverse();
}

export async function loadSession(
  id: string,
): Promise<{ session: SessionRecord; seconds: SecondRecord[]; events: SessionEvent[] } | null> {
  const db = await openSessionDb();
  const session = await db.get('sessions', id);
  if (!session) return null;
  const seconds = await db.getAllFromIndex('seconds', 'bySession', id);
  seconds.sort((a, b) => a.t - b.t);
  const events = await db.getAllFromIndex('events', 'bySession', id);
  events.sort((a, b) => a.tMs - b.tMs);
  return { session, seconds, events };
}
