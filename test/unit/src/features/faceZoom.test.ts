import { describe, expect, it } from 'vitest';
import { FaceZoom, landmarksFromCrop, type FaceBox, type ZoomCrop } from '../../../../src/features/FaceZoom';

const W = 640;
const H = 360;
const face = (x: number, y: number, w: number, h: number): FaceBox => ({
  facePresent: true,
  bboxX: x,
  bboxY: y,
  bboxW: w,
  bboxH: h,
});
const NONE: FaceBox = { facePresent: false, bboxX: NaN, bboxY: NaN, bboxW: NaN, bboxH: NaN };
const crop = (): ZoomCrop => ({ sx: -1, sy: -1, side: -1 });

describe('FaceZoom', () => {
  it('searches a lost small face in a square three face heights wide, centred where it was', () => {
    const z = new FaceZoom();
    z.seen(0, face(0.4, 0.4, 0.1, 0.2), false); // 64 × 72 px, centre (288, 180)
    z.seen(66, NONE, false);
    const c = crop();
    expect(z.crop(66, W, H, c)).toBe(true);
    // side 3 × 72 = 216; corner (288 − 108, 180 − 108)
    expect(c).toEqual({ sx: 180, sy: 72, side: 216 });
    expect(z.zoomed).toBe(false);
  });

  it('leaves a lost large face alone (turned away or covered, not too small), and stops searching after searchForMs', () => {
    const z = new FaceZoom();
    z.seen(0, face(0.3, 0.2, 0.2, 0.45), false);
    z.seen(66, NONE, false);
    expect(z.crop(66, W, H, crop())).toBe(false);
    z.seen(100, face(0.4, 0.4, 0.1, 0.2), false);
    z.seen(166, NONE, false);
    expect(z.crop(2600, W, H, crop())).toBe(true);
    expect(z.crop(2601, W, H, crop())).toBe(false);
    expect(new FaceZoom().crop(0, W, H, crop())).toBe(false); // never seen
  });

  it('says once a small face has been seen (the analyzer then makes the crop landmarker), and not before', () => {
    const z = new FaceZoom();
    z.seen(0, face(0.3, 0.2, 0.2, 0.45), false);
    z.seen(66, NONE, false);
    expect(z.smallFaceSeen).toBe(false);
    z.seen(133, face(0.35, 0.3, 0.15, 0.29), false);
    expect(z.smallFaceSeen).toBe(true);
    z.seen(200, face(0.3, 0.2, 0.2, 0.45), false);
    expect(z.smallFaceSeen).toBe(true);
  });

  it('moves the crop inside the frame rather than cutting it, and skips a crop that would barely zoom', () => {
    const z = new FaceZoom();
    z.seen(0, face(0.9, 0.02, 0.08, 0.15), false); // 54 px tall at the top-right corner
    const c = crop();
    expect(z.crop(10, W, H, c)).toBe(true);
    expect(c).toEqual({ sx: 640 - 162, sy: 0, side: 162 });
    const tiny = new FaceZoom();
    tiny.seen(0, face(0.3, 0.3, 0.3, 0.29), false); // 100 × 100 frame: side 3 × 30 = 90, zoom 1.11
    expect(tiny.crop(10, 100, 100, crop())).toBe(false);
  });

  it('tracks a face found in the crop, holds the crop still for small moves, and hands it back once it is large', () => {
    const z = new FaceZoom();
    z.seen(0, face(0.4, 0.4, 0.1, 0.2), false);
    z.seen(66, NONE, false);
    const c = crop();
    z.crop(66, W, H, c);
    z.seen(66, face(0.42, 0.42, 0.08, 0.16), true); // found in the crop, smaller
    expect(z.zoomed).toBe(true);
    // centre (294.4, 180); wanted side 3 × 57.6 = 173, within a fifth of 216; centre off by 6 px < 21.6
    expect(z.crop(133, W, H, c)).toBe(true);
    expect(c).toEqual({ sx: 180, sy: 72, side: 216 });
    z.seen(133, face(0.47, 0.42, 0.08, 0.16), true); // centre moved to x 326 px, 38 px from the crop's centre
    z.crop(200, W, H, c);
    expect(c).toEqual({ sx: Math.round(326.4 - 86.4), sy: Math.round(180 - 86.4), side: 173 });
    z.seen(266, face(0.4, 0.35, 0.15, 0.27), true); // over releaseFaceShare 0.26
    expect(z.zoomed).toBe(false);
    z.seen(333, face(0.4, 0.4, 0.1, 0.2), true);
    z.seen(400, NONE, true); // lost in the crop too: tracking ends, the search goes on
    expect(z.zoomed).toBe(false);
    expect(z.crop(400, W, H, c)).toBe(true);
  });
});

describe('landmarksFromCrop', () => {
  it('maps crop-normalised landmarks onto the frame, z scaled like x', () => {
    const faces = [
      [
        { x: 0.5, y: 0.5, z: 0.1 },
        { x: 0, y: 1 },
      ],
    ];
    landmarksFromCrop(faces, { sx: 180, sy: 72, side: 216 }, W, H);
    // (180 + 0.5·216) / 640, (72 + 0.5·216) / 360, 0.1·216 / 640
    expect(faces[0]![0]!.x).toBeCloseTo(0.45, 12);
    expect(faces[0]![0]!.y).toBeCloseTo(0.5, 12);
    expect(faces[0]![0]!.z).toBeCloseTo(0.03375, 12);
    expect(faces[0]![1]).toEqual({ x: 180 / 640, y: 288 / 360 });
  });
});
