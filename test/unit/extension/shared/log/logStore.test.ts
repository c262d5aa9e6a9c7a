import { TEST_KDF_ITERATIONS } from '../../../helpers/kdf';
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { unlockKeyring, WrongPassphraseError } from '../../../../../extension/shared/crypto/LogKeyring';
import { openSessionKey } from '../../../../../extension/shared/crypto/sessionSealing';
import { closeLogDb, openLogDb } from '../../../../../extension/shared/log/logDb';
import { readAudit } from '../../../../../extension/shared/log/auditTrail';
import {
  applyRetention,
  deleteSession,
  importSession,
  keyringMode,
  LogReader,
  protectWithPassphrase,
  removeProtection,
  wipeLog,
} from '../../../../../extension/shared/log/LogReader';
import {
  explainWriteError,
  LogFullError,
  LogWriter,
  memoryKeyStash,
  SessionGoneError,
} from '../../../../../extension/shared/log/LogWriter';
import type { SecondRecord } from '../../../../../src/session/SecondRecord';
import type { SessionRecord } from '../../../../../src/session/SessionRecord';

let n = 0;
const freshName = () => `ig-test-${Date.now()}-${n++}`;
const session = (id: string, startedAt: number): SessionRecord => ({
  id,
  platform: 'meet',
  pageHost: 'meet.google.com',
  startedAt,
  endedAt: null,
  lastWrittenAt: startedAt,
  seconds: 0,
  modelVersion: 'face_landmarker float16/1',
  codeVersion: '0.1.0',
});
const second = (sessionId: string, t: number): SecondRecord => ({
  sessionId,
  t,
  frames: 15,
  faceFrames: 14,
  maxFaces: 1,
  yawDeg: 2.5,
  pitchDeg: -1,
  rollDeg: 0.5,
  mouthAperture: 0.12,
  mouthApertureStd: 0.03,
  eyeOpenness: 0.29,
  eyeOpennessMin: 0.1,
  faceHeightPx: 212,
  landmarkConfidence: 1,
  processingMs: 21,
});

/** A 16×16 JPEG (made with ffmpeg: a flat skin-tone square), base64. */
const TINY_JPEG =
  '/9j/4AAQSkZJRgABAgAAAQABAAD//gAQTGF2YzU5LjM3LjEwMAD/2wBDAAgUFBcUFxsbGxsbGyAeICEhISAgICAhISEkJCQqKiokJCQhISQkKCgqKi4vLisrKisvLzIyMjw8OTlGRkhWVmf/xABLAAEBAAAAAAAAAAAAAAAAAAAABQEBAAAAAAAAAAAAAAAAAAAABRABAAAAAAAAAAAAAAAAAAAAABEBAAAAAAAAAAAAAAAAAAAAAP/AABEIABAAEAMBIgACEQADEQD/2gAMAwEAAhEDEQA/ALYAY+//2Q==';

async function setup() {
  const name = freshName();
  const stash = memoryKeyStash();
  const writer = new LogWriter(() => openLogDb(name), stash);
  return { name, stash, writer, db: await openLogDb(name) };
}

describe('the sealed session log', () => {
  it('stores nothing readable at rest and reads back exactly what was written', async () => {
    const { writer, db } = await setup();
    await writer.startSession(session('s1', 1_000));
    for (let t = 0; t < 5; t++) await writer.appendSecond(second('s1', t), 2_000 + t);
    await writer.appendEvent({
      sessionId: 's1',
      tMs: 1500,
      type: 'face-lost',
      detail: 'no face in the candidate video',
    });
    await writer.endSession('s1', 9_000);

    const raw = JSON.stringify([
      await db.getAll('sessions'),
      await db.getAll('seconds'),
      await db.getAll('events'),
    ]);
    for (const secret of ['meet.google.com', 'face-lost', 'candidate video', 'yawDeg'])
      expect(raw).not.toContain(secret);

    expect(await keyringMode(db)).toBe('device');
    const reader = await LogReader.open(db);
    const [listed] = await reader.listSessions();
    expect(listed).toMatchObject({
      id: 's1',
      platform: 'meet',
      endedAt: 9_000,
      seconds: 5,
      lastWrittenAt: 9_000,
    });
    const data = await reader.loadSession('s1');
    expect(data!.seconds).toEqual([0, 1, 2, 3, 4].map((t) => second('s1', t)));
    expect(data!.events).toEqual([
      { sessionId: 's1', tMs: 1500, type: 'face-lost', detail: 'no face in the candidate video' },
    ]);
  });

  it('loads a session row by row: a damaged row is left out and named, the rest of the session stays', async () => {
    const { writer, db } = await setup();
    await writer.startSession(session('s1', 1_000));
    for (let t = 0; t < 3; t++) await writer.appendSecond(second('s1', t), 2_000 + t);
    for (const tMs of [500, 1500, 2500])
      await writer.appendEvent({ sessionId: 's1', tMs, type: 'face-lost', detail: `at ${tMs}` });
    // One bit of one event and of one second flipped on disk.
    const [evKey] = await db.getAllKeys('events');
    const ev = (await db.get('events', evKey!))!;
    ev.sealed.data[5]! ^= 1;
    await db.put('events', ev, evKey!);
    const sec = (await db.get('seconds', ['s1', 1]))!;
    sec.sealed.data[5]! ^= 1;
    await db.put('seconds', sec);

    const data = (await (await LogReader.open(db)).loadSession('s1'))!;
    expect(data.events.map((e) => e.tMs)).toEqual([1500, 2500]);
    expect(data.seconds.map((r) => r.t)).toEqual([0, 2]);
    expect(data.problems).toEqual([
      '1 second could not be read (damaged, or not written by this log there) and is left out',
      '1 event could not be read (damaged, or not written by this log there) and is left out',
    ]);
  });

  it('finds events removed, copied or renumbered on disk against the count sealed in the header', async () => {
    const { writer, db } = await setup();
    await writer.startSession(session('s1', 1_000));
    for (const tMs of [500, 1500, 2500, 3500])
      await writer.appendEvent({ sessionId: 's1', tMs, type: 'face-lost', detail: `at ${tMs}` });
    const keys = await db.getAllKeys('events');
    const rows = await Promise.all(keys.map(async (k) => (await db.get('events', k))!));
    expect(rows.map((r) => r.seq)).toEqual([0, 1, 2, 3]);
    const untouched = (await (await LogReader.open(db)).loadSession('s1'))!;
    expect(untouched.problems).toEqual([]);
    expect(untouched.session.written).toEqual({ events: 4, snapshots: 0 });

    await db.delete('events', keys[3]!); // the last event removed
    await db.add('events', structuredClone(rows[0]!)); // the first one copied
    const data = (await (await LogReader.open(db)).loadSession('s1'))!;
    expect(data.events.map((e) => e.tMs)).toEqual([500, 1500, 2500]);
    expect(data.problems).toEqual([
      '1 event of the 4 written during the call is missing from the log',
      '1 event appears more than once and was read once',
    ]);

    // A row given another number does not open there: it is bound to its own.
    await db.put('events', { ...rows[1]!, seq: 3 }, keys[1]!);
    const renumbered = (await (await LogReader.open(db)).loadSession('s1'))!;
    expect(renumbered.events.map((e) => e.tMs)).toEqual([500, 2500]);
    expect(renumbered.problems).toEqual([
      '1 event could not be read (damaged, or not written by this log there) and is left out',
      '1 event of the 4 written during the call is missing from the log',
      '1 event appears more than once and was read once',
    ]);
  });

  it('a full storage quota is told as such, with what to do; other failures keep their own words', async () => {
    const { writer, db } = await setup();
    await writer.startSession(session('s1', 1_000));
    const real = db.transaction.bind(db);
    (db as { transaction: unknown }).transaction = (() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }) as typeof db.transaction;
    const failed = await writer.appendSecond(second('s1', 0), 2_000).catch((e: unknown) => e);
    (db as { transaction: unknown }).transaction = real;
    const told = explainWriteError(failed);
    expect(told).toBeInstanceOf(LogFullError);
    expect((told as Error).message).toMatch(
      /^the browser has no more room for the session log \(its storage quota is used up\): nothing more of this call is recorded\. Delete old sessions on the review page, or free disk space$/,
    );
    // The writer is not stuck: the next write, with room again, is stored.
    await writer.appendSecond(second('s1', 1), 3_000);
    expect((await (await LogReader.open(db)).loadSession('s1'))!.seconds.map((r) => r.t)).toEqual([1]);
    const other = new Error('something else');
    expect(explainWriteError(other)).toBe(other);
  });

  it('a restarted worker keeps writing the same session from the stashed key', async () => {
    const { name, stash, writer, db } = await setup();
    await writer.startSession(session('s1', 1_000));
    await writer.appendSecond(second('s1', 0), 2_000);
    const restarted = new LogWriter(() => openLogDb(name), stash); // no memory of the session
    await restarted.appendSecond(second('s1', 1), 3_000);
    const data = await (await LogReader.open(db)).loadSession('s1');
    expect(data!.seconds.map((s) => s.t)).toEqual([0, 1]);
    expect(data!.session.seconds).toBe(2);
  });

  it('with a passphrase: writing still works, reading needs it, a wrong one changes nothing', async () => {
    const { writer, db } = await setup();
    await writer.startSession(session('s1', 1_000));
    await writer.appendSecond(second('s1', 0), 2_000);
    await protectWithPassphrase(db, 'long enough passphrase', undefined, TEST_KDF_ITERATIONS);
    await writer.appendSecond(second('s1', 1), 3_000); // the writer never needs the passphrase
    await writer.startSession(session('s2', 5_000));
    const ringBefore = structuredClone(await db.get('keyring', 'log'));

    await expect(LogReader.open(db)).rejects.toThrow(/protected by a passphrase/);
    await expect(LogReader.open(db, 'nope nope nope')).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(removeProtection(db, 'nope nope nope')).rejects.toBeInstanceOf(WrongPassphraseError);
    expect(await db.get('keyring', 'log')).toEqual(ringBefore);

    const reader = await LogReader.open(db, 'long enough passphrase');
    expect((await reader.listSessions()).map((s) => s.id)).toEqual(['s2', 's1']);
    expect((await reader.loadSession('s1'))!.seconds).toHaveLength(2);
    await removeProtection(db, 'long enough passphrase');
    expect(await keyringMode(db)).toBe('device');
    expect((await (await LogReader.open(db)).loadSession('s1'))!.seconds).toHaveLength(2);
  }, 30_000);

  it('a passphrase re-keys the log: sessions before, the live one and those a writer starts after open with it; a copy of the keyring taken before opens none', async () => {
    const { writer, db } = await setup();
    await writer.startSession(session('before', 1_000));
    await writer.appendSecond(second('before', 0), 1_500);
    await writer.endSession('before', 1_600);
    await writer.startSession(session('live', 2_000));
    // What a copy of the browser profile taken now would hold.
    const copied = structuredClone((await db.get('keyring', 'log'))!);

    const rekeyed = await protectWithPassphrase(db, 'long enough passphrase', undefined, TEST_KDF_ITERATIONS);
    expect(rekeyed.report).toEqual({ rekeyed: 2, unreadable: 0 });
    // The writer read the keyring before the re-key, and wraps the next session to the new key anyway.
    await writer.appendSecond(second('live', 0), 3_000);
    await writer.startSession(session('after', 4_000));
    await writer.appendSecond(second('after', 0), 5_000);

    const reader = await LogReader.open(db, 'long enough passphrase');
    const listed = await reader.listSessions();
    expect(listed.map((s) => [s.id, 'unreadable' in s])).toEqual([
      ['after', false],
      ['live', false],
      ['before', false],
    ]);
    expect((await reader.loadSession('live'))!.seconds).toHaveLength(1);
    // The re-key's own reader (the review page's next one) holds the new key: it reads the same.
    expect((await rekeyed.reader.listSessions()).map((s) => [s.id, 'unreadable' in s])).toEqual(
      listed.map((s) => [s.id, 'unreadable' in s]),
    );
    expect((await rekeyed.reader.loadSession('after'))!.seconds).toHaveLength(1);
    const old = await unlockKeyring(copied);
    for (const row of await db.getAll('sessions'))
      await expect(openSessionKey(old, row.header, row.id)).rejects.toThrow();
    expect((await readAudit(db)).entries[0]!.detail).toBe('passphrase set; 2 sessions re-keyed');

    // Changing it and removing it re-key again; everything stays readable.
    await protectWithPassphrase(db, 'another long passphrase', 'long enough passphrase', TEST_KDF_ITERATIONS);
    const removed = await removeProtection(db, 'another long passphrase');
    expect(removed.report).toEqual({ rekeyed: 3, unreadable: 0 });
    expect((await removed.reader.loadSession('before'))!.seconds).toHaveLength(1);
    const back = await (await LogReader.open(db)).listSessions();
    expect(back.filter((s) => 'unreadable' in s)).toEqual([]);
  }, 60_000);

  it('retention, delete and wipe remove whole sessions and leave an audit trail', async () => {
    const { writer, db } = await setup();
    const day = 86_400_000;
    const now = 100 * day;
    await writer.startSession(session('old', now - 31 * day));
    await writer.appendSecond(second('old', 0), now);
    await writer.startSession(session('recent', now - 2 * day));
    await writer.startSession(session('other', now - day));
    expect(await applyRetention(db, 30, now)).toBe(1);
    expect(await db.getAllKeys('sessions')).toEqual(expect.arrayContaining(['recent', 'other']));
    expect(await db.getAllFromIndex('seconds', 'bySession', 'old')).toEqual([]);
    await deleteSession(db, 'recent');
    expect(await wipeLog(db)).toBe(1);
    expect(await db.count('sessions')).toBe(0);
    expect((await readAudit(db)).entries.map((a) => a.action)).toEqual(['wipe', 'delete', 'retention']);
    expect(await keyringMode(db)).toBe('device'); // the keyring stays: new sessions go on being sealed
  });

  it('a session deleted during the call takes every row with it: later writes are refused, nothing is left behind', async () => {
    const { writer, db } = await setup();
    await writer.startSession(session('live', 1_000));
    await writer.appendSecond(second('live', 0), 2_000);
    await deleteSession(db, 'live');
    const snap = { sessionId: 'live', tMs: 3_000, reason: 'Liveness: frozen', jpegBase64: TINY_JPEG };
    const ev = { sessionId: 'live', tMs: 3_000, type: 'face-lost', detail: 'no face' } as const;
    await expect(writer.appendSecond(second('live', 1), 3_000)).rejects.toBeInstanceOf(SessionGoneError);
    await expect(writer.appendEvent(ev)).rejects.toBeInstanceOf(SessionGoneError);
    await expect(writer.appendSnapshot(snap)).rejects.toBeInstanceOf(SessionGoneError);
    await expect(writer.patchSession('live', {})).rejects.toBeInstanceOf(SessionGoneError);
    await expect(writer.endSession('live', 4_000)).rejects.toBeInstanceOf(SessionGoneError);
    await expect(writer.appendEvent(ev)).rejects.toThrow(/deleted from the log: nothing more is recorded/);
    await wipeLog(db);
    await applyRetention(db, 30, 100 * 86_400_000);
    const counts = Object.fromEntries(
      await Promise.all(
        (['sessions', 'seconds', 'events', 'snapshots'] as const).map(async (s) => [s, await db.count(s)]),
      ),
    );
    expect(counts).toEqual({ sessions: 0, seconds: 0, events: 0, snapshots: 0 });
  });

  it('rows an older version left without their session are purged by the next delete, wipe or retention', async () => {
    const { writer, db } = await setup();
    await writer.startSession(session('kept', 1_000));
    await writer.appendSecond(second('kept', 0), 2_000);
    const sealed = (await db.getAll('seconds'))[0]!.sealed;
    await db.put('seconds', { sessionId: 'orphan', t: 0, sealed });
    await db.add('events', { sessionId: 'orphan', sealed });
    await db.add('snapshots', { sessionId: 'orphan', sealed });
    expect(await applyRetention(db, 30, 2_000)).toBe(0);
    expect(await db.count('events')).toBe(0);
    expect(await db.count('snapshots')).toBe(0);
    expect((await db.getAll('seconds')).map((r) => r.sessionId)).toEqual(['kept']);
    expect((await (await LogReader.open(db)).loadSession('kept'))!.seconds).toHaveLength(1);
  });

  it('a session start with an id already in the log is refused and leaves that session readable', async () => {
    const { writer, db } = await setup();
    await writer.startSession(session('s1', 1_000));
    await writer.appendSecond(second('s1', 0), 2_000);
    await expect(writer.startSession(session('s1', 5_000))).rejects.toThrow(/already in the log/);
    await writer.appendSecond(second('s1', 1), 3_000);
    const data = await (await LogReader.open(db)).loadSession('s1');
    expect(data!.session.startedAt).toBe(1_000);
    expect(data!.seconds.map((s) => s.t)).toEqual([0, 1]);
  });

  it('a clock that jumped years ahead makes retention delete nothing, and the audit trail says why', async () => {
    const { writer, db } = await setup();
    const day = 86_400_000;
    await writer.startSession(session('s1', 100 * day));
    await writer.startSession(session('s2', 140 * day));
    const jumped = 140 * day + 20 * 365 * day;
    expect(await applyRetention(db, 30, jumped)).toBe(0);
    expect(await db.count('sessions')).toBe(2);
    expect(await applyRetention(db, 30, jumped + day)).toBe(0); // the next worker start
    const audit = (await readAudit(db)).entries;
    expect(audit.filter((a) => a.action === 'retention').map((a) => a.detail)).toEqual([
      "deleted nothing: the clock reads 7300 days past the newest session's start, more likely a wrong clock than a long absence",
    ]);
    // A real absence of months still deletes what is past retention.
    expect(await applyRetention(db, 30, 140 * day + 200 * day)).toBe(2);
  });

  it('exports a versioned file and audits it', async () => {
    const { writer, db } = await setup();
    await writer.startSession(session('s1', 1_000));
    await writer.appendSecond(second('s1', 0), 2_000);
    const file = await (await LogReader.open(db)).exportSession('s1', new Date(Date.UTC(2026, 10, 24)));
    expect(file).toMatchObject({
      format: 'interview-guard.session',
      version: 1,
      exportedAt: '2026-11-24T00:00:00.000Z',
    });
    expect(file.seconds).toEqual([second('s1', 0)]);
    expect((await readAudit(db)).entries[0]).toMatchObject({
      action: 'export',
      detail: 'exported session s1',
    });
  });

  it('migrates a v1 (unencrypted) log: every row sealed, none lost', async () => {
    const name = freshName();
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('sessions', { keyPath: 'id' }).createIndex('byStart', 'startedAt');
        db.createObjectStore('seconds', { keyPath: ['sessionId', 't'] }).createIndex(
          'bySession',
          'sessionId',
        );
        db.createObjectStore('events', { autoIncrement: true }).createIndex('bySession', 'sessionId');
      },
    });
    await v1.put('sessions', { ...session('legacy', 1_000), seconds: 2, endedAt: 5_000 });
    await v1.put('seconds', second('legacy', 0));
    await v1.put('seconds', second('legacy', 1));
    await v1.add('events', {
      sessionId: 'legacy',
      tMs: 10,
      type: 'watch-start',
      detail: 'watching on Google Meet',
    });
    v1.close();

    const db = await openLogDb(name);
    expect(await db.count('pending')).toBe(4);
    const writer = new LogWriter(() => openLogDb(name), memoryKeyStash());
    expect(await writer.migratePending()).toBe(4);
    expect(await db.count('pending')).toBe(0);
    expect(JSON.stringify(await db.getAll('seconds'))).not.toContain('yawDeg');
    const data = await (await LogReader.open(db)).loadSession('legacy');
    expect(data!.session).toMatchObject({ id: 'legacy', endedAt: 5_000, seconds: 2 });
    expect(data!.seconds.map((s) => s.t)).toEqual([0, 1]);
    expect(data!.events[0]).toMatchObject({ type: 'watch-start' });
    expect((await readAudit(db)).entries[0]).toMatchObject({ action: 'migrated' });
    expect(await writer.migratePending()).toBe(0);
    // A run cut off after sealing leaves its rows pending: the re-run keeps the sealed session
    // readable (a second start would re-key it) and finishes.
    await db.add('pending', { store: 'sessions', value: session('legacy', 1_000) });
    await db.add('pending', { store: 'seconds', value: second('legacy', 0) });
    expect(await writer.migratePending()).toBe(0);
    expect(await db.count('pending')).toBe(0);
    expect((await (await LogReader.open(db)).loadSession('legacy'))!.seconds).toHaveLength(2);
    await closeLogDb(name);
  });

  it('keeps evidence snapshots sealed, reads them back, exports and re-imports them, and deletes them with the session', async () => {
    const { writer, db } = await setup();
    await writer.startSession(session('snap', 1_000));
    const snap = {
      sessionId: 'snap',
      tMs: 12_000,
      reason: 'Lip-sync: audio leads video by 300 ms',
      jpegBase64: TINY_JPEG,
    };
    await writer.appendSnapshot(snap);
    expect(JSON.stringify(await db.getAll('snapshots'))).not.toContain('Lip-sync');
    const reader = await LogReader.open(db);
    expect((await reader.loadSession('snap'))!.snapshots).toEqual([snap]);
    // At most SNAPSHOT_LIMITS.perSession per session.
    for (let i = 1; i < 6; i++) await writer.appendSnapshot({ ...snap, tMs: snap.tMs + i });
    await expect(writer.appendSnapshot(snap)).rejects.toThrow(/already has its snapshots/);
    const file = await reader.exportSession('snap');
    expect(file.snapshots).toHaveLength(6);
    await deleteSession(db, 'snap');
    expect(await db.count('snapshots')).toBe(0);
    await importSession(db, JSON.stringify(file));
    expect((await (await LogReader.open(db)).loadSession('snap'))!.snapshots).toHaveLength(6);
    // A picture that is not a JPEG is refused, and nothing is imported.
    await deleteSession(db, 'snap');
    const bad = { ...file, snapshots: [{ ...snap, jpegBase64: btoa('<svg onload=alert(1)>') }] };
    await expect(importSession(db, JSON.stringify(bad))).rejects.toThrow(
      /Snapshot 1 is damaged: snapshot is not a JPEG picture/,
    );
    expect(await db.count('sessions')).toBe(0);
  });

  it('upgrades a v2 log to the current version without touching its rows', async () => {
    const name = freshName();
    const v2 = await openDB(name, 2, {
      upgrade(db) {
        db.createObjectStore('keyring');
        db.createObjectStore('sessions', { keyPath: 'id' }).createIndex('byStart', 'startedAt');
        db.createObjectStore('seconds', { keyPath: ['sessionId', 't'] }).createIndex(
          'bySession',
          'sessionId',
        );
        db.createObjectStore('events', { autoIncrement: true }).createIndex('bySession', 'sessionId');
        db.createObjectStore('audit', { autoIncrement: true });
        db.createObjectStore('pending', { autoIncrement: true });
      },
    });
    await v2.add('audit', { at: 1, action: 'export', detail: 'exported session x' });
    v2.close();
    const db = await openLogDb(name);
    expect(db.version).toBe(4);
    expect(await db.count('snapshots')).toBe(0);
    const audit = await readAudit(db);
    expect(audit.entries[0]).toMatchObject({ detail: 'exported session x' });
    expect(audit).toMatchObject({ problems: [], unchecked: 1 });
    await closeLogDb(name);
  });
});
