import type { LiveStatus } from './LiveStatus';

/** What the interviewer does when the page's video or sound can only be read through a tab capture. */
export const CAPTURE_HINT =
  'this page draws the candidate’s video itself (as Zoom’s web client does). Press “Capture tab” in the Interview Guard toolbar button, or Alt+Shift+C, to analyse it.';

export interface SelfCheck {
  /** The one-line answer to "is the extension seeing the candidate?". */
  answer: 'yes' | 'partly' | 'no';
  headline: string;
  /** What it rests on, one fact per line. */
  facts: string[];
}

/**
 * The self-check the user can run during a call: "is the extension seeing the candidate?", answered
 * from the live status alone (which video is analysed and why, the face in it, the frame rate, the
 * candidate's audio, and whether the platform's layout was recognised).
 */
export function selfCheck(s: LiveStatus): SelfCheck {
  const facts: string[] = [];
  if (s.layoutNote) facts.push(s.layoutNote);
  if (s.phase !== 'watching') {
    return {
      answer: 'no',
      headline:
        s.phase === 'loading'
          ? 'Not yet: the face model is still loading.'
          : s.phase === 'error'
            ? `No: ${s.error ?? 'the analysis stopped with an error'}.`
            : 'No: not watching. Press Start in the overlay or the side panel.',
      facts,
    };
  }
  facts.push(s.videoNote);
  facts.push(
    s.pick?.selfViewBy === 'selector'
      ? 'Never the self-view: your own camera’s tile, which the platform marks, is skipped.'
      : s.pick?.selfViewBy === 'mirror'
        ? 'Never the self-view: your own camera, drawn mirrored, is skipped.'
        : s.pick
          ? 'No self-view was recognised on this page (no platform marker, nothing mirrored): if your own camera shows, make sure the analysed video is the candidate’s.'
          : 'Never the self-view: mirrored videos and the platform’s own self-view tile are skipped.',
  );
  if (s.capture === 'on')
    facts.push(
      'Reading the tab capture you started, cropped to the candidate’s tile; the call’s sound is played back to you.',
    );
  if (s.audio)
    facts.push(
      s.audio.tracks > 0
        ? `Candidate audio: ${s.audio.tracks} track${s.audio.tracks > 1 ? 's' : ''} heard.`
        : `Candidate audio: not heard${s.audio.note ? ` (${s.audio.note})` : ''}.`,
    );
  if (s.videoNote.startsWith('No candidate video'))
    return { answer: 'no', headline: `No: ${s.videoNote.replace(/^No candidate video: /, '')}.`, facts };
  if (s.capture === 'needed' && s.face === 'unknown')
    return {
      answer: 'no',
      headline: `No: ${CAPTURE_HINT}`,
      facts,
    };
  if (s.face !== 'found')
    return {
      answer: 'partly',
      headline:
        'Partly: a remote video is analysed, but no face is in it. Is the candidate’s camera on, and is their tile showing?',
      facts,
    };
  const quality = s.signals.find((x) => x.id === 'quality');
  if (quality?.state === 'cannot-judge')
    return {
      answer: 'partly',
      headline: `Partly: the candidate’s face is seen, but not every signal can judge — ${quality.detail}.`,
      facts,
    };
  return {
    answer: 'yes',
    headline: `Yes: the candidate’s face is analysed at ${s.fps.toFixed(0)} frames/s.`,
    facts,
  };
}
