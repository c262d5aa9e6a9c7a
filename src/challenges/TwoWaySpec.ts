import { words, type Phrase } from '../text/Phrase';
import { CHALLENGE_WINDOW_MS, type ChallengeKind } from './Challenge';

/** What a two-way movement challenge measures on each frame. */
export type Measure = 'yaw' | 'pitch' | 'size';

/** How one challenge of this family is verified; see {@link TWO_WAY_CHALLENGES} for the real ones. */
export interface TwoWaySpec {
  kind: Extract<ChallengeKind, 'profile-turn' | 'look-up-down' | 'closer-back'>;
  measure: Measure;
  /**
   * Against what the measure is taken: 'absolute' (yaw: 0° is facing the camera) or 'baseline' (the
   * candidate's own resting value: the median over the response window so far).
   */
  reference: 'absolute' | 'baseline';
  /** Beyond this, each way, counts as done: degrees for yaw/pitch; for size, ln(height / baseline). */
  threshold: number;
  /** Each way must be held this long (longest run, brief tracker losses bridged), ms. */
  holdMs: number;
  /** How long the candidate has after the ask, ms. */
  windowMs: number;
  /** Names of the two ways, for reasons ("left"/"right"). */
  ways: [Phrase, Phrase];
  /** The tracker may lose the face beyond the threshold (a full profile): bridge such gaps up to this, ms. */
  bridgeMs: number;
}

/**
 * Defaults. Profile turn: past 40° of yaw each way — the issue's ~45°, less the 5° or so by which the
 * face mesh under-reads extreme turns — held 1.5 s each (the card asks for 2 s). Look up/down: 15° of
 * pitch from the resting pose each way, held 0.5 s. Closer/back: the face 25 % taller and 20 % smaller
 * than at rest (ln 1.25 ≈ 0.22), held 0.5 s.
 */
export const TWO_WAY_CHALLENGES: Record<TwoWaySpec['kind'], TwoWaySpec> = {
  'profile-turn': {
    kind: 'profile-turn',
    measure: 'yaw',
    reference: 'absolute',
    threshold: 40,
    holdMs: 1500,
    windowMs: CHALLENGE_WINDOW_MS['profile-turn'],
    ways: [words('one side'), words('the other side')],
    bridgeMs: 700,
  },
  'look-up-down': {
    kind: 'look-up-down',
    measure: 'pitch',
    reference: 'baseline',
    threshold: 15,
    holdMs: 500,
    windowMs: CHALLENGE_WINDOW_MS['look-up-down'],
    ways: [words('up'), words('down')],
    bridgeMs: 300,
  },
  'closer-back': {
    kind: 'closer-back',
    measure: 'size',
    reference: 'baseline',
    threshold: Math.log(1.25),
    holdMs: 500,
    windowMs: CHALLENGE_WINDOW_MS['closer-back'],
    ways: [words('closer'), words('back')],
    bridgeMs: 300,
  },
};
