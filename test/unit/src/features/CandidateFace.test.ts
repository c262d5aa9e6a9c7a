import { describe, expect, it } from 'vitest';
import { CandidateFace } from '../../../../src/features/CandidateFace';
import { emptyFeatureFrame } from '../../../../src/features/FeatureFrame';
import { extractFeatures } from '../../../../src/features/extractFeatures';

/** A face as its box's four corners (normalised), which is all CandidateFace reads of the landmarks. */
const box = (x: number, y: number, w: number, h: number) => [
  { x, y },
  { x: x + w, y },
  { x, y: y + h },
  { x: x + w, y: y + h },
];

// A 640 × 360 picture: the candidate in the middle (72 px tall), a colleague on the right, smaller.
const W = 640;
const H = 360;
const candidate = box(0.4, 0.3, 0.1, 0.2);
const colleague = box(0.75, 0.35, 0.08, 0.16);

describe('CandidateFace', () => {
  it('takes the largest face first, and keeps the candidate while the faces come in another order', () => {
    const c = new CandidateFace();
    expect(c.pick([colleague, candidate], W, H, 0)).toBe(1);
    expect(c.pick([candidate, colleague], W, H, 100)).toBe(0);
    expect(c.pick([colleague, candidate], W, H, 200)).toBe(1);
  });

  it('while the candidate is hidden, the other face is not taken for theirs', () => {
    const c = new CandidateFace();
    c.pick([candidate, colleague], W, H, 0);
    // A hand across the candidate's face: only the colleague is found, 3 face heights away.
    expect(c.pick([colleague], W, H, 200)).toBe(-1);
    expect(c.pick([colleague], W, H, 1900)).toBe(-1);
    // The candidate back where they were.
    expect(c.pick([colleague, candidate], W, H, 2000)).toBe(1);
  });

  it('follows a head that moves and a lean towards the camera', () => {
    const c = new CandidateFace();
    c.pick([candidate, colleague], W, H, 0);
    // 0.6 face heights to the left in one frame (200 ms at 5 frames/s), then 40 % larger.
    const moved = box(0.4 - (0.6 * 72) / W, 0.3, 0.1, 0.2);
    expect(c.pick([colleague, moved], W, H, 200)).toBe(1);
    const closer = box(0.33, 0.26, 0.14, 0.28);
    expect(c.pick([closer, colleague], W, H, 400)).toBe(0);
  });

  it('a face twice as far as its height, or at another scale, starts no track while one is held; after holdMs the largest is taken again', () => {
    const c = new CandidateFace({ holdMs: 2000 });
    c.pick([candidate], W, H, 0);
    const tiny = box(0.42, 0.32, 0.02, 0.04); // at the same place, a fifth of the height
    expect(c.pick([tiny], W, H, 100)).toBe(-1);
    expect(c.pick([colleague], W, H, 2000)).toBe(-1);
    // The candidate's track let go (not seen for more than 2 s): the colleague is the only face.
    expect(c.pick([colleague], W, H, 2001)).toBe(0);
    // ...and is followed from then on; the former candidate, now far from the track, is not.
    expect(c.pick([candidate], W, H, 2100)).toBe(-1);
  });

  it('a frame whose faces are all someone else holds no candidate face, and still counts them', () => {
    const c = new CandidateFace();
    c.pick([candidate], W, H, 0);
    const meta = { timestampMs: 200, widthPx: W, heightPx: H, processingMs: 0 };
    const out = extractFeatures(
      { faceLandmarks: [colleague] },
      meta,
      emptyFeatureFrame(),
      c.pick([colleague], W, H, 200),
    );
    expect(out.facePresent).toBe(false);
    expect(out.faceCount).toBe(1);
    expect(out.bboxH).toBeNaN();
  });

  it('reset forgets the track', () => {
    const c = new CandidateFace();
    c.pick([candidate], W, H, 0);
    c.reset();
    expect(c.pick([colleague], W, H, 100)).toBe(0);
  });
});
