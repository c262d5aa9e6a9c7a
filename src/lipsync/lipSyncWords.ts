import { english, say, words, type Phrase } from '../text/Phrase';
import type { Evidence, LipSyncFlagKind } from './LipSyncReading';

/** The lip-sync detector's words: offsets, findings and why a span gives no reading. */

/** "audio leads video by 240 ms", "audio lags video by 120 ms", "audio and video in step". */
export const describeOffset = (offsetMs: number): string => english(offsetWords(offsetMs));

/** The same as data. */
export function offsetWords(offsetMs: number): Phrase {
  const ms = Math.round(offsetMs / 10) * 10;
  if (ms === 0) return words('audio and video in step');
  return ms > 0 ? say`audio lags video by ${ms} ms` : say`audio leads video by ${-ms} ms`;
}

export const CONFIDENCE = { medium: words('medium'), high: words('high') };

/** The findings a flag can stand for; two different ones in a call make the readings unstable. */
export type Finding = 'lead' | 'lag' | 'mismatch' | 'voice-without-mouth';
export function findingOf(kind: LipSyncFlagKind, offsetMs: number | null): Finding {
  if (kind !== 'offset') return kind;
  return (offsetMs ?? 0) < 0 ? 'lead' : 'lag';
}

/** A finding in a few words, for the unstable reason. */
export function findingWords(f: Finding, offsetMs: number | null): Phrase {
  switch (f) {
    case 'lead':
    case 'lag':
      return offsetWords(offsetMs ?? 0);
    case 'mismatch':
      return words('no offset matched the voice to the mouth');
    case 'voice-without-mouth':
      return words('speech while the mouth stayed still');
  }
}

/** Why a span gives no reading, in words. */
export function notEnough(e: Evidence): Phrase {
  switch (e) {
    case 'no-audio':
      return say`cannot judge: ${words('no audio from the candidate yet')}`;
    case 'no-speech':
      return say`cannot judge: ${words('not enough speech in the last few seconds')}`;
    case 'no-face':
      return say`cannot judge: ${words('the mouth is not clearly in view')}`;
    case 'still-mouth':
      return say`cannot judge: ${words('the mouth hardly moves')}`;
    case 'few-frames':
    case 'poor-video':
      return say`cannot judge: ${words('too few or too uneven video frames to follow the lips')}`;
    default:
      return words('cannot judge');
  }
}
