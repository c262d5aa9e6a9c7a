import { isPhrase } from '../text/Phrase';
import { SESSION_EVENT_TYPES, SIGNAL_IDS } from './SessionEvent';
import type { SecondRecord } from './SecondRecord';
import type { SessionEvent, SessionRecord } from './SessionRecord';

import { parseCandidateCard } from '../prompts/CandidateCard';
import { OVERALL_STATES } from './Overall';
import { isFiniteNum as finite, isObj, isStr } from '../validate/guards';

// Shape checks for log records arriving over a message channel: each returns an error in words, or null.
const finiteOrNull = (v: unknown) => v === null || finite(v);
const str = (v: unknown, max: number) => isStr(v, max) && v.length > 0;

const SECOND_NUMBERS = [
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
] as const;
/** Added with lip-sync: absent in older files, which readers take as null. */
const SECOND_OPTIONAL_NUMBERS = [
  'audioLevelDb',
  'speechFraction',
  'avOffsetMs',
  'syncConfidence',
  'faceRisk',
] as const;
const SIGNAL_STATES: readonly unknown[] = ['no-concerns', 'inconclusive', 'concerns', 'cannot-judge'];

export function secondRecordError(v: unknown): string | null {
  if (!isObj(v)) return 'second record is not an object';
  if (!str(v.sessionId, 64)) return 'second record without a session id';
  for (const k of ['t', 'frames', 'faceFrames', 'maxFaces'] as const) {
    const n = v[k];
    if (!Number.isSafeInteger(n) || (n as number) < 0 || (n as number) > 1e7)
      return `second record field ${k} malformed`;
  }
  if ((v.faceFrames as number) > (v.frames as number))
    return 'second record has more face frames than frames';
  for (const k of SECOND_NUMBERS) if (!finiteOrNull(v[k])) return `second record field ${k} malformed`;
  for (const k of SECOND_OPTIONAL_NUMBERS)
    if (v[k] !== undefined && !finiteOrNull(v[k])) return `second record field ${k} malformed`;
  for (const k of ['lipSync', 'faceSwap', 'liveness'] as const)
    if (v[k] !== undefined && v[k] !== null && !SIGNAL_STATES.includes(v[k]))
      return `second record field ${k} malformed`;
  return null;
}

export function sessionEventError(v: unknown): string | null {
  if (!isObj(v)) return 'event is not an object';
  if (!str(v.sessionId, 64)) return 'event without a session id';
  if (!finite(v.tMs)) return 'event time malformed';
  if (!(SESSION_EVENT_TYPES as readonly unknown[]).includes(v.type)) return 'unknown event type';
  if (typeof v.detail !== 'string' || v.detail.length > 512) return 'event detail malformed';
  if (v.words !== undefined && !isPhrase(v.words)) return 'event words malformed';
  if (v.signal !== undefined && !(SIGNAL_IDS as readonly unknown[]).includes(v.signal))
    return 'event signal malformed';
  if (v.evidenceFromMs !== undefined && !finite(v.evidenceFromMs)) return 'event evidence time malformed';
  if (v.confidence !== undefined && v.confidence !== 'medium' && v.confidence !== 'high')
    return 'event confidence malformed';
  if (v.data !== undefined) {
    if (!isObj(v.data)) return 'event data malformed';
    const entries = Object.entries(v.data);
    if (entries.length > 16) return 'event data has too many fields';
    for (const [k, x] of entries)
      if (
        k.length > 32 ||
        !(typeof x === 'boolean' || finite(x) || (typeof x === 'string' && x.length <= 600))
      )
        return `event data field ${k.slice(0, 32)} malformed`;
  }
  return null;
}

export function sessionRecordError(v: unknown): string | null {
  if (!isObj(v)) return 'session is not an object';
  if (!str(v.id, 64) || !str(v.platform, 32) || typeof v.pageHost !== 'string' || v.pageHost.length > 256)
    return 'session identity malformed';
  if (!finite(v.startedAt) || !finiteOrNull(v.endedAt) || !finite(v.lastWrittenAt))
    return 'session times malformed';
  if (!Number.isSafeInteger(v.seconds)) return 'session length malformed';
  if (!str(v.modelVersion, 128) || !str(v.codeVersion, 64)) return 'session versions malformed';
  if (v.overall !== undefined && v.overall !== null) {
    const o = v.overall;
    if (
      !isObj(o) ||
      !(OVERALL_STATES as readonly unknown[]).includes(o.state) ||
      !Array.isArray(o.reasons) ||
      o.reasons.length > 12 ||
      !o.reasons.every((r) => isStr(r, 800))
    )
      return 'session overall state malformed';
  }
  if (
    v.written !== undefined &&
    !(
      isObj(v.written) &&
      Number.isSafeInteger(v.written.events) &&
      (v.written.events as number) >= 0 &&
      Number.isSafeInteger(v.written.snapshots) &&
      (v.written.snapshots as number) >= 0
    )
  )
    return 'session counts malformed';
  if (v.candidate !== undefined && v.candidate !== null) {
    const c = parseCandidateCard(v.candidate);
    if (!c.ok) return `candidate card malformed: ${c.error}`;
  }
  return null;
}

export const isSecondRecord = (v: unknown): v is SecondRecord => secondRecordError(v) === null;
export const isSessionEvent = (v: unknown): v is SessionEvent => sessionEventError(v) === null;
export const isSessionRecord = (v: unknown): v is SessionRecord => sessionRecordError(v) === null;
