import { words, type Phrase } from '../text/Phrase';
import type { SessionEventType } from './SessionEvent';

/**
 * Events about the tool's own working rather than the call (which video it read, faces and sound
 * coming and going, a blocked request), each with what it means in plain words. The review shows them
 * apart, in a technical section, so a recruiter does not read them as findings.
 */
export const TECHNICAL_EVENTS: Readonly<Partial<Record<SessionEventType, Phrase>>> = {
  'video-picked': words(
    'The video the extension took for the candidate’s (never the interviewer’s self-view).',
  ),
  'video-lost': words(
    'The candidate’s video left the page (the layout changed, a screen share, or the call ended).',
  ),
  'face-found': words('A face came into the analysed picture.'),
  'face-lost': words('No face in the analysed picture for a moment (turned away, out of frame, or covered).'),
  'audio-found': words('The call’s sound reached the analysis.'),
  'audio-lost': words('The call’s sound stopped reaching the analysis.'),
  'egress-blocked': words(
    'Code inside the extension tried to reach the internet and was blocked: nothing leaves this computer. The face model’s library sends usage statistics to Google when it can; the extension forbids it. Not about the candidate.',
  ),
  'capture-start': words(
    'Tab capture started (for call pages that draw video themselves, like Zoom’s web client).',
  ),
  'capture-stop': words('Tab capture stopped (the interviewer stopped it, or the captured tab closed).'),
};

/** Whether an event is about the tool's working (see {@link TECHNICAL_EVENTS}). */
export const isTechnical = (type: SessionEventType): boolean => type in TECHNICAL_EVENTS;
