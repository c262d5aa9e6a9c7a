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
import { english, SaidError, say, type Phrase } from '../../src/text/Phrase';
import type { VisualFrame } from '../../src/signals/VisualFrame';
import { mouthFeatures } from '../../src/lipsync/mouthFeatures';
import { MOUTH_FEATURES } from '../../src/lipsync/visemeMouthMap';
import { parseVisemeModel } from '../../src/audio/VisemeClassifier';
import visemeModelUrl from '@met4citizen/headaudio/dist/model-en-mixed.bin?url';
import { mouthReadable } from '../../src/lipsync/lipSyncView';
import type { FrameDetail } from '../../src/challenges/Challenge';
import { EMPTY_CARD } from '../../src/prompts/CandidateCard';
import { AnalysisSession, type SessionSink, type SessionWrite } from '../../src/session/AnalysisSession';
import { ChallengeFaces } from './challengeFaces';
import { HandshakeGate } from './handshakeGate';
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
import type { SessionRecord } from '../../src/session/SessionRecord';
import { createLandmarker, MODEL_VERSION } from './landmarker';
import { chooseDelegate } from './chooseDelegate';
import { FaceFinder } from './faceFinder';
import { WHOLE, type Region } from '../../src/features/FaceRegion';
import { measureFace, thumbnail } from './facePixels';
import { alignedFaceCrop } from './faceCrop';

/** The background owns the database (see LogOp); these post one record each. */
const writeLog = (op: LogOp) => request({ kind: 'request', type: 'log/write', op });
const putSession = (session: SessionRecord) => writeLog({ op: 'session-start', session });
const endSession = (sessionId: string, endedAt: number) =>
  writeLog({ op: 'session-end', sessionId, endedAt });
/** A session's write as the log's operation. */
const logOp = (sessionId: string, w: SessionWrite): LogOp =>
  w.op === 'overall' ? { op: 'session-patch', sessionId, patch: { overall: w.overall } } : w;

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
/** The call being watched: its pipeline (src/session/AnalysisSession) and what needs this frame's pixels. */
let session: {
  id: string;
  startMs: number;
  /** The page's performance.timeOrigin: this frame's clock differs from the page's that stamps frames. */
  pageTimeOrigin: number;
  pipeline: AnalysisSession;
  /** Face-recognition crops for the challenges in progress that compare faces, by challenge id. */
  challengeFaces: Map<string, ChallengeFaces>;
  /** Evidence snapshots: null unless the user turned them on. */
  snapshots: SnapshotBudget<Phrase> | null;
  /** The co-pilot's clock: it may offer a card every 2 s. */
  prompter: ReturnType<typeof setInterval> | undefined;
} | null = null;
/** Display time of the last frame traced for the evaluation (a frame grabbed twice is traced once). */
let lastTracedShownMs = -Infinity;

/** One frame's visible mouth for the mouth-shape cue (reused). */
const mouthShape = new Float64Array(MOUTH_FEATURES.length);

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

/** Random numbers for the co-pilot from the platform's CSPRNG: a candidate cannot predict the next card. */
const cryptoRandom = (): number => crypto.getRandomValues(new Uint32Array(1))[0]! / 2 ** 32;

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
    const w = say`${e.effectiveDirective} blocked ${uri.slice(0, 300)}`;
    session.pipeline.note(
      { type: 'egress-blocked', detail: english(w).slice(0, 512), words: w },
      pageNow(session.pageTimeOrigin),
    );
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
      face: {
        facePresent: frame.facePresent,
        bboxX: frame.bboxX,
        bboxY: frame.bboxY,
        bboxW: frame.bboxW,
        bboxH: frame.bboxH,
      },
      landmarkerMs,
      analyzerMs: doneMs - arrivedMs,
      pipelineMs: performance.timeOrigin + doneMs - msg.grabStartEpochMs,
    });
    if (session) {
      const s = session;
      measureFrame(result.faceLandmarks[finder.face], bitmap, region ?? WHOLE, msg.timestampMs);
      const readable = mouthReadable(frame);
      // The mouth is timed by when its frame was shown (else grabbed): lip-sync is about what was on screen.
      const shownMs = msg.shownAtMs ?? msg.timestampMs;
      const shapes = result.faceBlendshapes?.[finder.face]?.categories;
      const seen = mouthFeatures(frame.mouthAperture, shapes, mouthShape);
      if (tracing() && shownMs > lastTracedShownMs) {
        lastTracedShownMs = shownMs;
        trace({
          k: 'f',
          t: shownMs,
          g: msg.timestampMs,
          m: frame.mouthAperture,
          j: frame.jawOpen,
          v: frame.mouthMotion,
          s: mouthShapeScores(shapes),
          u: readable,
        });
      }
      // Face crops for challenges that compare faces, before their verifiers see the frame.
      for (const faces of s.challengeFaces.values()) faces.add(bitmap, region ?? WHOLE, frame);
      s.pipeline.addFrame({
        visual,
        shownMs,
        mouthReadable: readable,
        mouthShape,
        mouthShapeSeen: seen,
        detail: challengeDetail,
      });
      // Evidence shows the whole picture: a snapshot waits for the next one (a second at most).
      if (s.snapshots?.wanted && !region) takeSnapshot(s, s.snapshots, bitmap, msg.timestampMs);
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

/** Draws the frame small (≤ 320 px) and sends it, sealed by the background, to the log. */
function takeSnapshot(
  s: { id: string; startMs: number },
  budget: SnapshotBudget<Phrase>,
  bitmap: ImageBitmap,
  timestampMs: number,
): void {
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

/** Where a session's results go: the log (through the background), the content script, the snapshot budget. */
function sinkFor(s: NonNullable<typeof session>): SessionSink {
  const failed = { second: 'second write', event: 'event write', overall: 'overall write' } as const;
  return {
    write: (w) => void writeLog(logOp(s.id, w)).catch((e) => logError(failed[w.op], e)),
    view: (v) => send({ type: 'signals', ...v }),
    prompt: (view, history) => send({ type: 'prompt', view, history: [...history] }),
    compareFaces: (id, verifier) => {
      if (verifier)
        s.challengeFaces.set(id, new ChallengeFaces(verifier, (e) => logError('face recognition', e)));
      else s.challengeFaces.delete(id);
    },
    snapshot: (source, reason) => s.snapshots?.want(source, reason),
    trace,
    tracing,
  };
}

async function onSessionStart(msg: Extract<ContentToAnalyzer, { type: 'session/start' }>): Promise<void> {
  logFailed = false;
  lastTracedShownMs = -Infinity;
  const s: NonNullable<typeof session> = {
    id: msg.sessionId,
    startMs: msg.startMs,
    pageTimeOrigin: msg.pageTimeOrigin,
    pipeline: null!,
    challengeFaces: new Map(),
    snapshots: msg.snapshots ? new SnapshotBudget<Phrase>() : null,
    prompter: undefined,
  };
  s.pipeline = new AnalysisSession(msg.sessionId, sinkFor(s), {
    startMs: msg.startMs,
    judgeOffset: capture === null,
    bank: msg.bank,
    // No card until the interviewer confirms the one kept for the next call is this candidate.
    candidate: msg.candidate ?? EMPTY_CARD,
    random: cryptoRandom,
  });
  session = s;
  // The first card a little after the start, then whenever the co-pilot's pacing allows.
  s.prompter = setInterval(() => s.pipeline.tick(pageNow(s.pageTimeOrigin)), 2000);
  // The classifier joins once the model is in (at once but for the first call after the frame loads):
  // the session itself starts now, so no message that follows session/start finds no session.
  void visemeModel.then((model) => {
    if (model && session === s) s.pipeline.useVisemeModel(model);
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
  clearInterval(s.prompter);
  for (const w of s.pipeline.end()) await writeLog(logOp(s.id, w));
  await endSession(s.id, Date.now());
}

/** The call's sound: to the viseme classifier (never kept). */
function onSound(msg: Extract<ContentToAnalyzer, { type: 'sound' }>): void {
  session?.pipeline.addSound(msg.startMs, msg.samples, msg.sampleRateHz);
}

function onAudio(msg: Extract<ContentToAnalyzer, { type: 'audio' }>): void {
  session?.pipeline.addAudio(msg.startMs, msg.levelsDb, msg.bandsDb);
  if (tracing())
    trace({ k: 'a', t: msg.startMs, l: msg.levelsDb, ...(msg.bandsDb ? { b: msg.bandsDb } : {}) });
}

/** The content script says the tab is captured (or no longer) and where the candidate's tile is. */
function onCapture(msg: Extract<ContentToAnalyzer, { type: 'capture' }>): void {
  if (capture && capture.name !== msg.channel) {
    capture.channel.close();
    capture = null;
  }
  // Through a capture, picture and sound arrive by paths of unknown delay: the offset is not judged.
  session?.pipeline.setJudgeOffset(!msg.channel);
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
      session?.pipeline.note(
        {
          type: msg.event,
          detail: msg.detail,
          ...(msg.words ? { words: msg.words } : {}),
          ...(msg.data ? { data: msg.data } : {}),
        },
        msg.timestampMs,
      );
      break;
    case 'prompt/asked':
      session?.pipeline.asked(msg.timestampMs);
      break;
    case 'prompt/skip':
      session?.pipeline.skip(msg.timestampMs);
      break;
    case 'prompt/mark':
      session?.pipeline.mark(msg.mark, msg.note, msg.timestampMs, msg.statedTime);
      break;
    case 'prompt/challenge':
      session?.pipeline.requestChallenge(msg.kind, msg.timestampMs);
      break;
    case 'prompt/confirm':
      session?.pipeline.confirm(msg.said);
      break;
    case 'candidate':
      session?.pipeline.setCandidate(msg.card ?? EMPTY_CARD);
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
