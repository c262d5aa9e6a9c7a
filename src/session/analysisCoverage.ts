import { REQUIREMENTS } from '../quality/judgeability';
import type { SecondRecord } from './SecondRecord';

/** How much of a call could be judged, and why the rest could not. Shares of recorded seconds, 0..1. */
export interface Coverage {
  seconds: number;
  judged: number;
  noFace: number;
  faceTooSmall: number;
  lowFrameRate: number;
  /** Seconds in which no frame was analysed at all (the analyzer starved, or the video was gone). */
  notAnalysed: number;
}

/** Options for {@link analysisCoverage}; defaults match the live quality gate. */
export interface CoverageOptions {
  /** Fewest analysed frames in a second to judge it (default 10). */
  minFrames?: number;
  /** Smallest face height, source px (default 100). */
  minFaceHeightPx?: number;
  /** Least share of a second's frames with a face (default 0.5). */
  minFaceShare?: number;
}

/**
 * Each recorded second counts once, under the first reason that rules it out (nothing analysed, low
 * frame rate, then no face, then a face too small), or as judged.
 */
export function analysisCoverage(seconds: readonly SecondRecord[], opts: CoverageOptions = {}): Coverage {
  // The quality authority's needs of the face signals, per recorded second.
  const minFrames = opts.minFrames ?? REQUIREMENTS.faceswap.minFps;
  const minFace = opts.minFaceHeightPx ?? REQUIREMENTS.faceswap.minFaceHeightPx;
  const minShare = opts.minFaceShare ?? 0.5;
  let judged = 0;
  let noFace = 0;
  let small = 0;
  let lowFps = 0;
  let none = 0;
  for (const s of seconds) {
    if (s.frames === 0) none++;
    else if (s.frames < minFrames) lowFps++;
    else if (s.faceFrames / s.frames < minShare) noFace++;
    else if ((s.faceHeightPx ?? 0) < minFace) small++;
    else judged++;
  }
  const n = seconds.length;
  const share = (k: number) => (n === 0 ? 0 : k / n);
  return {
    seconds: n,
    judged: share(judged),
    noFace: share(noFace),
    faceTooSmall: share(small),
    lowFrameRate: share(lowFps),
    notAnalysed: share(none),
  };
}
