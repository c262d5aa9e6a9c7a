/**
 * The words of a hand-pass verdict. The verifier (HandPassVerifier) decides; these say it.
 */
import { say, words, type Phrase } from '../text/Phrase';

const NO_HAND = words(
  'no hand was seen crossing the face: either it did not pass in front of the face, or the video kept drawing the face over it; ask again and watch the picture',
);

/** No face at rest to compare with: the head never held still long enough, or no face was in view. */
export function noRestWords(headMoved: boolean, baselineMs: number): Phrase {
  return headMoved
    ? say`the head never held still for ${(baselineMs / 1000).toFixed(1)} s after the ask, so there was no face at rest to compare with; ask again once the candidate is still`
    : words('no face in view when the challenge was asked');
}

/** No hand seen, and how often the head turned or nodded meanwhile (which is not a hand). */
export function noHandWords(headTurns: number): Phrase {
  if (headTurns === 0) return NO_HAND;
  return headTurns === 1
    ? say`${NO_HAND} (the head turned or nodded once, which is not a hand)`
    : say`${NO_HAND} (the head turned or nodded ${headTurns} times, which is not a hand)`;
}

/** A second face over the face while the hand passed. */
export const SECOND_FACE = words('a second face appeared over the face while the hand passed ("two layers")');

/** The face back at another size: `snapped` past what a candidate moving does (a failure), else a doubt. */
export function offSizeWords(change: number, snapped: boolean): Phrase {
  const pct = Math.round(change * 100);
  return snapped
    ? say`the face came back ${pct} % off its size before the hand passed`
    : say`the hand was seen, but the face came back ${pct} % off its earlier size (the candidate may have moved)`;
}

/** The face back far from where it was: the picture jumped. */
export function jumpedWords(occludedMs: number, movedFaceWidths: number): Phrase {
  return say`the face was lost or disturbed for ${(occludedMs / 1000).toFixed(1)} s and came back ${movedFaceWidths.toFixed(1)} face widths from where it was: the picture jumped (a cut or a skipped stretch of video), which a hand passing in front of the face does not do; ask again`;
}

/** The pass: how long the hand covered the face, and how the face came back (its proportions' change, if measured). */
export function coveredWords(occludedMs: number, proportionsApart: number | null): Phrase {
  const coveredS = (occludedMs / 1000).toFixed(1);
  return proportionsApart !== null
    ? say`the hand covered the face for ${coveredS} s and the face came back at its earlier size and proportions (${Math.round(proportionsApart * 100)} % apart at matching poses)`
    : say`the hand covered the face for ${coveredS} s and the face came back at its earlier size (its proportions could not be compared: too few frames at the poses held before the hand)`;
}
