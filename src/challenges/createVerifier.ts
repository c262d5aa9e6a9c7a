import type { ChallengeKind, ChallengeVerifier } from './Challenge';
import { HandPassVerifier } from './HandPassVerifier';
import { RandomPhraseVerifier } from './RandomPhraseVerifier';
import { TwoWayMovementVerifier } from './TwoWayMovementVerifier';
import { TWO_WAY_CHALLENGES } from './TwoWaySpec';

/** What the call has taught the analyzer that a verifier should know. */
export interface VerifierContext {
  /** Below this spread of the mouth aperture while speaking, the candidate's mouth is still (LipSyncTracker.stillMouthStd). */
  stillMouthStd?: number;
}

/** The verifier for a challenge the interviewer has just asked (at page time `startMs`). */
export function createVerifier(
  kind: ChallengeKind,
  startMs: number,
  ctx: VerifierContext = {},
): ChallengeVerifier {
  switch (kind) {
    case 'profile-turn':
    case 'look-up-down':
    case 'closer-back':
      return new TwoWayMovementVerifier(startMs, TWO_WAY_CHALLENGES[kind]);
    case 'hand-pass':
      return new HandPassVerifier(startMs);
    case 'random-phrase':
      return new RandomPhraseVerifier(
        startMs,
        ctx.stillMouthStd !== undefined ? { minMouthStd: ctx.stillMouthStd } : {},
      );
  }
}
