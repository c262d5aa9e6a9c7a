/**
 * Finds the candidate's face in a frame: the full-frame landmarker first, and, when it has lost a face
 * that was small in the picture, a second landmarker on a zoomed crop around where the face was
 * (src/features/FaceZoom.ts decides when and where, and holds the crop still while the face is in it).
 * Both run in VIDEO mode, tracking the face from frame to frame as in a still camera. Landmarks found in
 * the crop are mapped back onto the frame, so everything downstream reads frame coordinates as before.
 */
import type { FaceLandmarker, FaceLandmarkerResult } from '@mediapipe/tasks-vision';
import type { FeatureFrame } from '../../src/features/FeatureFrame';
import { extractFeatures } from '../../src/features/extractFeatures';
import {
  FaceZoom,
  landmarksFromCrop,
  type FaceZoomOptions,
  type ZoomCrop,
} from '../../src/features/FaceZoom';

/** Side of the zoomed crop given to the second landmarker, px (its detector works at 128, its mesh at 192). */
const ZOOM_SIDE_PX = 256;

export class FaceFinder {
  private readonly zoom: FaceZoom;
  private readonly crop: ZoomCrop = { sx: 0, sy: 0, side: 0 };
  private canvas: OffscreenCanvas | null = null;
  private ctx: OffscreenCanvasRenderingContext2D | null = null;
  /** Last timestamps given to each landmarker (VIDEO mode wants them strictly increasing). */
  private lastFullTs = -1;
  private lastZoomTs = -1;
  /** Whether the last frame's face was found in the zoomed crop. */
  zoomedLast = false;

  constructor(
    private readonly full: FaceLandmarker,
    private readonly zoomed: FaceLandmarker,
    opts: FaceZoomOptions = {},
  ) {
    this.zoom = new FaceZoom(opts);
  }

  /**
   * Landmarks for this frame, with `frame` filled from them (its `processingMs` is the caller's to set).
   * `timestampMs` is the frame's; VIDEO mode gets it made strictly increasing.
   */
  find(bitmap: ImageBitmap, timestampMs: number, frame: FeatureFrame): FaceLandmarkerResult {
    const w = bitmap.width;
    const h = bitmap.height;
    const meta = { timestampMs, widthPx: w, heightPx: h, processingMs: 0 };
    const { zoom, crop } = this;
    let result: FaceLandmarkerResult | null = null;
    let fromCrop = false;
    // A face tracked in the crop is looked for there first; the full frame runs when it is not found.
    const zoomFirst = zoom.zoomed && zoom.crop(timestampMs, w, h, crop);
    if (zoomFirst) {
      result = this.detectCrop(bitmap, timestampMs);
      fromCrop = result.faceLandmarks.length > 0;
    }
    if (!fromCrop) {
      result = this.detectFull(bitmap, timestampMs);
      extractFeatures(result, meta, frame);
      if (!frame.facePresent && !zoomFirst && zoom.crop(timestampMs, w, h, crop)) {
        const found = this.detectCrop(bitmap, timestampMs);
        fromCrop = found.faceLandmarks.length > 0;
        if (fromCrop) result = found;
      }
    }
    if (fromCrop) {
      landmarksFromCrop(result!.faceLandmarks, crop, w, h);
      extractFeatures(result!, meta, frame);
    }
    this.zoomedLast = fromCrop;
    zoom.seen(timestampMs, frame, fromCrop);
    return result!;
  }

  private detectFull(bitmap: ImageBitmap, timestampMs: number): FaceLandmarkerResult {
    this.lastFullTs = Math.max(timestampMs, this.lastFullTs + 1);
    return this.full.detectForVideo(bitmap, this.lastFullTs);
  }

  private detectCrop(bitmap: ImageBitmap, timestampMs: number): FaceLandmarkerResult {
    if (!this.canvas) {
      this.canvas = new OffscreenCanvas(ZOOM_SIDE_PX, ZOOM_SIDE_PX);
      this.ctx = this.canvas.getContext('2d', { willReadFrequently: false });
    }
    const { sx, sy, side } = this.crop;
    this.ctx!.drawImage(bitmap, sx, sy, side, side, 0, 0, ZOOM_SIDE_PX, ZOOM_SIDE_PX);
    this.lastZoomTs = Math.max(timestampMs, this.lastZoomTs + 1);
    return this.zoomed.detectForVideo(this.canvas, this.lastZoomTs);
  }
}
