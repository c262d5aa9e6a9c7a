import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openLogDb } from '../../../../../extension/shared/log/logDb';
import { importSession, LogReader, nameSlug } from '../../../../../extension/shared/log/LogReader';
import { readAudit } from '../../../../../extension/shared/log/auditTrail';
import { LogWriter, memoryKeyStash } from '../../../../../extension/shared/log/LogWriter';
import { parseSessionExport } from '../../../../../src/session/parseSessionExport';

let n = 0;
const freshDb = () => openLogDb(`ig-import-${Date.now()}-${n++}`);

/** A real export: written by LogWriter, exported by LogReader. */
async function exportedFile(candidateName?: string): Promise<string> {
  const db = await freshDb();
  const w = new LogWriter(async () => db, memoryKeyStash());
  const id = 'a1b2';
  await w.startSession({
    id,
    platform: 'teams',
    pageHost: 'teams.microsoft.com',
    ...(candidateName
      ? {
          candidate: { name: candidateName, city: '', country: '', timeZone: '', employers: [], schools: [] },
        }
      : {}),
    startedAt: 1_700_000_000_000,
    endedAt: null,
    lastWrittenAt: 1_700_000_000_000,
    seconds: 0,
    modelVersion: 'm',
    codeVersion: '0.1.0',
  });
  for (let t = 0; t < 20; t++) {
    await w.appendSecond(
      {
        sessionId: id,
        t,
        frames: 15,
        faceFrames: t % 7 === 0 ? 0 : 15,
        maxFaces: 1,
        yawDeg: t,
        pitchDeg: -t / 2,
        rollDeg: 0,
        mouthAperture: 0.1,
        mouthApertureStd: 0.02,
        eyeOpenness: 0.3,
        eyeOpennessMin: 0.1,
        faceHeightPx: 180,
        landmarkConfidence: 0.98,
        processingMs: 20,
      },
      1_700_000_000_000 + t * 1000,
    );
  }
  await w.appendEvent({
    sessionId: id,
    tMs: 400,
    type: 'video-picked',
    detail: 'largest visible remote video (1280×720)',
  });
  await w.endSession(id, 1_700_000_021_000);
  return JSON.stringify(await (await LogReader.open(db)).exportSession(id));
}

/** The same session exported encrypted with `passphrase`, as the review page does. */
async function sealedFile(passphrase: string): Promise<{ name: string; text: string }> {
  const db = await freshDb();
  await importSession(db, await exportedFile());
  return (await LogReader.open(db)).exportFile('a1b2', passphrase);
}

describe('export file names', () => {
  it('a plain export carries the candidate and the date; a sealed one never the name it hides', async () => {
    const db = await freshDb();
    await importSession(db, await exportedFile('José Núñez-Ortiz'));
    const reader = await LogReader.open(db);
    expect((await reader.exportFile('a1b2')).name).toBe(
      'interview-guard-jose-nunez-ortiz-teams-2023-11-14-a1b2.json',
    );
    expect((await reader.exportFile('a1b2', 'shared with the recruiter')).name).toBe(
      'interview-guard-teams-2023-11-14-a1b2.sealed.json',
    );
  });

  it('names as file-name letters', () => {
    expect(nameSlug('  Anne-Marie  O’Neil ')).toBe('anne-marie-o-neil');
    expect(nameSlug('王小明')).toBe('');
    expect(nameSlug('x'.repeat(50))).toHaveLength(40);
    expect(nameSlug('../../etc/passwd')).toBe('etc-passwd');
  });
});

describe('encrypted export', () => {
  it('opens only with its passphrase, imports the same session, and says what is wrong otherwise', async () => {
    const { name, text } = await sealedFile('shared with the recruiter');
    expect(name).toBe('interview-guard-teams-2023-11-14-a1b2.sealed.json');
    // Strings long enough that base64 cannot hold them by chance (the 4-character id once did).
    for (const plain of ['teams.microsoft.com', 'video-picked', 'yawDeg', 'largest visible remote'])
      expect(text).not.toContain(plain);
    expect(Object.keys(JSON.parse(text) as object).sort()).toEqual([
      'data',
      'format',
      'iv',
      'kdf',
      'version',
    ]);

    const theirs = await freshDb();
    await expect(importSession(theirs, text)).rejects.toThrow(
      'This file is encrypted: enter its passphrase, then choose the file again. Nothing was imported.',
    );
    await expect(importSession(theirs, text, 'not the passphrase')).rejects.toThrow(
      'That passphrase does not open this file (or the file was changed).',
    );
    // One character of the sealed data changed: refused the same way, even with the right passphrase.
    const env = JSON.parse(text) as { data: string; kdf: object };
    const changed = JSON.stringify({ ...env, data: (env.data[0] === 'A' ? 'B' : 'A') + env.data.slice(1) });
    await expect(importSession(theirs, changed, 'shared with the recruiter')).rejects.toThrow(
      /does not open this file \(or the file was changed\)/,
    );
    // A weakened envelope is refused before any key is derived.
    const weak = JSON.stringify({ ...env, kdf: { ...env.kdf, iterations: 10 } });
    await expect(importSession(theirs, weak, 'shared with the recruiter')).rejects.toThrow(
      'The file is not a sealed Interview Guard export (version 1).',
    );
    expect(await theirs.count('sessions')).toBe(0);

    await importSession(theirs, text, 'shared with the recruiter');
    const data = (await (await LogReader.open(theirs)).loadSession('a1b2'))!;
    const original = JSON.parse(await exportedFile());
    expect(data.session).toEqual(original.session);
    expect(data.seconds).toEqual(original.seconds);
    expect(data.events).toEqual(original.events);
    expect((await readAudit(theirs)).entries[0]!.detail).toMatch(
      /imported session a1b2 \(exported .*, sealed with a passphrase\)/,
    );
  }, 30_000);
});

describe('session export and import', () => {
  it('a colleague imports an export and sees exactly the same session', async () => {
    const text = await exportedFile();
    const theirs = await freshDb();
    const imported = await importSession(theirs, text);
    expect(imported.id).toBe('a1b2');
    const original = JSON.parse(text);
    const data = await (await LogReader.open(theirs)).loadSession('a1b2');
    expect(data).toEqual({
      session: original.session,
      seconds: original.seconds,
      events: original.events,
      snapshots: original.snapshots,
      problems: [],
    });
    expect((await readAudit(theirs)).entries[0]).toMatchObject({ action: 'import' });
    await expect(importSession(theirs, text)).rejects.toThrow(
      'This session is already in the log; nothing was imported.',
    );
  });

  it('a write failing half-way leaves nothing of the session, and says so', async () => {
    const text = await exportedFile();
    const theirs = await freshDb();
    // The disk fills up at the tenth write of the import.
    const real = theirs.transaction.bind(theirs);
    let writes = 0;
    (theirs as { transaction: unknown }).transaction = ((
      stores: string | string[],
      mode?: IDBTransactionMode,
    ) => {
      if (mode === 'readwrite' && Array.isArray(stores) && stores.includes('seconds') && ++writes === 10)
        throw new DOMException('quota exceeded', 'QuotaExceededError');
      return real(stores as never, mode);
    }) as typeof theirs.transaction;
    await expect(importSession(theirs, text)).rejects.toThrow(
      'The session could not be imported (quota exceeded); nothing was imported.',
    );
    (theirs as { transaction: unknown }).transaction = real;
    for (const store of ['sessions', 'seconds', 'events', 'snapshots'] as const)
      expect(await theirs.count(store)).toBe(0);
    // And the same file imports whole once there is room.
    expect((await importSession(theirs, text)).id).toBe('a1b2');
  });

  it('imports only the fields an export defines: anything else a file carries is dropped', async () => {
    const good = JSON.parse(await exportedFile());
    const padded = {
      ...good,
      session: { ...good.session, payload: 'x'.repeat(1000) },
      seconds: good.seconds.map((r: object) => ({ ...r, extra: { deep: true } })),
      events: good.events.map((e: object) => ({ ...e, script: '<img onerror=alert(1)>' })),
    };
    const theirs = await freshDb();
    await importSession(theirs, JSON.stringify(padded));
    const data = await (await LogReader.open(theirs)).loadSession('a1b2');
    expect(data!.session).not.toHaveProperty('payload');
    expect(data!.seconds.some((r) => 'extra' in r)).toBe(false);
    expect(data!.events.some((e) => 'script' in e)).toBe(false);
    // What is defined came through unchanged.
    expect(data!.seconds).toEqual(good.seconds);
    expect(data!.events).toEqual(good.events);
  });

  it('refuses broken files with a reason', async () => {
    const good = JSON.parse(await exportedFile());
    const cases: [unknown, RegExp][] = [
      ['{"format": "interview-guard.session", "version": 1', /not JSON/],
      [{ ...good, format: 'something-else' }, /not an Interview Guard session export/],
      [{ ...good, version: 2 }, /version 2; this version of Interview Guard reads version 1/],
      [{ ...good, exportedAt: 'yesterday' }, /exportedAt/],
      // A date the browser's parser reads (it skips a parenthesised comment), 5,000 characters long.
      [{ ...good, exportedAt: `Dec 5 2026 (${'x'.repeat(5000)})` }, /exportedAt/],
      [
        { ...good, session: { ...good.session, startedAt: 'x' } },
        /session header is damaged: session times malformed/,
      ],
      [{ ...good, seconds: [...good.seconds, { ...good.seconds[0] }] }, /Second 0 appears twice/],
      [
        { ...good, seconds: [{ ...good.seconds[3], faceFrames: 99 }] },
        /Second record 1 is damaged: second record has more face frames than frames/,
      ],
      [{ ...good, seconds: [{ ...good.seconds[3], sessionId: 'other' }] }, /belongs to another session/],
      [
        { ...good, events: [{ ...good.events[0], type: 'rm -rf' }] },
        /Event 1 is damaged: unknown event type/,
      ],
      [{ ...good, events: undefined }, /no "seconds" or "events" list/],
    ];
    for (const [file, why] of cases) {
      const parsed = parseSessionExport(typeof file === 'string' ? file : JSON.stringify(file));
      expect(parsed.ok).toBe(false);
      expect(parsed.ok ? '' : parsed.error).toMatch(why);
    }
  });

  it('fuzzed files (truncated, bit-flipped, fields deleted) never import garbage and never change the log', async () => {
    const text = await exportedFile();
    const good = JSON.parse(text);
    const db = await freshDb();
    // mulberry32, seeded, so a failure can be replayed
    let seed = 7;
    const rnd = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    let refused = 0;
    let accepted = 0;
    for (let i = 0; i < 300; i++) {
      let broken: string;
      const kind = i % 3;
      if (kind === 0) broken = text.slice(0, Math.floor(rnd() * (text.length - 1)));
      else if (kind === 1) {
        const at = Math.floor(rnd() * text.length);
        broken =
          text.slice(0, at) +
          String.fromCharCode(text.charCodeAt(at) ^ (1 << Math.floor(rnd() * 7))) +
          text.slice(at + 1);
      } else {
        const copy = structuredClone(good);
        const list = rnd() < 0.5 ? copy.seconds : copy.events;
        const victim = list[Math.floor(rnd() * list.length)] ?? copy.session;
        const keys = Object.keys(victim);
        delete victim[keys[Math.floor(rnd() * keys.length)]!];
        broken = JSON.stringify(copy);
      }
      const parsed = parseSessionExport(broken);
      if (!parsed.ok) {
        refused++;
        expect(parsed.error.length).toBeGreaterThan(10);
        await expect(importSession(db, broken)).rejects.toThrow(parsed.error);
      } else {
        // A flip inside free text (an event's detail) can leave a valid file: it must still be well-formed.
        accepted++;
        expect(parsed.file.seconds.length + parsed.file.events.length).toBeGreaterThan(0);
      }
    }
    expect(refused).toBeGreaterThan(200);
    expect(await db.count('sessions')).toBe(0);
    expect(await db.count('seconds')).toBe(0);
    console.info(`fuzz: ${refused} broken files refused, ${accepted} still-valid variants accepted`);
  });
});

describe('reading after delete and re-import', () => {
  it('an open reader reads a session that was deleted and imported again (new session key, same id)', async () => {
    const text = await exportedFile();
    const db = await freshDb();
    await importSession(db, text);
    const reader = await LogReader.open(db);
    expect((await reader.loadSession('a1b2'))!.seconds).toHaveLength(20);
    const { deleteSession } = await import('../../../../../extension/shared/log/LogReader');
    await deleteSession(db, 'a1b2');
    await importSession(db, text);
    expect((await reader.loadSession('a1b2'))!.seconds).toHaveLength(20);
    expect((await reader.listSessions())[0]).not.toHaveProperty('unreadable');
  });
});
