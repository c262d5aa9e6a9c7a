/**
 * Finds the candidate's face in a frame. A frame that holds only the face's region (the grabber sends
 * one once the face is found, see src/features/FaceRegion.ts) goes to a second landmarker, for one
 * face in a crop. A whole picture goes to the full-frame landmarker, and, when it has lost a face that
 * was small in the picture, to the second landmarker on a zoomed crop around where the face was
 * (src/features/FaceZoom.ts decides when and where, and holds the crop still while the face is in it).
 * Both run in VIDEO mode, tracking the face from frame to frame as in a still camera; each always sees
 * the same kind of picture, so neither loses its track when the kinds alternate. Landmarks found in a
 * region or crop are mapped back onto the whole picture, so everything downstream reads whole-picture
 * coordinates. Of the faces found, the candidate's is the one that continues its track
 * (src/features/CandidateFace.ts): a face elsewhere, seen while the candidate's is hidden, is not taken
 * for it. The second landmarker is a wasm instance of its own (about 50 MB).
 */
import type { FaceLandmarker, FaceLandmarkerResult } from '@mediapipe/tasks-vision';
import { emptyFeatureFrame, type FeatureFrame } from '../../src/features/FeatureFrame';
import { CandidateFace } from '../../src/features/CandidateFace';
import { extractFeatures, type FrameMeta } from '../../src/features/extractFeatures';
import { landmarksFromRegion, REGION_MAX_SIDE_PX, type Region } from '../../src/features/FaceRegion';
import {
  FaceZoom,
  landmarksFromCrop,
  type FaceZoomOptions,
  type ZoomCrop,
} from '../../src/features/FaceZoom';

/** How long after the last region frame the whole pictures are still read in that region, ms. */
const REGION_HOLD_MS = 1500;

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
  /** The landmarker for the crop: none yet, being made, made, or it failed (then the crop is not used). */
  private zoomed: FaceLandmarker | 'none' | 'loading' | 'failed' = 'none';
  /** Whether the last frame's face was found in the zoomed crop. */
  zoomedLast = false;
  /** The second landmarker being made (settles either way). */
  private zoomLoad: Promise<void> | null = null;
  /** The last region a frame held, and when: the whole pictures between regions are read there too. */
  private readonly lastRegion: Region = { x: 0, y: 0, w: 1, h: 1 };
  private lastRegionMs = -Infinity;
  private regionCanvas: OffscreenCanvas | null = null;
  private regionCtx: OffscreenCanvasRenderingContext2D | null = null;
  /** The whole picture's features, read for its count of faces only. */
  private readonly wholeScratch = emptyFeatureFrame();
  /** Faces the last whole picture held, and when (a region is searched for one face only). */
  private wholeFaces = 0;
  private wholeFacesMs = -Infinity;
  private readonly candidate = new CandidateFace();
  /** Index of the candidate's face in the last result `find` returned; -1 when it holds none. */
  face = -1;

  /**
   * `makeZoomed` makes the crop's landmarker when first needed; `onError` hears why it could not
   * (the full frame goes on alone).
   */
  constructor(
    private readonly full: FaceLandmarker,
    private readonly makeZoomed: () => Promise<FaceLandmarker>,
    private readonly onError: (e: unknown) => void,
    opts: FaceZoomOptions = {},
  ) {
    this.zoom = new FaceZoom(opts);
  }

  /** Makes the second landmarker now rather than when first needed (regions need it from the first face). */
  prepareCrop(): Promise<void> {
    if (this.zoomed === 'none') this.loadZoomed();
    return this.zoomLoad ?? Promise.resolve();
  }

  /**
   * Landmarks for this frame, with `frame` filled from them (its `processingMs` is the caller's to set).
   * `timestampMs` is the frame's; VIDEO mode gets it made strictly increasing. `region`: the part of the
   * whole picture the bitmap holds (absent: all of it).
   */
  find(bitmap: ImageBitmap, timestampMs: number, frame: FeatureFrame, region?: Region): FaceLandmarkerResult {
    if (region) return this.findInRegion(bitmap, timestampMs, frame, region);
    const w = bitmap.width;
    const h = bitmap.height;
    const meta = { timestampMs, widthPx: w, heightPx: h, processingMs: 0 };
    const { zoom, crop } = this;
    let result: FaceLandmarkerResult | null = null;
    let fromCrop = false;
    const zoomed = typeof this.zoomed === 'object' ? this.zoomed : null;
    // The whole picture between regions: it counts the faces, and the face is read in the same region
    // by the same landmarker as the frames around it, so its track and its landmarks do not jump.
    if (zoomed && timestampMs - this.lastRegionMs <= REGION_HOLD_MS) {
      const whole = this.detectFull(bitmap, timestampMs);
      const inRegion = this.redrawRegion(zoomed, bitmap, timestampMs, frame);
      // Seen once a second, the whole picture's track is stale: it can hold the face where it was
      // beside the face where it is. Only a face apart from the largest counts as a second face.
      extractFeatures(whole, meta, this.wholeScratch);
      this.wholeFaces =
        this.wholeScratch.faceCount > 1 && this.wholeScratch.faceOverlap > 0
          ? 1
          : this.wholeScratch.faceCount;
      this.wholeFacesMs = timestampMs;
      if (inRegion) {
        frame.faceCount = Math.max(frame.faceCount, this.wholeFaces);
        return inRegion;
      }
      // Not in the region: the whole picture's result stands (a stale track's double counted once), and
      // regions wait for the next face.
      this.lastRegionMs = -Infinity;
      this.pick(whole, meta, frame);
      frame.faceCount = this.wholeFaces;
      this.zoomedLast = false;
      return whole;
    }
    // A face tracked in the crop is looked for there first; the full frame runs when it is not found.
    const zoomFirst = zoomed !== null && zoom.zoomed && zoom.crop(timestampMs, w, h, crop);
    if (zoomFirst) {
      result = this.detectCrop(zoomed, bitmap, timestampMs);
      fromCrop = result.faceLandmarks.length > 0;
    }
    if (!fromCrop) {
      result = this.detectFull(bitmap, timestampMs);
      if (result.faceLandmarks.length === 0 && zoomed && !zoomFirst && zoom.crop(timestampMs, w, h, crop)) {
        const found = this.detectCrop(zoomed, bitmap, timestampMs);
        fromCrop = found.faceLandmarks.length > 0;
        if (fromCrop) result = found;
      }
    }
    if (fromCrop) landmarksFromCrop(result!.faceLandmarks, crop, w, h);
    this.pick(result!, meta, frame);
    this.wholeFaces = frame.faceCount;
    this.wholeFacesMs = timestampMs;
    this.zoomedLast = fromCrop;
    zoom.seen(timestampMs, frame, fromCrop);
    if (this.zoomed === 'none' && zoom.smallFaceSeen) this.loadZoomed();
    return result!;
  }

  /**
   * A frame of the face's region: the crop landmarker (the full-frame one if it could not be made),
   * landmarks mapped onto the whole picture, and the count of faces carried from the last whole
   * picture (within 2 s), where a second face can be seen.
   */
  private findInRegion(
    bitmap: ImageBitmap,
    timestampMs: number,
    frame: FeatureFrame,
    region: Region,
  ): FaceLandmarkerResult {
    const crop = typeof this.zoomed === 'object' ? this.zoomed : null;
    let result: FaceLandmarkerResult;
    if (crop) {
      this.lastZoomTs = Math.max(timestampMs, this.lastZoomTs + 1);
      result = crop.detectForVideo(bitmap, this.lastZoomTs);
    } else result = this.detectFull(bitmap, timestampMs);
    this.fromRegion(result, region, bitmap.width, bitmap.height, timestampMs, frame);
    if (frame.facePresent && timestampMs - this.wholeFacesMs <= 2000)
      frame.faceCount = Math.max(frame.faceCount, this.wholeFaces);
    this.lastRegion.x = region.x;
    this.lastRegion.y = region.y;
    this.lastRegion.w = region.w;
    this.lastRegion.h = region.h;
    this.lastRegionMs = timestampMs;
    return result;
  }

  /** Maps a region's result onto the whole picture and fills `frame` from it (`w` × `h`: the region's bitmap). */
  private fromRegion(
    result: FaceLandmarkerResult,
    region: Readonly<Region>,
    w: number,
    h: number,
    timestampMs: number,
    frame: FeatureFrame,
  ): void {
    landmarksFromRegion(result.faceLandmarks, region);
    // The whole picture at the bitmap's scale: its aspect is the source's (the region is square in source px).
    const meta = { timestampMs, widthPx: w / region.w, heightPx: h / region.h, processingMs: 0 };
    this.pick(result, meta, frame);
    this.zoomedLast = false;
  }

  /** `frame` from the candidate's face in `result` (landmarks on the whole picture `meta` describes). */
  private pick(result: FaceLandmarkerResult, meta: FrameMeta, frame: FeatureFrame): void {
    this.face = this.candidate.pick(result.faceLandmarks, meta.widthPx, meta.heightPx, meta.timestampMs);
    extractFeatures(result, meta, frame, this.face);
  }

  /**
   * The last region, cut from the whole picture at the size the grabber sends it, given to the crop
   * landmarker; null when the face is not in it.
   */
  private redrawRegion(
    crop: FaceLandmarker,
    bitmap: ImageBitmap,
    timestampMs: number,
    frame: FeatureFrame,
  ): FaceLandmarkerResult | null {
    const r = this.lastRegion;
    const sw = r.w * bitmap.width;
    const sh = r.h * bitmap.height;
    const cw = Math.round(Math.min(REGION_MAX_SIDE_PX, Math.max(128, sw)));
    const ch = Math.max(1, Math.round((cw * sh) / sw));
    if (!this.regionCanvas) {
      this.regionCanvas = new OffscreenCanvas(cw, ch);
      this.regionCtx = this.regionCanvas.getContext('2d', { willReadFrequently: false });
    }
    const c = this.regionCanvas;
    if (c.width !== cw || c.height !== ch) {
      c.width = cw;
      c.height = ch;
    }
    this.regionCtx!.drawImage(bitmap, r.x * bitmap.width, r.y * bitmap.height, sw, sh, 0, 0, cw, ch);
    this.lastZoomTs = Math.max(timestampMs, this.lastZoomTs + 1);
    const result = crop.detectForVideo(c, this.lastZoomTs);
    if (result.faceLandmarks.length === 0) return null;
    this.fromRegion(result, r, cw, ch, timestampMs, frame);
    return result;
  }

  private loadZoomed(): void {
    this.zoomed = 'loading';
    this.zoomLoad = this.makeZoomed().then(
      (lm) => {
        this.zoomed = lm;
      },
      (e: unknown) => {
        this.zoomed = 'failed';
        this.onError(e);
      },
    );
  }

  private detectFull(bitmap: ImageBitmap, timestampMs: number): FaceLandmarkerResult {
    this.lastFullTs = Math.max(timestampMs, this.lastFullTs + 1);
    return this.full.detectForVideo(bitmap, this.lastFullTs);
  }

  private detectCrop(zoomed: FaceLandmarker, bitmap: ImageBitmap, timestampMs: number): FaceLandmarkerResult {
    if (!this.canvas) {
      this.canvas = new OffscreenCanvas(ZOOM_SIDE_PX, ZOOM_SIDE_PX);
      this.ctx = this.canvas.getContext('2d', { willReadFrequently: false });
    }
    const { sx, sy, side } = this.crop;
    this.ctx!.drawImage(bitmap, sx, sy, side, side, 0, 0, ZOOM_SIDE_PX, ZOOM_SIDE_PX);
    this.lastZoomTs = Math.max(timestampMs, this.lastZoomTs + 1);
    return zoomed.detectForVideo(this.canvas, this.lastZoomTs);
  }
}
