import { describe, expect, it } from 'vitest';
import {
  boxInRegion,
  FaceRegion,
  isRegion,
  landmarksFromRegion,
  regionPixels,
  type Region,
} from '../../../../src/features/FaceRegion';

/** A face box normalised to a 1280 × 720 picture, from its centre and height in px (square in px). */
const face = (cxPx: number, cyPx: number, sidePx: number) => ({
  facePresent: true,
  bboxX: (cxPx - sidePx / 2) / 1280,
  bboxY: (cyPx - sidePx / 2) / 720,
  bboxW: sidePx / 1280,
  bboxH: sidePx / 720,
});
const none = { facePresent: false, bboxX: 0, bboxY: 0, bboxW: 0, bboxH: 0 };
const px = (r: Region) => ({
  x: Math.round(r.x * 1280),
  y: Math.round(r.y * 720),
  w: Math.round(r.w * 1280),
  h: Math.round(r.h * 720),
});

describe('FaceRegion', () => {
  it('sends the whole picture until a face is found, then a square 2.5 faces wide centred on it', () => {
    const fr = new FaceRegion();
    const r: Region = { x: 0, y: 0, w: 1, h: 1 };
    expect(fr.next(0, 1280, 720, r)).toBe(false);
    fr.seen(0, face(640, 300, 160));
    expect(fr.next(66, 1280, 720, r)).toBe(true);
    // 2.5 × 160 = 400 px, centred on (640, 300): left 440, top 100.
    expect(px(r)).toEqual({ x: 440, y: 100, w: 400, h: 400 });
  });

  it('sends the whole picture once a second, and at once after a frame without the face or a stale one', () => {
    const fr = new FaceRegion();
    const r: Region = { x: 0, y: 0, w: 1, h: 1 };
    fr.next(0, 1280, 720, r);
    const kinds: boolean[] = [];
    for (let t = 66; t <= 2112; t += 66) {
      fr.seen(t - 66, face(640, 300, 160));
      kinds.push(fr.next(t, 1280, 720, r));
    }
    // The first frames a second after the last whole one (at 0): 1056 and 2112 ms.
    expect(kinds.map((k, i) => (k ? 0 : (i + 1) * 66)).filter((t) => t > 0)).toEqual([1056, 2112]);
    fr.seen(2112, none);
    expect(fr.next(2178, 1280, 720, r)).toBe(false);
    fr.seen(2178, face(640, 300, 160));
    expect(fr.next(2244, 1280, 720, r)).toBe(true);
    // Nothing heard for longer than staleAfterMs: the face may be anywhere.
    expect(fr.next(2800, 1280, 720, r)).toBe(false);
  });

  it('holds the region still for small moves, and recentres when the face moves a tenth of its side or changes size by a fifth', () => {
    const fr = new FaceRegion({ wholeEveryMs: 1e9 });
    const r: Region = { x: 0, y: 0, w: 1, h: 1 };
    fr.next(0, 1280, 720, r);
    fr.seen(0, face(640, 300, 160));
    fr.next(66, 1280, 720, r);
    const first = px(r);
    fr.seen(66, face(670, 310, 170)); // 30 px of a 400 px side, 6 % larger
    fr.next(132, 1280, 720, r);
    expect(px(r)).toEqual(first);
    fr.seen(132, face(700, 300, 160)); // 60 px: more than a tenth
    fr.next(198, 1280, 720, r);
    expect(px(r)).toEqual({ x: 500, y: 100, w: 400, h: 400 });
    fr.seen(198, face(700, 300, 200)); // a region of 500 px: a quarter larger
    fr.next(264, 1280, 720, r);
    expect(px(r)).toEqual({ x: 450, y: 50, w: 500, h: 500 });
  });

  it("moves the region inside the picture rather than cutting it, and at most the picture's height", () => {
    const fr = new FaceRegion({ wholeEveryMs: 1e9 });
    const r: Region = { x: 0, y: 0, w: 1, h: 1 };
    fr.next(0, 1280, 720, r);
    fr.seen(0, face(100, 650, 120)); // near the bottom-left corner
    expect(fr.next(66, 1280, 720, r)).toBe(true);
    expect(px(r)).toEqual({ x: 0, y: 420, w: 300, h: 300 });
    // A face 300 px tall wants 750 px, more than the picture's height.
    fr.seen(66, face(640, 360, 300));
    expect(fr.next(132, 1280, 720, r)).toBe(true);
    expect(px(r)).toEqual({ x: 280, y: 0, w: 720, h: 720 });
  });

  it('forgets the face on reset (a new video)', () => {
    const fr = new FaceRegion();
    const r: Region = { x: 0, y: 0, w: 1, h: 1 };
    fr.next(0, 1280, 720, r);
    fr.seen(0, face(640, 300, 160));
    fr.reset();
    expect(fr.next(66, 1280, 720, r)).toBe(false);
  });
});

describe('regionPixels', () => {
  it("reads a region at the whole picture's scale, within 128 and the largest side, and sends it only when it halves the pixels", () => {
    // 1280 × 720 sent whole at 640 × 360 (scale 0.5): a 400 px region is 200 px across.
    const small = regionPixels(
      { x: 440 / 1280, y: 100 / 720, w: 400 / 1280, h: 400 / 720 },
      1280,
      720,
      640,
      320,
    );
    expect(small).toEqual({ sx: 440, sy: 100, sw: 400, sh: 400, outW: 200, outH: 200, worthIt: true });
    // A 720 px region would be 360: capped at 320, 102 400 px of the whole's 230 400.
    const tall = regionPixels({ x: 280 / 1280, y: 0, w: 720 / 1280, h: 1 }, 1280, 720, 640, 320);
    expect([tall.outW, tall.outH, tall.worthIt]).toEqual([320, 320, true]);
    // A 512 × 512 picture is sent whole at 512: a 320 px region of it is 39 % of its pixels; a tiny one is 128 px.
    expect(regionPixels({ x: 0, y: 0, w: 1, h: 1 }, 512, 512, 640, 320).worthIt).toBe(true);
    expect(regionPixels({ x: 0.4, y: 0.4, w: 0.1, h: 0.1 }, 512, 512, 640, 320).outW).toBe(128);
    // A 320 × 240 picture: a 240 px region at 240 px is 75 % of it, not worth it.
    expect(regionPixels({ x: 0, y: 0, w: 0.75, h: 1 }, 320, 240, 640, 320).worthIt).toBe(false);
  });
});

describe('landmarksFromRegion and boxInRegion', () => {
  it('map region-normalised landmarks onto the whole picture (z like x), and a whole-picture box back into the region', () => {
    const r: Region = { x: 440 / 1280, y: 100 / 720, w: 400 / 1280, h: 400 / 720 };
    const lm = [[{ x: 0.5, y: 0.25, z: 0.1 }]];
    landmarksFromRegion(lm, r);
    expect(lm[0]![0]!.x * 1280).toBeCloseTo(640, 9);
    expect(lm[0]![0]!.y * 720).toBeCloseTo(200, 9);
    expect(lm[0]![0]!.z).toBeCloseTo(0.1 * (400 / 1280), 9);
    const b = boxInRegion({ x: 540 / 1280, y: 200 / 720, w: 200 / 1280, h: 200 / 720 }, r);
    expect(b.x).toBeCloseTo(0.25, 9);
    expect(b.y).toBeCloseTo(0.25, 9);
    expect(b.w).toBeCloseTo(0.5, 9);
    expect(b.h).toBeCloseTo(0.5, 9);
  });

  it('isRegion accepts a part of the picture and refuses anything else', () => {
    expect(isRegion({ x: 0.1, y: 0.2, w: 0.3, h: 0.5 })).toBe(true);
    expect(isRegion({ x: 0, y: 0, w: 1, h: 1 })).toBe(true);
    for (const bad of [
      null,
      'region',
      { x: 0.9, y: 0, w: 0.3, h: 0.5 },
      { x: -0.1, y: 0, w: 0.3, h: 0.5 },
      { x: 0, y: 0, w: 0, h: 0.5 },
      { x: 0, y: 0, w: NaN, h: 0.5 },
      { x: 0, y: 0, w: 0.5 },
    ])
      expect(isRegion(bad)).toBe(false);
  });
});
