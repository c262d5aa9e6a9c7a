/** The three states the product ever shows for a signal, plus the two honest non-answers. */
export type SignalState = 'no-concerns' | 'inconclusive' | 'concerns' | 'cannot-judge' | 'not-measured';
