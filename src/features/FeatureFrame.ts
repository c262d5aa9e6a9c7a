/**
 * One analysed video frame, reduced to the numbers the detectors need. No pixels, no landmarks:
 * this is what crosses from the analyzer into the core and, summarised per second, into the log.
 */
/**
 * A second face over the first by at least this intersection over union (FeatureFrame.faceOverlap)
 * is "two layers"; a second person beside the candidate overlaps 0.
 */
export const TWO_LAYERS_OVERLAP = 0.2;

export interface FeatureFrame {
  /** Capture time of the frame on the page clock (performance.now() of the content script), ms. */
  timestampMs: number;
  /** Whether a face was found in this frame. All face fields below are NaN when it was not. */
  facePresent: boolean;
  /** Faces found (the landmarker is asked for up to 2, so "two faces" can be reported). */
  faceCount: number;
  /**
   * Intersection over union of the two largest faces' boxes (0 with one face): a second face over the
   * first is the "two layers" moment of a failing swap, a second person beside the first is not.
   */
  faceOverlap: number;
  /** Face bounding box in normalised image coordinates [0, 1]. */
  bboxX: number;
  bboxY: number;
  bboxW: number;
  bboxH: number;
  /** Face height in source pixels (the quality gate wants about 100 px or more). */
  faceHeightPx: number;
  /**
   * Head rotation from the facial transformation matrix, degrees, decomposed as R = Rz(roll)·Ry(yaw)·Rx(pitch)
   * (see headPose.ts). 0/0/0 is a frontal face. Which image direction a positive sign means has not been
   * checked on footage yet: use magnitudes (e.g. |yaw| > 45° for a profile) until it is.
   */
  yawDeg: number;
  pitchDeg: number;
  rollDeg: number;
  /** Inner-lip gap over mouth width (0 closed, about 0.5 to 0.8 wide open). */
  mouthAperture: number;
  /** Lid gap over eye width per eye (about 0.25 to 0.35 open, under 0.1 closed). Left/right as seen in the image. */
  eyeOpennessL: number;
  eyeOpennessR: number;
  /** Blendshape jawOpen score [0, 1], NaN when blendshapes were not computed. */
  jawOpen: number;
  /**
   * The lip-sync detector's mouth-motion value: the aperture plus a fixed mix of the mouth blendshapes
   * (see mouthMotion.ts); only its changes matter, not its scale.
   */
  mouthMotion: number;
  /**
   * Fraction of the 478 landmarks that fall inside the image. tasks-vision 1.1.0 reports no per-face
   * presence score nor landmark visibility for the face mesh, so this is the confidence we can measure:
   * 1 for a whole face in view, lower when it leaves the frame.
   */
  landmarkConfidence: number;
  /** Time the landmarker took for this frame, ms. */
  processingMs: number;
}

/** A frame record with every face field empty; the extractor reuses one of these per call. */
export function emptyFeatureFrame(): FeatureFrame {
  return {
    timestampMs: 0,
    facePresent: false,
    faceCount: 0,
    faceOverlap: 0,
    bboxX: NaN,
    bboxY: NaN,
    bboxW: NaN,
    bboxH: NaN,
    faceHeightPx: NaN,
    yawDeg: NaN,
    pitchDeg: NaN,
    rollDeg: NaN,
    mouthAperture: NaN,
    eyeOpennessL: NaN,
    eyeOpennessR: NaN,
    jawOpen: NaN,
    mouthMotion: NaN,
    landmarkConfidence: 0,
    processingMs: 0,
  };
}
