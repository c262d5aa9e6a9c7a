/**
 * The message protocol between the extension's contexts. Every message is validated on receipt:
 * the page and other extensions are untrusted, so anything that does not match is dropped with a reason.
 *
 *   runtime messages (JSON, chrome.runtime / tabs.sendMessage): runtimeProtocol.ts, by direction
 *   log writes (inside the runtime request log/write): LogOp, here
 *   port messages (MessageChannel content script ⇄ analyzer frame, BroadcastChannel offscreen document
 *     ⇄ analyzer; a frame carries a transferred ImageBitmap): here, one schema per `type` and direction
 *   handshake (window.postMessage content script → analyzer frame, carrying the port and a one-time nonce)
 *   the live status and the views inside messages: statusSchema.ts
 */
import * as v from 'valibot';
import type { Said } from '../../src/text/Phrase';
import { SPEECH_BAND_COUNT } from '../../src/audio/speechBands';
import { SESSION_EVENT_TYPES } from '../../src/session/SessionEvent';
import type { SecondRecord } from '../../src/session/SecondRecord';
import type { SessionEvent, SessionRecord } from '../../src/session/SessionRecord';
import { secondRecordError, sessionEventError, sessionRecordError } from '../../src/session/validateRecords';
import type { FaceSignalsView, LipSyncView, SignalView } from '../../src/status/LiveStatus';
import type { Judgeability } from '../../src/quality/judgeability';
import { isFiniteNum, isObj, isStr } from '../../src/validate/guards';
import { CHALLENGE_KINDS } from '../../src/challenges/Challenge';
import { QUESTION_MARKS, type PromptOutcome, type PromptView } from '../../src/prompts/PromptFlow';
import { parseQuestionBank, type QuestionBank } from '../../src/prompts/QuestionBank';
import { parseCandidateCard, type CandidateCard } from '../../src/prompts/CandidateCard';
import { snapshotError, type EvidenceSnapshot } from '../../src/session/EvidenceSnapshot';
import { isRegion, type Region } from '../../src/features/FaceRegion';
import {
  isDelegate,
  isFaceSignalsView,
  isJudgeability,
  isLipSyncView,
  isPromptOutcome,
  isPromptView,
  signalViewSchema,
} from './statusSchema';
import {
  finite,
  guarded,
  int,
  parseByType,
  parsedBy,
  phrase,
  rect,
  size,
  text,
  type MessageOf,
  type Parsed,
} from './messageSchema';

export type { Parsed } from './messageSchema';

/** The analyzer frame's page inside the extension package. */
export const ANALYZER_PAGE = 'extension/analyzer/analyzer.html';

/** The offscreen document that consumes tab captures (plays the audio back, crops the candidate's tile). */
export const OFFSCREEN_PAGE = 'extension/offscreen/offscreen.html';

/**
 * A tab capture's BroadcastChannel between the offscreen document and that tab's analyzer frame: both
 * are extension-origin, so no page and no other extension can join it. Random per capture.
 */
export const CAPTURE_CHANNEL = /^ig-capture-[0-9a-f]{32}$/;
export const newCaptureChannel = (): string => `ig-capture-${newNonce()}`;

/**
 * Session-log writes from the analyzer frame to the background, which owns the database: the frame
 * is third-party inside the call page, where IndexedDB is blocked or partitioned away from the review page.
 */
export type LogOp =
  | { op: 'session-start'; session: SessionRecord }
  | { op: 'second'; record: SecondRecord }
  | { op: 'event'; event: SessionEvent }
  | { op: 'session-end'; sessionId: string; endedAt: number }
  | { op: 'session-patch'; sessionId: string; patch: SessionPatch }
  | { op: 'snapshot'; snapshot: EvidenceSnapshot };

/** The parts of a session header the analyzer may change during the call. */
export type SessionPatch = Partial<Pick<SessionRecord, 'candidate' | 'overall'>>;

export interface Handshake {
  ig: 'connect';
  nonce: string;
}

// ---------- validation ----------

const NONCE = /^[0-9a-f]{32}$/;
const bad = <T>(error: string): Parsed<T> => ({ ok: false, error });

/** A candidate card or null, with the card's own fields only. */
export function parseCardOrNull(v: unknown): Parsed<CandidateCard | null> {
  if (v === null) return { ok: true, msg: null };
  const p = parseCandidateCard(v);
  return p.ok ? { ok: true, msg: p.card } : bad(`candidate card malformed: ${p.error}`);
}

export function parseLogOp(v: unknown): Parsed<LogOp> {
  if (!isObj(v)) return bad('log op is not an object');
  let err: string | null;
  switch (v.op) {
    case 'session-start':
      err = sessionRecordError(v.session);
      return err ? bad(err) : { ok: true, msg: { op: 'session-start', session: v.session as SessionRecord } };
    case 'second':
      err = secondRecordError(v.record);
      return err ? bad(err) : { ok: true, msg: { op: 'second', record: v.record as SecondRecord } };
    case 'event':
      err = sessionEventError(v.event);
      return err ? bad(err) : { ok: true, msg: { op: 'event', event: v.event as SessionEvent } };
    case 'session-end':
      return isStr(v.sessionId, 64) && isFiniteNum(v.endedAt)
        ? { ok: true, msg: { op: 'session-end', sessionId: v.sessionId, endedAt: v.endedAt } }
        : bad('session-end malformed');
    case 'snapshot': {
      const err = snapshotError(v.snapshot);
      return err ? bad(err) : { ok: true, msg: { op: 'snapshot', snapshot: v.snapshot as EvidenceSnapshot } };
    }
    case 'session-patch': {
      if (!isStr(v.sessionId, 64) || !isObj(v.patch)) return bad('session-patch malformed');
      const keys = Object.keys(v.patch);
      if (keys.length === 0 || !keys.every((k) => k === 'candidate' || k === 'overall'))
        return bad('session-patch may change only the candidate card and the overall state');
      // The header's own rule checks the fields (on a stand-in header, so only the patch is judged).
      const err = sessionRecordError({ ...PATCH_PROBE, ...v.patch });
      if (err) return bad(err);
      return {
        ok: true,
        msg: { op: 'session-patch', sessionId: v.sessionId, patch: v.patch as SessionPatch },
      };
    }
    default:
      return bad('unknown log op');
  }
}

/** A well-formed header, so that validating {...PATCH_PROBE, ...patch} judges only the patch. */
const PATCH_PROBE: SessionRecord = {
  id: 'probe',
  platform: 'probe',
  pageHost: 'probe',
  startedAt: 0,
  endedAt: null,
  lastWrittenAt: 0,
  seconds: 0,
  modelVersion: 'probe',
  codeVersion: 'probe',
};

export function parseHandshake(v: unknown): Parsed<Handshake> {
  if (!isObj(v) || v.ig !== 'connect') return bad('not a handshake');
  if (!isStr(v.nonce) || !NONCE.test(v.nonce)) return bad('malformed nonce');
  return { ok: true, msg: { ig: 'connect', nonce: v.nonce } };
}

// ---------- port messages: each defined once, by direction ----------

const frameBitmap = v.pipe(
  v.custom<ImageBitmap>(
    (x) => typeof ImageBitmap !== 'undefined' && x instanceof ImageBitmap,
    'frame without an ImageBitmap',
  ),
  v.check(
    (b) => b.width > 0 && b.height > 0 && b.width <= 4096 && b.height <= 4096,
    'frame size out of range',
  ),
);
const FRAME = 'frame fields malformed';
/** A video frame for the analyzer, from the content script's grabber or the offscreen document's tile reader. */
const frame = v.object({
  bitmap: frameBitmap,
  seq: int(FRAME),
  timestampMs: finite(FRAME),
  /** Time createImageBitmap took on the page, ms. */
  grabMs: finite(FRAME),
  /** Height of the video the bitmap was scaled from, px (face sizes are reported in source pixels). */
  sourceHeightPx: finite(FRAME),
  /** When the grab started, as performance.timeOrigin + performance.now(): comparable across processes. */
  grabStartEpochMs: finite(FRAME),
  /**
   * When the grabbed frame was put on screen (requestVideoFrameCallback's expectedDisplayTime), page
   * clock, ms; absent when the page could not tell. `timestampMs` is when the grab ran, up to a
   * frame interval later; lip-sync times the mouth by this.
   */
  shownAtMs: v.optional(finite(FRAME)),
  /**
   * The part of the picture the bitmap holds, normalised to the whole (absent: the whole picture):
   * once the face is found, the grabber sends its region. Landmarks are mapped back onto the whole.
   */
  region: v.optional(
    v.pipe(
      guarded<Region>(isRegion, FRAME),
      v.transform((r) => ({ x: r.x, y: r.y, w: r.w, h: r.h })),
    ),
  ),
});

const level = (message: string) =>
  v.pipe(finite(message), v.minValue(-200, message), v.maxValue(40, message));
const AUDIO = 'audio fields malformed';
/** At most 10 s of 20 ms slots per message, each a plausible level. */
const audio = v.pipe(
  v.object({
    /** Page-clock start of the first 20 ms slot, ms. */
    startMs: finite(AUDIO),
    /** Speech-band level of consecutive 20 ms slots, dBFS. */
    levelsDb: v.pipe(
      v.array(level('audio level out of range'), AUDIO),
      v.minLength(1, AUDIO),
      v.maxLength(500, AUDIO),
    ),
    /** The speech sub-bands' levels, SPEECH_BAND_COUNT per slot, slot by slot, dBFS (see EnvelopeChunk). */
    bandsDb: v.optional(
      v.pipe(
        v.array(v.unknown(), 'audio band levels malformed'),
        v.maxLength(500 * SPEECH_BAND_COUNT, 'audio band levels malformed'),
        v.array(level('audio band level out of range')),
      ),
    ),
  }),
  v.check(
    (a) => a.bandsDb === undefined || a.bandsDb.length === a.levelsDb.length * SPEECH_BAND_COUNT,
    'audio band levels malformed',
  ),
);

const SOUND = 'sound fields malformed';
/**
 * The call's sound itself, for the viseme classifier: at most 2 s per message, at a rate a browser
 * plays (8–96 kHz), every sample finite and within ±16 (a stream may run hot; not a full scale check).
 */
const sound = v.pipe(
  v.object({
    /** Page-clock time of the first sample, ms. */
    startMs: finite(SOUND),
    sampleRateHz: v.pipe(int(SOUND), v.minValue(8000, SOUND), v.maxValue(96_000, SOUND)),
    samples: v.pipe(
      v.custom<Float32Array>((x) => x instanceof Float32Array, 'sound without its samples'),
      v.check((x) => x.length > 0, SOUND),
    ),
  }),
  v.check((m) => m.samples.length <= 2 * m.sampleRateHz, 'sound message too long'),
  v.check((m) => m.samples.every((x) => Math.abs(x) <= 16), 'sound sample out of range'),
);

const SESSION_START = 'session/start fields malformed';
const EVENT = 'event fields malformed';
/** The longest note an interviewer may add to a mark, characters. */
export const NOTE_MAX_CHARS = 600;
/** A mark for the question asked, as the overlay and the side panel give it. */
export const markEntry = {
  mark: v.picklist(QUESTION_MARKS, 'unknown mark'),
  note: v.pipe(v.string('no note'), v.maxLength(NOTE_MAX_CHARS, 'note too long')),
  /** The local time the candidate said (the time-zone question), at most 40 characters; '' when none. */
  statedTime: v.pipe(v.string('no stated time'), v.maxLength(40, 'stated time too long')),
};
const channel = v.nullable(
  v.pipe(v.string('malformed capture channel'), v.regex(CAPTURE_CHANNEL, 'malformed capture channel')),
);

/** Content script → its analyzer frame, on their MessageChannel. */
const contentToAnalyzer = {
  frame,
  'session/start': v.object({
    sessionId: text(64, SESSION_START),
    platform: text(32, SESSION_START),
    pageHost: text(256, SESSION_START),
    /** Session start on the page clock (performance.now() of the content script). */
    startMs: finite(SESSION_START),
    /** The page's performance.timeOrigin, to put the analyzer's own times on the page clock. */
    pageTimeOrigin: finite(SESSION_START),
    /** The interviewer's candidate card, if filled in. */
    candidate: parsedBy(parseCardOrNull),
    /** Whether the user turned evidence snapshots on (off by default). */
    snapshots: v.boolean(SESSION_START),
    /** The questions the co-pilot draws from (the interviewer's bank, or the default). */
    bank: parsedBy<QuestionBank>((x) => {
      const p = parseQuestionBank(x);
      return p.ok ? { ok: true, msg: p.bank } : bad(`question bank malformed: ${p.error}`);
    }),
  }),
  'session/end': v.object({}),
  /** The content script's heartbeat: the analyzer answers each with a pong of the same seq. */
  ping: v.object({ seq: int('ping malformed') }),
  event: v.pipe(
    v.object({
      event: v.picklist(SESSION_EVENT_TYPES, 'unknown event type'),
      detail: text(512, EVENT),
      /** `detail` as data (see SessionEvent.words). */
      words: v.optional(phrase(EVENT)),
      timestampMs: finite(EVENT),
      data: v.optional(guarded<Record<string, string | number | boolean>>(isObj, EVENT)),
    }),
    // The data is checked by the same rule as a stored event's.
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed || dataset.value.data === undefined) return;
      const { event, data } = dataset.value;
      const err = sessionEventError({ sessionId: 'x', tMs: 0, type: event, detail: '', data });
      if (err) addIssue({ message: err });
    }),
  ),
  /** The interviewer's intents on the co-pilot's card (times on the page clock, ms). */
  'prompt/asked': v.object({ timestampMs: finite('prompt/asked malformed') }),
  'prompt/skip': v.object({ timestampMs: finite('prompt/skip malformed') }),
  'prompt/mark': v.object({ ...markEntry, timestampMs: finite('prompt/mark malformed') }),
  'prompt/challenge': v.object({
    kind: v.picklist(CHALLENGE_KINDS, 'prompt/challenge malformed'),
    timestampMs: finite('prompt/challenge malformed'),
  }),
  /** The interviewer's word on a challenge that waits for it (the random phrase's words were read, or not). */
  'prompt/confirm': v.object({ said: v.boolean('prompt/confirm malformed') }),
  candidate: v.object({ card: parsedBy(parseCardOrNull) }),
  audio,
  sound,
  /**
   * The tab is captured (null channel: no longer): frames and audio come from the offscreen
   * document on `channel`, cropped to `tile`, the candidate's tile in the viewport (CSS px).
   */
  capture: v.object({
    channel,
    tile: v.nullable(rect('capture fields malformed')),
    viewport: size('capture fields malformed'),
  }),
};
export type ContentToAnalyzer = MessageOf<typeof contentToAnalyzer>;
export type FrameMessage = Extract<ContentToAnalyzer, { type: 'frame' }>;
export const parseContentToAnalyzer = (raw: unknown): Parsed<ContentToAnalyzer> =>
  parseByType(contentToAnalyzer, raw, (t) => `unknown port message ${t}`);

const CAPTURE_STATUS = 'capture-status fields malformed';
const captureStatus = v.object({
  /** Live audio tracks in the capture (0 or 1). */
  audioTracks: v.pipe(int(CAPTURE_STATUS), v.minValue(0, CAPTURE_STATUS), v.maxValue(8, CAPTURE_STATUS)),
  /** Whether the captured sound is played back to the interviewer (the capture mutes the tab). */
  playback: v.picklist(['running', 'suspended', 'closed', 'none'], CAPTURE_STATUS),
  /** The captured tab's frame size, px (0 until the first frame). */
  frameWidth: v.pipe(int(CAPTURE_STATUS), v.minValue(0, CAPTURE_STATUS)),
  frameHeight: v.pipe(int(CAPTURE_STATUS), v.minValue(0, CAPTURE_STATUS)),
  /** Frames per second the capture delivered over the last second (what the analyzer can get at most). */
  captureFps: v.pipe(finite(CAPTURE_STATUS), v.minValue(0, CAPTURE_STATUS), v.maxValue(240, CAPTURE_STATUS)),
  note: v.nullable(text(512, CAPTURE_STATUS)),
});

/** Offscreen document → the captured tab's analyzer, on the capture's BroadcastChannel. */
const captureToAnalyzer = { frame, audio, sound, 'capture-status': captureStatus };
export type CaptureToAnalyzer = MessageOf<typeof captureToAnalyzer>;
export type CaptureStatus = Extract<CaptureToAnalyzer, { type: 'capture-status' }>;
/** What the offscreen document may send a captured tab's analyzer: frames, audio, sound and its status. */
export const parseCaptureToAnalyzer = (raw: unknown): Parsed<CaptureToAnalyzer> =>
  parseByType(captureToAnalyzer, raw, (t) => `unknown capture message ${t}`);

const PULL = 'pull fields malformed';
/** The analyzer → the offscreen document: where the candidate's tile is, and that the last frame is done. */
const analyzerToCapture = {
  pull: v.object({
    /** The frame the analyzer finished (null: none yet); one frame is in flight at a time. */
    doneSeq: v.nullable(int(PULL)),
    tile: v.nullable(rect(PULL)),
    viewport: size(PULL),
    /** The page's performance.timeOrigin: frames and audio are stamped on the page clock. */
    pageTimeOrigin: finite(PULL),
  }),
};
export type AnalyzerToCapture = MessageOf<typeof analyzerToCapture>;
/** What a captured tab's analyzer may ask of the offscreen document. */
export const parseAnalyzerToCapture = (raw: unknown): Parsed<AnalyzerToCapture> =>
  parseByType(analyzerToCapture, raw, () => 'not a pull');

const FEATURES = 'features fields malformed';
const SIGNALS = 'signals malformed';
/** A box coordinate: NaN while no face is found. */
const coord = v.custom<number>((x) => typeof x === 'number', FEATURES);

/** Analyzer frame → its content script, on their MessageChannel. */
const analyzerToContent = {
  model: v.object({
    state: v.picklist(['loading', 'ready', 'error'], 'model fields malformed'),
    progress: finite('model fields malformed'),
    error: v.optional(text(1024, 'model fields malformed')),
    /** Where the landmarker runs, and why (with 'ready'). */
    delegate: v.optional(
      guarded<{ delegate: 'CPU' | 'GPU'; why: Said }>(isDelegate, 'model fields malformed'),
    ),
  }),
  features: v.object({
    seq: int(FEATURES),
    landmarkerMs: finite(FEATURES),
    /** Time from the frame's arrival in the analyzer to this reply (landmarker + features), ms. */
    analyzerMs: finite(FEATURES),
    /** Grab start on the page to features ready in the analyzer (grab + transfer + landmarker + features), ms. */
    pipelineMs: finite(FEATURES),
    /** Where the candidate's face is in the analysed picture (0–1), for the overlay and the grabber's zoom. */
    face: v.object(
      {
        facePresent: v.boolean(FEATURES),
        bboxX: coord,
        bboxY: coord,
        bboxW: coord,
        bboxH: coord,
      },
      FEATURES,
    ),
  }),
  'egress-blocked': v.object({ blockedUri: text(2048, 'egress-blocked malformed') }),
  pong: v.object({ seq: int('pong malformed') }),
  /** The session log refused a write (the session was deleted, storage is full…): in plain words. */
  'log-failed': v.object({
    reason: text(512, 'log-failed malformed'),
    words: v.optional(phrase('log-failed malformed')),
  }),
  /** The session's live judgement (src/session/AnalysisSession): the strip's rows and the readings behind them. */
  signals: v.object({
    quality: v.nullable(guarded<Judgeability>(isJudgeability, SIGNALS)),
    lipsync: v.nullable(guarded<LipSyncView>(isLipSyncView, SIGNALS)),
    faceSignals: v.nullable(guarded<FaceSignalsView>(isFaceSignalsView, SIGNALS)),
    rows: v.pipe(v.array(signalViewSchema, SIGNALS), v.maxLength(16, SIGNALS)) as v.GenericSchema<
      unknown,
      SignalView[]
    >,
  }),
  /** The co-pilot's card on screen and the cards done. */
  prompt: v.object({
    view: v.nullable(guarded<PromptView>(isPromptView, 'prompt malformed')),
    history: v.pipe(
      v.array(guarded<PromptOutcome>(isPromptOutcome, 'prompt malformed'), 'prompt malformed'),
      v.maxLength(12, 'prompt malformed'),
    ),
  }),
  'capture-status': v.object({
    status: parsedBy<CaptureStatus>((x) => {
      if (!isObj(x) || x.type !== 'capture-status') return bad('capture-status malformed');
      const p = v.safeParse(captureStatus, x);
      return p.success
        ? { ok: true, msg: { type: 'capture-status', ...p.output } }
        : bad('capture-status malformed');
    }),
  }),
};
export type AnalyzerToContent = MessageOf<typeof analyzerToContent>;
export const parseAnalyzerToContent = (raw: unknown): Parsed<AnalyzerToContent> =>
  parseByType(analyzerToContent, raw, (t) => `unknown port message ${t}`);

/** A fresh 128-bit nonce as 32 hex digits. */
export function newNonce(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
