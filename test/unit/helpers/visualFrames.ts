import { emptyFeatureFrame, type FeatureFrame } from '../../../src/features/FeatureFrame';
import { emptyMotionFrame, type MotionFrame } from '../../../src/features/LandmarkMotion';
import { emptyPixelFrame, type PixelFrame } from '../../../src/pixels/PixelFrame';
import type { VisualFrame } from '../../../src/signals/VisualFrame';

export interface VisualOverrides {
  feature?: Partial<FeatureFrame>;
  pixels?: Partial<PixelFrame>;
  motion?: Partial<MotionFrame>;
  thumb?: Uint8Array | null;
}

/**
 * A genuine-looking frame: a frontal 220 px face, eyes open, pixel statistics in the range the
 * shared genuine clips read (inner face detail 0.8× the surroundings, mid-grey skin), a steady head.
 */
export function visualFrame(timestampMs: number, o: VisualOverrides = {}): VisualFrame {
  const feature: FeatureFrame = {
    ...emptyFeatureFrame(),
    timestampMs,
    facePresent: true,
    faceCount: 1,
    bboxX: 0.35,
    bboxY: 0.25,
    bboxW: 0.3,
    bboxH: 0.45,
    faceHeightPx: 220,
    yawDeg: 2,
    pitchDeg: 3,
    rollDeg: 0,
    mouthAperture: 0.1,
    eyeOpennessL: 0.3,
    eyeOpennessR: 0.3,
    landmarkConfidence: 1,
    ...o.feature,
  };
  const pixels: PixelFrame = {
    ...emptyPixelFrame(),
    timestampMs,
    valid: feature.facePresent,
    faceHeightCropPx: 48,
    sharpInner: 8,
    sharpInnerEdge: 6,
    sharpOuterEdge: 12,
    sharpOutside: 10,
    lumaInner: 140,
    lumaOutside: 120,
    foreheadR: 180,
    foreheadG: 130,
    foreheadB: 110,
    cheekLR: 175,
    cheekLG: 125,
    cheekLB: 105,
    cheekRR: 175,
    cheekRG: 125,
    cheekRB: 105,
    ...o.pixels,
  };
  const motion: MotionFrame = {
    ...emptyMotionFrame(),
    jitter: 0.006,
    motion: 0.02,
    noseLength: 0.62,
    mouthWidth: 0.55,
    faceWidth: 1.55,
    eyesToChin: 1.3,
    ...o.motion,
  };
  return { feature, pixels, motion, thumb: o.thumb ?? null };
}

/** Frames at `fps` from `startMs` for `durationMs`, each built by `at(tMs since start)`. */
export function series(
  durationMs: number,
  at: (tMs: number, i: number) => VisualOverrides = () => ({}),
  fps = 15,
  startMs = 1000,
): VisualFrame[] {
  const out: VisualFrame[] = [];
  for (let i = 0, t = 0; t <= durationMs; i++, t = (i * 1000) / fps)
    out.push(visualFrame(startMs + t, at(t, i)));
  return out;
}
