import type { FeatureFrame } from './FeatureFrame';
import type { Point2 } from './faceMetrics';

/** The least magnification worth a second landmarker run. */
const MIN_ZOOM = 1.25;

/** A square part of the frame to search for the face in, frame px (top-left corner and side). */
export interface ZoomCrop {
  sx: number;
  sy: number;
  side: number;
}

/** Options for {@link FaceZoom}. */
export interface FaceZoomOptions {
  /**
   * A face lost while its height was under this share of the frame's height is searched for in a
   * zoomed crop around where it was (default 0.3). MediaPipe's face detector sees the whole frame at
   * 128 px, where such a face is under about 40 px: it loses faces from about 0.2 of the frame (a
   * candidate leaning back from a small webcam picture). A larger face that is lost is turned away,
   * covered or gone, and is left to the verifiers to read as such.
   */
  smallFaceShare?: number;
  /** How long after the face was last seen a lost small face is still searched for, ms (default 2500). */
  searchForMs?: number;
  /** Side of the crop as a multiple of the last face's height (default 3: the face fills a third of it). */
  cropFaceMultiple?: number;
  /** Smallest crop side, frame px (default 48). */
  minCropSidePx?: number;
  /**
   * A face tracked in the crop is handed back to the full-frame landmarker once it is taller than this
   * share of the frame (default 0.26: a quarter above where the full frame finds faces again), so the
   * full frame, which also sees a second face, analyses every face it can.
   */
  releaseFaceShare?: number;
  /**
   * While the face is tracked, the crop stays where it is until the face's centre has moved this share
   * of the crop's side from its centre, or its size calls for a crop a fifth larger or smaller
   * (default 0.1): a still crop lets the landmarker track the face in it as in a still camera.
   */
  recentreShare?: number;
}

/** The parts of a FeatureFrame FaceZoom reads: where the face was and whether there was one. */
export type FaceBox = Pick<FeatureFrame, 'facePresent' | 'bboxX' | 'bboxY' | 'bboxW' | 'bboxH'>;

/**
 * Keeps a small face found when the full-frame face landmarker loses it because it got too small:
 * after a loss it says where to search (a square crop around where the face was last seen, three of
 * its heights wide, which the analyzer scales up and gives to a second landmarker), and while the face
 * is found in the crop it keeps the crop on it until the face is large enough for the full frame again.
 * Geometry and decisions only; the analyzer owns the pixels and the landmarkers. No allocation per frame.
 */
export class FaceZoom {
  private readonly smallShare: number;
  private readonly searchForMs: number;
  private readonly multiple: number;
  private readonly minSide: number;
  private readonly releaseShare: number;
  private readonly recentre: number;
  /** The crop in use (valid while `tracking`). */
  private readonly current: ZoomCrop = { sx: 0, sy: 0, side: 0 };
  /** Last face seen (normalised box) and when, ms; NaN before any. */
  private cx = NaN;
  private cy = NaN;
  private w = NaN;
  private h = NaN;
  private seenMs = NaN;
  private tracking = false;
  private everSmall = false;

  constructor(opts: FaceZoomOptions = {}) {
    this.smallShare = opts.smallFaceShare ?? 0.3;
    this.searchForMs = opts.searchForMs ?? 2500;
    this.multiple = opts.cropFaceMultiple ?? 3;
    this.minSide = opts.minCropSidePx ?? 48;
    this.releaseShare = opts.releaseFaceShare ?? 0.26;
    this.recentre = opts.recentreShare ?? 0.1;
  }

  /** Whether a face under `smallFaceShare` has been seen: a zoomed search may be wanted from now on. */
  get smallFaceSeen(): boolean {
    return this.everSmall;
  }

  /** Whether the face is being tracked in the crop: the full-frame landmarker can be skipped this frame. */
  get zoomed(): boolean {
    return this.tracking;
  }

  /**
   * Records this frame's face (`fromZoom`: found in the crop). A frame without a face keeps where the
   * face was last seen, so the search can look there; it ends tracking in the crop.
   */
  seen(tMs: number, face: FaceBox, fromZoom: boolean): void {
    this.tracking = fromZoom && face.facePresent && face.bboxH < this.releaseShare;
    if (!face.facePresent) return;
    this.cx = face.bboxX + face.bboxW / 2;
    this.cy = face.bboxY + face.bboxH / 2;
    this.w = face.bboxW;
    this.h = face.bboxH;
    this.seenMs = tMs;
    if (face.bboxH < this.smallShare) this.everSmall = true;
  }

  /**
   * Whether to search the crop at `tMs` for a face the full frame did not show (or to keep tracking
   * it there), with the crop written into `out`: the last face was seen within `searchForMs` and was
   * small. The crop is a square centred on the last face, moved (not cut) to stay inside the frame;
   * while the face is tracked in it, it stays put within `recentreShare`.
   */
  crop(tMs: number, frameW: number, frameH: number, out: ZoomCrop): boolean {
    if (!(tMs - this.seenMs <= this.searchForMs)) return false;
    if (!(this.h < (this.tracking ? this.releaseShare : this.smallShare))) return false;
    const facePx = Math.max(this.h * frameH, this.w * frameW);
    const side = Math.round(Math.min(frameW, frameH, Math.max(this.minSide, facePx * this.multiple)));
    // The detector sees the frame's long side at its input size: a crop not much smaller gains nothing.
    if (Math.max(frameW, frameH) / side < MIN_ZOOM) return false;
    const c = this.current;
    const faceX = this.cx * frameW;
    const faceY = this.cy * frameH;
    const keep =
      this.tracking &&
      Math.abs(side / c.side - 1) < 0.2 &&
      Math.abs(faceX - (c.sx + c.side / 2)) < this.recentre * c.side &&
      Math.abs(faceY - (c.sy + c.side / 2)) < this.recentre * c.side;
    if (!keep) {
      c.side = side;
      c.sx = Math.round(Math.min(frameW - side, Math.max(0, faceX - side / 2)));
      c.sy = Math.round(Math.min(frameH - side, Math.max(0, faceY - side / 2)));
    }
    out.sx = c.sx;
    out.sy = c.sy;
    out.side = c.side;
    return true;
  }
}

/**
 * Maps landmarks found in a crop (normalised to the crop) onto the whole frame (normalised to it), in
 * place. z, which MediaPipe scales like x, is rescaled with it.
 */
export function landmarksFromCrop(
  faces: ArrayLike<ArrayLike<Point2 & { z?: number }>>,
  crop: ZoomCrop,
  frameW: number,
  frameH: number,
): void {
  const kx = crop.side / frameW;
  const ky = crop.side / frameH;
  const ox = crop.sx / frameW;
  const oy = crop.sy / frameH;
  for (let f = 0; f < faces.length; f++) {
    const lm = faces[f]!;
    for (let i = 0; i < lm.length; i++) {
      const p = lm[i]!;
      p.x = ox + p.x * kx;
      p.y = oy + p.y * ky;
      if (typeof p.z === 'number') p.z *= kx;
    }
  }
}
