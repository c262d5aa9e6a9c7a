/**
 * The session log database (extension origin IndexedDB), schema v3: everything about a session is
 * sealed (see crypto/), except what retention and sorting need in the clear (session id and start time).
 *
 *   v1 (walking skeleton) plaintext sessions / seconds / events
 *   v2 keyring, sealed sessions / seconds / events, audit, pending (v1 rows waiting to be sealed)
 *   v3 + snapshots: optional evidence pictures at flagged moments, sealed like the rest
 *   v4 + meta: the audit trail's head (its entries are chained, see auditTrail.ts)
 *
 * The v1→v2 upgrade cannot encrypt (an upgrade transaction cannot wait for WebCrypto), so it moves
 * the v1 rows into `pending`; LogWriter.migratePending seals them right after. Nothing is dropped.
 * `idb` is a ~1 kB promise wrapper that keeps the transaction rules right.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { KeyringRecord, SealedBytes } from '../crypto/LogKeyring';
import type { SessionKeyHeader } from '../crypto/sessionSealing';
import type { Phrase } from '../../../src/text/Phrase';

export const DB_NAME = 'interview-guard';
export const DB_VERSION = 4;

export interface SealedSessionRow {
  id: string;
  /** In the clear: retention deletes by age without the passphrase. */
  startedAt: number;
  header: SessionKeyHeader;
  /** The SessionRecord. */
  sealed: SealedBytes;
}
export interface SealedSecondRow {
  sessionId: string;
  t: number;
  sealed: SealedBytes;
}
export interface SealedEventRow {
  sessionId: string;
  /** The event's number in its session (bound into the seal); absent on rows written before it was kept. */
  seq?: number;
  sealed: SealedBytes;
}
/** An evidence snapshot (an EvidenceSnapshot, sealed): only when the user turned them on. */
export interface SealedSnapshotRow {
  sessionId: string;
  /** As for events. */
  seq?: number;
  sealed: SealedBytes;
}
export type AuditAction =
  | 'export'
  | 'import'
  | 'delete'
  | 'wipe'
  | 'retention'
  | 'passphrase-set'
  | 'passphrase-removed'
  | 'migrated';
export interface AuditRow {
  at: number;
  action: AuditAction;
  /** Session ids and counts only: the audit trail outlives the sessions it mentions. */
  detail: string;
  /** `detail` as data, for the reader's language (absent on older entries). */
  words?: Phrase;
  /** The entry's number in the trail, from 0 (absent on entries written before the trail was chained). */
  seq?: number;
  /** The previous entry's `hash` ('' for the first). */
  prev?: string;
  /** SHA-256 of this entry with `prev`, hex: see auditTrail.ts. */
  hash?: string;
}
/** The newest entry of the audit trail, kept apart so that losing the newest entries shows. */
export interface AuditHead {
  seq: number;
  hash: string;
}
export interface PendingRow {
  store: 'sessions' | 'seconds' | 'events';
  value: unknown;
}

export interface LogSchema extends DBSchema {
  keyring: { key: string; value: KeyringRecord };
  sessions: { key: string; value: SealedSessionRow; indexes: { byStart: number } };
  seconds: { key: [string, number]; value: SealedSecondRow; indexes: { bySession: string } };
  events: { key: number; value: SealedEventRow; indexes: { bySession: string } };
  snapshots: { key: number; value: SealedSnapshotRow; indexes: { bySession: string } };
  audit: { key: number; value: AuditRow };
  meta: { key: 'auditHead'; value: AuditHead };
  pending: { key: number; value: PendingRow };
}

export type LogDb = IDBPDatabase<LogSchema>;

function createV2Stores(db: IDBPDatabase<LogSchema>): void {
  db.createObjectStore('keyring');
  db.createObjectStore('sessions', { keyPath: 'id' }).createIndex('byStart', 'startedAt');
  db.createObjectStore('seconds', { keyPath: ['sessionId', 't'] }).createIndex('bySession', 'sessionId');
  db.createObjectStore('events', { autoIncrement: true }).createIndex('bySession', 'sessionId');
  db.createObjectStore('audit', { autoIncrement: true });
  db.createObjectStore('pending', { autoIncrement: true });
}

const opened = new Map<string, Promise<LogDb>>();

export function openLogDb(name = DB_NAME): Promise<LogDb> {
  let p = opened.get(name);
  if (!p) {
    p = openDB<LogSchema>(name, DB_VERSION, {
      async upgrade(db, oldVersion, _newVersion, tx) {
        if (oldVersion === 1) {
          // v1 stores had the same names with plaintext rows: keep the rows, rebuild the stores.
          const rows: PendingRow[] = [];
          for (const store of ['sessions', 'seconds', 'events'] as const) {
            // Same store names as v2, but v1's plaintext rows: read them as unknown.
            const values: unknown[] = await tx.objectStore(store).getAll();
            for (const value of values) rows.push({ store, value });
          }
          for (const store of ['sessions', 'seconds', 'events'] as const) db.deleteObjectStore(store);
          createV2Stores(db);
          const pending = tx.objectStore('pending');
          for (const r of rows) await pending.add(r);
        } else if (oldVersion === 0) {
          createV2Stores(db);
        }
        if (oldVersion < 3)
          db.createObjectStore('snapshots', { autoIncrement: true }).createIndex('bySession', 'sessionId');
        if (oldVersion < 4) db.createObjectStore('meta');
      },
      blocking() {
        // A newer version wants to upgrade: let it.
        void opened.get(name)?.then((db) => db.close());
        opened.delete(name);
      },
    });
    opened.set(name, p);
  }
  return p;
}

/** Forgets the cached connection (tests delete databases between cases). */
export async function closeLogDb(name = DB_NAME): Promise<void> {
  const p = opened.get(name);
  opened.delete(name);
  if (p) (await p).close();
}
