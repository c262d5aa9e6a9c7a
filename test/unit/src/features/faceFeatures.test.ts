import { describe, expect, it } from 'vitest';
import { emptyFeatureFrame } from '../../../../src/features/FeatureFrame';
import { MOUTH_MOTION_WEIGHTS, mouthMotion, mouthShapeScores } from '../../../../src/features/mouthMotion';
import { extractFeatures, type LandmarkerOutput } from '../../../../src/features/extractFeatures';
import { eyeOpenness, MESH, mouthAperture, pixelDistance } from '../../../../src/features/faceMetrics';

/** A 478-point face: every point at the centre except the ones a test places. */
function face(points: Record<number, [number, number]>, centre: [number, number] = [0.5, 0.5]) {
  const lm = Array.from({ length: 478 }, () => ({ x: centre[0], y: centre[1] }));
  for (const [i, [x, y]] of Object.entries(points)) lm[Number(i)] = { x, y };
  return lm;
}

describe('face metrics', () => {
  it('measures distances in pixels, undoing the separate x/y normalisation', () => {
    // 3-4-5 triangle in a 300x400 image: dx = 0.01*300 = 3 px, dy = 0.01*400 = 4 px.
    expect(pixelDistance({ x: 0.5, y: 0.5 }, { x: 0.51, y: 0.51 }, 300, 400)).toBeCloseTo(5, 9);
  });

  it('mouth aperture is lip gap over mouth width', () => {
    // Width 0.2*640 = 128 px; gap 0.05*480 = 24 px → 24/128 = 0.1875.
    const lm = face({
      [MESH.mouthCornerL]: [0.4, 0.7],
      [MESH.mouthCornerR]: [0.6, 0.7],
      [MESH.innerLipTop]: [0.5, 0.675],
      [MESH.innerLipBottom]: [0.5, 0.725],
    });
    expect(mouthAperture(lm, 640, 480)).toBeCloseTo(0.1875, 9);
  });

  it('eye openness per side, zero for a degenerate eye', () => {
    const lm = face({
      [MESH.eyeLOuter]: [0.3, 0.4],
      [MESH.eyeLInner]: [0.4, 0.4],
      [MESH.eyeLTop]: [0.35, 0.39],
      [MESH.eyeLBottom]: [0.35, 0.41],
    });
    // Square image 500 px: width 50 px, gap 10 px → 0.2. The right eye is all at the centre → 0.
    expect(eyeOpenness(lm, 'L', 500, 500)).toBeCloseTo(0.2, 9);
    expect(eyeOpenness(lm, 'R', 500, 500)).toBe(0);
  });
});

describe('extractFeatures', () => {
  const meta = { timestampMs: 1234, widthPx: 640, heightPx: 360, processingMs: 17 };

  it('marks every face field empty when there is no face', () => {
    const out = extractFeatures({ faceLandmarks: [] }, meta, emptyFeatureFrame());
    expect(out.facePresent).toBe(false);
    expect(out.faceCount).toBe(0);
    expect(out.timestampMs).toBe(1234);
    expect(out.processingMs).toBe(17);
    for (const v of [out.bboxW, out.yawDeg, out.mouthAperture, out.eyeOpennessL, out.jawOpen])
      expect(v).toBeNaN();
    expect(out.landmarkConfidence).toBe(0);
  });

  it('describes the largest face, its box, pose and blendshapes', () => {
    const small = face({ 0: [0.05, 0.05], 1: [0.1, 0.1] }, [0.07, 0.07]);
    const big = face({ 0: [0.3, 0.2], 1: [0.7, 0.8] });
    const identity = { data: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, -40, 1] };
    const yawed = { data: [0.866, 0, -0.5, 0, 0, 1, 0, 0, 0.5, 0, 0.866, 0, 0, 0, -40, 1] }; // Ry(30°)
    const result: LandmarkerOutput = {
      faceLandmarks: [small, big],
      facialTransformationMatrixes: [identity, yawed],
      faceBlendshapes: [
        { categories: [{ categoryName: 'jawOpen', score: 0.9 }] },
        {
          categories: [
            { categoryName: '_neutral', score: 0.1 },
            { categoryName: 'jawOpen', score: 0.25 },
          ],
        },
      ],
    };
    const out = extractFeatures(result, meta, emptyFeatureFrame());
    expect(out.faceCount).toBe(2);
    expect(out.bboxX).toBeCloseTo(0.3, 9);
    expect(out.bboxY).toBeCloseTo(0.2, 9);
    expect(out.bboxW).toBeCloseTo(0.4, 9);
    expect(out.bboxH).toBeCloseTo(0.6, 9);
    expect(out.faceHeightPx).toBeCloseTo(0.6 * 360, 6);
    expect(out.yawDeg).toBeCloseTo(30, 1);
    expect(out.jawOpen).toBe(0.25);
    expect(out.landmarkConfidence).toBe(1);
    // The small face in the corner does not touch the big one: no "two layers".
    expect(out.faceOverlap).toBe(0);
  });

  it('measures how much a second face lies over the first (intersection over union)', () => {
    // Boxes 0.3–0.7 × 0.2–0.8 (area 0.24) and 0.5–0.9 × 0.2–0.8 (0.24): overlap 0.2 × 0.6 = 0.12,
    // union 0.36, IoU 1/3.
    const a = face({ 0: [0.3, 0.2], 1: [0.7, 0.8] });
    const b = face({ 0: [0.5, 0.2], 1: [0.9, 0.8] }, [0.7, 0.5]);
    expect(extractFeatures({ faceLandmarks: [a, b] }, meta, emptyFeatureFrame()).faceOverlap).toBeCloseTo(
      1 / 3,
      9,
    );
  });

  it('lowers landmark confidence by the share of landmarks outside the image', () => {
    const lm = face({});
    for (let i = 0; i < 239; i++) lm[i] = { x: 1.2, y: 0.5 };
    const out = extractFeatures({ faceLandmarks: [lm] }, meta, emptyFeatureFrame());
    expect(out.landmarkConfidence).toBeCloseTo(239 / 478, 9);
    expect(out.yawDeg).toBeNaN(); // no matrix given
  });

  it('reuses the output object (no allocation per frame)', () => {
    const out = emptyFeatureFrame();
    expect(extractFeatures({ faceLandmarks: [] }, meta, out)).toBe(out);
  });
});

describe('mouthMotion', () => {
  it('adds the weighted mouth blendshapes to the aperture (golden values from MOUTH_MOTION_WEIGHTS by hand)', () => {
    // 0.1 + 0.453 × 0.5 (jawOpen) = 0.3265; with both mouthStretch at 0.2: 0.3265 − 1.3134 × 0.4 = −0.19886.
    expect(mouthMotion(0.1, [{ categoryName: 'jawOpen', score: 0.5 }])).toBeCloseTo(0.3265, 10);
    const shapes = [
      { categoryName: '_neutral', score: 0.9 },
      { categoryName: 'eyeBlinkLeft', score: 0.7 },
      { categoryName: 'jawOpen', score: 0.5 },
      { categoryName: 'mouthStretchLeft', score: 0.2 },
      { categoryName: 'mouthStretchRight', score: 0.2 },
    ];
    expect(mouthMotion(0.1, shapes)).toBeCloseTo(-0.19886, 10);
    // Left and right weigh the same; shapes outside the mouth weigh nothing.
    expect(MOUTH_MOTION_WEIGHTS.mouthPressLeft).toBe(MOUTH_MOTION_WEIGHTS.mouthPressRight);
    expect(MOUTH_MOTION_WEIGHTS.eyeBlinkLeft).toBeUndefined();
    // A name that is not a blendshape, even one every object inherits, weighs nothing.
    expect(mouthMotion(0.1, [{ categoryName: 'constructor', score: 1 }])).toBe(0.1);
    expect(
      mouthShapeScores([
        { categoryName: 'toString', score: 1 },
        { categoryName: 'jawOpen', score: 0.25 },
      ]),
    ).toEqual({
      jawOpen: 0.25,
    });
  });

  it('is the aperture alone without blendshapes, and NaN without a face', () => {
    expect(mouthMotion(0.3)).toBe(0.3);
    expect(mouthMotion(0.3, [])).toBe(0.3);
    expect(mouthMotion(NaN, [{ categoryName: 'jawOpen', score: 0.5 }])).toBeNaN();
  });

  it('is what extractFeatures reports for the largest face', () => {
    // Lips 0.1 apart inside a mouth 0.4 wide (640 × 360 px: 36 px over 256 px = 0.140625).
    const big = face({
      0: [0.3, 0.2],
      1: [0.7, 0.8],
      13: [0.5, 0.45],
      14: [0.5, 0.55],
      78: [0.3, 0.5],
      308: [0.7, 0.5],
    });
    const out = extractFeatures(
      {
        faceLandmarks: [big],
        faceBlendshapes: [{ categories: [{ categoryName: 'mouthFunnel', score: 0.4 }] }],
      },
      { timestampMs: 0, widthPx: 640, heightPx: 360, processingMs: 0 },
      emptyFeatureFrame(),
    );
    expect(out.mouthAperture).toBeCloseTo(0.140625, 10);
    expect(out.mouthMotion).toBeCloseTo(0.140625 + 1.076 * 0.4, 10);
    expect(
      extractFeatures(
        { faceLandmarks: [] },
        { timestampMs: 0, widthPx: 1, heightPx: 1, processingMs: 0 },
        emptyFeatureFrame(),
      ).mouthMotion,
    ).toBeNaN();
  });
});
