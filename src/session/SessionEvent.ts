export type SessionEventType =
  | 'watch-start'
  | 'watch-stop'
  | 'video-picked'
  | 'video-lost'
  | 'face-found'
  | 'face-lost'
  | 'egress-blocked'
  | 'notice-given';

export const SESSION_EVENT_TYPES: readonly SessionEventType[] = [
  'watch-start',
  'watch-stop',
  'video-picked',
  'video-lost',
  'face-found',
  'face-lost',
  'egress-blocked',
  'notice-given',
];
