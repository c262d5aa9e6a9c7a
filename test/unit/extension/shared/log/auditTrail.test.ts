import { english } from '../../../../../src/text/Phrase';
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { addAudit, readAudit } from '../../../../../extension/shared/log/auditTrail';
import { DB_VERSION, openLogDb, type LogDb, type LogSchema } from '../../../../../extension/shared/log/logDb';

let n = 0;
const freshName = () => `ig-audit-${Date.now()}-${n++}`;

/** A log whose trail holds three entries: an export, a delete, a retention pass. */
async function trail(): Promise<{ db: LogDb; keys: number[] }> {
  const db = await openLogDb(freshName());
  await addAudit(db, 'export', 'exported session a', 1_000);
  await addAudit(db, 'delete', 'deleted session a', 2_000);
  await addAudit(db, 'retention', 'deleted 2 sessions older than 30 days', 3_000);
  return { db, keys: (await db.getAllKeys('audit')) as number[] };
}

describe('the audit trail', () => {
  it('numbers and chains its entries: a trail left alone reads whole, newest first', async () => {
    const { db } = await trail();
    const t = await readAudit(db);
    expect(t.problems).toEqual([]);
    expect(t.entries.map((e) => [e.seq, e.action])).toEqual([
      [2, 'retention'],
      [1, 'delete'],
      [0, 'export'],
    ]);
    expect(t.entries[0]!.prev).toBe(t.entries[1]!.hash);
  });

  it('an entry removed from the middle shows as missing', async () => {
    const { db, keys } = await trail();
    await db.delete('audit', keys[1]!);
    expect((await readAudit(db)).problems.map(english)).toEqual([
      "1 entry missing (removed from the log's storage)",
    ]);
  });

  it('the newest entry removed shows too: the head remembers it', async () => {
    const { db, keys } = await trail();
    await db.delete('audit', keys[2]!);
    expect((await readAudit(db)).problems.map(english)).toEqual([
      "1 entry missing (removed from the log's storage)",
    ]);
  });

  it('an entry edited in place breaks the chain at that entry', async () => {
    const { db, keys } = await trail();
    const row = (await db.get('audit', keys[1]!))!;
    await db.put('audit', { ...row, detail: 'deleted session b' }, keys[1]!);
    expect((await readAudit(db)).problems.map(english)).toEqual([
      'the chain breaks at entry #2: an entry was altered, or entries reordered, after being written',
    ]);
  });

  it('an entry edited with its own hash recomputed breaks the link from the next one', async () => {
    const { db, keys } = await trail();
    const row = (await db.get('audit', keys[0]!))!;
    const edited = { ...row, detail: 'exported session b' };
    const text = JSON.stringify([edited.seq, edited.at, edited.action, edited.detail, edited.prev]);
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
    edited.hash = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
    await db.put('audit', edited, keys[0]!);
    expect((await readAudit(db)).problems.map(english)).toEqual([
      'the chain breaks at entry #2: an entry was altered, or entries reordered, after being written',
    ]);
  });

  it('entries added at once from several places all land, in one unbroken chain', async () => {
    const db = await openLogDb(freshName());
    // Two connections stand for two extension contexts (review page, background) writing at once.
    const other: LogDb = await openDB<LogSchema>(db.name, DB_VERSION);
    await Promise.all([
      ...[0, 1, 2].map((i) => addAudit(db, 'export', `exported session ${i}`)),
      ...[3, 4, 5].map((i) => addAudit(other, 'delete', `deleted session ${i}`)),
    ]);
    const t = await readAudit(db);
    expect(t.problems).toEqual([]);
    expect(t.entries.map((e) => e.seq).sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('entries written before the chain are listed, said to be unchecked, and the chain goes on after them', async () => {
    const name = freshName();
    const v3 = await openDB(name, 3, {
      upgrade(db) {
        db.createObjectStore('audit', { autoIncrement: true });
      },
    });
    await v3.add('audit', { at: 500, action: 'wipe', detail: 'wiped all 3 sessions' });
    v3.close();
    const db = await openLogDb(name);
    await addAudit(db, 'export', 'exported session a', 1_000);
    const t = await readAudit(db);
    expect(t.entries.map((e) => e.action)).toEqual(['export', 'wipe']);
    expect(t).toMatchObject({ problems: [], unchecked: 1 });
  });
});
