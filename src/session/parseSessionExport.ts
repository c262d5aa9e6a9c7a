import { english, say, words, type Phrase } from '../text/Phrase';
import { isObj } from '../validate/guards';
import { SNAPSHOT_LIMITS, snapshotError, type EvidenceSnapshot } from './EvidenceSnapshot';
import type { SecondRecord } from './SecondRecord';
import type { SessionEvent, SessionRecord } from './SessionRecord';
import { secondRecordError, sessionEventError, sessionRecordError } from './validateRecords';

/** The export file, version 1 (docs/export-format.md). */
export interface SessionExportV1 {
  format: 'interview-guard.session';
  version: 1;
  exportedAt: string;
  session: SessionRecord;
  seconds: SecondRecord[];
  events: SessionEvent[];
  /** Optional (older exports have none): evidence snapshots, when the user had turned them on. */
  snapshots?: EvidenceSnapshot[];
}

/** Limits that keep a hostile file from exhausting memory: about 28 hours of seconds. */
export const EXPORT_LIMITS = { seconds: 100_000, events: 100_000, bytes: 64 * 1024 * 1024 };

/** A checked export, or why not (in English, and as data). */
export type ParsedExport = { ok: true; file: SessionExportV1 } | { ok: false; error: string; words: Phrase };

const fail = (w: Phrase): ParsedExport => ({ ok: false, error: english(w), words: w });

/** The fields each record of a version 1 export may carry; anything else in a file is dropped. */
const FIELDS = {
  session: [
    'id',
    'platform',
    'pageHost',
    'startedAt',
    'endedAt',
    'lastWrittenAt',
    'seconds',
    'modelVersion',
    'codeVersion',
    'candidate',
    'overall',
  ],
  second: [
    'sessionId',
    't',
    'frames',
    'faceFrames',
    'maxFaces',
    'yawDeg',
    'pitchDeg',
    'rollDeg',
    'mouthAperture',
    'mouthApertureStd',
    'eyeOpenness',
    'eyeOpennessMin',
    'faceHeightPx',
    'landmarkConfidence',
    'processingMs',
    'audioLevelDb',
    'speechFraction',
    'avOffsetMs',
    'syncConfidence',
    'faceRisk',
    'lipSync',
    'faceSwap',
    'liveness',
  ],
  event: ['sessionId', 'tMs', 'type', 'detail', 'words', 'signal', 'evidenceFromMs', 'confidence', 'data'],
  snapshot: ['sessionId', 'tMs', 'reason', 'words', 'jpegBase64'],
} as const satisfies Record<string, readonly string[]>;

/** A copy of `v` with only the `keys` it has (a validated record, so `v` is an object). */
function pick<T>(v: unknown, keys: readonly string[]): T {
  const src = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of keys) if (Object.prototype.hasOwnProperty.call(src, k)) out[k] = src[k];
  return out as T;
}

/**
 * Checks an export file (as text) completely before anything is imported. Errors say what is wrong
 * and where, in words a recruiter can pass on ("second 12: faceFrames is missing or not a number").
 * What it returns holds only the fields version 1 defines: anything else in the file is not imported.
 */
export function parseSessionExport(text: string): ParsedExport {
  if (text.length > EXPORT_LIMITS.bytes) return fail(words('The file is too large to be a session export.'));
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return fail(words('The file is not JSON: it is not an Interview Guard export, or it was cut short.'));
  }
  if (!isObj(v) || v.format !== 'interview-guard.session')
    return fail(
      words('This is not an Interview Guard session export (its "format" is not "interview-guard.session").'),
    );
  if (v.version !== 1)
    return fail(
      say`This export is version ${String(v.version).slice(0, 20)}; this version of Interview Guard reads version 1.`,
    );
  if (typeof v.exportedAt !== 'string' || v.exportedAt.length > 40 || Number.isNaN(Date.parse(v.exportedAt)))
    return fail(words('The export has no valid "exportedAt" date.'));
  const sessionError = sessionRecordError(v.session);
  if (sessionError) return fail(say`The session header is damaged: ${sessionError}.`);
  const session = v.session as SessionRecord;
  if (!Array.isArray(v.seconds) || !Array.isArray(v.events))
    return fail(words('The export has no "seconds" or "events" list.'));
  if (v.seconds.length > EXPORT_LIMITS.seconds || v.events.length > EXPORT_LIMITS.events)
    return fail(words('The export has more records than any real call would.'));
  const seen = new Set<number>();
  for (let i = 0; i < v.seconds.length; i++) {
    const r = v.seconds[i];
    const err = secondRecordError(r);
    if (err) return fail(say`Second record ${i + 1} is damaged: ${err}.`);
    const rec = r as SecondRecord;
    if (rec.sessionId !== session.id) return fail(say`Second record ${i + 1} belongs to another session.`);
    if (seen.has(rec.t)) return fail(say`Second ${rec.t} appears twice.`);
    seen.add(rec.t);
  }
  for (let i = 0; i < v.events.length; i++) {
    const err = sessionEventError(v.events[i]);
    if (err) return fail(say`Event ${i + 1} is damaged: ${err}.`);
    if ((v.events[i] as SessionEvent).sessionId !== session.id)
      return fail(say`Event ${i + 1} belongs to another session.`);
  }
  if (v.snapshots !== undefined) {
    if (!Array.isArray(v.snapshots) || v.snapshots.length > SNAPSHOT_LIMITS.perSession)
      return fail(
        say`The export has more than ${SNAPSHOT_LIMITS.perSession} snapshots, or a malformed list.`,
      );
    for (let i = 0; i < v.snapshots.length; i++) {
      const err = snapshotError(v.snapshots[i]);
      if (err) return fail(say`Snapshot ${i + 1} is damaged: ${err}.`);
      if ((v.snapshots[i] as EvidenceSnapshot).sessionId !== session.id)
        return fail(say`Snapshot ${i + 1} belongs to another session.`);
    }
  }
  return {
    ok: true,
    file: {
      format: 'interview-guard.session',
      version: 1,
      exportedAt: v.exportedAt,
      session: pick<SessionRecord>(session, FIELDS.session),
      seconds: v.seconds.map((r) => pick<SecondRecord>(r, FIELDS.second)),
      events: v.events.map((e) => pick<SessionEvent>(e, FIELDS.event)),
      ...(v.snapshots !== undefined
        ? { snapshots: v.snapshots.map((x) => pick<EvidenceSnapshot>(x, FIELDS.snapshot)) }
        : {}),
    },
  };
}
