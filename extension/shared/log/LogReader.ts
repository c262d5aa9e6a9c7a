/**
 * Reads the sealed log (review page). Opening needs the log's private key: unlocked with the device key
 * or with the passphrase. Deleting needs no key (rows are found by the session id and start time kept in
 * the clear), so retention runs in the background without the passphrase. Every export and deletion
 * leaves an audit entry.
 */
import type { SecondRecord } from '../../../src/session/SecondRecord';
import type { EvidenceSnapshot } from '../../../src/session/EvidenceSnapshot';
import type { SessionEvent, SessionRecord } from '../../../src/session/SessionRecord';
import {
  createDeviceKeyring,
  rekeyToDevice,
  rekeyWithPassphrase,
  samePublicKey,
  unlockKeyring,
  type KeyringRecord,
  type Rekeyed,
  type SealedBytes,
} from '../crypto/LogKeyring';
import {
  openRecord,
  openSessionKey,
  rewrapSessionKey,
  type SessionKeyHeader,
} from '../crypto/sessionSealing';
import { parseSessionExport, type SessionExportV1 } from '../../../src/session/parseSessionExport';
import { addAudit } from './auditTrail';
import { type LogDb, type SealedEventRow, type SealedSecondRow, type SealedSnapshotRow } from './logDb';
import { isSealedExport, openSealedExport, sealExport } from '../crypto/sealedExport';
import { LogWriter, memoryKeyStash, place } from './LogWriter';
import { SaidError, say, words, type Phrase } from '../../../src/text/Phrase';

export type KeyringMode = 'empty' | 'device' | 'passphrase';

/** A session as listed: readable, or known only by id and start time with the reason it cannot be read. */
export type ListedSession = SessionRecord | { id: string; startedAt: number; unreadable: string };

export interface SessionData {
  session: SessionRecord;
  seconds: SecondRecord[];
  events: SessionEvent[];
  /** Evidence snapshots, if the user had turned them on (usually none). */
  snapshots: EvidenceSnapshot[];
  /**
   * What could not be read, or is missing against the counts sealed in the header, in words (empty
   * when the session is whole). The rest of the session is shown; these are left out.
   */
  problems: string[];
}

export type { SessionExportV1 };

export async function keyringMode(db: LogDb): Promise<KeyringMode> {
  const ring = await db.get('keyring', 'log');
  return ring ? ring.mode : 'empty';
}

export class LogReader {
  /** Session keys by id, with the wrapped key they came from (a re-imported session has a new one). */
  private readonly sessionKeys = new Map<string, { wrapped: Uint8Array; key: CryptoKey }>();

  private constructor(
    private readonly db: LogDb,
    private readonly privateKey: CryptoKey | null,
  ) {}

  /** Throws WrongPassphraseError (and changes nothing) when the passphrase is wrong. */
  static async open(db: LogDb, passphrase?: string): Promise<LogReader> {
    const ring = await db.get('keyring', 'log');
    return new LogReader(db, ring ? await unlockKeyring(ring, passphrase) : null);
  }

  /** A reader with the private key a re-key just made (the re-key below; nothing else has one). */
  static withPrivateKey(db: LogDb, privateKey: CryptoKey): LogReader {
    return new LogReader(db, privateKey);
  }

  private async sessionKey(id: string): Promise<CryptoKey | null> {
    const row = await this.db.get('sessions', id);
    if (!row || !this.privateKey) return null;
    const wrapped = row.header.wrappedKey.data;
    const cached = this.sessionKeys.get(id);
    if (cached && sameBytes(cached.wrapped, wrapped)) return cached.key;
    const key = await openSessionKey(this.privateKey, row.header, id);
    this.sessionKeys.set(id, { wrapped, key });
    return key;
  }

  /** Sessions, newest first. A session that cannot be opened is listed by id, marked unreadable. */
  async listSessions(): Promise<ListedSession[]> {
    const rows = await this.db.getAllFromIndex('sessions', 'byStart');
    const out = [];
    for (const row of rows.reverse()) {
      try {
        const key = await this.sessionKey(row.id);
        if (!key) throw new Error('no key');
        out.push(await openRecord<SessionRecord>(key, place.session(row.id), row.sealed));
      } catch (e) {
        out.push({
          id: row.id,
          startedAt: row.startedAt,
          unreadable: e instanceof Error ? e.message : String(e),
        });
      }
    }
    return out;
  }

  /**
   * The session with every row that can be read. A row that cannot be opened (damaged, or not sealed
   * by this log's key for that place) is left out and counted; rows removed or repeated are found
   * against the counts sealed in the header. Only a header that cannot be opened fails the load.
   */
  async loadSession(id: string): Promise<SessionData | null> {
    const key = await this.sessionKey(id);
    const row = await this.db.get('sessions', id);
    if (!key || !row) return null;
    const session = await openRecord<SessionRecord>(key, place.session(id), row.sealed);
    const problems: string[] = [];
    const readAll = async <R extends { sealed: SealedBytes }, T>(
      rows: R[],
      placeOf: (r: R) => string,
      what: string,
    ): Promise<T[]> => {
      const out: T[] = [];
      let bad = 0;
      for (const r of rows) {
        try {
          out.push(await openRecord<T>(key, placeOf(r), r.sealed));
        } catch {
          bad++;
        }
      }
      if (bad > 0)
        problems.push(
          `${count(bad, what)} could not be read (damaged, or not written by this log there) and ${bad === 1 ? 'is' : 'are'} left out`,
        );
      return out;
    };
    const secondRows = await this.db.getAllFromIndex('seconds', 'bySession', id);
    const seconds = await readAll<SealedSecondRow, SecondRecord>(
      secondRows,
      (r) => place.second(id, r.t),
      'second',
    );
    seconds.sort((a, b) => a.t - b.t);
    const eventRows = await this.db.getAllFromIndex('events', 'bySession', id);
    const events = await readAll<SealedEventRow, SessionEvent>(
      oncePerNumber(eventRows),
      (r) => place.event(id, r.seq),
      'event',
    );
    events.sort((a, b) => a.tMs - b.tMs);
    const snapshotRows = await this.db.getAllFromIndex('snapshots', 'bySession', id);
    const snapshots = await readAll<SealedSnapshotRow, EvidenceSnapshot>(
      oncePerNumber(snapshotRows),
      (r) => place.snapshot(id, r.seq),
      'snapshot',
    );
    snapshots.sort((a, b) => a.tMs - b.tMs);
    if (session.written) {
      problems.push(
        ...countProblems(eventRows, session.written.events, 'event'),
        ...countProblems(snapshotRows, session.written.snapshots, 'snapshot'),
      );
    }
    return { session, seconds, events, snapshots, problems };
  }

  async exportSession(id: string, now = new Date()): Promise<SessionExportV1> {
    const file = await this.exportData(id, now);
    await addAudit(this.db, 'export', say`exported session ${id}`);
    return file;
  }

  /** The export's content, without its audit entry. */
  private async exportData(id: string, now: Date): Promise<SessionExportV1> {
    const data = await this.loadSession(id);
    if (!data) throw new SaidError(say`Session ${id} is not in the log.`);
    const { problems: _left, ...rows } = data;
    return { format: 'interview-guard.session', version: 1, exportedAt: now.toISOString(), ...rows };
  }

  /**
   * The export as a file: its text, sealed with `passphrase` when one is given (see sealedExport.ts),
   * and a name a person can tell apart: the candidate's name from the card (a plain export only: a
   * sealed file's name must not carry what its sealing hides), platform, date, the id's first characters.
   */
  async exportFile(
    id: string,
    passphrase?: string,
    now = new Date(),
  ): Promise<{ name: string; text: string }> {
    const file = await this.exportData(id, now);
    const plain = JSON.stringify(file, null, 2);
    const day = new Date(file.session.startedAt).toISOString().slice(0, 10);
    const sealed = passphrase === undefined ? null : await sealExport(plain, passphrase);
    const who = sealed === null ? nameSlug(file.session.candidate?.name ?? '') : '';
    const platform = file.session.platform.replace(/[^a-z0-9-]/gi, '');
    const base = `interview-guard-${who ? `${who}-` : ''}${platform}-${day}-${id.slice(0, 8)}`;
    await addAudit(
      this.db,
      'export',
      sealed === null ? say`exported session ${id}` : say`exported session ${id}, sealed with a passphrase`,
    );
    return sealed === null
      ? { name: `${base}.json`, text: plain }
      : { name: `${base}.sealed.json`, text: sealed };
  }
}

/** A name as file-name letters: "José Núñez-Ortiz" → "jose-nunez-ortiz" (at most 40; '' if none are left). */
export function nameSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** The first row of each number (a copied row opens like its original); rows without one, all. */
function oncePerNumber<R extends { seq?: number }>(rows: R[]): R[] {
  const seen = new Set<number>();
  return rows.filter((r) => r.seq === undefined || (!seen.has(r.seq) && (seen.add(r.seq), true)));
}

/**
 * Rows missing or repeated against the count the writer sealed in the header: each row's number is
 * bound into its seal, so a row cannot be renumbered, only removed or copied.
 */
function countProblems(rows: { seq?: number }[], written: number, what: string): string[] {
  const seen = new Map<number, number>();
  for (const r of rows) if (r.seq !== undefined) seen.set(r.seq, (seen.get(r.seq) ?? 0) + 1);
  let missing = 0;
  for (let i = 0; i < written; i++) if (!seen.has(i)) missing++;
  const repeated = [...seen.values()].reduce((a, n) => a + n - 1, 0);
  const beyond = [...seen.keys()].filter((k) => k >= written).length;
  const out: string[] = [];
  if (missing > 0)
    out.push(
      `${count(missing, what)} of the ${written} written during the call ${missing === 1 ? 'is' : 'are'} missing from the log`,
    );
  if (repeated > 0)
    out.push(
      `${count(repeated, what)} ${repeated === 1 ? 'appears' : 'appear'} more than once and ${repeated === 1 ? 'was' : 'were'} read once`,
    );
  if (beyond > 0)
    out.push(`${count(beyond, what)} more than the call wrote ${beyond === 1 ? 'is' : 'are'} in the log`);
  return out;
}

/**
 * Deletes the sessions' rows in one transaction, and any row whose session is no longer in the log
 * (left by an older version that wrote after a delete): no second, event or snapshot outlives its session.
 */
async function deleteRows(db: LogDb, ids: string[]): Promise<void> {
  const tx = db.transaction(['sessions', 'seconds', 'events', 'snapshots'], 'readwrite');
  for (const id of ids) await tx.objectStore('sessions').delete(id);
  const kept = new Set(await tx.objectStore('sessions').getAllKeys());
  for (const store of ['seconds', 'events', 'snapshots'] as const) {
    const index = tx.objectStore(store).index('bySession');
    for (let c = await index.openKeyCursor(null, 'nextunique'); c; c = await c.continue()) {
      if (kept.has(c.key)) continue;
      for (const k of await index.getAllKeys(c.key)) await tx.objectStore(store).delete(k);
    }
  }
  await tx.done;
}

export async function deleteSession(db: LogDb, id: string): Promise<void> {
  await deleteRows(db, [id]);
  await addAudit(db, 'delete', say`deleted session ${id}`);
}

/** Deletes every session (the keyring and the audit trail stay). Returns how many went. */
export async function wipeLog(db: LogDb): Promise<number> {
  const ids = await db.getAllKeys('sessions');
  await deleteRows(db, ids);
  await addAudit(db, 'wipe', say`wiped all ${ids.length} sessions`);
  return ids.length;
}

/**
 * A clock this far past the newest session's start is taken for a wrong clock, not a long absence,
 * ms (400 days): retention then deletes nothing.
 */
export const CLOCK_JUMP_MS = 400 * 86_400_000;
const HELD = 'deleted nothing: the clock reads';

/**
 * Deletes sessions that started more than `days` days before `nowMs`. Returns how many went. A clock
 * implausibly far past the newest session's start (CLOCK_JUMP_MS) deletes nothing: the audit trail
 * says so once (not at every worker start), and the sessions stay until the clock is right or the
 * user deletes them, since no record in the clear can tell a wrong clock from a long absence.
 */
export async function applyRetention(db: LogDb, days: number, nowMs = Date.now()): Promise<number> {
  const newest = (await db.transaction('sessions').store.index('byStart').openKeyCursor(null, 'prev'))?.key;
  if (newest !== undefined && nowMs - newest > CLOCK_JUMP_MS) {
    const last = (await db.transaction('audit').store.openCursor(null, 'prev'))?.value;
    if (!last?.detail.startsWith(HELD)) {
      const gapDays = Math.round((nowMs - newest) / 86_400_000);
      await addAudit(
        db,
        'retention',
        say`deleted nothing: the clock reads ${gapDays} days past the newest session's start, more likely a wrong clock than a long absence`,
        nowMs,
      );
    }
    return 0;
  }
  const cutoff = nowMs - days * 86_400_000;
  const ids = (await db.getAllKeysFromIndex(
    'sessions',
    'byStart',
    IDBKeyRange.upperBound(cutoff, true),
  )) as string[];
  await deleteRows(db, ids);
  if (ids.length === 0) return 0;
  await addAudit(db, 'retention', say`deleted ${ids.length} sessions older than ${days} days`);
  return ids.length;
}

/** What a re-key did: sessions whose key now opens with the new key pair, and those that could not be opened before either. */
export interface RekeyReport {
  rekeyed: number;
  unreadable: number;
}

/** A re-key's report, and a reader already holding the new private key (no passphrase derived again). */
export interface RekeyResult {
  report: RekeyReport;
  reader: LogReader;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Replaces the log's key pair: every session's key is wrapped again to the new public key, and the
 * keyring replaced, in one transaction, so the log never holds a session the keyring cannot open. A
 * session started or re-imported while the headers were being wrapped is wrapped on another pass; the
 * writer checks, in the transaction that adds a session, that it wrapped to the keyring stored then.
 * A session whose key the old pair could not open either keeps its header (it stays unreadable).
 */
async function rekeyLog(
  db: LogDb,
  ring: KeyringRecord,
  { next, previousPrivateKey, nextPrivateKey }: Rekeyed,
): Promise<RekeyResult> {
  for (let pass = 0; pass < 5; pass++) {
    const rows = await db.getAll('sessions');
    const headers = new Map<string, { was: SessionKeyHeader; now: SessionKeyHeader | null }>();
    for (const row of rows) {
      const now = await rewrapSessionKey(previousPrivateKey, row.header, row.id, next.publicKeyJwk).catch(
        () => null,
      );
      headers.set(row.id, { was: row.header, now });
    }
    const tx = db.transaction(['keyring', 'sessions'], 'readwrite');
    const stored = await tx.objectStore('keyring').get('log');
    if (stored && !samePublicKey(stored.publicKeyJwk, ring.publicKeyJwk)) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw new SaidError(
        words(
          "The log's keys were changed meanwhile (in another window?). Nothing was changed here; try again.",
        ),
      );
    }
    const current = await tx.objectStore('sessions').getAll();
    const settled = current.every((r) => {
      const h = headers.get(r.id);
      return h !== undefined && sameBytes(h.was.wrappedKey.data, r.header.wrappedKey.data);
    });
    if (!settled) {
      tx.abort();
      await tx.done.catch(() => undefined);
      continue;
    }
    let rekeyed = 0;
    for (const r of current) {
      const now = headers.get(r.id)!.now;
      if (!now) continue;
      await tx.objectStore('sessions').put({ ...r, header: now });
      rekeyed++;
    }
    await tx.objectStore('keyring').put(next, 'log');
    await tx.done;
    return {
      report: { rekeyed, unreadable: current.length - rekeyed },
      reader: LogReader.withPrivateKey(db, nextPrivateKey),
    };
  }
  throw new SaidError(
    words('Sessions kept being added while the log was re-keyed. Nothing was changed; try again.'),
  );
}

/** What the review page says after a re-key. */
export function rekeyNotice({ rekeyed, unreadable }: RekeyReport): string {
  const n = (k: number) => (k === 1 ? '1 session' : `${k} sessions`);
  return (
    `The log has new keys (${n(rekeyed)} moved to them): a copy of this browser profile made before cannot open what is recorded from now on.` +
    (unreadable ? ` ${n(unreadable)} could not be opened before either and still cannot.` : '')
  );
}

const rekeyDetail = (what: Phrase, { rekeyed, unreadable }: RekeyReport): Phrase =>
  unreadable
    ? say`${what}; ${rekeyed} sessions re-keyed, ${unreadable} could not be opened before either and keep their old key`
    : say`${what}; ${rekeyed} sessions re-keyed`;

/**
 * Sets or changes the passphrase (`current` when one is set), under a new key pair: a copy of the
 * profile made before cannot open what is written after. A wrong `current` changes nothing.
 * `iterations`: the PBKDF2 cost (default PBKDF2_ITERATIONS; unit tests pass a small one).
 */
export async function protectWithPassphrase(
  db: LogDb,
  passphrase: string,
  current?: string,
  iterations?: number,
): Promise<RekeyResult> {
  const stored = await db.get('keyring', 'log');
  const ring = stored ?? (await createDeviceKeyring());
  const result = await rekeyLog(db, ring, await rekeyWithPassphrase(ring, passphrase, current, iterations));
  await addAudit(
    db,
    'passphrase-set',
    rekeyDetail(
      ring.mode === 'passphrase' ? words('passphrase changed') : words('passphrase set'),
      result.report,
    ),
  );
  return result;
}

/** Back to a device key, under a new key pair. A wrong `current` changes nothing. */
export async function removeProtection(db: LogDb, current: string): Promise<RekeyResult> {
  const ring = await db.get('keyring', 'log');
  if (!ring || ring.mode !== 'passphrase') throw new SaidError(words('The log has no passphrase.'));
  const result = await rekeyLog(db, ring, await rekeyToDevice(ring, current));
  await addAudit(db, 'passphrase-removed', rekeyDetail(words('back to the device key'), result.report));
  return result;
}

/**
 * Imports an exported session (a colleague's review). The whole file is checked first; a bad file
 * is refused with the reason and nothing is written. A session already in the log is not replaced.
 * A write failing half-way (a full disk) removes what was written: the log never holds part of it.
 */
export async function importSession(db: LogDb, file: string, passphrase?: string): Promise<SessionRecord> {
  const sealed = isSealedExport(file);
  if (sealed && !passphrase)
    throw new SaidError(
      words(
        'This file is encrypted: enter its passphrase, then choose the file again. Nothing was imported.',
      ),
    );
  const text = sealed ? await openSealedExport(file, passphrase!) : file;
  const parsed = parseSessionExport(text);
  if (!parsed.ok) throw new SaidError(parsed.words);
  const { session, seconds, events, snapshots } = parsed.file;
  if (await db.get('sessions', session.id))
    throw new SaidError(words('This session is already in the log; nothing was imported.'));
  const writer = new LogWriter(async () => db, memoryKeyStash());
  await writer.startSession(session);
  try {
    for (const r of seconds) await writer.appendSecond(r, session.lastWrittenAt);
    for (const e of events) await writer.appendEvent(e);
    for (const s of snapshots ?? []) await writer.appendSnapshot(s);
    // A session that was cut off stays cut off (endedAt null), as it was exported.
    if (session.endedAt !== null) await writer.endSession(session.id, session.endedAt);
  } catch (e) {
    // All or nothing: a write that fails half-way takes back every row of the session written so far.
    await deleteRows(db, [session.id]);
    throw new SaidError(
      say`The session could not be imported (${e instanceof Error ? e.message : String(e)}); nothing was imported.`,
    );
  }
  await addAudit(
    db,
    'import',
    sealed
      ? say`imported session ${session.id} (exported ${parsed.file.exportedAt}, sealed with a passphrase)`
      : say`imported session ${session.id} (exported ${parsed.file.exportedAt})`,
  );
  return session;
}
