import type { FrameSample } from '../../../src/challenges/Challenge';

/** A frontal face at 15 fps; `at(tMs)` may override any field. */
export function frames(
  durationMs: number,
  at: (tMs: number) => Partial<FrameSample>,
  startMs = 1000,
): FrameSample[] {
  const out: FrameSample[] = [];
  for (let t = startMs; t <= startMs + durationMs; t += 1000 / 15) {
    out.push({
      timestampMs: t,
      facePresent: true,
      faceCount: 1,
      faceOverlap: 0,
      faceHeightPx: 220,
      bboxX: 0.35,
      bboxY: 0.25,
      bboxW: 0.3,
      bboxH: 0.45,
      yawDeg: 2,
      pitchDeg: 4,
      mouthAperture: 0.1,
      landmarkConfidence: 1,
      ...at(t - startMs),
    });
  }
  return out;
}
