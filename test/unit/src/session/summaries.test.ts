import { describe, expect, it } from 'vitest';
import { emptyFeatureFrame, type FeatureFrame } from '../../../../src/features/FeatureFrame';
import { RateMeter } from '../../../../src/metrics/RateMeter';
import { RollingWindow } from '../../../../src/metrics/RollingWindow';
import { SecondSummarizer } from '../../../../src/session/SecondSummarizer';
import { secondRecordError } from '../../../../src/session/validateRecords';
import { median, quantile } from '../../../../src/stats/quantile';

const frame = (timestampMs: number, over: Partial<FeatureFrame> = {}): FeatureFrame => ({
  ...emptyFeatureFrame(),
  timestampMs,
  processingMs: 10,
  ...over,
});
const withFace = (t: number, mouth: number, yaw = 10): FeatureFrame =>
  frame(t, {
    facePresent: true,
    faceCount: 1,
    mouthAperture: mouth,
    eyeOpennessL: 0.3,
    eyeOpennessR: 0.2,
    yawDeg: yaw,
    pitchDeg: 1,
    rollDeg: -1,
    faceHeightPx: 200,
    landmarkConfidence: 1,
  });

describe('SecondSummarizer', () => {
  it('emits one record per second with means over face frames', () => {
    const s = new SecondSummarizer('s1', 1000);
    expect(s.add(withFace(1000, 0.1))).toEqual([]);
    expect(s.add(withFace(1500, 0.3, 20))).toEqual([]);
    expect(s.add(frame(1900))).toEqual([]); // no face
    const done = s.add(withFace(2100, 0.5));
    expect(done).toHaveLength(1);
    const rec = done[0];
    expect(rec!.t).toBe(0);
    expect(rec!.frames).toBe(3);
    expect(rec!.faceFrames).toBe(2);
    expect(rec!.yawDeg).toBeCloseTo(15, 9);
    expect(rec!.mouthAperture).toBeCloseTo(0.2, 9);
    // Population sd of {0.1, 0.3} = 0.1.
    expect(rec!.mouthApertureStd).toBeCloseTo(0.1, 9);
    expect(rec!.eyeOpenness).toBeCloseTo(0.25, 9);
    expect(rec!.processingMs).toBeCloseTo(10, 9);
    const last = s.flush();
    expect(last!.t).toBe(1);
    expect(last!.frames).toBe(1);
  });

  it('writes null, not NaN, for a second with no face', () => {
    const s = new SecondSummarizer('s1', 0);
    s.add(frame(10));
    s.add(frame(20));
    const rec = s.flush()!;
    expect(rec.faceFrames).toBe(0);
    expect(rec.yawDeg).toBeNull();
    expect(rec.mouthAperture).toBeNull();
    expect(rec.mouthApertureStd).toBeNull();
    expect(JSON.parse(JSON.stringify(rec))).toEqual(rec);
  });

  it('writes the seconds a gap skipped, with no frames, so the log has no hole', () => {
    const s = new SecondSummarizer('s1', 0);
    s.add(withFace(100, 0.1));
    const done = s.add(withFace(5100, 0.1));
    expect(done.map((r) => r.t)).toEqual([0, 1, 2, 3, 4]);
    expect(done[0]!.frames).toBe(1);
    for (const r of done.slice(1)) {
      expect(r.frames).toBe(0);
      expect(r.faceHeightPx).toBeNull();
      expect(r.processingMs).toBeNull();
      expect(secondRecordError(r)).toBeNull();
    }
    expect(s.flush()!.t).toBe(5);
    expect(s.flush()).toBeNull();
  });

  it('writes nothing for the seconds before the first frame (the model was loading)', () => {
    const s = new SecondSummarizer('s1', 0);
    expect(s.add(withFace(3100, 0.1))).toEqual([]);
    expect(s.add(withFace(4100, 0.1)).map((r) => r.t)).toEqual([3]);
  });
});

describe('RateMeter', () => {
  it('measures 15 events per second at a 66.7 ms cadence', () => {
    const m = new RateMeter(2000);
    for (let i = 0; i < 60; i++) m.mark(i * (1000 / 15));
    expect(m.rate(59 * (1000 / 15))).toBeCloseTo(15, 6);
  });
  it('forgets events older than the window and reads 0 with too few', () => {
    const m = new RateMeter(1000);
    m.mark(0);
    m.mark(100);
    expect(m.rate(5000)).toBe(0);
  });
});

describe('quantile', () => {
  // Golden values: numpy.quantile(x, q) with its default "linear" method.
  it('matches NumPy linear interpolation', () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 12);
    expect(quantile([10, 1, 7, 3, 5], 0.9)).toBeCloseTo(8.8, 12);
    expect(median([5, 1, 3])).toBe(3);
    expect(quantile([], 0.5)).toBeNaN();
  });
  it('RollingWindow keeps only the newest samples', () => {
    const w = new RollingWindow(3);
    for (const v of [100, 1, 2, 3]) w.push(v);
    expect(w.size).toBe(3);
    expect(w.quantile(1)).toBe(3);
    expect(w.quantile(0.5)).toBe(2);
  });
});
