/**
 * Where the face-swap detector's crop comes from: a similarity transform (rotation, one scale,
 * shift) that puts the midpoint of the eyes and the midpoint of the mouth's corners at fixed places
 * in a square crop, so every face arrives upright, centred and the same size whatever its roll,
 * distance or place in the picture. Two points that a talking mouth barely moves (the corners, not
 * the lips) keep the crop steady from frame to frame. The same transform serves the extension
 * (drawn on a canvas) and the training pipeline's extraction (which runs the extension's own code).
 */
import type { Point2 } from '../features/faceMetrics';

/** Face-mesh landmarks whose mean is the eyes' midpoint: both corners of both eyes. */
const EYE_CORNERS = [33, 133, 362, 263] as const;
/** The mouth's corners. */
const MOUTH_CORNERS = [61, 291] as const;

/** Where the eyes' and the mouth's midpoints land in the crop, as shares of its side. */
export const ALIGNED_EYES_Y = 0.42;
export const ALIGNED_MOUTH_Y = 0.65;

/**
 * How landmarks normalised to the whole picture map to the pixels of the bitmap at hand: a bitmap
 * `widthPx` × `heightPx` that holds `region` of the picture (all of it: x = y = 0, w = h = 1).
 */
export interface BitmapFrame {
  widthPx: number;
  heightPx: number;
  region: { x: number; y: number; w: number; h: number };
}

/**
 * The transform from bitmap pixels to a `sidePx` square crop, as a canvas takes it
 * (`setTransform(a, b, c, d, e, f)`: x' = a·x + c·y + e, y' = b·x + d·y + f), written into `out`
 * (six numbers, reused). False, with `out` untouched, when the landmarks give no usable face (fewer
 * than 468 points, or eyes and mouth on one point).
 */
export function alignFace(
  landmarks: ArrayLike<Point2>,
  bitmap: Readonly<BitmapFrame>,
  sidePx: number,
  out: Float64Array,
): boolean {
  if (landmarks.length < 468) return false;
  const sx = bitmap.widthPx / bitmap.region.w;
  const sy = bitmap.heightPx / bitmap.region.h;
  const px = (i: number) => (landmarks[i]!.x - bitmap.region.x) * sx;
  const py = (i: number) => (landmarks[i]!.y - bitmap.region.y) * sy;
  let ex = 0,
    ey = 0,
    mx = 0,
    my = 0;
  for (const i of EYE_CORNERS) {
    ex += px(i) / EYE_CORNERS.length;
    ey += py(i) / EYE_CORNERS.length;
  }
  for (const i of MOUTH_CORNERS) {
    mx += px(i) / MOUTH_CORNERS.length;
    my += py(i) / MOUTH_CORNERS.length;
  }
  // In complex numbers: crop = k · bitmap + t, with k taking the eyes→mouth vector to the crop's.
  const vx = mx - ex;
  const vy = my - ey;
  const len2 = vx * vx + vy * vy;
  if (!(len2 > 1e-6)) return false;
  const wx = 0;
  const wy = (ALIGNED_MOUTH_Y - ALIGNED_EYES_Y) * sidePx;
  // k = w / v = w · conj(v) / |v|²
  const kr = (wx * vx + wy * vy) / len2;
  const ki = (wy * vx - wx * vy) / len2;
  const qx = 0.5 * sidePx;
  const qy = ALIGNED_EYES_Y * sidePx;
  out[0] = kr;
  out[1] = ki;
  out[2] = -ki;
  out[3] = kr;
  out[4] = qx - (kr * ex - ki * ey);
  out[5] = qy - (ki * ex + kr * ey);
  return true;
}

/** Where a bitmap point lands in the crop under `m` (from alignFace), written into `out`. */
export function applyAlignment(m: ArrayLike<number>, x: number, y: number, out: Point2): Point2 {
  out.x = m[0]! * x + m[2]! * y + m[4]!;
  out.y = m[1]! * x + m[3]! * y + m[5]!;
  return out;
}
