import { say, words, type Phrase } from '../text/Phrase';
import type { FrameSample } from './Challenge';
import { FaceMatch, type FaceMatchOptions, type FaceMatchResult, type FaceSample } from './FaceMatch';

/** Which of the face's crops the face-recognition comparison wants from a frame. */
export type IdentityPhase = 'before' | 'after';

/**
 * A verifier that compares whose face it sees before and after the movement it asked for. The
 * analyzer (which alone can run face recognition) offers it each frame's crop, describes the crops it
 * wanted and hands the descriptors back; the verifier's verdict waits a while for them.
 */
export interface ComparesFaces {
  /** The analyzer can describe faces: the verdict waits (a while) for their comparison. */
  expectFaces(): void;
  /**
   * Whether this frame's face crop is wanted: 'before' while the movement may not have begun (usable
   * only if it proves to lie far enough before it, see {@link usableBefore}), 'after' once the face is
   * back at rest after it.
   */
  identityPhase(f: FrameSample): IdentityPhase | null;
  /** Whether a 'before' crop taken at `timestampMs` lies far enough before the movement. */
  usableBefore(timestampMs: number): boolean;
  addFace(phase: IdentityPhase, face: FaceSample): void;
  /** The analyzer has described what it could; `note` says why there is no comparison, if there is none. */
  facesDone(note?: Phrase): void;
}

/** Whether a verifier compares faces (the analyzer then feeds it crops). */
export function comparesFaces(v: object): v is ComparesFaces {
  return typeof (v as Partial<ComparesFaces>).identityPhase === 'function';
}

/**
 * The face-recognition half of a verifier: whether faces are being described, their comparison
 * ({@link FaceMatch}) and the words a verdict uses for it. `what` names the movement in those words
 * ("the hand", "the movement").
 */
export class FaceCheck {
  /** none: no face recognition here; pending: the analyzer is describing the faces; done: it has. */
  state: 'none' | 'pending' | 'done' = 'none';
  private note: Phrase | null = null;
  private readonly match: FaceMatch;

  constructor(
    private readonly what: Phrase,
    opts: FaceMatchOptions = {},
  ) {
    this.match = new FaceMatch(opts);
  }

  expect(): void {
    if (this.state === 'none') this.state = 'pending';
  }

  get pending(): boolean {
    return this.state === 'pending';
  }

  add(phase: IdentityPhase, face: FaceSample): void {
    if (phase === 'before') this.match.addBefore(face);
    else this.match.addAfter(face);
  }

  done(note: Phrase | null = null): void {
    this.state = 'done';
    this.note = note;
  }

  /** The comparison, or null without one. */
  result(): FaceMatchResult | null {
    return this.match.result();
  }

  /** Adds the comparison's figures to a verdict's `measured`. */
  measure(measured: Record<string, number>): void {
    const r = this.result();
    if (!r) return;
    measured.faceDistance = r.distance;
    measured.faceMatchedFrames = r.matched;
  }

  /** The reason a 'different' reading fails the challenge. */
  differentReason(r: FaceMatchResult): Phrase {
    const { differentFrom } = this.match.limits;
    return say`the face that came back does not match the face before ${this.what} (face-recognition distance ${r.distance.toFixed(2)} at matching poses; ${differentFrom.toFixed(1)} and more is another person): the picture may show another face now`;
  }

  /** The reason an 'unsure' reading cannot judge the challenge; `seen` says what was seen ("the hand was seen and the face came back"). */
  unsureReason(r: FaceMatchResult, seen: Phrase): Phrase {
    const { smallFacePx, differentFrom } = this.match.limits;
    const distance = r.distance.toFixed(2);
    const same = r.sameBelow.toFixed(1);
    const other = differentFrom.toFixed(1);
    return r.faceHeightPx < smallFacePx
      ? say`${seen}, but it resembles the face before ${this.what} less than one person's frames usually do (face-recognition distance ${distance}; one person reads under ${same}, another ${other} and more; the face is ${Math.round(r.faceHeightPx)} px tall, under ${smallFacePx} px, where look-alikes read closer): ask again, or verify another way`
      : say`${seen}, but it resembles the face before ${this.what} less than one person's frames usually do (face-recognition distance ${distance}; one person reads under ${same}, another ${other} and more): ask again, or verify another way`;
  }

  /** Why there is no comparison: '' with one; 'no face recognition here' without face recognition. */
  whyNone(): Phrase {
    if (this.result()) return words('');
    if (this.state === 'none') return words('no face recognition here');
    return this.state === 'pending'
      ? words('it did not finish in time')
      : (this.note ?? say`no views of the face before and after ${this.what} at matching poses`);
  }

  /** What a passed verdict adds: the same person's distance, or why there was no comparison ('' without face recognition). */
  passNote(): Phrase | null {
    const r = this.result();
    if (r) return say`face recognition reads the same person (distance ${r.distance.toFixed(2)})`;
    if (this.state === 'none') return null;
    return say`no face-recognition comparison (${this.whyNone()})`;
  }
}
