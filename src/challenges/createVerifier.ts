import type { ChallengeKind, ChallengeVerifier } from './Challenge';
import { HandPassVerifier } from './HandPassVerifier';
import { RandomPhraseVerifier } from './RandomPhraseVerifier';
import { TWO_WAY_CHALLENGES, TwoWayMovementVerifier } from './TwoWayMovementVerifier';

/** The verifier for a challenge the interviewer has just asked (at page time `startMs`). */
export function createVerifier(kind: ChallengeKind, startMs: number): ChallengeVerifier {
  switch (kind) {
    case 'profile-turn':
    case 'look-up-down':
    case 'closer-back':
      return new TwoWayMovementVerifier(startMs, TWO_WAY_CHALLENGES[kind]);
    case 'hand-pass':
      return new HandPassVerifier(startMs);
    case 'random-phrase':
      return new RandomPhraseVerifier(startMs);
  }
}
