import { english, said, say, words, type Phrase, type PhraseArg } from '../text/Phrase';
/** The face-swap and liveness signals, each measured by its own detector in this folder. */
export type FaceSignalId = 'blend' | 'temporal' | 'geometry' | 'blink' | 'pulse' | 'replay';
export const FACE_SIGNAL_IDS: readonly FaceSignalId[] = [
  'blend',
  'temporal',
  'geometry',
  'blink',
  'pulse',
  'replay',
];

/** What the product calls each signal, as data. */
export const FACE_SIGNAL_WORDS: Record<FaceSignalId, Phrase> = {
  blend: words('Blend boundary'),
  temporal: words('Temporal instability'),
  geometry: words('Face geometry'),
  blink: words('Blinks and micro-motion'),
  pulse: words('Skin pulse'),
  replay: words('Frozen or replayed feed'),
};

/** Logistic ramp: 0 well below `mid`, 0.5 at `mid`, 1 well above; `width` is the 0.27 → 0.73 span. */
export function ramp(x: number, mid: number, width: number): number {
  return 1 / (1 + Math.exp(-(x - mid) / (width / 2)));
}

/** What the product calls each signal, in the interviewer's words (English). */
export const FACE_SIGNAL_LABEL = Object.fromEntries(
  FACE_SIGNAL_IDS.map((id) => [id, english(FACE_SIGNAL_WORDS[id])]),
) as Record<FaceSignalId, string>;

/** Which strip row a signal belongs to: artefacts of a swapped face, or signs of a live person. */
export const SIGNAL_GROUP: Record<FaceSignalId, 'faceswap' | 'liveness'> = {
  blend: 'faceswap',
  temporal: 'faceswap',
  geometry: 'faceswap',
  blink: 'liveness',
  pulse: 'liveness',
  replay: 'liveness',
};

/** One detector's answer over the frames it currently holds. */
export interface SignalReading {
  signal: FaceSignalId;
  /** How unusual the window is for a live, genuine face: 0 ordinary … 1 strongly unusual. */
  score: number;
  /** How much the score can be trusted, 0..1; 0 means "cannot judge" (too little or too poor evidence). */
  confidence: number;
  /** Page-clock span of the frames the score rests on (null when nothing was judged). */
  evidence: { fromMs: number; toMs: number } | null;
  /** Plain words: what was measured, or why it cannot judge (English; `words` is the same as data). */
  reason: string;
  words?: Phrase;
  /** The raw measure behind the score (for the per-call baseline and the log). */
  value: number;
}

/** A reason without the words its "cannot judge" state already says. */
export const withoutCannotJudge = (reason: string): string => reason.replace(/^cannot judge: /, '');

const CANNOT_JUDGE = say`cannot judge: ${''}`;

/** A reason as data (its English where it has none) without the words "cannot judge: ". */
export function wordsWithoutCannotJudge(r: { reason: string; words?: Phrase }): Phrase {
  if (!r.words) return words(withoutCannotJudge(r.reason));
  const inner = r.words.en === CANNOT_JUDGE.en ? r.words.args[0]! : r.words;
  return typeof inner === 'object' ? inner : words(String(inner));
}

/** A reading that cannot judge, with why (the words after "cannot judge: "). */
export function cannotJudge(signal: FaceSignalId, why: Phrase): SignalReading {
  return { signal, score: 0, confidence: 0, evidence: null, value: NaN, ...said(say`cannot judge: ${why}`) };
}

/** A reading's reason as data (its English where it has none). */
export const readingWords = (r: { reason: string; words?: Phrase }): PhraseArg => r.words ?? r.reason;
