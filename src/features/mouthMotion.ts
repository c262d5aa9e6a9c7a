/**
 * The mouth-motion series that the lip-sync detector compares with the voice: the inner-lip aperture
 * plus a fixed linear mix of the face landmarker's mouth blendshapes.
 *
 * Why not the aperture alone: it only sees how far the lips part. Rounded, pressed or stretched lips
 * ("oo", "m", "ee") move with the syllables too, and the blendshapes see them. On the shared clips the
 * aperture alone put the lag curve's peak far from the true lag on three of the seven clips whose mouth
 * was generated from their own audio (in step by construction: SadTalker, EMO, video-retalking); the
 * mix put all seven within 90 ms, and raised their sync confidence (see docs/evaluations/lipsync.md).
 *
 * How the weights were computed: every frame of the 16 shared clips with their own audio
 * (9 genuine talking heads, 3 lip-sync fakes, 4 audio-driven avatars; 6139 samples on a 20 ms grid)
 * was run through the same landmarker. 14 features (the aperture and the 18 blendshapes below, left
 * and right summed, so they share one weight) and the levels of the three speech sub-bands of
 * audio/speechBands.ts, all minus their 500 ms moving average, went into a regularised canonical
 * correlation analysis at lag 0 (see speechBands.ts); its first pair gives these weights, rescaled so
 * the aperture's is 1, and the bands'. Held out one clip at a time, on 8 s of speech, the pair matched
 * each clip's own voice better than other clips' voices at AUC 0.96; these mouth weights against the
 * whole band's loudness 0.89; a ridge regression on the whole band's loudness 0.83. Only the mix's
 * shape matters: the detector correlates it, so its scale and offset are irrelevant, and the aperture
 * stays the measure of a still mouth.
 */

/** Weight of each mouth blendshape, per unit of its score, relative to the aperture's 1. */
export const MOUTH_MOTION_WEIGHTS: Readonly<Record<string, number>> = {
  jawOpen: 0.453,
  mouthClose: 0.7568,
  mouthFunnel: 1.076,
  mouthPucker: -0.0069,
  mouthLowerDownLeft: -0.0464,
  mouthLowerDownRight: -0.0464,
  mouthUpperUpLeft: -0.1869,
  mouthUpperUpRight: -0.1869,
  mouthRollLower: -0.8272,
  mouthRollUpper: 0.4989,
  mouthStretchLeft: -1.3134,
  mouthStretchRight: -1.3134,
  mouthSmileLeft: -0.0998,
  mouthSmileRight: -0.0998,
  mouthPressLeft: -0.493,
  mouthPressRight: -0.493,
  mouthShrugLower: -0.2327,
  mouthShrugUpper: 0.1697,
};

/** The same weights for lookup by name (a Map: no inherited keys such as "constructor"). */
const WEIGHT_BY_NAME = new Map(Object.entries(MOUTH_MOTION_WEIGHTS));

/** One blendshape score as the landmarker reports it. */
export interface BlendshapeScore {
  categoryName: string;
  score: number;
}

/**
 * The mouth-motion value of one frame: `mouthAperture` plus the weighted mouth blendshapes. Without
 * blendshapes (none computed for this frame) it is the aperture alone. No allocation.
 */
export function mouthMotion(mouthAperture: number, shapes?: ArrayLike<BlendshapeScore>): number {
  let v = mouthAperture;
  if (!shapes) return v;
  for (let i = 0; i < shapes.length; i++) {
    const c = shapes[i]!;
    const w = WEIGHT_BY_NAME.get(c.categoryName);
    if (w !== undefined) v += w * c.score;
  }
  return v;
}

/** The scores of the weighted mouth blendshapes of one face, by name (for evaluation traces; allocates). */
export function mouthShapeScores(shapes?: ArrayLike<BlendshapeScore>): Record<string, number> {
  const out: Record<string, number> = {};
  if (!shapes) return out;
  for (let i = 0; i < shapes.length; i++) {
    const c = shapes[i]!;
    if (WEIGHT_BY_NAME.has(c.categoryName)) out[c.categoryName] = Math.round(c.score * 1e4) / 1e4;
  }
  return out;
}
