import { FACE_SIGNAL_IDS, type FaceSignalId } from '../signals/SignalReading';
export type SessionEventType =
  | 'watch-start'
  | 'watch-stop'
  | 'video-picked'
  | 'video-lost'
  | 'face-found'
  | 'face-lost'
  | 'egress-blocked'
  | 'notice-given'
  | 'consent-confirmed'
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
  | 'candidate-card'
  | 'capture-start'
  | 'capture-stop';

export const SESSION_EVENT_TYPES: readonly SessionEventType[] = [
  'watch-start',
  'watch-stop',
  'video-picked',
  'video-lost',
  'face-found',
  'face-lost',
  'egress-blocked',
  'notice-given',
  'consent-confirmed',
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
  'capture-start',
  'capture-stop',
];

/** The signals a flag or an observation can be about. */
/**
 * Which signal an event is about: lip-sync, one of the six face-swap and liveness signals
 * (src/signals), or a challenge. `faceswap` and `liveness` are kept for logs written before the six
 * existed.
 */
export type SignalId = 'lipsync' | FaceSignalId | 'faceswap' | 'liveness' | 'challenge';
export const SIGNAL_IDS: readonly SignalId[] = [
  'lipsync',
  ...FACE_SIGNAL_IDS,
  'faceswap',
  'liveness',
  'challenge',
];
