import { english, words, type Phrase } from '../text/Phrase';
import type { IDENTITY_RATIOS, MotionFrame } from '../features/LandmarkMotion';
import type { FaceLook } from './OcclusionEvidence';

/**
 * Liveness challenges the interviewer asks and the analyzer verifies from the video (and, for the
 * random phrase, the audio). A live face swap is driven by the impostor's own face: turning to a
 * profile, passing a hand across the face or reading unrehearsed words aloud stresses it where it is
 * weakest, and the machine measures the response instead of the interviewer's impression.
 */
export type ChallengeKind = 'profile-turn' | 'look-up-down' | 'closer-back' | 'hand-pass' | 'random-phrase';

export const CHALLENGE_KINDS: readonly ChallengeKind[] = [
  'profile-turn',
  'look-up-down',
  'closer-back',
  'hand-pass',
  'random-phrase',
];

/**
 * passed: performed, and the feed held up. failed: performed, and the feed broke while it was done
 * (a face dropout, a jump in face size, a second face). not-performed: the movement was not seen.
 * cannot-judge: the video was too poor to tell.
 */
export type ChallengeVerdict = 'passed' | 'failed' | 'not-performed' | 'cannot-judge';

export interface ChallengeResult {
  kind: ChallengeKind;
  verdict: ChallengeVerdict;
  /** Plain-language reasons, most important first (English; `reasonWords` are the same as data). */
  reasons: string[];
  reasonWords?: Phrase[];
  /** Whether the feed broke while the challenge was performed. */
  feedBroke: boolean;
  /** Page-clock span the verdict rests on, ms. */
  fromMs: number;
  toMs: number;
  /** The figures behind the verdict (e.g. maxYawLeftDeg), for the log and the report. */
  measured: Record<string, number>;
}

/** A verdict's reasons, in English and as data. */
export function because(ps: Phrase[]): { reasons: string[]; reasonWords: Phrase[] } {
  return { reasons: ps.map(english), reasonWords: ps };
}

/** One verifier per asked challenge: fed every analysed frame after "asked", asked for a verdict. */
export interface ChallengeVerifier {
  readonly kind: ChallengeKind;
  /** Page-clock time the interviewer pressed "asked", ms. */
  readonly startMs: number;
  /** Page-clock time after which the verifier gives its verdict even if nothing was seen, ms. */
  readonly deadlineMs: number;
  /** `detail`: what else was measured of the face on this frame, when a face was found. */
  addFrame(f: FrameSample, detail?: FrameDetail): void;
  /** The verdict once it is clear (or at `nowMs` ≥ deadline), else null. */
  verdict(nowMs: number): ChallengeResult | null;
  /**
   * For a challenge whose last check is the interviewer's (the random phrase's words): the machine's
   * part once it holds and waits for their word, else null. Absent: nothing to confirm.
   */
  awaiting?(nowMs: number): ChallengeResult | null;
  /** The interviewer's word on what only a person can check (were the words read?). */
  confirm?(said: boolean): void;
}

/** The part of a FeatureFrame the verifiers read. */
export interface FrameSample {
  timestampMs: number;
  facePresent: boolean;
  faceCount: number;
  /** Intersection over union of the two largest faces' boxes (0 with one face; see FeatureFrame). */
  faceOverlap: number;
  faceHeightPx: number;
  bboxX: number;
  bboxY: number;
  bboxW: number;
  bboxH: number;
  yawDeg: number;
  pitchDeg: number;
  mouthAperture: number;
  landmarkConfidence: number;
}

/** The identity-geometry ratios of a frame (a MotionFrame satisfies it), NaN where not measured. */
export type FaceShape = Pick<MotionFrame, (typeof IDENTITY_RATIOS)[number]>;

/** What else the analyzer measured of the face on a frame (references it reuses per frame). */
export interface FrameDetail {
  /** Identity-geometry ratios (LandmarkMotion). */
  shape?: FaceShape;
  /** Skin patches' colour and the inner face's detail (PixelFrame). */
  look?: FaceLook;
}

/**
 * How long the candidate has after the ask, ms: the verifiers' deadlines and the "watching the
 * response (up to N s)" the interviewer sees both come from here.
 */
export const CHALLENGE_WINDOW_MS: Record<ChallengeKind, number> = {
  'profile-turn': 20_000,
  'look-up-down': 15_000,
  'closer-back': 15_000,
  'hand-pass': 15_000,
  'random-phrase': 20_000,
};

/** Human names, for cards, logs and the report, as data. */
export const CHALLENGE_WORDS: Record<ChallengeKind, Phrase> = {
  'profile-turn': words('Profile turn'),
  'look-up-down': words('Look up, then down'),
  'closer-back': words('Come closer, then lean back'),
  'hand-pass': words('Hand across the face'),
  'random-phrase': words('Read a random phrase aloud'),
};

/** The same in English. */
export const CHALLENGE_LABEL = Object.fromEntries(
  CHALLENGE_KINDS.map((k) => [k, english(CHALLENGE_WORDS[k])]),
) as Record<ChallengeKind, string>;

/** A verdict in words ("not performed"). */
export const VERDICT_WORDS: Record<ChallengeVerdict, Phrase> = {
  passed: words('passed'),
  failed: words('failed'),
  'not-performed': words('not performed'),
  'cannot-judge': words('cannot judge'),
};
