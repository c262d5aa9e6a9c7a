import type { FeatureFrame } from './FeatureFrame';
import { eyeOpenness, mouthAperture, type Point2 } from './faceMetrics';
import { headPoseFromMatrix, type HeadPose } from './headPose';
import { mouthMotion } from './mouthMotion';

/** The part of a FaceLandmarker result the extractor reads (structurally compatible with tasks-vision). */
export interface LandmarkerOutput {
  faceLandmarks: ArrayLike<ArrayLike<Point2>>;
  facialTransformationMatrixes?: ArrayLike<{ data: ArrayLike<number> }>;
  faceBlendshapes?: ArrayLike<{ categories: ArrayLike<{ categoryName: string; score: number }> }>;
}

export interface FrameMeta {
  timestampMs: number;
  widthPx: number;
  heightPx: number;
  processingMs: number;
}

const pose: HeadPose = { yawDeg: NaN, pitchDeg: NaN, rollDeg: NaN };

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  /** Landmarks inside the image. */
  inside: number;
}
const bounds: Bounds = { minX: 0, minY: 0, maxX: 0, maxY: 0, inside: 0 };

/** Bounding box of a face's landmarks (normalised), written into `out`. */
export function landmarkBounds(lm: ArrayLike<Point2>, out: Bounds): Bounds {
  out.minX = out.minY = Infinity;
  out.maxX = out.maxY = -Infinity;
  out.inside = 0;
  for (let i = 0; i < lm.length; i++) {
    const p = lm[i]!;
    if (p.x < out.minX) out.minX = p.x;
    if (p.x > out.maxX) out.maxX = p.x;
    if (p.y < out.minY) out.minY = p.y;
    if (p.y > out.maxY) out.maxY = p.y;
    if (p.x >= 0 && p.x <= 1 && p.y >= 0 && p.y <= 1) out.inside++;
  }
  return out;
}

/** Index of the largest face (by bbox area) so a second face in the background does not take over. */
export function largestFace(faces: ArrayLike<ArrayLike<Point2>>): number {
  let best = 0;
  let bestArea = -1;
  for (let f = 0; f < faces.length; f++) {
    const b = landmarkBounds(faces[f]!, bounds);
    const area = (b.maxX - b.minX) * (b.maxY - b.minY);
    if (area > bestArea) {
      bestArea = area;
      best = f;
    }
  }
  return best;
}

/** Largest intersection over union of face `main`'s box (in `box`) with any other face's box. */
function overlapWithOthers(
  faces: ArrayLike<ArrayLike<Point2>>,
  main: number,
  box: { bboxX: number; bboxY: number; bboxW: number; bboxH: number },
): number {
  let best = 0;
  for (let f = 0; f < faces.length; f++) {
    if (f === main) continue;
    const o = landmarkBounds(faces[f]!, bounds);
    const w = Math.min(box.bboxX + box.bboxW, o.maxX) - Math.max(box.bboxX, o.minX);
    const h = Math.min(box.bboxY + box.bboxH, o.maxY) - Math.max(box.bboxY, o.minY);
    if (w <= 0 || h <= 0) continue;
    const inter = w * h;
    const iou = inter / (box.bboxW * box.bboxH + (o.maxX - o.minX) * (o.maxY - o.minY) - inter);
    if (iou > best) best = iou;
  }
  return best;
}

/**
 * Turns one landmarker result into a FeatureFrame, writing into `out` (no allocation per frame).
 * `face` is the candidate's face among the result's (default: the largest; CandidateFace picks it
 * from the track); -1 when none of them is. With no candidate face, every face field is NaN and
 * `facePresent` is false (`faceCount` still counts the faces seen).
 */
export function extractFeatures(
  result: LandmarkerOutput,
  meta: FrameMeta,
  out: FeatureFrame,
  face: number = largestFace(result.faceLandmarks),
): FeatureFrame {
  out.timestampMs = meta.timestampMs;
  out.processingMs = meta.processingMs;
  out.faceCount = result.faceLandmarks.length;
  out.facePresent = face >= 0 && face < out.faceCount;
  out.faceOverlap = 0;
  if (!out.facePresent) {
    out.bboxX = out.bboxY = out.bboxW = out.bboxH = out.faceHeightPx = NaN;
    out.yawDeg = out.pitchDeg = out.rollDeg = NaN;
    out.mouthAperture = out.eyeOpennessL = out.eyeOpennessR = out.jawOpen = out.mouthMotion = NaN;
    out.landmarkConfidence = 0;
    return out;
  }
  const lm = result.faceLandmarks[face]!;
  const b = landmarkBounds(lm, bounds);
  out.bboxX = b.minX;
  out.bboxY = b.minY;
  out.bboxW = b.maxX - b.minX;
  out.bboxH = b.maxY - b.minY;
  if (out.faceCount > 1) out.faceOverlap = overlapWithOthers(result.faceLandmarks, face, out);
  out.faceHeightPx = out.bboxH * meta.heightPx;
  out.landmarkConfidence = lm.length > 0 ? b.inside / lm.length : 0;
  out.mouthAperture = mouthAperture(lm, meta.widthPx, meta.heightPx);
  out.eyeOpennessL = eyeOpenness(lm, 'L', meta.widthPx, meta.heightPx);
  out.eyeOpennessR = eyeOpenness(lm, 'R', meta.widthPx, meta.heightPx);

  const matrix = result.facialTransformationMatrixes?.[face];
  if (matrix && matrix.data.length >= 16) {
    headPoseFromMatrix(matrix.data, pose);
    out.yawDeg = pose.yawDeg;
    out.pitchDeg = pose.pitchDeg;
    out.rollDeg = pose.rollDeg;
  } else {
    out.yawDeg = out.pitchDeg = out.rollDeg = NaN;
  }

  out.jawOpen = NaN;
  const shapes = result.faceBlendshapes?.[face]?.categories;
  if (shapes) {
    for (let i = 0; i < shapes.length; i++) {
      const c = shapes[i]!;
      if (c.categoryName === 'jawOpen') {
        out.jawOpen = c.score;
        break;
      }
    }
  }
  out.mouthMotion = mouthMotion(out.mouthAperture, shapes);
  return out;
}
