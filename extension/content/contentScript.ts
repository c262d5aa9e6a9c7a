/**
 * Content script on call pages: finds the candidate's video, feeds the analyzer frame its frames and
 * sound, passes on the interviewer's intents (Start, Stop, the card's buttons, notice and consent),
 * shows the judgement the analyzer's session builds (src/session/AnalysisSession) beside its own
 * pipeline figures in the overlay (overlayHost), and reports the status to the extension.
 * Listeners are registered at top level; a watch is torn down through its AbortSignal.
 */
import type { FaceBox } from '../../src/features/FaceZoom';
import { PipelineFigures } from '../../src/metrics/PipelineFigures';
import type { Rect } from '../../src/overlay/placeOverlay';
import { mapNormalisedBox, videoContentRect } from '../../src/overlay/videoContentRect';
import { createStore } from '../../src/status/createStore';
import { initialStatus, type LiveStatus } from '../../src/status/LiveStatus';
import { noticeFingerprint } from '../../src/consent/noticeText';
import { localStorage, notify, onMessage, request, type Sender } from '../shared/browserApi';
import type { Answerers, ContentRequestType } from '../shared/runtimeProtocol';
import { currentNotice } from '../shared/noticeSettings';
import type { AnalyzerToContent, ContentToAnalyzer } from '../shared/protocol';
import { adapterFor } from './adapters/adapters';
import { connectAnalyzer, type AnalyzerClient } from './analyzerClient';
import { createOverlayHost } from './overlayHost';
import { remoteAudioTracks, startAudioTap } from './audioTap';
import { FrameGrabber } from './frameGrabber';
import { inSelfView, isMirrored, watchCandidateVideo, type FinderControl, type Target } from './videoFinder';
import { isVideo, searchRoots, anyMatch, viewportRect } from './pageRoots';
import { uiLocale } from '../shared/i18n';
import { videoNote } from '../../src/status/videoNote';
import {
  english,
  errorWords,
  joined,
  say,
  verbatim,
  words,
  type Phrase,
  type Said,
} from '../../src/text/Phrase';
import { cardSummary, type CandidateCard } from '../../src/prompts/CandidateCard';
import type { QuestionMark } from '../../src/prompts/PromptFlow';
import type { ChallengeKind } from '../../src/challenges/Challenge';
import type { QuestionBank } from '../../src/prompts/QuestionBank';
import { currentQuestionBank, defaultBankFor, SNAPSHOTS_KEY } from '../shared/promptSettings';

const adapter = adapterFor(new URL(location.href));
const status = createStore<LiveStatus>(initialStatus(adapter.id));
const overlay = createOverlayHost(status, location.hostname, {
  onStart: () => void startWatching(),
  onStop: stopWatching,
  onNotice: () => void copyNotice(),
  onConsent: confirmConsent,
  onCandidate: (use: boolean) => void answerCandidateOffer(use),
  onPromptAsked: () => promptAction('asked'),
  onPromptSkip: () => promptAction('skip'),
  onPromptMark: (mark: QuestionMark) => {
    try {
      markQuestion(mark, '', '');
    } catch {
      // The card is already marked or gone: the button was pressed twice.
    }
  },
  onChallenge: (kind: ChallengeKind) =>
    watch?.analyzer?.send({ type: 'prompt/challenge', kind, timestampMs: performance.now() }),
  onPromptConfirm: (said: boolean) => watch?.analyzer?.send({ type: 'prompt/confirm', said }),
});

// ---------- status reporting ----------
let lastNotified = 0;
let notifyTimer: ReturnType<typeof setTimeout> | undefined;
status.subscribe(() => {
  // At most twice a second; the side panel does not need every frame.
  const wait = Math.max(0, 500 - (performance.now() - lastNotified));
  if (notifyTimer !== undefined) return;
  notifyTimer = setTimeout(() => {
    notifyTimer = undefined;
    lastNotified = performance.now();
    notify({ kind: 'notice', type: 'status', status: status.get() });
  }, wait);
});

// ---------- watching ----------
interface Watch {
  ac: AbortController;
  analyzer: AnalyzerClient | null;
  grabber: FrameGrabber | null;
  /** The candidate's <video>, or their tile drawn on a canvas (read only through a tab capture). */
  target: Target | null;
  /** Why the finder picked the target (for the status). */
  targetReason: Phrase;
  /** Reading the page's own media (frames of the <video>, the audio tap); aborted while the tab is captured. */
  pageMedia: AbortController | null;
  /** The tab capture's channel while the interviewer captures this tab (null: reading the page itself). */
  capture: string | null;
  /** The tile last sent to the analyzer for cropping the capture (JSON), to send only changes. */
  lastTile: string;
  /** The pipeline's speed, for the overlay's details and the bench. */
  figures: PipelineFigures;
  sessionId: string;
  startMs: number;
  /** When the face, frame rate and pipeline figures were last put in the status (page clock, ms). */
  lastPerfMs: number;
  framesTotal: number;
  /** The video finder's controls (null until analysis starts). */
  finder: FinderControl | null;
  /** Since when the analysed video has shown no face, ms (NaN while it shows one). */
  noFaceSinceMs: number;
  /** When the analyzer last sent anything (page clock, ms; NaN before its first message). */
  lastHeardMs: number;
  /** Whether the overlay says the analyzer stopped answering. */
  stale: boolean;
  /** Why the log refused this session's writes, once it has (the call is then not recorded). */
  notRecorded: Said | null;
  /** The card kept for the next call, while the overlay asks whether it is this call's candidate. */
  offeredCard: CandidateCard | null;
  /** The question card last marked: a second mark of it is refused while the analyzer's answer is on its way. */
  markedCardId: string | null;
}

/**
 * A video that has never shown a face (a screen share the adapter missed, a slide) gives way to any
 * other eligible video after 6 s; one that has (a candidate who looks away, or leaves the desk) only
 * after 30 s, so a second participant's tile does not take over for a glance aside. For a minute.
 */
const NO_FACE_DEMOTE_MS = 6000;
const LOST_FACE_DEMOTE_MS = 30_000;
const DEMOTE_FOR_MS = 60_000;
const showedFace = new WeakSet<Element>();

/** What the self-check says about the adapter: whether it recognises the page's call layout. */
function layoutNote(): Phrase | null {
  if (adapter.layout.length === 0) return null;
  return anyMatch(searchRoots(adapter), adapter.layout)
    ? say`${adapter.label} layout recognised`
    : say`${adapter.label} layout not recognised (the page may have changed): using the generic rules — the largest remote, non-mirrored video, never the self-view`;
}
let watch: Watch | null = null;

function sendEvent(
  w: Watch,
  event: Extract<ContentToAnalyzer, { type: 'event' }>['event'],
  said: Phrase,
  data?: Record<string, string | number | boolean>,
): void {
  w.analyzer?.send({
    type: 'event',
    event,
    detail: english(said).slice(0, 512),
    words: said,
    timestampMs: performance.now(),
    ...(data ? { data } : {}),
  });
}

/** A video that shows no face for seconds (a screen, a slide) gives way to another eligible one (see NO_FACE_DEMOTE_MS). */
function noteFaceForFinder(w: Watch, facePresent: boolean): void {
  const now = performance.now();
  if (facePresent) {
    w.noFaceSinceMs = NaN;
    if (w.target) showedFace.add(w.target);
  } else if (Number.isNaN(w.noFaceSinceMs)) w.noFaceSinceMs = now;
  else if (
    w.target &&
    w.finder &&
    now - w.noFaceSinceMs >= (showedFace.has(w.target) ? LOST_FACE_DEMOTE_MS : NO_FACE_DEMOTE_MS)
  ) {
    w.finder.demote(w.target, DEMOTE_FOR_MS);
    w.noFaceSinceMs = NaN;
  }
}

/** Where the target shows picture in the viewport, CSS px (a video's letterbox bars left out). */
function targetRect(el: Target): Rect {
  const r = viewportRect(el);
  const box = { x: r.left, y: r.top, w: r.width, h: r.height };
  return isVideo(el)
    ? videoContentRect(box, el.videoWidth, el.videoHeight, getComputedStyle(el).objectFit)
    : box;
}

function updateFaceRect(w: Watch, f: FaceBox): void {
  // The analysed frame is the target's picture (the video, or the capture cropped to the tile).
  overlay.setFaceRect(
    w.target && f.facePresent
      ? mapNormalisedBox(targetRect(w.target), f.bboxX, f.bboxY, f.bboxW, f.bboxH)
      : null,
  );
}

/**
 * Feeds the analyzer from the page or from the tab capture, whichever applies now: the page's own
 * <video> and audio streams when it has them and no capture runs; the capture, cropped to the
 * target's tile, while one does. A tile drawn on a canvas without a capture asks the interviewer for one.
 */
function route(w: Watch): void {
  const video = w.target && isVideo(w.target) ? w.target : null;
  if (w.capture) {
    w.grabber?.setVideo(null);
    if (w.pageMedia) {
      w.pageMedia.abort();
      w.pageMedia = null;
    }
    sendTile(w, true);
  } else {
    w.grabber?.setVideo(video);
    if (!w.pageMedia) {
      w.pageMedia = new AbortController();
      listenToCandidate(w, w.pageMedia.signal);
    }
  }
  const canvasOnly = !!w.target && !video;
  const size = w.target ? targetSize(w.target) : '';
  status.set((s) => ({
    ...s,
    capture: w.capture ? 'on' : canvasOnly ? 'needed' : 'off',
    videoNote: videoNote({
      found: !!w.target,
      why: w.targetReason,
      size,
      capture: !!w.capture,
      canvasOnly,
    }),
    face: w.target ? s.face : 'unknown',
    layoutNote: layoutNote(),
  }));
}

/** A video by its stream's size; a tile drawn on a canvas by its size on screen. */
function targetSize(el: Target): Phrase {
  if (isVideo(el)) return verbatim(`${el.videoWidth}×${el.videoHeight}`);
  const r = targetRect(el);
  return say`${Math.round(r.w)}×${Math.round(r.h)} on screen`;
}

/** While the tab is captured: tells the analyzer where the candidate's tile is now (layouts move). */
function sendTile(w: Watch, force = false): void {
  if (!w.capture) return;
  const tile = w.target ? targetRect(w.target) : null;
  const viewport = { w: innerWidth, h: innerHeight };
  const key = JSON.stringify([tile, viewport]);
  if (!force && key === w.lastTile) return;
  w.lastTile = key;
  w.analyzer?.send({ type: 'capture', channel: w.capture, tile, viewport });
}

/** The background says the interviewer captured this tab (a channel) or the capture ended (null). */
function setCapture(channel: string | null): LiveStatus {
  const w = watch;
  if (!w) return status.get();
  const was = w.capture;
  w.capture = channel;
  if (!channel && was) {
    w.analyzer?.send({ type: 'capture', channel: null, tile: null, viewport: { w: 0, h: 0 } });
    status.set((s) => ({ ...s, audio: null }));
  }
  if (channel !== was)
    sendEvent(
      w,
      channel ? 'capture-start' : 'capture-stop',
      channel ? words('the interviewer captured the tab') : words('the tab capture ended'),
    );
  // Before analysis begins there is nothing to route yet; beginAnalysis routes with the capture set.
  if (w.finder) route(w);
  return status.get();
}

/** The analyzer's first answer may take this long (its frame loads and starts the model), ms. */
const ANALYZER_FIRST_ANSWER_MS = 20_000;
/** After that, silence this long means the analyzer is gone or stuck (it answers a ping every 2 s), ms. */
const ANALYZER_SILENT_MS = 10_000;
const ANALYZER_SILENT = say`cannot judge: ${words('the analyzer stopped answering')}`;
const STALE_ERROR = words(
  'The analyzer stopped answering: the signals shown are out of date, nothing is analysed or recorded. Press Stop, then Start.',
);

/**
 * Pings the analyzer every 2 s. No first answer (a refused handshake, a frame that did not start) is
 * an error; silence after that marks every row "cannot judge" until it answers again, so a dead
 * frame never leaves its last state on screen.
 */
function watchAnalyzer(w: Watch, connectedMs: number): void {
  let seq = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    w.analyzer?.send({ type: 'ping', seq: ++seq });
    if (Number.isNaN(w.lastHeardMs)) {
      if (now - connectedMs < ANALYZER_FIRST_ANSWER_MS) return;
      clearInterval(timer);
      if (watch === w) watch = null;
      w.ac.abort();
      status.set((s) => ({
        ...s,
        phase: 'error',
        error: say`The analyzer did not answer within ${ANALYZER_FIRST_ANSWER_MS / 1000} s of starting: nothing is analysed or recorded. Press Start again.`,
      }));
      return;
    }
    if (!w.stale && now - w.lastHeardMs > ANALYZER_SILENT_MS) {
      w.stale = true;
      status.set((s) => ({
        ...s,
        signals: s.signals.map((r) => ({
          ...r,
          state: 'cannot-judge',
          detail: english(ANALYZER_SILENT),
          words: ANALYZER_SILENT,
        })),
        error: STALE_ERROR,
      }));
    }
  }, 2000);
  w.ac.signal.addEventListener('abort', () => clearInterval(timer));
}

function onAnalyzerMessage(w: Watch, msg: AnalyzerToContent): void {
  w.lastHeardMs = performance.now();
  if (w.stale) {
    w.stale = false;
    status.set((s) => ({ ...s, error: s.error === STALE_ERROR ? null : s.error }));
  }
  switch (msg.type) {
    case 'pong':
      break;
    case 'model':
      if (msg.state === 'loading')
        status.set((s) => ({ ...s, phase: 'loading', modelProgress: msg.progress }));
      else if (msg.state === 'error') {
        status.set((s) => ({
          ...s,
          phase: 'error',
          error: msg.error ?? words('the face model failed to load'),
        }));
        stopWatching();
      } else {
        const d = msg.delegate;
        if (d) status.set((s) => ({ ...s, delegate: d }));
        void beginAnalysis(w);
      }
      break;
    case 'features': {
      noteFaceForFinder(w, msg.face.facePresent);
      const roundTripMs = w.grabber?.done(msg.seq, msg.face);
      const now = performance.now();
      w.figures.add(
        {
          // From a tab capture: the pipeline runs from the frame's arrival in the offscreen document.
          pipelineMs: roundTripMs != null || w.capture ? msg.pipelineMs : null,
          analyzerMs: msg.analyzerMs,
          landmarkerMs: msg.landmarkerMs,
          grab: roundTripMs != null ? { grabMs: w.grabber?.lastGrabMs ?? 0, roundTripMs } : null,
        },
        now,
      );
      updateFaceRect(w, msg.face);
      const face = msg.face.facePresent ? 'found' : 'none';
      if (face !== status.get().face || now - w.lastPerfMs > 500) {
        w.lastPerfMs = now;
        const g = w.grabber;
        status.set((s) => ({
          ...s,
          face,
          fps: w.figures.rate(now),
          elapsedS: Math.floor((now - w.startMs) / 1000),
          perf: w.figures.figures(g && { ...g.stats, targetFps: g.targetFps }, !!w.capture),
        }));
      }
      break;
    }
    case 'egress-blocked':
      console.info(`Interview Guard: blocked an attempt to reach ${msg.blockedUri}`);
      break;
    case 'log-failed':
      w.notRecorded = msg.words ?? msg.reason;
      status.set((s) => ({ ...s, error: say`Not recording: ${msg.words ?? msg.reason}` }));
      break;
    case 'prompt':
      // The co-pilot runs with the session in the analyzer: its card is shown as it comes.
      status.set((s) => ({ ...s, prompt: msg.view, promptHistory: msg.history }));
      break;
    case 'signals':
      // The session's judgement, built once in the analyzer: shown as it comes.
      status.set((s) => ({
        ...s,
        quality: msg.quality,
        lipsync: msg.lipsync,
        faceSignals: msg.faceSignals,
        signals: msg.rows,
      }));
      break;
    case 'capture-status': {
      if (!w.capture) break;
      const c = msg.status;
      const note =
        c.audioTracks === 0
          ? (c.note ?? 'the captured tab has no sound')
          : c.playback !== 'running'
            ? `heard, but the call's sound is not being played back to you (${c.playback}): stop the capture if you cannot hear the candidate`
            : null;
      status.set((s) => ({ ...s, audio: { tracks: c.audioTracks, note } }));
      break;
    }
  }
}

async function beginAnalysis(w: Watch): Promise<void> {
  if (!w.analyzer || w.ac.signal.aborted) return;
  const { bank, snapshots, problems } = await loadPromptSettings();
  if (!w.analyzer || w.ac.signal.aborted) return;
  w.analyzer.send({
    type: 'session/start',
    sessionId: w.sessionId,
    platform: adapter.id,
    pageHost: location.host,
    startMs: w.startMs,
    pageTimeOrigin: performance.timeOrigin,
    // No card until the interviewer confirms the one kept for the next call is this candidate.
    candidate: null,
    snapshots,
    bank,
  });
  void offerCandidate(w);
  if (problems.length) status.set((s) => ({ ...s, info: joined(problems, ' ') }));
  sendEvent(w, 'watch-start', say`watching on ${adapter.label}`);
  if (noticeBeforeWatch && performance.now() - noticeBeforeWatch.atMs < 30 * 60_000) {
    const minutes = Math.round((performance.now() - noticeBeforeWatch.atMs) / 60_000);
    sendEvent(
      w,
      'notice-given',
      say`notice ${noticeBeforeWatch.fingerprint} copied for the candidate ${minutes} min before watching started`,
    );
    noticeBeforeWatch = null;
  }
  if (consentBeforeWatch !== null) {
    const minutes = Math.round((performance.now() - consentBeforeWatch) / 60_000);
    sendEvent(w, 'consent-confirmed', say`${CONSENT_WORDS} ${minutes} min before watching started`);
    consentBeforeWatch = null;
    status.set((s) => ({ ...s, consent: true }));
  }
  w.grabber = new FrameGrabber(w.analyzer.port);
  status.set((s) => ({ ...s, phase: 'watching', modelProgress: 1, sessionId: w.sessionId }));
  w.finder = watchCandidateVideo(
    adapter,
    ({ target, result, report }) => {
      w.target = target;
      status.set((s) => ({ ...s, pick: report }));
      w.targetReason = result.words;
      w.noFaceSinceMs = NaN;
      if (target) sendEvent(w, 'video-picked', say`${result.words} (${targetSize(target)})`);
      else {
        overlay.setFaceRect(null);
        sendEvent(w, 'video-lost', result.words);
      }
      route(w);
    },
    w.ac.signal,
  );
  // Tiles move (pinning, a resized window): keep the capture's crop on the candidate.
  const tileTimer = setInterval(() => sendTile(w), 500);
  w.ac.signal.addEventListener('abort', () => clearInterval(tileTimer));
}

/** Offers the card kept for the next call: the overlay asks whether it is this call's candidate. */
async function offerCandidate(w: Watch): Promise<void> {
  let card: CandidateCard | null = null;
  try {
    card = await request({ kind: 'request', type: 'candidate/get' });
  } catch (e) {
    status.set((s) => ({
      ...s,
      info: say`The candidate card could not be read: ${errorWords(e)}`,
    }));
  }
  if (!card || watch !== w || w.ac.signal.aborted) return;
  w.offeredCard = card;
  status.set((s) => ({ ...s, candidateCard: { state: 'offered', summary: cardSummary(card) } }));
}

/** This call's card from now on (null: none): the questions, the session log, the status. */
function useCandidate(w: Watch, card: CandidateCard | null, detail: Phrase): void {
  w.offeredCard = null;
  w.analyzer?.send({ type: 'candidate', card });
  sendEvent(w, 'candidate-card', detail);
  status.set((s) => ({
    ...s,
    candidateCard: card ? { state: 'in-use', summary: cardSummary(card) } : null,
  }));
}

/**
 * The interviewer's answer to "is this the candidate on this call?". Yes: the card is used (and
 * sealed in this session's log). No: it is forgotten, so it cannot reach a later call either.
 */
async function answerCandidateOffer(use: boolean): Promise<void> {
  const w = watch;
  const card = w?.offeredCard;
  if (!w || !card) return;
  if (use) {
    useCandidate(
      w,
      card,
      card.name
        ? say`the interviewer confirmed the candidate card for this call (${card.name})`
        : words('the interviewer confirmed the candidate card for this call (no name)'),
    );
    return;
  }
  w.offeredCard = null;
  status.set((s) => ({ ...s, candidateCard: null }));
  sendEvent(
    w,
    'candidate-card',
    words('the candidate card kept for the next call was not for this candidate: forgotten'),
  );
  try {
    await request({ kind: 'request', type: 'candidate/forget' });
  } catch (e) {
    status.set((s) => ({
      ...s,
      error: say`The candidate card could not be forgotten: ${errorWords(e)}`,
    }));
  }
}

/** The question bank and the snapshot setting; a broken bank is reported and replaced by the default. */
async function loadPromptSettings(): Promise<{
  bank: QuestionBank;
  snapshots: boolean;
  problems: Said[];
}> {
  const problems: Said[] = [];
  let bank = defaultBankFor(uiLocale());
  let snapshots = false;
  try {
    snapshots = (await localStorage.get<unknown>(SNAPSHOTS_KEY)) === true;
    const current = await currentQuestionBank(localStorage, uiLocale());
    bank = current.bank;
    if (current.problem) problems.push(current.problem);
  } catch (e) {
    problems.push(say`Settings could not be read: ${errorWords(e)}`);
  }
  return { bank, snapshots, problems };
}

/** The candidate's voice → speech envelope → analyzer (lip-sync). Audio found/lost goes to the log. */
function listenToCandidate(w: Watch, signal: AbortSignal): void {
  const isSelf = (el: Element) => inSelfView(adapter, el) || isMirrored(el);
  let heard: boolean | null = null;
  try {
    startAudioTap(
      () => remoteAudioTracks(isSelf, searchRoots(adapter)),
      (chunk) =>
        w.analyzer?.send({
          type: 'audio',
          startMs: chunk.startMs,
          levelsDb: chunk.levelsDb,
          bandsDb: chunk.bandsDb,
        }),
      (sound) =>
        w.analyzer?.send({
          type: 'sound',
          startMs: sound.startMs,
          sampleRateHz: sound.sampleRateHz,
          samples: sound.samples,
        }),
      (a) => {
        status.set((s) => ({ ...s, audio: a }));
        const now = a.tracks > 0;
        if (now !== heard) {
          heard = now;
          if (now)
            sendEvent(
              w,
              'audio-found',
              a.tracks === 1
                ? words('listening to 1 audio track of the call')
                : say`listening to ${a.tracks} audio tracks of the call`,
            );
          else sendEvent(w, 'audio-lost', a.note ?? words('no candidate audio'));
        }
      },
      signal,
    );
  } catch (e) {
    status.set((s) => ({
      ...s,
      audio: {
        tracks: 0,
        note: say`the audio could not be read: ${errorWords(e)}`,
      },
    }));
  }
}

async function startWatching(): Promise<LiveStatus> {
  overlay.mount();
  if (watch) return status.get();
  const w: Watch = {
    ac: new AbortController(),
    analyzer: null,
    grabber: null,
    target: null,
    targetReason: words('starting'),
    pageMedia: null,
    capture: null,
    lastTile: '',
    figures: new PipelineFigures(),
    sessionId: crypto.randomUUID(),
    startMs: performance.now(),
    lastPerfMs: 0,
    framesTotal: 0,
    finder: null,
    noFaceSinceMs: NaN,
    lastHeardMs: NaN,
    stale: false,
    notRecorded: null,
    offeredCard: null,
    markedCardId: null,
  };
  watch = w;
  w.ac.signal.addEventListener('abort', () => w.pageMedia?.abort());
  status.set((s) => ({
    ...initialStatus(adapter.id),
    phase: 'loading',
    videoNote: 'starting',
    signals: s.signals,
  }));
  try {
    w.analyzer = await connectAnalyzer(overlay.shadow, (msg) => onAnalyzerMessage(w, msg), w.ac.signal);
    watchAnalyzer(w, performance.now());
  } catch (e) {
    if (watch === w) watch = null;
    w.ac.abort();
    status.set((s) => ({
      ...s,
      phase: 'error',
      error: say`Could not start the analyzer: ${errorWords(e)}`,
    }));
  }
  return status.get();
}

function stopWatching(): LiveStatus {
  const w = watch;
  if (!w) return status.get();
  watch = null;
  sendEvent(w, 'watch-stop', words('stopped by the interviewer'));
  w.analyzer?.send({ type: 'session/end' });
  w.grabber?.stop();
  w.ac.abort();
  overlay.setFaceRect(null);
  status.set((s) => ({
    ...initialStatus(adapter.id),
    error: s.phase === 'error' ? s.error : null,
    // Where the call went, said at once.
    info:
      w.notRecorded !== null
        ? say`Stopped. This call was not recorded: ${w.notRecorded}`
        : words(
            'Stopped. The call is saved in the encrypted session log: “Review past sessions” in the toolbar button or the side panel opens it.',
          ),
  }));
  return status.get();
}

// ---------- candidate notice ----------
/** The last notice copied before watching started, logged when the session starts. */
let noticeBeforeWatch: { atMs: number; fingerprint: string } | null = null;

async function copyNotice(): Promise<void> {
  try {
    const text = await currentNotice();
    await navigator.clipboard.writeText(text);
    const fingerprint = noticeFingerprint(text);
    if (watch?.analyzer)
      sendEvent(watch, 'notice-given', say`notice ${fingerprint} copied for the candidate`);
    else noticeBeforeWatch = { atMs: performance.now(), fingerprint };
    status.set((s) => ({
      ...s,
      info: words('Notice copied: paste it in the chat or read it aloud.'),
      error: null,
    }));
  } catch (e) {
    status.set((s) => ({
      ...s,
      error: say`Could not copy the notice: ${errorWords(e)}`,
    }));
  }
}

/** The interviewer's word that the candidate agreed, given before watching started (page time, ms). */
let consentBeforeWatch: number | null = null;
const CONSENT_WORDS = words('the interviewer confirmed that the candidate agreed to the notice');

/**
 * The candidate agreed to the notice: logged as the interviewer's word (the analyzer runs
 * face-recognition comparisons only after it). Before watching, it is logged when the session starts.
 */
function confirmConsent(): void {
  if (watch?.analyzer) sendEvent(watch, 'consent-confirmed', CONSENT_WORDS);
  else consentBeforeWatch = performance.now();
  status.set((s) => ({
    ...s,
    consent: true,
    info: words('Agreement noted in the session log.'),
    error: null,
  }));
}

// ---------- top-level listeners ----------
/** The content script's requests, all from the background. */
const answerers: Answerers<ContentRequestType, Sender> = {
  'content/watch': (msg) => (msg.on ? startWatching() : stopWatching()),
  'content/capture': (msg) => setCapture(msg.channel),
  'content/mark': (msg) => {
    markQuestion(msg.mark, msg.note, msg.statedTime);
    return true;
  },
  'content/candidate': (msg) => {
    // Edited in the side panel while this call is watched: this call's card from now on.
    const w = watch;
    // Before analysis begins, the card goes with the session's start instead.
    if (!w?.finder) return false;
    useCandidate(
      w,
      msg.card,
      !msg.card
        ? words('candidate card cleared in the side panel during the call')
        : msg.card.name
          ? say`candidate card edited in the side panel during the call (${msg.card.name})`
          : words('candidate card edited in the side panel during the call (no name)'),
    );
    return true;
  },
  'content/command': (msg) => {
    promptAction(msg.command === 'prompt-asked' ? 'asked' : 'skip');
    return true;
  },
};
onMessage({ requests: answerers });

/**
 * Marks the question on screen, once: the card shown stays until the analyzer's next one arrives, so a
 * second mark sent meanwhile (a double press, the side panel and the overlay) is refused here.
 */
function markQuestion(mark: QuestionMark, note: string, statedTime: string): void {
  const w = watch;
  const v = status.get().prompt;
  if (!w?.analyzer || v?.card.kind !== 'question' || v.phase !== 'asked' || w.markedCardId === v.card.id)
    throw new Error('No question on this call is waiting for a mark: press “Asked” on its card first.');
  w.markedCardId = v.card.id;
  w.analyzer.send({ type: 'prompt/mark', mark, note, statedTime, timestampMs: performance.now() });
}

/** Overlay buttons and keyboard shortcuts for the card on screen. */
function promptAction(what: 'asked' | 'skip'): void {
  watch?.analyzer?.send({
    type: what === 'asked' ? 'prompt/asked' : 'prompt/skip',
    timestampMs: performance.now(),
  });
}

// On the call platforms the overlay is there from the start (idle, with a Start button); on any other
// page it appears only once the user starts watching from the toolbar.
if (adapter.id !== 'generic') overlay.mount();
