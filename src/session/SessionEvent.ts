import { FACE_SIGNAL_IDS, type FaceSignalId } from '../signals/SignalReading';
import { words, type Phrase } from '../text/Phrase';
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

/** What each kind of event is called in the review's tables. */
export const EVENT_TYPE_WORDS: Record<SessionEventType, Phrase> = {
  'watch-start': words('Watching started'),
  'watch-stop': words('Watching stopped'),
  'video-picked': words('Video picked'),
  'video-lost': words('Video lost'),
  'face-found': words('Face found'),
  'face-lost': words('Face lost'),
  'egress-blocked': words('Request blocked'),
  'notice-given': words('Notice given'),
  'consent-confirmed': words('Agreement confirmed'),
  'audio-found': words('Sound found'),
  'audio-lost': words('Sound lost'),
  'flag-raised': words('Flag raised'),
  'flag-cleared': words('Flag cleared'),
  observation: words('Observation'),
  'challenge-asked': words('Challenge asked'),
  'challenge-verdict': words('Challenge verdict'),
  'question-asked': words('Question asked'),
  'question-marked': words('Question marked'),
  'prompt-skipped': words('Card skipped'),
  'candidate-card': words('Candidate card'),
  'capture-start': words('Tab capture started'),
  'capture-stop': words('Tab capture stopped'),
};

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
