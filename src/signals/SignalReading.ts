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

/** What the product calls each signal, in the interviewer's words. */
export const FACE_SIGNAL_LABEL: Record<FaceSignalId, string> = {
  blend: 'Blend boundary',
  temporal: 'Temporal instability',
  geometry: 'Face geometry',
  blink: 'Blinks and micro-motion',
  pulse: 'Skin pulse',
  replay: 'Frozen or replayed feed',
};

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
  /** Plain words: what was measured, or why it cannot judge. */
  reason: string;
  /** The raw measure behind the score (for the per-call baseline and the log). */
  value: number;
}

/** A reason without the words its "cannot judge" state already says. */
export const withoutCannotJudge = (reason: string): string => reason.replace(/^cannot judge: /, '');

/** A reading that cannot judge, with the reason. */
export function cannotJudge(signal: FaceSignalId, reason: string): SignalReading {
  return { signal, score: 0, confidence: 0, evidence: null, reason, value: NaN };
}

/** Logistic ramp: 0 well below `mid`, 0.5 at `mid`, 1 well above; `width` is the 0.27 → 0.73 span. */
export function ramp(x: number, mid: number, width: number): number {
  return 1 / (1 + Math.exp(-(x - mid) / (width / 2)));
}
