/** Whether the video is good enough to judge, and if not, why. */
export type QualityVerdict = { ok: true } | { ok: false; reason: string };

/** Options for {@link analysisQuality}; defaults follow the product's quality gate. */
export interface QualityOptions {
  /** Smallest face height that can be judged, source px (default 100). */
  minFaceHeightPx?: number;
  /** Lowest analysed frame rate that can be judged, frames/s (default 10). */
  minFps?: number;
}

/**
 * The analysis-quality gate for the live view: too small a face or too few frames per second means
 * "cannot judge", never a guess.
 */
export function analysisQuality(
  faceHeightPx: number,
  fps: number,
  opts: QualityOptions = {},
): QualityVerdict {
  const minFace = opts.minFaceHeightPx ?? 100;
  const minFps = opts.minFps ?? 10;
  if (fps < minFps)
    return { ok: false, reason: `only ${fps.toFixed(0)} frames/s analysed (needs ${minFps})` };
  if (!(faceHeightPx >= minFace)) {
    return Number.isFinite(faceHeightPx)
      ? { ok: false, reason: `face is ${Math.round(faceHeightPx)} px tall (needs ${minFace})` }
      : { ok: false, reason: 'no face in view' };
  }
  return { ok: true };
}
