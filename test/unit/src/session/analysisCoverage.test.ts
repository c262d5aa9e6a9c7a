import { describe, expect, it } from 'vitest';
import { analysisCoverage } from '../../../../src/session/analysisCoverage';
import type { SecondRecord } from '../../../../src/session/SecondRecord';

const sec = (frames: number, faceFrames: number, faceHeightPx: number | null): SecondRecord => ({
  sessionId: 's',
  t: 0,
  frames,
  faceFrames,
  maxFaces: faceFrames ? 1 : 0,
  yawDeg: null,
  pitchDeg: null,
  rollDeg: null,
  mouthAperture: null,
  mouthApertureStd: null,
  eyeOpenness: null,
  eyeOpennessMin: null,
  faceHeightPx,
  landmarkConfidence: null,
  processingMs: 20,
});

describe('analysisCoverage', () => {
  it('splits the call into judged and the first reason it could not be', () => {
    const c = analysisCoverage([
      sec(15, 15, 200),
      sec(15, 15, 200),
      sec(15, 2, 200), // face in 2 of 15 frames
      sec(15, 15, 80), // face too small
      sec(6, 6, 200), // 6 frames/s
    ]);
    expect(c).toEqual({
      seconds: 5,
      judged: 0.4,
      noFace: 0.2,
      faceTooSmall: 0.2,
      lowFrameRate: 0.2,
      notAnalysed: 0,
    });
  });
  it('counts a second with no frame analysed as not judged, under its own reason', () => {
    // Two judged seconds around a 2-second stall: half the call was judged, not all of it.
    const c = analysisCoverage([sec(15, 15, 200), sec(0, 0, null), sec(0, 0, null), sec(15, 15, 200)]);
    expect(c.judged).toBe(0.5);
    expect(c.notAnalysed).toBe(0.5);
    expect(c.lowFrameRate).toBe(0);
  });
  it('says nothing was judged for an empty call rather than dividing by zero', () => {
    expect(analysisCoverage([])).toEqual({
      seconds: 0,
      judged: 0,
      noFace: 0,
      faceTooSmall: 0,
      lowFrameRate: 0,
      notAnalysed: 0,
    });
  });
});
