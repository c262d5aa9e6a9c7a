export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Options for {@link placeOverlay}. */
export interface PlaceOptions {
  /** Gap kept from the viewport edge and around the face, CSS px (default 12). */
  marginPx?: number;
}

/**
 * Where to put the overlay (size `box`) inside `viewport` so it never covers `face` (page coordinates,
 * or null when no face is known). Keeps `preferred` when it is clear of the face; otherwise tries the
 * four corners and returns the clear one nearest to `preferred`. If no corner is clear (a face filling
 * the screen) it returns the corner with the least overlap.
 */
export function placeOverlay(
  viewport: Rect,
  box: { w: number; h: number },
  face: Rect | null,
  preferred: { x: number; y: number } | null,
  opts: PlaceOptions = {},
): { x: number; y: number } {
  const m = opts.marginPx ?? 12;
  const clampX = (x: number) => Math.min(Math.max(viewport.x + m, x), viewport.x + viewport.w - box.w - m);
  const clampY = (y: number) => Math.min(Math.max(viewport.y + m, y), viewport.y + viewport.h - box.h - m);
  const grown = face ? { x: face.x - m, y: face.y - m, w: face.w + 2 * m, h: face.h + 2 * m } : null;
  const start = preferred
    ? { x: clampX(preferred.x), y: clampY(preferred.y) }
    : { x: clampX(viewport.x + viewport.w - box.w - m), y: clampY(viewport.y + m) };
  if (!grown || !intersects({ ...start, ...box }, grown)) return start;

  const corners = [
    { x: clampX(viewport.x + viewport.w - box.w - m), y: clampY(viewport.y + m) },
    { x: clampX(viewport.x + m), y: clampY(viewport.y + m) },
    { x: clampX(viewport.x + viewport.w - box.w - m), y: clampY(viewport.y + viewport.h - box.h - m) },
    { x: clampX(viewport.x + m), y: clampY(viewport.y + viewport.h - box.h - m) },
  ];
  const overlap = (p: { x: number; y: number }) => {
    const ox = Math.max(0, Math.min(p.x + box.w, grown.x + grown.w) - Math.max(p.x, grown.x));
    const oy = Math.max(0, Math.min(p.y + box.h, grown.y + grown.h) - Math.max(p.y, grown.y));
    return ox * oy;
  };
  const dist = (p: { x: number; y: number }) => Math.hypot(p.x - start.x, p.y - start.y);
  let best = corners[0]!;
  for (const c of corners) {
    const oc = overlap(c);
    const ob = overlap(best);
    if (oc < ob || (oc === ob && dist(c) < dist(best))) best = c;
  }
  return best;
}
