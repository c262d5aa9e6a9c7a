/**
 * Glue for the face-swap detector's input: draws the candidate's face, aligned by
 * src/faceswap/faceAlignment, into a small square on a reused canvas and returns its pixels. Nothing
 * is kept beyond the frame.
 */
import type { Point2 } from '../../src/features/faceMetrics';
import type { Region } from '../../src/features/FaceRegion';
import { alignFace } from '../../src/faceswap/faceAlignment';

const canvases = new Map<number, OffscreenCanvasRenderingContext2D>();
const matrix = new Float64Array(6);
const frameOf = { widthPx: 0, heightPx: 0, region: { x: 0, y: 0, w: 1, h: 1 } };

/**
 * The face in `bitmap` (which holds `region` of the picture; `landmarks` normalised to the whole)
 * aligned into a `sidePx` square, RGBA, and the transform used (bitmap px → crop px, reused); null
 * when the landmarks give no face. The pixel array belongs to the canvas's last read: copy to keep.
 */
export function alignedFaceCrop(
  bitmap: ImageBitmap,
  region: Readonly<Region>,
  landmarks: ArrayLike<Point2>,
  sidePx: number,
): { rgba: Uint8ClampedArray; matrix: Float64Array } | null {
  frameOf.widthPx = bitmap.width;
  frameOf.heightPx = bitmap.height;
  frameOf.region = region;
  if (!alignFace(landmarks, frameOf, sidePx, matrix)) return null;
  let ctx = canvases.get(sidePx);
  if (!ctx) {
    ctx = new OffscreenCanvas(sidePx, sidePx).getContext('2d', { willReadFrequently: true })!;
    ctx.imageSmoothingQuality = 'medium';
    canvases.set(sidePx, ctx);
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, sidePx, sidePx);
  ctx.setTransform(matrix[0]!, matrix[1]!, matrix[2]!, matrix[3]!, matrix[4]!, matrix[5]!);
  ctx.drawImage(bitmap, 0, 0);
  return { rgba: ctx.getImageData(0, 0, sidePx, sidePx).data, matrix };
}
