import type { Rect } from './placeOverlay';

/**
 * The part of a `<video>` element's box that shows picture, given its CSS `object-fit`
 * ('contain' letterboxes, 'cover' crops, 'fill' stretches). Used to map a face box in normalised
 * video coordinates to page coordinates.
 */
export function videoContentRect(
  box: Rect,
  videoWidth: number,
  videoHeight: number,
  objectFit: string,
): Rect {
  if (videoWidth <= 0 || videoHeight <= 0 || objectFit === 'fill') return box;
  const sx = box.w / videoWidth;
  const sy = box.h / videoHeight;
  const scale = objectFit === 'cover' ? Math.max(sx, sy) : objectFit === 'none' ? 1 : Math.min(sx, sy);
  const s = objectFit === 'scale-down' ? Math.min(1, Math.min(sx, sy)) : scale;
  const w = videoWidth * s;
  const h = videoHeight * s;
  return { x: box.x + (box.w - w) / 2, y: box.y + (box.h - h) / 2, w, h };
}

/** A normalised box inside the video mapped to page coordinates (optionally mirrored horizontally). */
export function mapNormalisedBox(
  content: Rect,
  nx: number,
  ny: number,
  nw: number,
  nh: number,
  mirrored = false,
): Rect {
  const x = mirrored ? 1 - nx - nw : nx;
  return {
    x: content.x + x * content.w,
    y: content.y + ny * content.h,
    w: nw * content.w,
    h: nh * content.h,
  };
}
