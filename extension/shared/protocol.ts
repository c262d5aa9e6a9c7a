/**
 * The message protocol between the extension's contexts. Every message is validated on receipt:
 * the page and other extensions are untrusted, so anything that does not match is dropped with a reason.
 *
 *   runtime messages (JSON, chrome.runtime / tabs.sendMessage): runtimeProtocol.ts, by direction
 *   log writes (inside the runtime request log/write): LogOp, here
 *   port messages (MessageChannel content script ⇄ analyzer frame; may carry a transferred ImageBitmap)
 *   handshake (window.postMessage content script → analyzer frame, carrying the port and a one-time nonce)
 */
import { isPhrase, isSaid, type Phrase, type Said } from '../../src/text/Phrase';
import { SPEECH_BAND_COUNT } from '../../src/audio/speechBands';
import { FEATURE_KEYS, type FeatureFrame } from '../../src/features/FeatureFrame';
import { SESSION_EVENT_TYPES, type SessionEventType } from '../../src/session/SessionEvent';
import type { SecondRecord } from '../../src/session/SecondRecord';
import type { SessionEvent, SessionRecord } from '../../src/session/SessionRecord';
import { secondRecordError, sessionEventError, sessionRecordError } from '../../src/session/validateRecords';
import type { FaceSignalsView, LipSyncView, LiveStatus } from '../../src/status/LiveStatus';
import { JUDGED_SIGNALS, type Judgeability, type Shortfall } from '../../src/quality/judgeability';
import { isFiniteNum, isInt, isObj, isStr, type Obj } from '../../src/validate/guards';
import { CHALLENGE_KINDS, type ChallengeKind, type ChallengeResult } from '../../src/challenges/Challenge';
import { parseCandidateCard, type CandidateCard } from '../../src/prompts/CandidateCard';
import { snapshotError, type EvidenceSnapshot } from '../../src/session/EvidenceSnapshot';
import type { Rect } from '../../src/overlay/placeOverlay';
import { isRegion, type Region } from '../../src/features/FaceRegion';

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

// ---------- port messages ----------

export type ContentToAnalyzer =
  | {
      type: 'frame';
      seq: number;
      timestampMs: number;
      bitmap: ImageBitmap;
      /** Time createImageBitmap took on the page, ms. */
      grabMs: number;
      /** Height of the video the bitmap was scaled from, px (face sizes are reported in source pixels). */
      sourceHeightPx: number;
      /** When the grab started, as performance.timeOrigin + performance.now(): comparable across processes. */
      grabStartEpochMs: number;
      /**
       * When the grabbed frame was put on screen (requestVideoFrameCallback's expectedDisplayTime), page
       * clock, ms; absent when the page could not tell. `timestampMs` is when the grab ran, up to a
       * frame interval later; lip-sync times the mouth by this.
       */
      shownAtMs?: number;
      /**
       * The part of the picture the bitmap holds, normalised to the whole (absent: the whole picture):
       * once the face is found, the grabber sends its region. Landmarks are mapped back onto the whole.
       */
      region?: Region;
    }
  | {
      type: 'session/start';
      sessionId: string;
      platform: string;
      pageHost: string;
      /** Session start on the page clock (performance.now() of the content script). */
      startMs: number;
      /** The page's performance.timeOrigin, to put the analyzer's own times on the page clock. */
      pageTimeOrigin: number;
      /** The interviewer's candidate card, if filled in. */
      candidate: CandidateCard | null;
      /** Whether the user turned evidence snapshots on (off by default). */
      snapshots: boolean;
    }
  | { type: 'session/end' }
  /** The content script's heartbeat: the analyzer answers each with a pong of the same seq. */
  | { type: 'ping'; seq: number }
  | {
      type: 'event';
      event: SessionEventType;
      detail: string;
      /** `detail` as data (see SessionEvent.words). */
      words?: Phrase;
      timestampMs: number;
      data?: Record<string, string | number | boolean>;
    }
  | { type: 'challenge/start'; id: string; kind: ChallengeKind; timestampMs: number }
  | { type: 'challenge/cancel'; id: string }
  /** The interviewer's word on a challenge that waits for it (the random phrase's words were read, or not). */
  | { type: 'challenge/confirm'; id: string; said: boolean }
  | { type: 'candidate'; card: CandidateCard | null }
  | {
      type: 'audio';
      /** Page-clock start of the first 20 ms slot, ms. */
      startMs: number;
      /** Speech-band level of consecutive 20 ms slots, dBFS. */
      levelsDb: number[];
      /** The speech sub-bands' levels, SPEECH_BAND_COUNT per slot, slot by slot, dBFS (see EnvelopeChunk). */
      bandsDb?: number[] | undefined;
    }
  | {
      /**
       * The tab is captured (null channel: no longer): frames and audio come from the offscreen
       * document on `channel`, cropped to `tile`, the candidate's tile in the viewport (CSS px).
       */
      type: 'capture';
      channel: string | null;
      tile: Rect | null;
      viewport: { w: number; h: number };
    };

/** A video frame for the analyzer, from the content script's grabber or the offscreen document's tile reader. */
export type FrameMessage = Extract<ContentToAnalyzer, { type: 'frame' }>;

/** Offscreen document → the captured tab's analyzer, on the capture's BroadcastChannel. */
export type CaptureToAnalyzer =
  | FrameMessage
  | Extract<ContentToAnalyzer, { type: 'audio' }>
  | {
      type: 'capture-status';
      /** Live audio tracks in the capture (0 or 1). */
      audioTracks: number;
      /** Whether the captured sound is played back to the interviewer (the capture mutes the tab). */
      playback: 'running' | 'suspended' | 'closed' | 'none';
      /** The captured tab's frame size, px (0 until the first frame). */
      frameWidth: number;
      frameHeight: number;
      /** Frames per second the capture delivered over the last second (what the analyzer can get at most). */
      captureFps: number;
      note: string | null;
    };

/** The analyzer → the offscreen document: where the candidate's tile is, and that the last frame is done. */
export interface AnalyzerToCapture {
  type: 'pull';
  /** The frame the analyzer finished (null: none yet); one frame is in flight at a time. */
  doneSeq: number | null;
  tile: Rect | null;
  viewport: { w: number; h: number };
  /** The page's performance.timeOrigin: frames and audio are stamped on the page clock. */
  pageTimeOrigin: number;
}

export type AnalyzerToContent =
  | {
      type: 'model';
      state: 'loading' | 'ready' | 'error';
      progress: number;
      error?: string;
      /** Where the landmarker runs, and why (with 'ready'). */
      delegate?: { delegate: 'CPU' | 'GPU'; why: Said };
    }
  | {
      type: 'features';
      seq: number;
      frame: FeatureFrame;
      landmarkerMs: number;
      /** Time from the frame's arrival in the analyzer to this reply (landmarker + features), ms. */
      analyzerMs: number;
      /** Grab start on the page to features ready in the analyzer (grab + transfer + landmarker + features), ms. */
      pipelineMs: number;
    }
  | { type: 'egress-blocked'; blockedUri: string }
  | { type: 'pong'; seq: number }
  /** The session log refused a write (the session was deleted, storage is full…): in plain words. */
  | { type: 'log-failed'; reason: string; words?: Phrase }
  | { type: 'quality'; judgeability: Judgeability }
  | { type: 'lipsync'; view: LipSyncView }
  | { type: 'face-signals'; view: FaceSignalsView }
  | { type: 'challenge/verdict'; id: string; result: ChallengeResult }
  /** The machine's part of a challenge holds; it waits for the interviewer's word (see challenge/confirm). */
  | { type: 'challenge/awaiting'; id: string; result: ChallengeResult }
  | { type: 'capture-status'; status: Extract<CaptureToAnalyzer, { type: 'capture-status' }> };

export interface Handshake {
  ig: 'connect';
  nonce: string;
}

// ---------- validation ----------

export type Parsed<T> = { ok: true; msg: T } | { ok: false; error: string };

/** Numbers that may be NaN (FeatureFrame uses NaN for "no face"); structured clone keeps NaN. */
const isNumOrNaN = (v: unknown): v is number => typeof v === 'number';
const NONCE = /^[0-9a-f]{32}$/;
const bad = <T>(error: string): Parsed<T> => ({ ok: false, error });

/** A candidate card or null, with the card's own fields only. */
export function parseCardOrNull(v: unknown): Parsed<CandidateCard | null> {
  if (v === null) return { ok: true, msg: null };
  const p = parseCandidateCard(v);
  return p.ok ? { ok: true, msg: p.card } : bad(`candidate card malformed: ${p.error}`);
}

const EVENT_TYPES: ReadonlySet<string> = new Set(SESSION_EVENT_TYPES);

const FUSED_STATES = ['no-concerns', 'inconclusive', 'concerns', 'cannot-judge', 'not-measured'];
/** Optional words as data: absent, or a phrase (core/text). */
const optWords = (w: unknown): boolean => w === undefined || isPhrase(w);

const isRow = (v: unknown): boolean =>
  isObj(v) &&
  isStr(v.state, 16) &&
  FUSED_STATES.includes(v.state) &&
  isStr(v.reason, 1024) &&
  optWords(v.words);

export function isFaceSignalsView(v: unknown): v is FaceSignalsView {
  return isObj(v) && isRow(v.faceswap) && isRow(v.liveness) && typeof v.frozen === 'boolean';
}

const SHORTFALLS: readonly unknown[] = [
  'starting',
  'frame-rate',
  'uneven-frames',
  'no-face',
  'face-missing',
  'face-small',
] satisfies Shortfall[];

/** A window's figures: NaN (structured clone) or null (JSON, the runtime's notices) where no face was seen. */
/** Where the landmarker runs, and why. */
function isDelegate(v: unknown): v is { delegate: 'CPU' | 'GPU'; why: Said } {
  return isObj(v) && (v.delegate === 'CPU' || v.delegate === 'GPU') && isSaid(v.why, 300);
}

export function isJudgeability(v: unknown): v is Judgeability {
  if (!isObj(v) || !isObj(v.measured) || !isObj(v.signals)) return false;
  const w = v.measured;
  const sig = v.signals;
  return (
    isFiniteNum(w.spanMs) &&
    isFiniteNum(w.fps) &&
    isFiniteNum(w.longGapShare) &&
    isFiniteNum(w.faceShare) &&
    (isNumOrNaN(w.faceHeightPx) || w.faceHeightPx === null) &&
    JUDGED_SIGNALS.every((id) => {
      const j = sig[id];
      return (
        isObj(j) &&
        (j.ok === true ||
          (j.ok === false && SHORTFALLS.includes(j.shortfall) && isStr(j.reason, 300) && optWords(j.words)))
      );
    })
  );
}

export function isValidStatus(v: unknown): v is LiveStatus {
  if (!isObj(v)) return false;
  return (
    isStr(v.phase, 16) &&
    ['idle', 'loading', 'watching', 'error'].includes(v.phase) &&
    isFiniteNum(v.modelProgress) &&
    isStr(v.face, 16) &&
    isFiniteNum(v.fps) &&
    isSaid(v.videoNote, 512) &&
    (v.layoutNote === null || isSaid(v.layoutNote, 512)) &&
    isStr(v.platform, 64) &&
    (v.sessionId === null || isStr(v.sessionId, 64)) &&
    isFiniteNum(v.elapsedS) &&
    Array.isArray(v.signals) &&
    v.signals.length <= 16 &&
    v.signals.every(
      (s) =>
        isObj(s) &&
        isStr(s.id, 32) &&
        isStr(s.label, 64) &&
        isStr(s.state, 32) &&
        isStr(s.detail, 512) &&
        optWords(s.words),
    ) &&
    (v.error === null || isSaid(v.error, 1024)) &&
    (v.info === null || isSaid(v.info, 512)) &&
    typeof v.consent === 'boolean' &&
    (v.candidateCard === null ||
      (isObj(v.candidateCard) &&
        (v.candidateCard.state === 'offered' || v.candidateCard.state === 'in-use') &&
        isStr(v.candidateCard.summary, 512))) &&
    (v.perf === null ||
      (isObj(v.perf) &&
        [
          'frames',
          'framesTotal',
          'pipelineMsMedian',
          'pipelineMsP95',
          'landmarkerMsMedian',
          'landmarkerMsP95',
          'skippedBusy',
        ].every((k) => isFiniteNum((v.perf as Obj)[k])) &&
        // Not measured through a tab capture (no grab on the page): NaN, or null once sent as JSON.
        ['roundTripMsMedian', 'grabMsMedian', 'transferMsMedian'].every(
          (k) => (v.perf as Obj)[k] === null || isNumOrNaN((v.perf as Obj)[k]),
        ) &&
        numOrNull(v.perf.targetFps) &&
        numOrNull(v.perf.regionShare))) &&
    (v.audio === null ||
      (isObj(v.audio) && isInt(v.audio.tracks) && (v.audio.note === null || isSaid(v.audio.note, 512)))) &&
    ['off', 'needed', 'on'].includes(v.capture as string) &&
    (v.quality === null || isJudgeability(v.quality)) &&
    (v.delegate === null || isDelegate(v.delegate)) &&
    (v.lipsync === null || isLipSyncView(v.lipsync)) &&
    (v.faceSignals === null || isFaceSignalsView(v.faceSignals)) &&
    (v.prompt === null || isPromptView(v.prompt)) &&
    Array.isArray(v.promptHistory) &&
    v.promptHistory.length <= 12 &&
    v.promptHistory.every(
      (h) =>
        isObj(h) &&
        isStr(h.label, 600) &&
        isStr(h.outcome, 800) &&
        isFiniteNum(h.atMs) &&
        (h.words === undefined ||
          (isObj(h.words) && isSaid(h.words.label, 600) && isPhrase(h.words.outcome))),
    ) &&
    (v.pick === null ||
      (isObj(v.pick) &&
        ['selector', 'mirror', 'none'].includes(v.pick.selfViewBy as string) &&
        Array.isArray(v.pick.candidates) &&
        v.pick.candidates.length <= 32 &&
        v.pick.candidates.every((c) => isObj(c) && isStr(c.what, 200) && isSaid(c.why, 300))))
  );
}

const SIGNAL_STATES: readonly unknown[] = [
  'no-concerns',
  'inconclusive',
  'concerns',
  'cannot-judge',
  'not-measured',
];
const numOrNull = (v: unknown) => v === null || isFiniteNum(v);

export function isLipSyncView(v: unknown): v is LipSyncView {
  return (
    isObj(v) &&
    SIGNAL_STATES.includes(v.state) &&
    isStr(v.reason, 512) &&
    optWords(v.words) &&
    numOrNull(v.offsetMs) &&
    numOrNull(v.windowOffsetMs) &&
    isFiniteNum(v.confidence) &&
    isFiniteNum(v.speechFraction) &&
    numOrNull(v.driftMsPerMin)
  );
}

/** A card on screen, as the status carries it to the side panel. */
function isPromptView(v: unknown): boolean {
  if (!isObj(v) || !['suggested', 'asked', 'confirm', 'verdict'].includes(v.phase as string)) return false;
  const c = v.card;
  if (!isObj(c) || !isStr(c.id, 80) || !isStr(c.text, 800) || !isStr(c.why, 400)) return false;
  if (
    c.words !== undefined &&
    !(isObj(c.words) && isPhrase(c.words.why) && (c.words.text === undefined || isPhrase(c.words.text)))
  )
    return false;
  if (c.kind === 'challenge' && !CHALLENGE_KINDS.includes(c.challenge as ChallengeKind)) return false;
  if (c.kind !== 'challenge' && c.kind !== 'question') return false;
  return (
    (v.askedAtMs === null || isFiniteNum(v.askedAtMs)) &&
    (v.deadlineMs === null || isFiniteNum(v.deadlineMs)) &&
    (v.result === null || isChallengeResult(v.result))
  );
}

const VERDICTS: readonly unknown[] = ['passed', 'failed', 'not-performed', 'cannot-judge'];

export function isChallengeResult(v: unknown): v is ChallengeResult {
  return (
    isObj(v) &&
    CHALLENGE_KINDS.includes(v.kind as ChallengeKind) &&
    VERDICTS.includes(v.verdict) &&
    Array.isArray(v.reasons) &&
    v.reasons.length <= 8 &&
    v.reasons.every((r) => isStr(r, 400)) &&
    (v.reasonWords === undefined ||
      (Array.isArray(v.reasonWords) &&
        v.reasonWords.length <= 8 &&
        v.reasonWords.every((w) => isPhrase(w)))) &&
    typeof v.feedBroke === 'boolean' &&
    isFiniteNum(v.fromMs) &&
    isFiniteNum(v.toMs) &&
    isObj(v.measured) &&
    Object.keys(v.measured).length <= 16 &&
    Object.values(v.measured).every(isFiniteNum)
  );
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

export function parseContentToAnalyzer(v: unknown): Parsed<ContentToAnalyzer> {
  if (!isObj(v)) return bad('not an object');
  switch (v.type) {
    case 'frame':
      if (typeof ImageBitmap === 'undefined' || !(v.bitmap instanceof ImageBitmap))
        return bad('frame without an ImageBitmap');
      if (
        !isInt(v.seq) ||
        !isFiniteNum(v.timestampMs) ||
        !isFiniteNum(v.grabMs) ||
        !isFiniteNum(v.sourceHeightPx) ||
        !isFiniteNum(v.grabStartEpochMs) ||
        (v.shownAtMs !== undefined && !isFiniteNum(v.shownAtMs)) ||
        (v.region !== undefined && !isRegion(v.region))
      )
        return bad('frame fields malformed');
      if (v.bitmap.width === 0 || v.bitmap.height === 0 || v.bitmap.width > 4096 || v.bitmap.height > 4096)
        return bad('frame size out of range');
      return {
        ok: true,
        msg: {
          type: 'frame',
          seq: v.seq,
          timestampMs: v.timestampMs,
          bitmap: v.bitmap,
          grabMs: v.grabMs,
          sourceHeightPx: v.sourceHeightPx,
          grabStartEpochMs: v.grabStartEpochMs,
          ...(v.shownAtMs !== undefined ? { shownAtMs: v.shownAtMs } : {}),
          ...(isRegion(v.region)
            ? { region: { x: v.region.x, y: v.region.y, w: v.region.w, h: v.region.h } }
            : {}),
        },
      };
    case 'session/start': {
      if (
        !isStr(v.sessionId, 64) ||
        !isStr(v.platform, 32) ||
        !isStr(v.pageHost, 256) ||
        !isFiniteNum(v.startMs) ||
        !isFiniteNum(v.pageTimeOrigin)
      )
        return bad('session/start fields malformed');
      const candidate = parseCardOrNull(v.candidate);
      if (!candidate.ok) return bad(candidate.error);
      if (typeof v.snapshots !== 'boolean') return bad('session/start fields malformed');
      return {
        ok: true,
        msg: {
          type: 'session/start',
          sessionId: v.sessionId,
          platform: v.platform,
          pageHost: v.pageHost,
          startMs: v.startMs,
          pageTimeOrigin: v.pageTimeOrigin,
          candidate: candidate.msg,
          snapshots: v.snapshots,
        },
      };
    }
    case 'session/end':
      return { ok: true, msg: { type: 'session/end' } };
    case 'ping':
      return isInt(v.seq) ? { ok: true, msg: { type: 'ping', seq: v.seq } } : bad('ping malformed');
    case 'audio': {
      // At most 10 s of slots per message, each a plausible level.
      const levels = v.levelsDb;
      if (!isFiniteNum(v.startMs) || !Array.isArray(levels) || levels.length === 0 || levels.length > 500)
        return bad('audio fields malformed');
      const level = (x: unknown) => isFiniteNum(x) && x >= -200 && x <= 40;
      if (!levels.every(level)) return bad('audio level out of range');
      const bands = v.bandsDb;
      if (bands === undefined)
        return { ok: true, msg: { type: 'audio', startMs: v.startMs, levelsDb: levels as number[] } };
      if (!Array.isArray(bands) || bands.length !== levels.length * SPEECH_BAND_COUNT)
        return bad('audio band levels malformed');
      if (!bands.every(level)) return bad('audio band level out of range');
      return {
        ok: true,
        msg: { type: 'audio', startMs: v.startMs, levelsDb: levels as number[], bandsDb: bands as number[] },
      };
    }
    case 'event': {
      if (!isStr(v.event, 32) || !EVENT_TYPES.has(v.event)) return bad('unknown event type');
      if (!isStr(v.detail, 512) || !isFiniteNum(v.timestampMs) || !optWords(v.words))
        return bad('event fields malformed');
      // The data is checked by the same rule as a stored event's.
      const err =
        v.data === undefined
          ? null
          : sessionEventError({ sessionId: 'x', tMs: 0, type: v.event, detail: '', data: v.data });
      if (err) return bad(err);
      return {
        ok: true,
        msg: {
          type: 'event',
          event: v.event as SessionEventType,
          detail: v.detail,
          ...(v.words !== undefined ? { words: v.words as Phrase } : {}),
          timestampMs: v.timestampMs,
          ...(v.data !== undefined ? { data: v.data as Record<string, string | number | boolean> } : {}),
        },
      };
    }
    case 'challenge/start':
      if (
        !isStr(v.id, 64) ||
        !CHALLENGE_KINDS.includes(v.kind as ChallengeKind) ||
        !isFiniteNum(v.timestampMs)
      )
        return bad('challenge/start fields malformed');
      return {
        ok: true,
        msg: { type: 'challenge/start', id: v.id, kind: v.kind as ChallengeKind, timestampMs: v.timestampMs },
      };
    case 'challenge/cancel':
      return isStr(v.id, 64)
        ? { ok: true, msg: { type: 'challenge/cancel', id: v.id } }
        : bad('challenge/cancel malformed');
    case 'challenge/confirm':
      return isStr(v.id, 64) && typeof v.said === 'boolean'
        ? { ok: true, msg: { type: 'challenge/confirm', id: v.id, said: v.said } }
        : bad('challenge/confirm malformed');
    case 'candidate': {
      const card = parseCardOrNull(v.card);
      return card.ok ? { ok: true, msg: { type: 'candidate', card: card.msg } } : bad(card.error);
    }
    case 'capture':
      if (v.channel !== null && !(isStr(v.channel) && CAPTURE_CHANNEL.test(v.channel)))
        return bad('malformed capture channel');
      if ((v.tile !== null && !isRect(v.tile)) || !isSize(v.viewport)) return bad('capture fields malformed');
      return {
        ok: true,
        msg: { type: 'capture', channel: v.channel, tile: v.tile as Rect | null, viewport: v.viewport },
      };
    default:
      return bad(`unknown port message ${String(v.type).slice(0, 40)}`);
  }
}

const isRect = (v: unknown): v is Rect =>
  isObj(v) &&
  [v.x, v.y, v.w, v.h].every((n) => isFiniteNum(n) && Math.abs(n) < 1e5) &&
  (v.w as number) >= 0 &&
  (v.h as number) >= 0;
const isSize = (v: unknown): v is { w: number; h: number } =>
  isObj(v) && isFiniteNum(v.w) && isFiniteNum(v.h) && v.w >= 0 && v.h >= 0 && v.w < 1e5 && v.h < 1e5;
const PLAYBACK = ['running', 'suspended', 'closed', 'none'];

/** What the offscreen document may send a captured tab's analyzer: frames, audio and its status. */
export function parseCaptureToAnalyzer(v: unknown): Parsed<CaptureToAnalyzer> {
  if (!isObj(v)) return bad('not an object');
  if (v.type === 'frame' || v.type === 'audio') {
    const p = parseContentToAnalyzer(v);
    return p.ok ? { ok: true, msg: p.msg as CaptureToAnalyzer } : p;
  }
  if (v.type !== 'capture-status') return bad(`unknown capture message ${String(v.type).slice(0, 40)}`);
  return parseCaptureStatus(v);
}

function parseCaptureStatus(v: Obj): Parsed<Extract<CaptureToAnalyzer, { type: 'capture-status' }>> {
  if (
    !isInt(v.audioTracks) ||
    v.audioTracks < 0 ||
    v.audioTracks > 8 ||
    !PLAYBACK.includes(v.playback as string) ||
    !isInt(v.frameWidth) ||
    !isInt(v.frameHeight) ||
    v.frameWidth < 0 ||
    v.frameHeight < 0 ||
    !isFiniteNum(v.captureFps) ||
    v.captureFps < 0 ||
    v.captureFps > 240 ||
    !(v.note === null || isStr(v.note, 512))
  )
    return bad('capture-status fields malformed');
  return {
    ok: true,
    msg: {
      type: 'capture-status',
      audioTracks: v.audioTracks,
      playback: v.playback as 'running' | 'suspended' | 'closed' | 'none',
      frameWidth: v.frameWidth,
      frameHeight: v.frameHeight,
      captureFps: v.captureFps,
      note: v.note,
    },
  };
}

/** What a captured tab's analyzer may ask of the offscreen document. */
export function parseAnalyzerToCapture(v: unknown): Parsed<AnalyzerToCapture> {
  if (!isObj(v) || v.type !== 'pull') return bad('not a pull');
  if (!(v.doneSeq === null || isInt(v.doneSeq))) return bad('pull fields malformed');
  if ((v.tile !== null && !isRect(v.tile)) || !isSize(v.viewport) || !isFiniteNum(v.pageTimeOrigin))
    return bad('pull fields malformed');
  return {
    ok: true,
    msg: {
      type: 'pull',
      doneSeq: v.doneSeq,
      tile: v.tile as Rect | null,
      viewport: v.viewport,
      pageTimeOrigin: v.pageTimeOrigin,
    },
  };
}

export function parseAnalyzerToContent(v: unknown): Parsed<AnalyzerToContent> {
  if (!isObj(v)) return bad('not an object');
  switch (v.type) {
    case 'model':
      if (!['loading', 'ready', 'error'].includes(v.state as string) || !isFiniteNum(v.progress))
        return bad('model fields malformed');
      return {
        ok: true,
        msg: {
          type: 'model',
          state: v.state as 'loading' | 'ready' | 'error',
          progress: v.progress,
          ...(isStr(v.error, 1024) ? { error: v.error } : {}),
          ...(isDelegate(v.delegate) ? { delegate: v.delegate } : {}),
        },
      };
    case 'features': {
      const f = v.frame;
      if (
        !isInt(v.seq) ||
        !isFiniteNum(v.landmarkerMs) ||
        !isFiniteNum(v.analyzerMs) ||
        !isFiniteNum(v.pipelineMs) ||
        !isObj(f)
      )
        return bad('features fields malformed');
      for (const k of FEATURE_KEYS) {
        const val = f[k];
        if (k === 'facePresent' ? typeof val !== 'boolean' : !isNumOrNaN(val))
          return bad(`feature ${k} malformed`);
      }
      return {
        ok: true,
        msg: {
          type: 'features',
          seq: v.seq,
          frame: f as unknown as FeatureFrame,
          landmarkerMs: v.landmarkerMs,
          analyzerMs: v.analyzerMs,
          pipelineMs: v.pipelineMs,
        },
      };
    }
    case 'egress-blocked':
      return isStr(v.blockedUri, 2048)
        ? { ok: true, msg: { type: 'egress-blocked', blockedUri: v.blockedUri } }
        : bad('egress-blocked malformed');
    case 'pong':
      return isInt(v.seq) ? { ok: true, msg: { type: 'pong', seq: v.seq } } : bad('pong malformed');
    case 'log-failed':
      return isStr(v.reason, 512) && optWords(v.words)
        ? {
            ok: true,
            msg: { type: 'log-failed', reason: v.reason, ...(v.words ? { words: v.words as Phrase } : {}) },
          }
        : bad('log-failed malformed');
    case 'quality':
      return isJudgeability(v.judgeability)
        ? { ok: true, msg: { type: 'quality', judgeability: v.judgeability } }
        : bad('quality malformed');
    case 'lipsync':
      return isLipSyncView(v.view)
        ? { ok: true, msg: { type: 'lipsync', view: v.view } }
        : bad('lipsync malformed');
    case 'face-signals':
      return isFaceSignalsView(v.view)
        ? { ok: true, msg: { type: 'face-signals', view: v.view } }
        : bad('face-signals malformed');
    case 'challenge/awaiting':
      return isStr(v.id, 64) && isChallengeResult(v.result)
        ? { ok: true, msg: { type: 'challenge/awaiting', id: v.id, result: v.result } }
        : bad('challenge/awaiting malformed');
    case 'challenge/verdict':
      return isStr(v.id, 64) && isChallengeResult(v.result)
        ? { ok: true, msg: { type: 'challenge/verdict', id: v.id, result: v.result } }
        : bad('challenge/verdict malformed');
    case 'capture-status': {
      const st = isObj(v.status) && v.status.type === 'capture-status' ? parseCaptureStatus(v.status) : null;
      return st?.ok
        ? { ok: true, msg: { type: 'capture-status', status: st.msg } }
        : bad('capture-status malformed');
    }
    default:
      return bad(`unknown port message ${String(v.type).slice(0, 40)}`);
  }
}

/** A fresh 128-bit nonce as 32 hex digits. */
export function newNonce(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
