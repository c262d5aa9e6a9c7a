/**
 * The log's audit trail: exports, imports, deletions, retention, passphrase changes. Each entry is
 * numbered and chained to the one before by a SHA-256 hash, and the newest entry's number and hash are
 * kept apart (the `meta` store), so an entry removed, edited, reordered or cut from the end shows on
 * the review page. It is written without any key (retention runs in the background without the
 * passphrase), so it is not sealed: it holds session ids, counts and times only, and a chain without
 * a secret shows damage and edits made by hand or by other software, not a forger who recomputes it.
 */
import type { AuditAction, AuditHead, AuditRow, LogDb } from './logDb';
import { english, say, words, type Phrase, type Said } from '../../../src/text/Phrase';

const GENESIS: AuditHead = { seq: -1, hash: '' };

/**
 * The entry's hash: SHA-256 over its number, time, action, detail (and its words, on entries that have
 * them) and the previous entry's hash, hex.
 */
async function chainHash(r: Omit<AuditRow, 'hash'>): Promise<string> {
  const fields = [r.seq, r.at, r.action, r.detail, r.prev];
  const text = JSON.stringify(r.words === undefined ? fields : [...fields, r.words]);
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const sameHead = (a: AuditHead | undefined, b: AuditHead) =>
  (a ?? GENESIS).seq === b.seq && (a ?? GENESIS).hash === b.hash;

/**
 * Adds an entry after the newest. The hash is computed outside the transaction (one cannot wait for
 * WebCrypto), and the entry is added only if the head is still the one it was chained to; another
 * context that wrote meanwhile makes it chain again.
 */
export async function addAudit(db: LogDb, action: AuditAction, detail: Said, at = Date.now()): Promise<void> {
  const said = typeof detail === 'string' ? { detail } : { detail: english(detail), words: detail };
  for (let attempt = 0; attempt < 20; attempt++) {
    const head = (await db.get('meta', 'auditHead')) ?? GENESIS;
    const entry = { at, action, ...said, seq: head.seq + 1, prev: head.hash };
    const hash = await chainHash(entry);
    const tx = db.transaction(['audit', 'meta'], 'readwrite');
    if (!sameHead(await tx.objectStore('meta').get('auditHead'), head)) {
      tx.abort();
      await tx.done.catch(() => undefined);
      continue;
    }
    await tx.objectStore('audit').add({ ...entry, hash });
    await tx.objectStore('meta').put({ seq: entry.seq, hash }, 'auditHead');
    await tx.done;
    return;
  }
  throw new Error('The audit trail kept changing while an entry was added; the entry was not written.');
}

export interface AuditTrail {
  /** Newest first. */
  entries: AuditRow[];
  /** What is missing or altered, in words (empty when the chain is whole). */
  problems: Phrase[];
  /** Entries written by an older version, before they were chained: listed, but nothing can check them. */
  unchecked: number;
}

/** The trail, newest first, checked link by link and against its head. */
export async function readAudit(db: LogDb): Promise<AuditTrail> {
  const tx = db.transaction(['audit', 'meta']);
  const rows = await tx.objectStore('audit').getAll();
  const head = await tx.objectStore('meta').get('auditHead');
  const problems: Phrase[] = [];
  const unchained = rows.filter((r) => r.seq === undefined).length;
  let missing = 0;
  const altered: number[] = [];
  let last: AuditHead = GENESIS;
  for (const r of rows) {
    if (r.seq === undefined) continue;
    const { hash, ...entry } = r;
    if (hash !== (await chainHash(entry))) altered.push(r.seq);
    if (r.seq > last.seq + 1) missing += r.seq - last.seq - 1;
    else if (r.seq <= last.seq || r.prev !== last.hash) altered.push(r.seq);
    last = { seq: r.seq, hash: hash ?? '' };
  }
  if (head && head.seq > last.seq) missing += head.seq - last.seq;
  else if (head && !sameHead(head, last)) altered.push(last.seq);
  else if (!head && last.seq >= 0) problems.push(words("the trail's record of its newest entry is missing"));
  if (missing === 1) problems.push(words("1 entry missing (removed from the log's storage)"));
  else if (missing > 1) problems.push(say`${missing} entries missing (removed from the log's storage)`);
  const breaks = [...new Set(altered)].sort((a, b) => a - b).map((s) => `#${s + 1}`);
  if (breaks.length === 1)
    problems.push(
      say`the chain breaks at entry ${breaks[0]!}: an entry was altered, or entries reordered, after being written`,
    );
  else if (breaks.length > 1)
    problems.push(
      say`the chain breaks at entries ${breaks.join(', ')}: an entry was altered, or entries reordered, after being written`,
    );
  return { entries: rows.reverse(), problems, unchecked: unchained };
}
