import { describe, expect, it } from 'vitest';
import {
  ALIGNED_EYES_Y,
  ALIGNED_MOUTH_Y,
  alignFace,
  applyAlignment,
} from '../../../../src/faceswap/faceAlignment';

/**
 * 478 landmarks (normalised to a 640 × 360 picture) of an upright face whose eye corners sit at
 * (±30, −20) px and (±10, −20) px and mouth corners at (±20, +30) px around (cx, cy) px, turned by
 * `rollDeg` about that point; every other point at the centre.
 */
function face(cx: number, cy: number, rollDeg: number) {
  const r = (rollDeg * Math.PI) / 180;
  const at = (dx: number, dy: number) => ({
    x: (cx + dx * Math.cos(r) - dy * Math.sin(r)) / 640,
    y: (cy + dx * Math.sin(r) + dy * Math.cos(r)) / 360,
  });
  const lm = Array.from({ length: 478 }, () => at(0, 0));
  lm[33] = at(-30, -20);
  lm[133] = at(-10, -20);
  lm[362] = at(10, -20);
  lm[263] = at(30, -20);
  lm[61] = at(-20, 30);
  lm[291] = at(20, 30);
  return { lm, at };
}

describe('alignFace', () => {
  it('puts the eyes and the mouth at their places in the crop, upright, from a turned face in a region bitmap', () => {
    const { lm, at } = face(400, 200, 30);
    // The bitmap holds the right half of the picture, at half its size.
    const bitmap = { widthPx: 160, heightPx: 180, region: { x: 0.5, y: 0, w: 0.5, h: 1 } };
    const m = new Float64Array(6);
    expect(alignFace(lm, bitmap, 64, m)).toBe(true);
    const toCrop = (p: { x: number; y: number }) =>
      applyAlignment(m, (p.x - 0.5) * 320, p.y * 180, { x: 0, y: 0 });
    const eyes = toCrop(at(0, -20));
    const mouth = toCrop(at(0, 30));
    expect(eyes.x).toBeCloseTo(32, 6);
    expect(eyes.y).toBeCloseTo(ALIGNED_EYES_Y * 64, 6);
    expect(mouth.x).toBeCloseTo(32, 6);
    expect(mouth.y).toBeCloseTo(ALIGNED_MOUTH_Y * 64, 6);
    // Upright: the eye line is level in the crop.
    const left = toCrop(at(-20, -20));
    const right = toCrop(at(20, -20));
    expect(left.y).toBeCloseTo(right.y, 6);
    expect(right.x).toBeGreaterThan(left.x);
    // One scale: 50 px from eyes to mouth become (ALIGNED_MOUTH_Y − ALIGNED_EYES_Y) × 64 px, and so does any length.
    expect(right.x - left.x).toBeCloseTo((40 / 50) * (ALIGNED_MOUTH_Y - ALIGNED_EYES_Y) * 64, 6);
  });

  it('gives no crop for too few landmarks or a face collapsed to a point', () => {
    const m = new Float64Array(6);
    const bitmap = { widthPx: 640, heightPx: 360, region: { x: 0, y: 0, w: 1, h: 1 } };
    expect(alignFace(face(300, 200, 0).lm.slice(0, 400), bitmap, 64, m)).toBe(false);
    const flat = Array.from({ length: 478 }, () => ({ x: 0.5, y: 0.5 }));
    expect(alignFace(flat, bitmap, 64, m)).toBe(false);
    expect([...m]).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
