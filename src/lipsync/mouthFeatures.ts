/**
 * One frame's visible mouth as MouthShapeAgreement reads it: the features of MOUTH_FEATURES, from
 * the inner-lip aperture and the face landmarker's blendshapes (a left/right pair summed into one).
 */
import type { BlendshapeScore } from '../features/mouthMotion';
import { MOUTH_FEATURES, type MouthFeature } from './visemeMouthMap';

/** Blendshape name → its feature's index (both sides of a pair map to one). */
const INDEX_BY_NAME = new Map<string, number>(
  MOUTH_FEATURES.flatMap((f: MouthFeature, i) =>
    f === 'aperture' ? [] : [[f, i] as const, [`${f}Left`, i] as const, [`${f}Right`, i] as const],
  ),
);

/**
 * Writes the frame's mouth features into `out` (MOUTH_FEATURES order); returns false, leaving `out`
 * unusable, when the frame has no blendshapes or no aperture. No allocation.
 */
export function mouthFeatures(
  mouthAperture: number,
  shapes: ArrayLike<BlendshapeScore> | undefined,
  out: Float64Array,
): boolean {
  if (!shapes || shapes.length === 0 || !Number.isFinite(mouthAperture)) return false;
  out.fill(0);
  out[0] = mouthAperture;
  for (let i = 0; i < shapes.length; i++) {
    const c = shapes[i]!;
    const k = INDEX_BY_NAME.get(c.categoryName);
    if (k !== undefined) out[k] = out[k]! + c.score;
  }
  return true;
}
