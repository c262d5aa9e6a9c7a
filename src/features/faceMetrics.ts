/** A landmark as MediaPipe gives it: x and y normalised by image width and height. */
export interface Point2 {
  x: number;
  y: number;
}

/**
 * Landmark indices of the MediaPipe 478-point face mesh (canonical_face_model_uv_visualization).
 * "Left"/"right" here are as seen in the image.
 */
export const MESH = {
  innerLipTop: 13,
  innerLipBottom: 14,
  mouthCornerL: 78,
  mouthCornerR: 308,
  // Eye on the image's left (the subject's right eye).
  eyeLTop: 159,
  eyeLBottom: 145,
  eyeLOuter: 33,
  eyeLInner: 133,
  // Eye on the image's right (the subject's left eye).
  eyeRTop: 386,
  eyeRBottom: 374,
  eyeRInner: 362,
  eyeROuter: 263,
} as const;

/** Distance between two landmarks in pixels, undoing the separate x/y normalisation. */
export function pixelDistance(a: Point2, b: Point2, widthPx: number, heightPx: number): number {
  const dx = (a.x - b.x) * widthPx;
  const dy = (a.y - b.y) * heightPx;
  return Math.sqrt(dx * dx + dy * dy);
}

/** Gap between `top` and `bottom` over the distance between `left` and `right` (0 when degenerate). */
export function apertureRatio(
  lm: ArrayLike<Point2>,
  top: number,
  bottom: number,
  left: number,
  right: number,
  widthPx: number,
  heightPx: number,
): number {
  const span = pixelDistance(lm[left]!, lm[right]!, widthPx, heightPx);
  if (span <= 1e-6) return 0;
  return pixelDistance(lm[top]!, lm[bottom]!, widthPx, heightPx) / span;
}

export function mouthAperture(lm: ArrayLike<Point2>, widthPx: number, heightPx: number): number {
  return apertureRatio(
    lm,
    MESH.innerLipTop,
    MESH.innerLipBottom,
    MESH.mouthCornerL,
    MESH.mouthCornerR,
    widthPx,
    heightPx,
  );
}

export function eyeOpenness(
  lm: ArrayLike<Point2>,
  side: 'L' | 'R',
  widthPx: number,
  heightPx: number,
): number {
  return side === 'L'
    ? apertureRatio(lm, MESH.eyeLTop, MESH.eyeLBottom, MESH.eyeLOuter, MESH.eyeLInner, widthPx, heightPx)
    : apertureRatio(lm, MESH.eyeRTop, MESH.eyeRBottom, MESH.eyeRInner, MESH.eyeROuter, widthPx, heightPx);
}
