import type { Rect } from '../overlay/placeOverlay';

/** The part of a captured tab frame to cut out and the size to scale it to, px. */
export interface CaptureCrop {
  sx: number;
  sy: number;
  sw: number;
  sh: number;
  /** Output size after scaling so the long side is at most `maxLongSidePx`. */
  outW: number;
  outH: number;
}

/** Options for {@link captureCrop}. */
export interface CaptureCropOptions {
  /** Long side of the output, px (default 640, as the frame grabber sends from a `<video>`). */
  maxLongSidePx?: number;
  /** Smallest crop worth analysing, frame px on each side (default 32). */
  minSidePx?: number;
}

/**
 * Maps the candidate's tile, a rectangle in the call page's viewport (CSS px), onto a frame of that
 * tab as tab capture delivers it. Tab capture scales the whole viewport into the frame keeping its
 * aspect ratio and centres it (letterbox or pillarbox bars when the frame's shape differs), so the
 * scale is the smaller of the two ratios. The crop is clipped to the picture and rounded outwards to
 * whole pixels. Returns null when the tile is off screen or too small to analyse.
 */
export function captureCrop(
  tile: Rect,
  viewport: { w: number; h: number },
  frame: { w: number; h: number },
  opts: CaptureCropOptions = {},
): CaptureCrop | null {
  const maxLong = opts.maxLongSidePx ?? 640;
  const minSide = opts.minSidePx ?? 32;
  if (viewport.w <= 0 || viewport.h <= 0 || frame.w <= 0 || frame.h <= 0) return null;
  const scale = Math.min(frame.w / viewport.w, frame.h / viewport.h);
  const padX = (frame.w - viewport.w * scale) / 2;
  const padY = (frame.h - viewport.h * scale) / 2;
  // Clip to the viewport first (a tile scrolled partly out of view), then to the frame's picture.
  const x0 = Math.max(0, tile.x) * scale + padX;
  const y0 = Math.max(0, tile.y) * scale + padY;
  const x1 = Math.min(viewport.w, tile.x + tile.w) * scale + padX;
  const y1 = Math.min(viewport.h, tile.y + tile.h) * scale + padY;
  const sx = Math.max(0, Math.floor(x0));
  const sy = Math.max(0, Math.floor(y0));
  const sw = Math.min(frame.w, Math.ceil(x1)) - sx;
  const sh = Math.min(frame.h, Math.ceil(y1)) - sy;
  if (sw < minSide || sh < minSide) return null;
  const k = Math.min(1, maxLong / Math.max(sw, sh));
  return { sx, sy, sw, sh, outW: Math.max(1, Math.round(sw * k)), outH: Math.max(1, Math.round(sh * k)) };
}
