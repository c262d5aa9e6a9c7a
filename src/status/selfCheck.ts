import { english, say, words, type Phrase, type Said, saidEnglish } from '../text/Phrase';
import type { LiveStatus } from './LiveStatus';
import { CAPTURE_HINT_WORDS, noVideoReason } from './videoNote';

/** The same in English. */
export const CAPTURE_HINT = english(CAPTURE_HINT_WORDS);

export interface SelfCheck {
  /** The one-line answer to "is the extension seeing the candidate?". */
  answer: 'yes' | 'partly' | 'no';
  /** In English; `words` holds it and the facts as data. */
  headline: string;
  /** What it rests on, one fact per line. */
  facts: string[];
  words: { headline: Phrase; facts: Said[] };
}

/**
 * The self-check the user can run during a call: "is the extension seeing the candidate?", answered
 * from the live status alone (which video is analysed and why, the face in it, the frame rate, the
 * candidate's audio, and whether the platform's layout was recognised).
 */
export function selfCheck(s: LiveStatus): SelfCheck {
  const facts: Said[] = [];
  const out = (answer: SelfCheck['answer'], headline: Phrase): SelfCheck => ({
    answer,
    headline: english(headline),
    facts: facts.map(saidEnglish),
    words: { headline, facts },
  });
  if (s.layoutNote) facts.push(s.layoutNote);
  if (s.phase !== 'watching')
    return out(
      'no',
      s.phase === 'loading'
        ? words('Not yet: the face model is still loading.')
        : s.phase === 'error'
          ? say`No: ${s.error ?? words('the analysis stopped with an error')}.`
          : words('No: not watching. Press Start in the overlay or the side panel.'),
    );
  facts.push(s.videoNote);
  facts.push(
    s.pick?.selfViewBy === 'selector'
      ? words('Never the self-view: your own camera’s tile, which the platform marks, is skipped.')
      : s.pick?.selfViewBy === 'mirror'
        ? words('Never the self-view: your own camera, drawn mirrored, is skipped.')
        : s.pick
          ? words(
              'No self-view was recognised on this page (no platform marker, nothing mirrored): if your own camera shows, make sure the analysed video is the candidate’s.',
            )
          : words('Never the self-view: mirrored videos and the platform’s own self-view tile are skipped.'),
  );
  if (s.capture === 'on')
    facts.push(
      words(
        'Reading the tab capture you started, cropped to the candidate’s tile; the call’s sound is played back to you.',
      ),
    );
  if (s.audio)
    facts.push(
      s.audio.tracks === 1
        ? words('Candidate audio: 1 track heard.')
        : s.audio.tracks > 1
          ? say`Candidate audio: ${s.audio.tracks} tracks heard.`
          : s.audio.note
            ? say`Candidate audio: not heard (${s.audio.note}).`
            : words('Candidate audio: not heard.'),
    );
  const noVideo = noVideoReason(s.videoNote);
  if (noVideo !== null) return out('no', say`No: ${noVideo}.`);
  if (s.capture === 'needed' && s.face === 'unknown') return out('no', say`No: ${CAPTURE_HINT_WORDS}`);
  if (s.face !== 'found')
    return out(
      'partly',
      words(
        'Partly: a remote video is analysed, but no face is in it. Is the candidate’s camera on, and is their tile showing?',
      ),
    );
  const quality = s.signals.find((x) => x.id === 'quality');
  if (quality?.state === 'cannot-judge')
    return out(
      'partly',
      say`Partly: the candidate’s face is seen, but not every signal can judge — ${quality.words ?? quality.detail}.`,
    );
  return out('yes', say`Yes: the candidate’s face is analysed at ${s.fps.toFixed(0)} frames/s.`);
}
