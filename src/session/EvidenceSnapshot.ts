import { isPhrase, type Phrase } from '../text/Phrase';
import { isObj, isStr } from '../validate/guards';

/**
 * A small picture of the candidate's video at a flagged moment. Only when the user turned evidence
 * snapshots on (off by default); sealed in the log like everything else; at most a few per call.
 */
export interface EvidenceSnapshot {
  sessionId: string;
  /** When it was taken, ms since the session start. */
  tMs: number;
  /** Why: the flag or the verdict it illustrates (English; `words` the same as data, absent in older logs). */
  reason: string;
  words?: Phrase;
  /** JPEG, base64, at most 320 px on the long side. */
  jpegBase64: string;
}

/** Limits: about 60 KB of base64 per picture, a handful per call, one per source (a signal, a challenge) per 10 s. */
export const SNAPSHOT_LIMITS = { base64Chars: 80_000, perSession: 6, minGapMs: 10_000 };

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Shape check for a snapshot arriving over a channel or in an import: an error in words, or null. */
export function snapshotError(v: unknown): string | null {
  if (!isObj(v)) return 'snapshot is not an object';
  if (!isStr(v.sessionId, 64) || v.sessionId === '') return 'snapshot without a session id';
  if (typeof v.tMs !== 'number' || !Number.isFinite(v.tMs)) return 'snapshot time malformed';
  if (!isStr(v.reason, 512)) return 'snapshot reason malformed';
  if (v.words !== undefined && !isPhrase(v.words)) return 'snapshot words malformed';
  if (!isStr(v.jpegBase64, SNAPSHOT_LIMITS.base64Chars) || !BASE64.test(v.jpegBase64))
    return 'snapshot picture malformed or too large';
  // JPEG files start with FF D8 FF, which is "/9j/" in base64.
  if (!v.jpegBase64.startsWith('/9j/')) return 'snapshot is not a JPEG picture';
  return null;
}
