import type { Point2 } from '../features/faceMetrics';
import type { PixelFrame } from './PixelFrame';

/**
 * The face oval of the MediaPipe 478-point mesh, in order around the face (FACEMESH_FACE_OVAL of
 * mediapipe/python/solutions/face_mesh_connections.py, walked as a loop).
 */
export const FACE_OVAL = [
  10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149,
  150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109,
] as const;

/** rPPG regions: mid-forehead and the two cheeks (left/right as seen in the image). */
export const PULSE_REGIONS = { forehead: 151, cheekL: 50, cheekR: 280 } as const;

/** Angular bins of the oval's radius. */
const BINS = 64;
/** Band limits of ρ (distance from the oval's centre over the oval's radius in that direction). */
const BAND = { inner: 0.65, innerEdge: [0.75, 0.95], outerEdge: [1.05, 1.25], outside: [1.3, 1.6] } as const;

/** Scratch memory for {@link measureFacePixels}, sized for one crop size and reused every frame. */
export class PixelScratch {
  readonly luma: Float32Array;
  readonly radius = new Float64Array(BINS);
  constructor(readonly sizePx: number) {
    this.luma = new Float32Array(sizePx * sizePx);
  }
}

export interface PixelInput {
  /** RGBA pixels of a square crop around the face, `scratch.sizePx` on a side (alpha 0 = off the picture). */
  rgba: ArrayLike<number>;
  /** The face's landmarks in the crop's normalised coordinates [0, 1]. */
  landmarks: ArrayLike<Point2>;
}

/**
 * Measures the pixel statistics of one face crop into `out` (no allocation): sharpness bands across
 * the face oval (for blend-boundary evidence), brightness inside and outside it (for flicker), chroma
 * each side of its edge, and the rPPG regions' mean colour. Returns false (and leaves `out.valid`
 * false) when the landmarks do not describe a face in the crop.
 */
export function measureFacePixels(input: PixelInput, scratch: PixelScratch, out: PixelFrame): boolean {
  out.valid = false;
  const n = scratch.sizePx;
  const lm = input.landmarks;
  const rgba = input.rgba;
  if (lm.length < 468) return false;

  // The oval's centre and its radius per direction, from the oval walked as line segments.
  let cx = 0;
  let cy = 0;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const i of FACE_OVAL) {
    const p = lm[i]!;
    cx += p.x;
    cy += p.y;
    if (p.y < minY) minY = p.y;
    if (p.y > maxY) maxY = p.y;
  }
  cx = (cx / FACE_OVAL.length) * n;
  cy = (cy / FACE_OVAL.length) * n;
  const faceH = (maxY - minY) * n;
  if (!(faceH >= 12)) return false;
  const R = scratch.radius;
  R.fill(0);
  for (let k = 0; k < FACE_OVAL.length; k++) {
    const a = lm[FACE_OVAL[k]!]!;
    const b = lm[FACE_OVAL[(k + 1) % FACE_OVAL.length]!]!;
    for (let s = 0; s < 8; s++) {
      const x = (a.x + ((b.x - a.x) * s) / 8) * n - cx;
      const y = (a.y + ((b.y - a.y) * s) / 8) * n - cy;
      const bin = angleBin(x, y);
      const r = Math.hypot(x, y);
      if (r > R[bin]!) R[bin] = r;
    }
  }
  // Bins no segment sample fell in take the mean of their nearest filled neighbours.
  for (let b = 0; b < BINS; b++) {
    if (R[b]! > 0) continue;
    let lo = 1;
    while (lo < BINS && R[(b - lo + BINS) % BINS] === 0) lo++;
    let hi = 1;
    while (hi < BINS && R[(b + hi) % BINS] === 0) hi++;
    R[b] = (R[(b - lo + BINS) % BINS]! + R[(b + hi) % BINS]!) / 2;
  }

  // Luma of the whole crop (NaN off the picture).
  const Y = scratch.luma;
  for (let i = 0, j = 0; i < n * n; i++, j += 4) {
    Y[i] = rgba[j + 3]! === 0 ? NaN : 0.299 * rgba[j]! + 0.587 * rgba[j + 1]! + 0.114 * rgba[j + 2]!;
  }

  let sIn = 0,
    nIn = 0,
    sIe = 0,
    nIe = 0,
    sOe = 0,
    nOe = 0,
    sOut = 0,
    nOut = 0;
  let yIn = 0,
    yOut = 0;
  let cbIe = 0,
    crIe = 0,
    cbOe = 0,
    crOe = 0;
  for (let y = 1; y < n - 1; y++) {
    for (let x = 1; x < n - 1; x++) {
      const i = y * n + x;
      const dx = x + 0.5 - cx;
      const dy = y + 0.5 - cy;
      const rho = Math.hypot(dx, dy) / R[angleBin(dx, dy)]!;
      if (rho > BAND.outside[1]) continue;
      const c = Y[i]!;
      const lap = Math.abs(4 * c - Y[i - 1]! - Y[i + 1]! - Y[i - n]! - Y[i + n]!);
      if (Number.isNaN(lap)) continue;
      const j = i * 4;
      if (rho < BAND.inner) {
        sIn += lap;
        yIn += c;
        nIn++;
      } else if (rho >= BAND.innerEdge[0] && rho < BAND.innerEdge[1]) {
        sIe += lap;
        cbIe += cb(rgba, j);
        crIe += cr(rgba, j);
        nIe++;
      } else if (rho >= BAND.outerEdge[0] && rho < BAND.outerEdge[1]) {
        sOe += lap;
        cbOe += cb(rgba, j);
        crOe += cr(rgba, j);
        nOe++;
      } else if (rho >= BAND.outside[0]) {
        sOut += lap;
        yOut += c;
        nOut++;
      }
    }
  }
  if (nIn < 20 || nIe < 10 || nOe < 10) return false;
  out.faceHeightCropPx = faceH;
  out.sharpInner = sIn / nIn;
  out.sharpInnerEdge = sIe / nIe;
  out.sharpOuterEdge = sOe / nOe;
  out.sharpOutside = nOut ? sOut / nOut : NaN;
  out.lumaInner = yIn / nIn;
  out.lumaOutside = nOut ? yOut / nOut : NaN;
  out.cbInnerEdge = cbIe / nIe;
  out.crInnerEdge = crIe / nIe;
  out.cbOuterEdge = cbOe / nOe;
  out.crOuterEdge = crOe / nOe;

  const radius = 0.08 * faceH;
  discMean(rgba, n, lm[PULSE_REGIONS.forehead]!, radius, out, 'forehead');
  discMean(rgba, n, lm[PULSE_REGIONS.cheekL]!, radius, out, 'cheekL');
  discMean(rgba, n, lm[PULSE_REGIONS.cheekR]!, radius, out, 'cheekR');
  out.valid = true;
  return true;
}

function angleBin(x: number, y: number): number {
  const b = Math.floor(((Math.atan2(y, x) + Math.PI) / (2 * Math.PI)) * BINS);
  return b >= BINS ? BINS - 1 : b;
}

const cb = (p: ArrayLike<number>, j: number) => -0.1687 * p[j]! - 0.3313 * p[j + 1]! + 0.5 * p[j + 2]!;
const cr = (p: ArrayLike<number>, j: number) => 0.5 * p[j]! - 0.4187 * p[j + 1]! - 0.0813 * p[j + 2]!;

/** Mean R, G, B of the disc around a landmark, written to `<prefix>R/G/B` (NaN when it is off the picture). */
function discMean(
  rgba: ArrayLike<number>,
  n: number,
  centre: Point2,
  radius: number,
  out: PixelFrame,
  prefix: 'forehead' | 'cheekL' | 'cheekR',
): void {
  const cx = centre.x * n;
  const cy = centre.y * n;
  const r2 = radius * radius;
  let r = 0,
    g = 0,
    b = 0,
    k = 0;
  const y0 = Math.max(0, Math.floor(cy - radius));
  const y1 = Math.min(n - 1, Math.ceil(cy + radius));
  const x0 = Math.max(0, Math.floor(cx - radius));
  const x1 = Math.min(n - 1, Math.ceil(cx + radius));
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const dx = x + 0.5 - cx;
      const dy = y + 0.5 - cy;
      if (dx * dx + dy * dy > r2) continue;
      const j = (y * n + x) * 4;
      if (rgba[j + 3] === 0) continue;
      r += rgba[j]!;
      g += rgba[j + 1]!;
      b += rgba[j + 2]!;
      k++;
    }
  }
  out[`${prefix}R`] = k ? r / k : NaN;
  out[`${prefix}G`] = k ? g / k : NaN;
  out[`${prefix}B`] = k ? b / k : NaN;
}
