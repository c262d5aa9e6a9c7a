import { say, words, type Phrase, type PhraseArg, type Said } from '../text/Phrase';

/** What the interviewer does when the page's video or sound can only be read through a tab capture. */
export const CAPTURE_HINT_WORDS = words(
  'this page draws the candidate’s video itself (as Zoom’s web client does). Press “Capture tab” in the Interview Guard toolbar button, or Alt+Shift+C, to analyse it.',
);

const NO_VIDEO = say`No candidate video: ${''}`;

/**
 * Which video is analysed and why, or why none is: `why` is the video finder's reason, `size` the
 * video's size on screen; `canvasOnly` when the candidate is drawn on a canvas that only a tab capture
 * can read.
 */
export function videoNote(v: {
  found: boolean;
  why: PhraseArg;
  size: PhraseArg;
  capture: boolean;
  canvasOnly: boolean;
}): Phrase {
  if (!v.found) return say`No candidate video: ${v.why}`;
  if (v.capture) return say`Analysing: ${v.why} (${v.size}), from the tab capture`;
  if (v.canvasOnly) return say`Found: ${v.why} (${v.size}), but ${CAPTURE_HINT_WORDS}`;
  return say`Analysing: ${v.why} (${v.size})`;
}

/** Why there is no candidate video, when the note says there is none (else null). */
export function noVideoReason(note: Said): PhraseArg | null {
  if (typeof note === 'string')
    return note.startsWith('No candidate video: ') ? note.slice('No candidate video: '.length) : null;
  return note.en === NO_VIDEO.en ? note.args[0]! : null;
}
