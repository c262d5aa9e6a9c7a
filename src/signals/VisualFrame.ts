import { words, type Phrase } from '../text/Phrase';
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

/** Why a frame's pixels cannot be judged (made once: the gate runs on every frame). */
const GATE = {
  noFace: words('no face in view'),
  small: words('the face is too small'),
  invalid: words('the face could not be measured'),
  dark: words('the face is too dark'),
  bright: words('the face is overexposed'),
  backlit: words('the face is backlit'),
} as const;

/** Why a frame's pixels cannot be judged, or null when they can. */
export function frameGate(v: VisualFrame, opts: FrameGateOptions = {}): Phrase | null {
  const f = v.feature;
  if (!f.facePresent) return GATE.noFace;
  if (!(f.faceHeightPx >= (opts.minFaceHeightPx ?? 100))) return GATE.small;
  const p = v.pixels;
  if (!p.valid) return GATE.invalid;
  if (p.lumaInner < (opts.minLuma ?? 40)) return GATE.dark;
  if (p.lumaInner > (opts.maxLuma ?? 235)) return GATE.bright;
  if (p.lumaInner < (opts.minBacklightRatio ?? 0.45) * p.lumaOutside) return GATE.backlit;
  return null;
}
