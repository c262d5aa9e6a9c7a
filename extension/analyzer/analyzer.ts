/**
 * The analyzer: an extension-origin frame the content script injects into the call page. It runs
 * MediaPipe (which a strict page CSP would forbid in the content script), turns frames into feature
 * records, and writes the session log. It accepts exactly one MessagePort, and only with a nonce
 * the background confirms came from this tab's content script.
 */
import { emptyFeatureFrame } from '../../src/features/FeatureFrame';
import { mouthShapeScores } from '../../src/features/mouthMotion';
import { emptyMotionFrame, LandmarkMotion } from '../../src/features/LandmarkMotion';
import { emptyPixelFrame, PIXEL_KEYS } from '../../src/pixels/PixelFrame';
import { FaceSignals } from '../../src/fusion/FaceSignals';
import { signalRows, type RowState } from '../../src/fusion/signalRows';
import type { FusionResult } from '../../src/fusion/FaceRiskFusion';
import { FACE_SIGNAL_WORDS, readingWords } from '../../src/signals/SignalReading';
import { english, joined, named, SaidError, say, words, type Phrase } from '../../src/text/Phrase';
import type { VisualFrame } from '../../src/signals/VisualFrame';
import { SecondSummarizer } from '../../src/session/SecondSummarizer';
import type { LipSyncReading } from '../../src/lipsync/LipSyncReading';
import { LipSyncTracker } from '../../src/lipsync/LipSyncTracker';
import { mouthFeatures } from '../../src/lipsync/mouthFeatures';
import { MOUTH_FEATURES } from '../../src/lipsync/visemeMouthMap';
import { parseVisemeModel, VisemeClassifier } from '../../src/audio/VisemeClassifier';
import visemeModelUrl from '@met4citizen/headaudio/dist/model-en-mixed.bin?url';
import { lipSyncView, mouthReadable } from '../../src/lipsync/lipSyncView';
import {
  CHALLENGE_WORDS,
  VERDICT_WORDS,
  type ChallengeVerifier,
  type FrameDetail,
} from '../../src/challenges/Challenge';
import { createVerifier } from '../../src/challenges/createVerifier';
import { comparesFaces } from '../../src/challenges/FaceCheck';
import { ChallengeFaces } from './challengeFaces';
import { HandshakeGate } from './handshakeGate';
import { RandomPhraseVerifier } from '../../src/challenges/RandomPhraseVerifier';
import { isWithdrawal, overallState } from '../../src/session/overallState';
import type { Judgeability } from '../../src/quality/judgeability';
import { SnapshotBudget } from '../../src/session/SnapshotBudget';
import { manifestVersion, request } from '../shared/browserApi';
import {
  parseCaptureToAnalyzer,
  parseContentToAnalyzer,
  parseHandshake,
  type AnalyzerToCapture,
  type AnalyzerToContent,
  type ContentToAnalyzer,
  type LogOp,
} from '../shared/protocol';
import type { SecondRecord } from '../../src/session/SecondRecord';
import type { SessionEvent, SessionRecord } from '../../src/session/SessionRecord';
import { createLandmarker, MODEL_VERSION } from './landmarker';
import { chooseDelegate } from './chooseDelegate';
import { FaceFinder } from './faceFinder';
import { WHOLE, type Region } from '../../src/features/FaceRegion';
import { measureFace, thumbnail } from './facePixels';
import { alignedFaceCrop } from './faceCrop';

/** The background owns the database (see LogOp); these post one record each. */
const writeLog = (op: LogOp) => request({ kind: 'request', type: 'log/write', op });
const putSession = (session: SessionRecord) => writeLog({ op: 'session-start', session });
const appendSecond = (record: SecondRecord) => writeLog({ op: 'second', record });
const appendEvent = (event: SessionEvent) => {
  noteForOverall(event);
  return writeLog({ op: 'event', event });
};
/** An event said as data: its English `detail` is made from the same words. */
const logEvent = (event: Omit<SessionEvent, 'detail' | 'words'> & { words: Phrase }) =>
  appendEvent({ ...event, detail: english(event.words).slice(0, 512) });
const endSession = (sessionId: string, endedAt: number) =>
  writeLog({ op: 'session-end', sessionId, endedAt });

const LIPSYNC = words('Lip-sync');

let port: MessagePort | null = null;
/**
 * The tab capture feeding this frame, while the interviewer captures the tab: the offscreen document
 * sends frames of the candidate's tile and the audio envelope on this channel (extension origin only).
 */
let capture: {
  name: string;
  channel: BroadcastChannel;
  tile: AnalyzerToCapture['tile'];
  viewport: AnalyzerToCapture['viewport'];
} | null = null;
let finder: FaceFinder | null = null;
let session: {
  id: string;
  startMs: number;
  /** The page's performance.timeOrigin: this frame's clock differs from the page's that stamps frames. */
  pageTimeOrigin: number;
  summarizer: SecondSummarizer;
  lastFace: boolean | null;
  lipsync: LipSyncTracker;
  /** The voice's visemes from the call's sound, fed to lip-sync's mouth-shape cue (null: no model). */
  visemes: VisemeClassifier | null;
  /** The classifier's cost: time spent in it, and the sound it was given, ms. */
  visemeCost: { spentMs: number; soundMs: number };
  /** Page time of the last evaluation of the signals (lip-sync, face, quality), ms. */
  lastEvalMs: number;
  /** Display time of the last frame given to lip-sync, ms (a frame grabbed twice counts once). */
  lastLipFrameMs: number;
  lastReading: LipSyncReading | null;
  lastMouthWithoutVoice: boolean;
  /** The face-swap and liveness detectors and their fusion (and the frames' quality window). */
  face: FaceSignals;
  lastFusion: FusionResult | null;
  /** Challenges asked and not yet decided, by card id. */
  challenges: Map<string, ChallengeVerifier>;
  /** Challenges whose machine part is done and whose card now asks the interviewer's word. */
  awaiting: Set<string>;
  /** Face-recognition crops for the challenges in progress that compare faces, by challenge id. */
  challengeFaces: Map<string, ChallengeFaces>;
  /** Whether the interviewer confirmed the candidate agreed to the notice: faces are compared only then. */
  consent: boolean;
  /** What the overall state is computed from: every second, and the flags and verdicts. */
  seconds: SecondRecord[];
  keyEvents: SessionEvent[];
  lastOverall: string;
  /** Evidence snapshots: null unless the user turned them on. */
  snapshots: SnapshotBudget<Phrase> | null;
} | null = null;

/** Flags and challenge verdicts move the overall state: recompute it when one is logged. */
function noteForOverall(event: SessionEvent): void {
  if (!session || event.sessionId !== session.id) return;
  if (event.type !== 'flag-raised' && event.type !== 'challenge-verdict' && !isWithdrawal(event)) return;
  session.keyEvents.push(event);
  refreshOverall();
}

/** Writes the overall state into the session header when it changed (the sessions list shows and filters it). */
function refreshOverall(): void {
  if (!session) return;
  const s = session;
  const { state, reasons } = overallState(s.seconds, s.keyEvents);
  const overall = { state, reasons };
  trace({ k: 'o', t: pageNow(s.pageTimeOrigin), state: overall.state, reasons: overall.reasons });
  const key = JSON.stringify(overall);
  if (key === s.lastOverall) return;
  s.lastOverall = key;
  writeLog({ op: 'session-patch', sessionId: s.id, patch: { overall } }).catch((e) =>
    logError('overall write', e),
  );
}

/** One frame's visible mouth for the mouth-shape cue (reused). */
const mouthShape = new Float64Array(MOUTH_FEATURES.length);

/** How often the quality authority, lip-sync and the face-swap and liveness signals are evaluated, ms. */
const EVALUATE_EVERY_MS = 1000;

/**
 * Evaluation hook, in the test build only: `npm run eval:lipsync` sets `igTrace` to an array on this frame's window (through
 * the browser's debugging protocol) and reads back every input and reading. Pages cannot reach this
 * extension-origin frame, and nothing is recorded unless the array is there.
 */
const TRACE_HOOK = import.meta.env.MODE === 'test'; // only in the test build (vite.config.ts)
const tracing = (): boolean => TRACE_HOOK && Array.isArray((globalThis as { igTrace?: unknown }).igTrace);
const trace = (entry: unknown): void => {
  if (!TRACE_HOOK) return;
  const t = (globalThis as { igTrace?: unknown[] }).igTrace;
  if (Array.isArray(t)) t.push(entry);
};
/**
 * Training hook, in the test build only: `npm run train:faceswap`'s extraction sets `igCrops` to
 * `{sidePx, crops: []}` and reads back the face-swap detector's aligned crop of every analysed frame
 * (RGB, base64) with the landmarks in crop pixels, so the network trains on the crop it will see.
 */
const cropTrace = (): { sidePx: number; crops: unknown[] } | null => {
  if (!TRACE_HOOK) return null;
  const c = (globalThis as { igCrops?: { sidePx?: unknown; crops?: unknown } }).igCrops;
  return c && typeof c.sidePx === 'number' && Array.isArray(c.crops)
    ? (c as { sidePx: number; crops: unknown[] })
    : null;
};
function traceCrop(
  bitmap: ImageBitmap,
  region: Readonly<Region>,
  lm: ArrayLike<{ x: number; y: number }>,
  timestampMs: number,
): void {
  const into = cropTrace();
  if (!into) return;
  const got = alignedFaceCrop(bitmap, region, lm, into.sidePx);
  if (!got) return;
  const { rgba, matrix: m } = got;
  let bin = '';
  for (let i = 0; i < rgba.length; i += 4) bin += String.fromCharCode(rgba[i]!, rgba[i + 1]!, rgba[i + 2]!);
  const W = bitmap.width / region.w;
  const H = bitmap.height / region.h;
  const points: number[] = [];
  for (let i = 0; i < lm.length; i++) {
    const x = (lm[i]!.x - region.x) * W;
    const y = (lm[i]!.y - region.y) * H;
    points.push(r3(m[0]! * x + m[2]! * y + m[4]!), r3(m[1]! * x + m[3]! * y + m[5]!));
  }
  into.crops.push({ t: timestampMs, rgb: btoa(bin), lm: points, z: region === WHOLE ? 0 : 1 });
}

/** Now, on the page's clock (the one frame timestamps and session.startMs use). */
const pageNow = (pageTimeOrigin: number) => performance.timeOrigin + performance.now() - pageTimeOrigin;
const frame = emptyFeatureFrame();
const pixels = emptyPixelFrame();
const motion = emptyMotionFrame();
const landmarkMotion = new LandmarkMotion();
const visual: VisualFrame = { feature: frame, pixels, motion, thumb: null };
/** What the challenge verifiers see of a frame besides its features (the same reused records). */
const challengeDetail: FrameDetail = { shape: motion, look: pixels };
/** When the grabber last sent the face's region: whole pictures meanwhile give no thumbnail. */
let thumbRegionMs = -Infinity;
/** How long after the last region frame a whole picture gives no thumbnail, ms. */
const THUMB_REGION_HOLD_MS = 1500;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

function send(msg: AnalyzerToContent): void {
  port?.postMessage(msg);
}

function logError(where: string, e: unknown): void {
  console.error(`Interview Guard analyzer: ${where}:`, e);
  // A refused log write is the interviewer's business: the overlay says the call is not recorded.
  if (/write|session start|session end|snapshot/.test(where) && !logFailed) {
    logFailed = true;
    send({
      type: 'log-failed',
      reason: (e instanceof Error ? e.message : String(e)).slice(0, 512),
      ...(e instanceof SaidError ? { words: e.words } : {}),
    });
  }
}
/** Whether the overlay was told that a log write failed (once a session). */
let logFailed = false;

// Anything the wasm runtime (or anything else) tries to send off the machine is blocked by the
// extension CSP (connect-src 'self'); record each attempt so the log shows it was stopped.
document.addEventListener('securitypolicyviolation', (e) => {
  const uri = e.blockedURI;
  send({ type: 'egress-blocked', blockedUri: uri });
  if (session) {
    logEvent({
      sessionId: session.id,
      tMs: pageNow(session.pageTimeOrigin) - session.startMs,
      type: 'egress-blocked',
      words: say`${e.effectiveDirective} blocked ${uri.slice(0, 300)}`,
    }).catch((err) => logError('event write', err));
  }
});

async function loadModel(): Promise<void> {
  try {
    send({ type: 'model', state: 'loading', progress: 0 });
    const first = await createLandmarker({
      onProgress: (p) => send({ type: 'model', state: 'loading', progress: p }),
    });
    const model = first.model;
    // The GPU where the browser has hardware WebGL and a short trial shows it faster, else the CPU.
    const { choice, landmarker } = await chooseDelegate(
      first.landmarker,
      async () => (await createLandmarker({ model, delegate: 'GPU' })).landmarker,
    );
    // A second, for the face's region and for small faces the first loses (see faceFinder.ts): one
    // face, in a crop. Made now: the grabber sends regions from the first face found.
    const makeZoomed = async () =>
      (await createLandmarker({ model, numFaces: 1, delegate: choice.delegate })).landmarker;
    const f = new FaceFinder(landmarker, makeZoomed, (e) => logError('crop landmarker', e));
    await f.prepareCrop();
    finder = f;
    send({ type: 'model', state: 'ready', progress: 1, delegate: choice });
  } catch (e) {
    logError('model load', e);
    send({
      type: 'model',
      state: 'error',
      progress: 0,
      error: `The face model failed to load: ${String(e)}`,
    });
  }
}

function onFrame(msg: Extract<ContentToAnalyzer, { type: 'frame' }>): void {
  const { bitmap } = msg;
  const arrivedMs = performance.now();
  try {
    if (!finder) return;
    const t0 = performance.now();
    const region = msg.region;
    const result = finder.find(bitmap, msg.timestampMs, frame, region);
    const landmarkerMs = performance.now() - t0;
    frame.processingMs = landmarkerMs;
    // Face size in the source video's pixels, not the scaled bitmap's: the quality gate is about the call.
    frame.faceHeightPx = frame.bboxH * msg.sourceHeightPx;
    const doneMs = performance.now();
    send({
      type: 'features',
      seq: msg.seq,
      frame,
      landmarkerMs,
      analyzerMs: doneMs - arrivedMs,
      pipelineMs: performance.timeOrigin + doneMs - msg.grabStartEpochMs,
    });
    if (session) {
      measureFrame(result.faceLandmarks[finder.face], bitmap, region ?? WHOLE, msg.timestampMs);
      const readable = mouthReadable(frame);
      // The mouth is timed by when its frame was shown (else grabbed): lip-sync is about what was on screen.
      const shownMs = msg.shownAtMs ?? msg.timestampMs;
      if (shownMs > session.lastLipFrameMs) {
        session.lastLipFrameMs = shownMs;
        session.lipsync.addFrame(shownMs, frame.mouthAperture, readable, frame.mouthMotion);
        const shapes = result.faceBlendshapes?.[finder.face]?.categories;
        const seen = mouthFeatures(frame.mouthAperture, shapes, mouthShape);
        session.lipsync.addMouthShape(shownMs, mouthShape, readable && seen);
        if (tracing())
          trace({
            k: 'f',
            t: shownMs,
            g: msg.timestampMs,
            m: frame.mouthAperture,
            j: frame.jawOpen,
            v: frame.mouthMotion,
            s: mouthShapeScores(result.faceBlendshapes?.[finder.face]?.categories),
            u: readable,
          });
      }
      if (msg.timestampMs - session.lastEvalMs >= EVALUATE_EVERY_MS) evaluate(msg.timestampMs);
      verifyChallenges(msg.timestampMs, bitmap, region ?? WHOLE);
      record(msg.timestampMs);
      // Evidence shows the whole picture: a snapshot waits for the next one (a second at most).
      if (session.snapshots?.wanted && !region) takeSnapshot(session.snapshots, bitmap, msg.timestampMs);
    }
  } finally {
    // Free the pixels now rather than whenever GC runs. (The call page's large, capped growth while
    // frames are read is Chromium's readback pool, not these bitmaps: see docs/evaluations/performance.md.)
    bitmap.close();
  }
}

/**
 * The face's pixel statistics, landmark motion and the thumbnail, for the face-swap and liveness
 * signals. `lm`: the candidate's face's landmarks (on the whole picture), if the frame holds it;
 * `region`: the part of the whole picture `bitmap` holds.
 */
function measureFrame(
  lm: ArrayLike<{ x: number; y: number }> | undefined,
  bitmap: ImageBitmap,
  region: Readonly<Region>,
  timestampMs: number,
): void {
  pixels.timestampMs = timestampMs;
  if (frame.facePresent && lm) {
    measureFace(bitmap, region, lm, pixels);
    if (TRACE_HOOK) traceCrop(bitmap, region, lm, timestampMs);
    landmarkMotion.add(timestampMs, lm, bitmap.width / region.w, bitmap.height / region.h, motion);
  } else {
    pixels.valid = false;
    landmarkMotion.reset();
  }
  // The thumbnails a frozen or looped feed is read from come from one kind of frame: the region's
  // while the grabber sends it, the whole picture's otherwise. A whole picture's thumbnail of the
  // same region is resampled from other pixels and differs by more than a repeat does (a frozen feed
  // then read as moving once a second).
  if (region !== WHOLE) thumbRegionMs = timestampMs;
  visual.thumb =
    region === WHOLE && timestampMs - thumbRegionMs <= THUMB_REGION_HOLD_MS ? null : thumbnail(bitmap);
  session?.face.add(visual);
  if (tracing())
    trace({
      k: 'v',
      t: timestampMs,
      fh: frame.faceHeightPx,
      fc: frame.faceCount,
      z: finder?.zoomedLast ? 1 : 0,
      bb: frame.facePresent ? [frame.bboxX, frame.bboxY, frame.bboxW, frame.bboxH].map(r3) : null,
      yaw: frame.yawDeg,
      pitch: frame.pitchDeg,
      eL: frame.eyeOpennessL,
      eR: frame.eyeOpennessR,
      mo: frame.mouthAperture,
      p: pixels.valid ? PIXEL_KEYS.map((k) => r3(pixels[k] as number)) : null,
      m: frame.facePresent ? Object.values(motion).map(r3) : null,
      th: region === WHOLE ? Array.from(visual.thumb ?? thumbnail(bitmap)) : null,
    });
}

/** Asks for a snapshot of the current frame (taken before its pixels are freed) for `source`, if they are on. */
function wantSnapshot(source: string, reason: Phrase): void {
  session?.snapshots?.want(source, reason);
}

/** Draws the frame small (≤ 320 px) and sends it, sealed by the background, to the log. */
function takeSnapshot(budget: SnapshotBudget<Phrase>, bitmap: ImageBitmap, timestampMs: number): void {
  const s = session!;
  const reason = budget.take(timestampMs);
  if (reason === null) return;
  const scale = Math.min(1, 320 / Math.max(bitmap.width, bitmap.height));
  const canvas = new OffscreenCanvas(Math.round(bitmap.width * scale), Math.round(bitmap.height * scale));
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  void canvas
    .convertToBlob({ type: 'image/jpeg', quality: 0.7 })
    .then(async (blob) => {
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let bin = '';
      for (let i = 0; i < bytes.length; i += 0x8000)
        bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      await writeLog({
        op: 'snapshot',
        snapshot: {
          sessionId: s.id,
          tMs: timestampMs - s.startMs,
          reason: english(reason).slice(0, 512),
          words: reason,
          jpegBase64: btoa(bin),
        },
      });
    })
    .catch((e) => logError('snapshot', e));
}

/** Feeds this frame to every challenge in progress and reports those that have a verdict. */
function verifyChallenges(nowMs: number, bitmap: ImageBitmap, region: Readonly<Region>): void {
  if (!session || session.challenges.size === 0) return;
  const s = session;
  for (const [id, v] of s.challenges) {
    s.challengeFaces.get(id)?.add(bitmap, region, frame);
    v.addFrame(frame, frame.facePresent ? challengeDetail : undefined);
    const wait = s.awaiting.has(id) ? null : (v.awaiting?.(nowMs) ?? null);
    if (wait) {
      s.awaiting.add(id);
      send({ type: 'challenge/awaiting', id, result: wait });
    }
    const result = v.verdict(nowMs);
    if (!result) continue;
    s.challenges.delete(id);
    s.challengeFaces.delete(id);
    s.awaiting.delete(id);
    send({ type: 'challenge/verdict', id, result });
    if (result.verdict === 'failed')
      wantSnapshot(
        `challenge:${result.kind}`,
        say`${CHALLENGE_WORDS[result.kind]} failed: ${result.reasonWords?.[0] ?? result.reasons[0] ?? ''}`,
      );
    logEvent({
      sessionId: s.id,
      tMs: nowMs - s.startMs,
      type: 'challenge-verdict',
      words: named(
        CHALLENGE_WORDS[result.kind],
        say`${VERDICT_WORDS[result.verdict]} — ${joined(result.reasonWords ?? result.reasons)}`,
      ),
      signal: 'challenge',
      evidenceFromMs: Math.max(0, result.fromMs - s.startMs),
      data: {
        cardId: id,
        challenge: result.kind,
        verdict: result.verdict,
        feedBroke: result.feedBroke,
        ...Object.fromEntries(
          Object.entries(result.measured)
            .slice(0, 10)
            .map(([k, x]) => [k, Math.round(x * 1000) / 1000]),
        ),
      },
    }).catch((e) => logError('event write', e));
  }
}

/**
 * Once a second: the quality authority judges the recent video once, and every signal follows that
 * judgement (a signal it cannot judge raises no flag and shows "cannot judge" with the same words as
 * the Quality row).
 */
function evaluate(nowMs: number): void {
  if (!session) return;
  session.lastEvalMs = nowMs;
  const quality = session.face.judge(nowMs);
  send({ type: 'quality', judgeability: quality });
  const w = quality.measured;
  trace({ k: 'q', t: nowMs, fps: r3(w.fps), gap: r3(w.longGapShare), fh: Math.round(w.faceHeightPx) });
  evaluateLipSync(nowMs, quality);
  evaluateFace(nowMs, quality);
  if (tracing()) refreshOverall();
}

/** Evaluates the face-swap and liveness signals: strip rows to the page, flags to the log. */
function evaluateFace(nowMs: number, quality: Judgeability): void {
  if (!session) return;
  const s = session;
  const r = s.face.evaluate(nowMs, quality);
  s.lastFusion = r;
  const rows = signalRows(r);
  send({
    type: 'face-signals',
    view: { ...rows, frozen: r.flags.some((f) => f.signal === 'replay') },
  });
  if (tracing())
    trace({
      k: 's',
      t: nowMs,
      state: r.state,
      risk: r.risk,
      flags: r.flags.map((f) => f.signal),
      signals: Object.fromEntries(
        r.readings.map((x) => [
          x.signal,
          { score: x.score, confidence: x.confidence, value: x.value, reason: x.reason },
        ]),
      ),
    });
  for (const { kind, flag } of r.changes) {
    const why = readingWords(flag);
    if (kind === 'raised') wantSnapshot(flag.signal, named(FACE_SIGNAL_WORDS[flag.signal], why));
    logEvent({
      sessionId: s.id,
      tMs: nowMs - s.startMs,
      type: kind === 'raised' ? 'flag-raised' : 'flag-cleared',
      words: named(
        FACE_SIGNAL_WORDS[flag.signal],
        kind === 'raised' ? why : say`back to ordinary (was: ${why})`,
      ),
      signal: flag.signal,
      evidenceFromMs: Math.max(0, flag.sinceMs - s.startMs),
      confidence: flag.confidence,
    }).catch((e) => logError('event write', e));
  }
}

function evaluateLipSync(nowMs: number, quality: Judgeability): void {
  if (!session) return;
  const s = session;
  const r = s.lipsync.evaluate(quality.signals.lipsync);
  s.lastReading = r;
  const view = lipSyncView(r);
  send({ type: 'lipsync', view });
  trace({
    k: 'r',
    t: nowMs,
    ...view,
    flag: r.flag,
    evidence: r.latest.evidence,
    windowEndMs: r.latest.endMs,
    speechMs: r.speechMs,
    // The mean lag curve behind the state: how many windows, and its peak over its median.
    windows: r.evidence.spans,
    evidenceConfidence: r.evidence.confidence,
    // The mouth-shape cue (reported, not yet flagged on): its z, lag and evidence.
    shape: r.mouthShape && {
      evidence: r.mouthShape.evidence,
      score: r.mouthShape.score,
      lagMs: r.mouthShape.lagMs,
      coverage: r.mouthShape.coverage,
    },
    // The viseme classifier's cost, ms of analyzer time per second of sound, over the session so far.
    visemeMsPerS: s.visemeCost.soundMs > 0 ? (1000 * s.visemeCost.spentMs) / s.visemeCost.soundMs : null,
  });
  const tMs = nowMs - s.startMs;
  if (r.change?.kind === 'withdrawn') {
    // The readings disagreed: the flag no longer stands (the overall state discounts it).
    logEvent({
      sessionId: s.id,
      tMs,
      type: 'flag-cleared',
      words: named(
        LIPSYNC,
        say`withdrawn, ${r.unstable?.words ?? words('readings unstable')} (was: ${r.change.flag.words})`,
      ),
      signal: 'lipsync',
      evidenceFromMs: Math.max(0, (r.unstable?.sinceMs ?? nowMs) - s.startMs),
      data: { withdrawn: true },
    }).catch((e) => logError('event write', e));
  } else if (r.change) {
    const { flag } = r.change;
    // A flag that now stands for another finding is logged as a new flag, with its own evidence.
    const raised = r.change.kind !== 'cleared';
    if (raised) wantSnapshot('lipsync', named(LIPSYNC, flag.words));
    if (raised)
      for (const v of s.challenges.values())
        if (v instanceof RandomPhraseVerifier) v.noteLipSyncFlag(flag.words);
    logEvent({
      sessionId: s.id,
      tMs,
      type: raised ? 'flag-raised' : 'flag-cleared',
      words: named(LIPSYNC, raised ? flag.words : say`back in step (was: ${flag.words})`),
      signal: 'lipsync',
      evidenceFromMs: Math.max(0, flag.sinceMs - s.startMs),
      confidence: flag.confidence,
    }).catch((e) => logError('event write', e));
  }
  if (r.mouthWithoutVoice !== s.lastMouthWithoutVoice) {
    s.lastMouthWithoutVoice = r.mouthWithoutVoice;
    if (r.mouthWithoutVoice)
      logEvent({
        sessionId: s.id,
        tMs,
        type: 'observation',
        words: named(
          LIPSYNC,
          words('the mouth moves but no voice is heard (a muted microphone also does this)'),
        ),
        signal: 'lipsync',
      }).catch((e) => logError('event write', e));
  }
}

function record(timestampMs: number): void {
  if (!session) return;
  const s = session;
  if (s.lastFace !== frame.facePresent) {
    if (s.lastFace !== null || !frame.facePresent) {
      logEvent({
        sessionId: s.id,
        tMs: timestampMs - s.startMs,
        type: frame.facePresent ? 'face-found' : 'face-lost',
        words: !frame.facePresent
          ? words('no face in the candidate video')
          : frame.faceCount === 1
            ? words('one face in view')
            : say`${frame.faceCount} faces in view`,
      }).catch((e) => logError('event write', e));
    }
    s.lastFace = frame.facePresent;
  }
  for (const done of s.summarizer.add(frame)) {
    // A second that got no frame carries no reading: the signals' figures belong to seconds analysed.
    const rec = done.frames > 0 ? withSignals(done, s.lastReading, s.lastFusion) : done;
    appendSecond(rec).catch((e) => logError('second write', e));
    s.seconds.push(rec);
    if (rec.t % 10 === 0) refreshOverall();
  }
}

/** A row's state as the log keeps it ('not measured' is kept as null). */
const shownState = (s: RowState): SecondRecord['lipSync'] => (s === 'not-measured' ? null : s);

/** The second's record with the lip-sync and face-signal figures of the latest evaluations. */
function withSignals(rec: SecondRecord, r: LipSyncReading | null, fusion: FusionResult | null): SecondRecord {
  const rows = fusion ? signalRows(fusion) : null;
  const withFace =
    fusion && rows
      ? {
          ...rec,
          faceRisk: Math.round(fusion.risk * 1000) / 1000,
          faceSwap: shownState(rows.faceswap.state),
          liveness: shownState(rows.liveness.state),
        }
      : rec;
  if (!r) return withFace;
  const w = r.latest;
  return {
    ...withFace,
    audioLevelDb: Number.isFinite(w.levelDb) ? w.levelDb : null,
    speechFraction: w.evidence === 'no-audio' ? null : w.speechFraction,
    avOffsetMs: r.offsetMs,
    syncConfidence: w.evidence === 'enough' ? w.confidence : null,
    lipSync: r.state,
  };
}

/**
 * The viseme model (headaudio's, shipped with the extension), loaded once; null when it could not be:
 * the mouth-shape cue then has no visemes and says so, and nothing else changes.
 */
const visemeModel = fetch(visemeModelUrl)
  .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`HTTP ${r.status}`))))
  .then(parseVisemeModel)
  .catch((e: unknown) => {
    console.warn('Interview Guard analyzer: no viseme model, the mouth-shape cue is off:', e);
    return null;
  });

async function onSessionStart(msg: Extract<ContentToAnalyzer, { type: 'session/start' }>): Promise<void> {
  logFailed = false;
  const lipsync = new LipSyncTracker({ judgeOffset: capture === null });
  session = {
    id: msg.sessionId,
    startMs: msg.startMs,
    pageTimeOrigin: msg.pageTimeOrigin,
    summarizer: new SecondSummarizer(msg.sessionId, msg.startMs),
    lastFace: null,
    lipsync,
    // Set once the model is in (at once but for the first call after the frame loads): the session
    // itself starts now, so no message that follows session/start finds no session.
    visemes: null,
    visemeCost: { spentMs: 0, soundMs: 0 },
    lastEvalMs: msg.startMs,
    lastLipFrameMs: -Infinity,
    lastReading: null,
    lastMouthWithoutVoice: false,
    face: new FaceSignals(msg.startMs),
    lastFusion: null,
    challenges: new Map(),
    challengeFaces: new Map(),
    consent: false,
    awaiting: new Set(),
    seconds: [],
    keyEvents: [],
    lastOverall: '',
    snapshots: msg.snapshots ? new SnapshotBudget<Phrase>() : null,
  };
  const started = session;
  void visemeModel.then((model) => {
    if (model && session === started)
      started.visemes = new VisemeClassifier(model, (tMs, p) => onVisemes(lipsync, tMs, p));
  });
  const now = Date.now();
  await putSession({
    id: msg.sessionId,
    platform: msg.platform,
    pageHost: msg.pageHost,
    startedAt: now,
    endedAt: null,
    lastWrittenAt: now,
    seconds: 0,
    modelVersion: MODEL_VERSION,
    codeVersion: manifestVersion(),
    candidate: msg.candidate,
  });
}

async function onSessionEnd(): Promise<void> {
  if (!session) return;
  const s = session;
  session = null;
  const last = s.summarizer.flush();
  if (last) {
    const rec = withSignals(last, s.lastReading, s.lastFusion);
    s.seconds.push(rec);
    await appendSecond(rec);
  }
  const { state, reasons } = overallState(s.seconds, s.keyEvents);
  // Kept in English (the sessions list shows it); the review says it again from the events.
  await writeLog({ op: 'session-patch', sessionId: s.id, patch: { overall: { state, reasons } } });
  await endSession(s.id, Date.now());
}

/** The call's sound: to the viseme classifier (never kept). */
function onSound(msg: Extract<ContentToAnalyzer, { type: 'sound' }>): void {
  if (!session?.visemes) return;
  const t0 = performance.now();
  session.visemes.add(msg.startMs, msg.samples, msg.sampleRateHz);
  session.visemeCost.spentMs += performance.now() - t0;
  session.visemeCost.soundMs += (msg.samples.length * 1000) / msg.sampleRateHz;
}

function onVisemes(lipsync: LipSyncTracker, tMs: number, p: Float64Array): void {
  lipsync.addVisemes(tMs, p);
  if (tracing()) trace({ k: 'vis', t: tMs, p: Array.from(p, (x) => Math.round(x * 1e4) / 1e4) });
}

function onAudio(msg: Extract<ContentToAnalyzer, { type: 'audio' }>): void {
  session?.lipsync.addAudio(msg.startMs, msg.levelsDb, msg.bandsDb);
  for (const v of session?.challenges.values() ?? [])
    if (v instanceof RandomPhraseVerifier) v.addAudio(msg.startMs, msg.levelsDb);
  trace({ k: 'a', t: msg.startMs, l: msg.levelsDb, ...(msg.bandsDb ? { b: msg.bandsDb } : {}) });
}

/** The content script says the tab is captured (or no longer) and where the candidate's tile is. */
function onCapture(msg: Extract<ContentToAnalyzer, { type: 'capture' }>): void {
  if (capture && capture.name !== msg.channel) {
    capture.channel.close();
    capture = null;
  }
  // Through a capture, picture and sound arrive by paths of unknown delay: the offset is not judged.
  session?.lipsync.setJudgeOffset(!msg.channel);
  if (!msg.channel) return;
  if (!capture) {
    const channel = new BroadcastChannel(msg.channel);
    channel.onmessage = onCaptureMessage;
    capture = { name: msg.channel, channel, tile: msg.tile, viewport: msg.viewport };
  }
  capture.tile = msg.tile;
  capture.viewport = msg.viewport;
  pull(null);
}

/** Tells the offscreen document where to crop, and that frame `doneSeq` is analysed (it bounds the frames in flight). */
function pull(doneSeq: number | null): void {
  if (!capture || !session) return; // frames need the page's clock, which the session brings
  const msg: AnalyzerToCapture = {
    type: 'pull',
    doneSeq,
    tile: capture.tile,
    viewport: capture.viewport,
    pageTimeOrigin: session.pageTimeOrigin,
  };
  capture.channel.postMessage(msg);
}

function onCaptureMessage(ev: MessageEvent): void {
  const parsed = parseCaptureToAnalyzer(ev.data);
  if (!parsed.ok) {
    const b = (ev.data as { bitmap?: unknown } | null)?.bitmap;
    if (b instanceof ImageBitmap) b.close();
    console.warn(`Interview Guard analyzer: dropped a capture message: ${parsed.error}`);
    return;
  }
  const msg = parsed.msg;
  switch (msg.type) {
    case 'frame':
      onFrame(msg);
      pull(msg.seq);
      break;
    case 'audio':
      onAudio(msg);
      break;
    case 'sound':
      onSound(msg);
      break;
    case 'capture-status':
      send({ type: 'capture-status', status: msg });
      // The capture's status comes once a second: answer with where the tile is, so a capture that
      // started listening after our first word (its worker starting up) still learns it.
      pull(null);
      break;
  }
}

function onPortMessage(ev: MessageEvent): void {
  const parsed = parseContentToAnalyzer(ev.data);
  if (!parsed.ok) {
    // A bitmap in a rejected message is still ours to free.
    const b = (ev.data as { bitmap?: unknown } | null)?.bitmap;
    if (b instanceof ImageBitmap) b.close();
    console.warn(`Interview Guard analyzer: dropped a message: ${parsed.error}`);
    return;
  }
  const msg = parsed.msg;
  switch (msg.type) {
    case 'frame':
      onFrame(msg);
      break;
    case 'session/start':
      onSessionStart(msg).catch((e) => logError('session start', e));
      break;
    case 'session/end':
      onSessionEnd().catch((e) => logError('session end', e));
      break;
    case 'ping':
      send({ type: 'pong', seq: msg.seq });
      break;
    case 'audio':
      onAudio(msg);
      break;
    case 'sound':
      onSound(msg);
      break;
    case 'capture':
      onCapture(msg);
      break;
    case 'event':
      if (!session) break;
      if (msg.event === 'consent-confirmed') session.consent = true;
      appendEvent({
        sessionId: session.id,
        tMs: msg.timestampMs - session.startMs,
        type: msg.event,
        detail: msg.detail,
        ...(msg.words ? { words: msg.words } : {}),
        ...(msg.data ? { data: msg.data } : {}),
      }).catch((e) => logError('event write', e));
      break;
    case 'challenge/start':
      // At most a handful at once: a page cannot reach this port, but a bug should not grow a map.
      if (session && session.challenges.size < 4) {
        const v = createVerifier(msg.kind, msg.timestampMs, { stillMouthStd: session.lipsync.stillMouthStd });
        session.challenges.set(msg.id, v);
        if (comparesFaces(v)) {
          if (session.consent)
            session.challengeFaces.set(msg.id, new ChallengeFaces(v, (e) => logError('face recognition', e)));
          else {
            // No face recognition without the candidate's agreement: the verdict says why there is none.
            v.expectFaces();
            v.facesDone(words("the candidate's agreement to the notice was not confirmed"));
          }
        }
      }
      break;
    case 'challenge/cancel':
      session?.challenges.delete(msg.id);
      session?.challengeFaces.delete(msg.id);
      session?.awaiting.delete(msg.id);
      break;
    case 'challenge/confirm':
      // Only a challenge that asked for the interviewer's word takes it.
      if (session?.awaiting.has(msg.id)) session.challenges.get(msg.id)?.confirm?.(msg.said);
      break;
    case 'candidate':
      if (session)
        writeLog({ op: 'session-patch', sessionId: session.id, patch: { candidate: msg.card } }).catch((e) =>
          logError('candidate write', e),
        );
      break;
  }
}

// Registered at top level: the handshake may arrive as soon as the frame loads.
const handshakes = new HandshakeGate();
window.addEventListener('message', (ev: MessageEvent) => {
  const hs = parseHandshake(ev.data);
  const offered = ev.ports[0];
  // The content script posts from the embedding window; one handshake per frame (handshakeGate.ts).
  const decision = handshakes.decide(
    ev.source === window.parent && window.parent !== window,
    hs.ok && !!offered,
  );
  if (decision === 'close') offered!.close();
  if (decision !== 'claim' || !hs.ok || !offered) return;
  // Only the content script of the tab this frame lives in registered this nonce with the background.
  request({ kind: 'request', type: 'analyzer/claim', nonce: hs.msg.nonce }).then(
    (valid) => {
      if (!valid) {
        offered.close();
        return;
      }
      port = offered;
      port.onmessage = onPortMessage;
      void loadModel();
    },
    (e) => {
      offered.close();
      logError('handshake', e);
    },
  );
});

// The tab is going away: close the second in progress if we can (the last full second is already stored).
window.addEventListener('pagehide', () => {
  if (session) void onSessionEnd();
});
