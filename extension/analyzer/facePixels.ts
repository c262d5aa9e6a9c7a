/**
 * Glue between a frame's bitmap and the core's pixel statistics: draws a small square crop around
 * the face and a 16 × 16 thumbnail of the whole picture on reused canvases and hands their pixels to
 * `src/`. Nothing here is kept beyond the frame.
 */
import type { Point2 } from '../../src/features/faceMetrics';
import type { PixelFrame } from '../../src/pixels/PixelFrame';
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

/** Measures the face's pixel statistics in `bitmap` into `out`; false when they could not be measured. */
export function measureFace(bitmap: ImageBitmap, landmarks: ArrayLike<Point2>, out: PixelFrame): boolean {
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
  const W = bitmap.width;
  const H = bitmap.height;
  const side = CROP_FACES * Math.max((maxX - minX) * W, (maxY - minY) * H);
  if (!(side >= 8)) {
    out.valid = false;
    return false;
  }
  const sx = ((minX + maxX) / 2) * W - side / 2;
  const sy = ((minY + maxY) / 2) * H - side / 2;
  cropCtx.clearRect(0, 0, CROP_PX, CROP_PX);
  cropCtx.drawImage(bitmap, sx, sy, side, side, 0, 0, CROP_PX, CROP_PX);
  const n = Math.min(landmarks.length, cropLandmarks.length);
  for (let i = 0; i < n; i++) {
    const p = landmarks[i]!;
    const q = cropLandmarks[i]!;
    q.x = (p.x * W - sx) / side;
    q.y = (p.y * H - sy) / side;
  }
  const rgba = cropCtx.getImageData(0, 0, CROP_PX, CROP_PX).data;
  if (n < 468) {
    out.valid = false;
    return false;
  }
  return measureFacePixels({ rgba, landmarks: cropLandmarks }, scratch, out);
}

/** A 16 × 16 grey thumbnail of the whole picture (for frozen and looped feeds); the array is reused. */
export function thumbnail(bitmap: ImageBitmap): Uint8Array {
  thumbCtx.drawImage(bitmap, 0, 0, THUMB_PX, THUMB_PX);
  const d = thumbCtx.getImageData(0, 0, THUMB_PX, THUMB_PX).data;
  for (let i = 0, j = 0; i < thumbGrey.length; i++, j += 4)
    thumbGrey[i] = Math.round(0.299 * d[j]! + 0.587 * d[j + 1]! + 0.114 * d[j + 2]!);
  return thumbGrey;
}
