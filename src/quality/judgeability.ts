import { english, joined, said, say, words, type Phrase, type PhraseArg } from '../text/Phrase';
import type { WindowQuality } from './QualityWindow';

/** The signals whose judgement depends on the video's quality. */
export type JudgedSignal = 'lipsync' | 'faceswap' | 'liveness';
export const JUDGED_SIGNALS: readonly JudgedSignal[] = ['lipsync', 'faceswap', 'liveness'];

export const JUDGED_WORDS: Record<JudgedSignal, Phrase> = {
  lipsync: words('lip-sync'),
  faceswap: words('face-swap'),
  liveness: words('liveness'),
};

/** What a signal needs of a window to judge it. */
export interface Requirement {
  /** Fewest analysed frames per second. */
  minFps: number;
  /** Largest share of the window lost in long gaps between frames (see QualityWindow.longGapMs). */
  maxLongGapShare: number;
  /** Smallest median face height, source px. */
  minFaceHeightPx: number;
  /** Least share of frames showing a face. */
  minFaceShare: number;
  /** Shortest span of analysed video, ms. */
  minSpanMs: number;
}

/**
 * Each signal's needs. Lip-sync follows the mouth at the syllable rate (4–6 Hz), so it needs a steady
 * 10 frames/s or more and a readable mouth (100 px faces, the landmarker's lips below that are noise);
 * the face-swap and liveness signals follow flicker, blinks and loops over time and read the face's
 * pixels, so they need the same rate and size, with a little more tolerance for uneven frames.
 */
export const REQUIREMENTS: Record<JudgedSignal, Requirement> = {
  lipsync: { minFps: 10, maxLongGapShare: 0.1, minFaceHeightPx: 100, minFaceShare: 0.8, minSpanMs: 3000 },
  faceswap: { minFps: 10, maxLongGapShare: 0.2, minFaceHeightPx: 100, minFaceShare: 0.5, minSpanMs: 3000 },
  liveness: { minFps: 10, maxLongGapShare: 0.2, minFaceHeightPx: 100, minFaceShare: 0.5, minSpanMs: 3000 },
};

/** Why a window cannot be judged: the first unmet need, as data and words. */
export type Shortfall =
  'starting' | 'frame-rate' | 'uneven-frames' | 'no-face' | 'face-missing' | 'face-small';

/** A window's judgement; `reason` is English, `words` the same as data. */
export type Judgement = { ok: true } | { ok: false; shortfall: Shortfall; reason: string; words?: Phrase };

const no = (shortfall: Shortfall, why: Phrase): Judgement => ({ ok: false, shortfall, ...said(why) });

/**
 * How far under its minimum a measured rate may read and still meet it, frames/s: a rate held at 10
 * (RateGovernor) reads 9.8–10.2 over a few seconds, as timers and the analyzer's answers wander.
 */
export const FPS_TOLERANCE = 0.5;

/** Whether the frames' timing meets a requirement: span, rate, evenness (the part a detector's own window can check). */
export function judgeTiming(
  q: Pick<WindowQuality, 'spanMs' | 'fps' | 'longGapShare'>,
  req: Requirement,
): Judgement {
  if (q.spanMs < req.minSpanMs) return no('starting', words('starting: a few seconds of video first'));
  if (q.fps < req.minFps - FPS_TOLERANCE)
    return no('frame-rate', say`analysing ${Math.floor(q.fps)} frames/s (needs ${req.minFps})`);
  if (q.longGapShare > req.maxLongGapShare)
    return no(
      'uneven-frames',
      say`frames arrive unevenly: ${Math.round(q.longGapShare * 100)} % of the last ${Math.round(q.spanMs / 1000)} s fell in gaps (needs under ${Math.round(req.maxLongGapShare * 100)} %)`,
    );
  return { ok: true };
}

/** Whether a window meets a requirement; if not, the first need it misses (timing first: it is the one the user can fix). */
export function judgeWindow(q: WindowQuality, req: Requirement): Judgement {
  const timing = judgeTiming(q, req);
  if (!timing.ok) return timing;
  if (q.faceShare === 0 || Number.isNaN(q.faceHeightPx)) return no('no-face', words('no face in view'));
  if (q.faceShare < req.minFaceShare)
    return no('face-missing', say`the face is in view ${Math.round(q.faceShare * 100)} % of the time`);
  if (q.faceHeightPx < req.minFaceHeightPx)
    return no(
      'face-small',
      say`face is ${Math.round(q.faceHeightPx)} px tall (needs ${req.minFaceHeightPx})`,
    );
  return { ok: true };
}

/** Every signal's judgement of the same window: the one authority the strip, the detectors and the log follow. */
export interface Judgeability {
  measured: WindowQuality;
  signals: Record<JudgedSignal, Judgement>;
}

export function judgeability(q: WindowQuality): Judgeability {
  return {
    measured: { ...q },
    signals: {
      lipsync: judgeWindow(q, REQUIREMENTS.lipsync),
      faceswap: judgeWindow(q, REQUIREMENTS.faceswap),
      liveness: judgeWindow(q, REQUIREMENTS.liveness),
    },
  };
}

/** "lip-sync", "lip-sync and liveness", "lip-sync, face-swap and liveness". */
export function listSignals(ids: readonly JudgedSignal[]): Phrase {
  const w = ids.map((id) => JUDGED_WORDS[id]);
  if (w.length <= 1) return w[0] ?? words('');
  return say`${joined(w.slice(0, -1), ', ')} and ${w[w.length - 1]!}`;
}

/**
 * The Quality row's words for a judgeability: which signals cannot judge and why (grouped by reason),
 * or that the video is good enough for all of them. The same judgements gate the signal rows, so the
 * two never disagree.
 */
export function describeJudgeability(j: Judgeability): { ok: boolean; detail: string; words: Phrase } {
  const byReason = new Map<string, { why: PhraseArg; ids: JudgedSignal[] }>();
  for (const id of JUDGED_SIGNALS) {
    const s = j.signals[id];
    if (s.ok) continue;
    const group = byReason.get(s.reason) ?? { why: s.words ?? s.reason, ids: [] };
    group.ids.push(id);
    byReason.set(s.reason, group);
  }
  const w =
    byReason.size === 0
      ? say`good enough to judge every signal (${Math.floor(j.measured.fps)} frames/s, face ${Math.round(j.measured.faceHeightPx)} px)`
      : joined([...byReason.values()].map(({ why, ids }) => say`${listSignals(ids)}: ${why}`));
  return { ok: byReason.size === 0, detail: english(w), words: w };
}

/** Whether the computer, not the video, is what keeps signals from judging: too few or too uneven frames. */
export function tooBusy(j: Judgeability): boolean {
  return JUDGED_SIGNALS.some((id) => {
    const s = j.signals[id];
    return !s.ok && (s.shortfall === 'frame-rate' || s.shortfall === 'uneven-frames');
  });
}
