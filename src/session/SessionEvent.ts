export type SessionEventType =
  | 'watch-start'
  | 'watch-stop'
  | 'video-picked'
  | 'video-lost'
  | 'face-found'
  | 'face-lost'
  | 'egress-blocked'
  | 'notice-given'
  | 'audio-found'
  | 'audio-lost'
  | 'flag-raised'
  | 'flag-cleared'
  | 'observation'
  | 'challenge-asked'
  | 'challenge-verdict'
  | 'question-asked'
  | 'question-marked'
  | 'prompt-skipped'
  | 'candidate-card';

export const SESSION_EVENT_TYPES: readonly SessionEventType[] = [
  'watch-start',
  'watch-stop',
  'video-picked',
  'video-lost',
  'face-found',
  'face-lost',
  'egress-blocked',
  'notice-given',
  'audio-found',
  'audio-lost',
  'flag-raised',
  'flag-cleared',
  'observation',
  'challenge-asked',
  'challenge-verdict',
  'question-asked',
  'question-marked',
  'prompt-skipped',
  'candidate-card',
];

/** The signals a flag or an observation can be about. */
export type SignalId = 'lipsync' | 'faceswap' | 'liveness' | 'challenge';
export const SIGNAL_IDS: readonly SignalId[] = ['lipsync', 'faceswap', 'liveness', 'challenge'];
