import type { FeatureFrame } from './FeatureFrame';

/**
 * Whether a frame shows the face from the front, whole and large enough for its proportions (the
 * identity-geometry ratios of LandmarkMotion) to be compared with another such frame: a face found,
 * at least `minFaceHeightPx` tall, |yaw| and |pitch| within `frontalDeg`, every landmark in the picture.
 */
export function frontalView(
  f: Pick<FeatureFrame, 'facePresent' | 'faceHeightPx' | 'yawDeg' | 'pitchDeg' | 'landmarkConfidence'>,
  frontalDeg: number,
  minFaceHeightPx: number,
): boolean {
  return (
    f.facePresent &&
    f.faceHeightPx >= minFaceHeightPx &&
    Math.abs(f.yawDeg) <= frontalDeg &&
    Math.abs(f.pitchDeg) <= frontalDeg &&
    f.landmarkConfidence >= 0.99
  );
}
