import type { Phrase, Said } from '../text/Phrase';
import type { SelfViewBy } from '../video/explainPick';
import type { PromptOutcome, PromptView } from '../prompts/PromptFlow';
import type { Judgeability } from '../quality/judgeability';
import type { SignalState } from './SignalState';

export interface SignalView {
  id: 'face' | 'quality' | 'lipsync' | 'faceswap' | 'liveness';
  label: string;
  state: SignalState;
  /** Plain words: which signal, since when, how sure; or why it cannot judge (English). */
  detail: string;
  /** `detail` as data, for the interface's language. */
  words?: Phrase;
}

export type Phase = 'idle' | 'loading' | 'watching' | 'error';

/** Everything the overlay and side panel show; they render this and nothing else. */
export interface LiveStatus {
  phase: Phase;
  /** Model loading progress 0..1 (meaningful in 'loading'). */
  modelProgress: number;
  /** 'found' / 'none' once frames arrive, 'unknown' before. */
  face: 'found' | 'none' | 'unknown';
  /** Analysed frames per second. */
  fps: number;
  /** Which video is analysed and why, or why none is. */
  videoNote: Said;
  /** Whether the platform adapter recognises the page's call layout (null for pages without an adapter). */
  layoutNote: Said | null;
  /** Platform adapter in use. */
  platform: string;
  sessionId: string | null;
  /** Seconds since the session started. */
  elapsedS: number;
  signals: SignalView[];
  /** Last error in plain words. */
  error: Said | null;
  /** A passing confirmation ("Notice copied…"), in plain words. */
  info: Said | null;
  /**
   * Whether the interviewer confirmed that the candidate agreed to the notice (this session, or
   * before it started): face-recognition comparisons in challenges run only after it.
   */
  consent: boolean;
  /**
   * The candidate card for this session: 'offered' while the overlay asks whether the card kept for
   * the next call is this call's candidate (the questions use no card meanwhile), 'in-use' once the
   * interviewer said so or edited it during the call; null without a card. `summary` is one line.
   */
  candidateCard: { state: 'offered' | 'in-use'; summary: string } | null;
  /** Timing over the last frames (null before any): shown in the side panel, read by the bench. */
  perf: PerfFigures | null;
  /** The candidate's audio: how many tracks are heard, or why none (null before watching). */
  audio: { tracks: number; note: Said | null } | null;
  /**
   * The tab-capture path: 'needed' when the candidate's video is drawn on a canvas (Zoom web) or the
   * call's audio is not a stream the page exposes, and the interviewer has not captured the tab;
   * 'on' while a capture feeds the analyzer.
   */
  capture: 'off' | 'needed' | 'on';
  /** Where the face landmarker runs (CPU or GPU) and why; null until the model is ready. */
  delegate: { delegate: 'CPU' | 'GPU'; why: Said } | null;
  /** The quality authority's latest judgement of the video, which every signal row follows (null until the first). */
  quality: Judgeability | null;
  /** Live lip-sync figures (null until the first evaluation). */
  lipsync: LipSyncView | null;
  /** The face-swap and liveness rows of the strip as the analyzer fused them (null until the first evaluation). */
  faceSignals: FaceSignalsView | null;
  /** The verification card on screen (null when none). */
  prompt: PromptView | null;
  /** Cards finished in this call, newest first. */
  promptHistory: PromptOutcome[];
  /**
   * The video finder's last pick: how the self-view was told apart, and each video or tile on the
   * page with why it was taken or left (null before the first pick).
   */
  pick: { selfViewBy: SelfViewBy; candidates: { what: string; why: Said }[] } | null;
}

/** What the side panel shows of lip-sync: the latest window and the tracked offset. */
export interface LipSyncView {
  state: SignalState;
  reason: string;
  words?: Phrase;
  /** Offset tracked over the last 20 s of confident windows, ms, positive when audio lags; null until known. */
  offsetMs: number | null;
  /** The latest window's own offset, ms (null without enough evidence). */
  windowOffsetMs: number | null;
  /** Peak minus median of the latest lag curve (0 when not measured). */
  confidence: number;
  /** Share of the latest window that was speech, 0..1. */
  speechFraction: number;
  /** Change of the offset over the call, ms per minute (null until a minute of evidence). */
  driftMsPerMin: number | null;
}

/** The fused face-swap and liveness signals, as the strip shows them. */
export interface FaceSignalsView {
  faceswap: { state: SignalState; reason: string; words?: Phrase };
  liveness: { state: SignalState; reason: string; words?: Phrase };
  /** The replay signal has flagged a frozen or looped picture (the prompts then ask for movement). */
  frozen: boolean;
}

export interface PerfFigures {
  /** Frames the figures cover (the most recent ones). */
  frames: number;
  /** Frames analysed since watching started. */
  framesTotal: number;
  /** Grab on the page + transfer + landmarker + features (ready in the analyzer), per frame, ms. */
  pipelineMsMedian: number;
  pipelineMsP95: number;
  /** The same plus the reply back to the page (when the overlay can show it), per frame, ms. */
  roundTripMsMedian: number;
  /** createImageBitmap on the page, per frame, ms. */
  grabMsMedian: number;
  /** The page → analyzer hop, per frame, ms: pipeline less grab and analyzer time. */
  transferMsMedian: number;
  /** The landmarker alone, per frame, ms. */
  landmarkerMsMedian: number;
  landmarkerMsP95: number;
  /** Frames skipped because the analyzer was still busy with the previous one. */
  skippedBusy: number;
  /** The rate the grabber holds now, frames/s: lower than 15 when the computer cannot hold 15 evenly (null through a tab capture). */
  targetFps: number | null;
  /** Of the frames grabbed since watching started, the share sent as the face's region rather than the whole picture (null through a tab capture). */
  regionShare: number | null;
}

export function initialStatus(platform = 'unknown'): LiveStatus {
  return {
    phase: 'idle',
    modelProgress: 0,
    face: 'unknown',
    fps: 0,
    videoNote: 'not watching',
    layoutNote: null,
    platform,
    sessionId: null,
    elapsedS: 0,
    signals: [],
    error: null,
    info: null,
    consent: false,
    candidateCard: null,
    perf: null,
    audio: null,
    capture: 'off',
    delegate: null,
    quality: null,
    lipsync: null,
    faceSignals: null,
    prompt: null,
    promptHistory: [],
    pick: null,
  };
}
