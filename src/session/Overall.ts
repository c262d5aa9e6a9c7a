import type { Phrase } from '../text/Phrase';

/** The call as a whole, for the recruiter: never a verdict on the person. */
export type OverallState = 'no-concerns' | 'inconclusive' | 'concerns' | 'cannot-judge';
export const OVERALL_STATES: readonly OverallState[] = [
  'no-concerns',
  'inconclusive',
  'concerns',
  'cannot-judge',
];

export interface Overall {
  state: OverallState;
  /** Plain words, most important first (English, as the log keeps them). */
  reasons: string[];
}

/** The overall state with its reasons as data too (for the review, in the reader's language). */
export interface OverallSaid extends Overall {
  words: Phrase[];
}
