import type { FeatureFrame } from '../features/FeatureFrame';
import type { MotionFrame } from '../features/LandmarkMotion';
import type { PixelFrame } from '../pixels/PixelFrame';

/** Everything the face-swap and liveness detectors see of one analysed frame (references, reused per frame). */
export interface VisualFrame {
  feature: FeatureFrame;
  pixels: PixelFrame;
  motion: MotionFrame;
  /** A 16 × 16 grey thumbnail of the whole picture (null when not measured). */
  thumb: Uint8Array | null;
}

/** Options of the per-frame quality gate (issue 4's "analysis quality gate"). */
export interface FrameGateOptions {
  /** Smallest face, source px (default 100). */
  minFaceHeightPx?: number;
  /** Darkest inner face, mean luma 0–255 (default 40). */
  minLuma?: number;
  /** Brightest inner face before it is clipped, mean luma (default 235). */
  maxLuma?: number;
  /** Backlight: the face darker than this share of its surroundings (default 0.45). */
  minBacklightRatio?: number;
}

/** Why a frame's pixels cannot be judged, or null when they can. */
export function frameGate(v: VisualFrame, opts: FrameGateOptions = {}): string | null {
  const f = v.feature;
  if (!f.facePresent) return 'no face in view';
  if (!(f.faceHeightPx >= (opts.minFaceHeightPx ?? 100))) return 'the face is too small';
  const p = v.pixels;
  if (!p.valid) return 'the face could not be measured';
  if (p.lumaInner < (opts.minLuma ?? 40)) return 'the face is too dark';
  if (p.lumaInner > (opts.maxLuma ?? 235)) return 'the face is overexposed';
  if (p.lumaInner < (opts.minBacklightRatio ?? 0.45) * p.lumaOutside) return 'the face is backlit';
  return null;
}
