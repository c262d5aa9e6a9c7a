/**
 * Glue between a frame's bitmap and the core's pixel statistics: draws a small square crop around
 * the face and a 16 × 16 thumbnail of the whole picture on reused canvases and hands their pixels to
 * `src/`. Nothing here is kept beyond the frame.
 */
import type { Point2 } from '../../src/features/faceMetrics';
import type { PixelFrame } from '../../src/pixels/PixelFrame';
import type { Region } from '../../src/features/FaceRegion';
import { measureFacePixels, PixelScratch } from '../../src/pixels/measureFacePixels';

/** Crop side, px: about 40 px across the face's inner region, enough for sharpness and colour. */
const CROP_PX = 96;
/** The crop spans this many face sizes, so hair, neck and background fall in the "outside" band. */
const CROP_FACES = 2;
export const THUMB_PX = 16;

const crop = new OffscreenCanvas(CROP_PX, CROP_PX);
const cropCtx = crop.getContext('2d', { willReadFrequently: true })!;
const thumb = new OffscreenCanvas(THUMB_PX, THUMB_PX);
const thumbCtx = thumb.getContext('2d', { willReadFrequently: true })!;
const scratch = new PixelScratch(CROP_PX);
const cropLandmarks: Point2[] = Array.from({ length: 478 }, () => ({ x: 0, y: 0 }));
const thumbGrey = new Uint8Array(THUMB_PX * THUMB_PX);

/**
 * Measures the face's pixel statistics in `bitmap` into `out`; false when they could not be measured.
 * `region`: the part of the whole picture the bitmap holds; `landmarks` are normalised to the whole.
 */
export function measureFace(
  bitmap: ImageBitmap,
  region: Readonly<Region>,
  landmarks: ArrayLike<Point2>,
  out: PixelFrame,
): boolean {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (let i = 0; i < landmarks.length; i++) {
    const p = landmarks[i]!;
    if (p.x < minX) minX = p.x;
    if (p.x > maxX) maxX = p.x;
    if (p.y < minY) minY = p.y;
    if (p.y > maxY) maxY = p.y;
  }
  // The whole picture at the bitmap's scale, and where the bitmap starts in it, px.
  const W = bitmap.width / region.w;
  const H = bitmap.height / region.h;
  const ox = region.x * W;
  const oy = region.y * H;
  const side = CROP_FACES * Math.max((maxX - minX) * W, (maxY - minY) * H);
  if (!(side >= 8)) {
    out.valid = false;
    return false;
  }
  const sx = ((minX + maxX) / 2) * W - side / 2 - ox;
  const sy = ((minY + maxY) / 2) * H - side / 2 - oy;
  cropCtx.clearRect(0, 0, CROP_PX, CROP_PX);
  cropCtx.drawImage(bitmap, sx, sy, side, side, 0, 0, CROP_PX, CROP_PX);
  const n = Math.min(landmarks.length, cropLandmarks.length);
  for (let i = 0; i < n; i++) {
    const p = landmarks[i]!;
    const q = cropLandmarks[i]!;
    q.x = (p.x * W - ox - sx) / side;
    q.y = (p.y * H - oy - sy) / side;
  }
  const rgba = cropCtx.getImageData(0, 0, CROP_PX, CROP_PX).data;
  if (n < 468) {
    out.valid = false;
    return false;
  }
  return measureFacePixels({ rgba, landmarks: cropLandmarks }, scratch, out);
}

/**
 * A 16 × 16 grey thumbnail of the picture (for frozen and looped feeds), or of `part` of it (normalised
 * to the bitmap); the array is reused.
 */
export function thumbnail(bitmap: ImageBitmap, part?: Readonly<Region>): Uint8Array {
  if (part)
    thumbCtx.drawImage(
      bitmap,
      part.x * bitmap.width,
      part.y * bitmap.height,
      part.w * bitmap.width,
      part.h * bitmap.height,
      0,
      0,
      THUMB_PX,
      THUMB_PX,
    );
  else thumbCtx.drawImage(bitmap, 0, 0, THUMB_PX, THUMB_PX);
  const d = thumbCtx.getImageData(0, 0, THUMB_PX, THUMB_PX).data;
  for (let i = 0, j = 0; i < thumbGrey.length; i++, j += 4)
    thumbGrey[i] = Math.round(0.299 * d[j]! + 0.587 * d[j + 1]! + 0.114 * d[j + 2]!);
  return thumbGrey;
}
