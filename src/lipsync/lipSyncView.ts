import type { FeatureFrame } from '../features/FeatureFrame';
import type { LipSyncView } from '../status/LiveStatus';
import type { LipSyncReading } from './LipSyncReading';

/** Options for {@link mouthReadable}. */
export interface MouthReadableOptions {
  /** Smallest face height whose lips can be read, source px (default 100, the quality gate). */
  minFaceHeightPx?: number;
  /** Largest head turn either way, degrees (default 35: past it the far lip corner is hidden). */
  maxYawDeg?: number;
  /** Least share of landmarks inside the picture (default 0.9). */
  minLandmarkConfidence?: number;
}

/** Whether this frame's mouth can be read for lip-sync: a face, big enough, roughly frontal, in the picture. */
export function mouthReadable(f: FeatureFrame, opts: MouthReadableOptions = {}): boolean {
  return (
    f.facePresent &&
    f.faceHeightPx >= (opts.minFaceHeightPx ?? 100) &&
    !(Math.abs(f.yawDeg) > (opts.maxYawDeg ?? 35)) &&
    f.landmarkConfidence >= (opts.minLandmarkConfidence ?? 0.9)
  );
}

/** The serialisable part of a reading that the live view shows. */
export function lipSyncView(r: LipSyncReading): LipSyncView {
  return {
    state: r.state,
    reason: r.reason.slice(0, 512),
    words: r.words,
    offsetMs: r.offsetMs,
    windowOffsetMs: r.latest.offsetMs,
    confidence: r.latest.confidence,
    speechFraction: r.latest.speechFraction,
    driftMsPerMin: r.driftMsPerMin,
  };
}
