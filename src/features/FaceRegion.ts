import type { FaceBox } from './FaceZoom';

/** A part of the source picture, normalised to it: left, top, width and height, each 0..1. */
export interface Region {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Largest side of a region's bitmap, px, by default. */
export const REGION_MAX_SIDE_PX = 256;

/** The whole picture. */
export const WHOLE: Readonly<Region> = { x: 0, y: 0, w: 1, h: 1 };

/** Options for {@link FaceRegion}. */
export interface FaceRegionOptions {
  /**
   * Side of the region as a multiple of the face's larger side (default 2.5): the face, hair, neck and
   * some background, as the face-pixel measures and a hand passing before the face need, with room
   * for the head to move between recentrings.
   */
  faceMultiple?: number;
  /**
   * A whole picture at least this often, ms (default 1000): the only frames where a second face, a
   * face that left the region, or the picture's edges are seen.
   */
  wholeEveryMs?: number;
  /** A face last seen longer ago than this is searched for in the whole picture, ms (default 500). */
  staleAfterMs?: number;
  /**
   * The region stays where it is until the face's centre has moved this share of its side from the
   * region's centre, or the face calls for a region a fifth larger or smaller (default 0.1): a still
   * region lets the landmarker track the face as in a still camera.
   */
  recentreShare?: number;
}

/**
 * Where to look for the candidate's face in the next frame: the region around where it was, or the
 * whole picture. Once the face is found, reading and analysing only its region costs a fraction of
 * the whole picture; the whole picture still comes every `wholeEveryMs`, and whenever the face was
 * not found, is stale or is too large for a region to save anything. Geometry and decisions only: the
 * grabber owns the pixels. No allocation per frame.
 */
export class FaceRegion {
  private readonly multiple: number;
  private readonly wholeEveryMs: number;
  private readonly staleAfterMs: number;
  private readonly recentre: number;
  /** The region in use, source px (valid while `held`). */
  private sx = 0;
  private sy = 0;
  private side = 0;
  private held = false;
  /** The last face seen, normalised, and when; NaN before any. */
  private cx = NaN;
  private cy = NaN;
  private fw = NaN;
  private fh = NaN;
  private seenMs = NaN;
  private lastWholeMs = -Infinity;

  constructor(opts: FaceRegionOptions = {}) {
    this.multiple = opts.faceMultiple ?? 2.5;
    this.wholeEveryMs = opts.wholeEveryMs ?? 1000;
    this.staleAfterMs = opts.staleAfterMs ?? 500;
    this.recentre = opts.recentreShare ?? 0.1;
  }

  /** Records what the analyzer found in a frame taken at `tMs` (its box normalised to the whole picture). */
  seen(tMs: number, face: FaceBox): void {
    if (!face.facePresent) {
      // Not found (in the region or the whole picture): look at the whole picture next.
      this.seenMs = NaN;
      this.held = false;
      return;
    }
    this.cx = face.bboxX + face.bboxW / 2;
    this.cy = face.bboxY + face.bboxH / 2;
    this.fw = face.bboxW;
    this.fh = face.bboxH;
    this.seenMs = tMs;
  }

  /** Forgets the face (a new video, a new call). */
  reset(): void {
    this.seenMs = NaN;
    this.held = false;
    this.lastWholeMs = -Infinity;
  }

  /**
   * For a frame at `tMs` of a picture `widthPx` × `heightPx`: true with the region to read written into
   * `out` (a square in source pixels, normalised), or false for the whole picture (which it then counts
   * as sent).
   */
  next(tMs: number, widthPx: number, heightPx: number, out: Region): boolean {
    const fresh = tMs - this.seenMs <= this.staleAfterMs;
    if (!fresh || tMs - this.lastWholeMs >= this.wholeEveryMs || !(widthPx > 0 && heightPx > 0)) {
      this.lastWholeMs = tMs;
      this.held = false;
      return false;
    }
    const facePx = Math.max(this.fw * widthPx, this.fh * heightPx);
    const side = Math.min(widthPx, heightPx, Math.round(facePx * this.multiple));
    const faceX = this.cx * widthPx;
    const faceY = this.cy * heightPx;
    const keep =
      this.held &&
      Math.abs(side / this.side - 1) < 0.2 &&
      Math.abs(faceX - (this.sx + this.side / 2)) < this.recentre * this.side &&
      Math.abs(faceY - (this.sy + this.side / 2)) < this.recentre * this.side;
    if (!keep) {
      this.side = side;
      this.sx = Math.round(Math.min(widthPx - side, Math.max(0, faceX - side / 2)));
      this.sy = Math.round(Math.min(heightPx - side, Math.max(0, faceY - side / 2)));
      this.held = true;
    }
    out.x = this.sx / widthPx;
    out.y = this.sy / heightPx;
    out.w = this.side / widthPx;
    out.h = this.side / heightPx;
    return true;
  }
}

/** Where a region is read from the source and the size its bitmap is scaled to, px. */
export interface RegionPixels {
  sx: number;
  sy: number;
  sw: number;
  sh: number;
  outW: number;
  outH: number;
  /** Whether the region's bitmap has at most half the whole picture's pixels (else the whole is sent). */
  worthIt: boolean;
}

/**
 * The source pixels of region `r` of a `widthPx` × `heightPx` picture, and its bitmap's size: at most
 * the scale the whole picture is sent at (its long side `maxLongSidePx`), so the face is never seen
 * sharper than in the whole picture, within 128 px (the face detector's input) and `maxSidePx`; and
 * whether that bitmap is worth sending instead of the whole (at most half its pixels).
 */
export function regionPixels(
  r: Readonly<Region>,
  widthPx: number,
  heightPx: number,
  maxLongSidePx: number,
  maxSidePx: number,
  out: RegionPixels = { sx: 0, sy: 0, sw: 0, sh: 0, outW: 0, outH: 0, worthIt: false },
): RegionPixels {
  const scale = Math.min(1, maxLongSidePx / Math.max(widthPx, heightPx));
  const wholePx = Math.round(widthPx * scale) * Math.round(heightPx * scale);
  out.sx = Math.round(r.x * widthPx);
  out.sy = Math.round(r.y * heightPx);
  out.sw = Math.max(1, Math.round(r.w * widthPx));
  out.sh = Math.max(1, Math.round(r.h * heightPx));
  out.outW = Math.round(Math.min(maxSidePx, Math.max(128, out.sw * scale)));
  out.outH = Math.max(1, Math.round((out.outW * out.sh) / out.sw));
  out.worthIt = out.outW * out.outH <= 0.5 * wholePx;
  return out;
}

/**
 * Maps landmarks found in a region (normalised to it) onto the whole picture (normalised to it), in
 * place. z, which MediaPipe scales like x, is rescaled with it.
 */
export function landmarksFromRegion(
  faces: ArrayLike<ArrayLike<{ x: number; y: number; z?: number }>>,
  r: Readonly<Region>,
): void {
  for (let f = 0; f < faces.length; f++) {
    const lm = faces[f]!;
    for (let i = 0; i < lm.length; i++) {
      const p = lm[i]!;
      p.x = r.x + p.x * r.w;
      p.y = r.y + p.y * r.h;
      if (typeof p.z === 'number') p.z *= r.w;
    }
  }
}

/** A box normalised to the whole picture, normalised to region `r` instead (into `out`). */
export function boxInRegion(
  box: Readonly<Region>,
  r: Readonly<Region>,
  out: Region = { x: 0, y: 0, w: 0, h: 0 },
): Region {
  out.x = (box.x - r.x) / r.w;
  out.y = (box.y - r.y) / r.h;
  out.w = box.w / r.w;
  out.h = box.h / r.h;
  return out;
}

/** Whether `v` is a region: finite numbers, inside the picture, not empty. */
export function isRegion(v: unknown): v is Region {
  if (typeof v !== 'object' || v === null) return false;
  const { x, y, w, h } = v as Record<string, unknown>;
  const ok = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
  if (!ok(x) || !ok(y) || !ok(w) || !ok(h)) return false;
  const eps = 1e-6;
  return x >= 0 && y >= 0 && w > 0 && h > 0 && x + w <= 1 + eps && y + h <= 1 + eps;
}
