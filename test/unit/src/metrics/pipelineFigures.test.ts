import { describe, expect, it } from 'vitest';
import { PipelineFigures } from '../../../../src/metrics/PipelineFigures';

const grabber = { grabbed: 4, regions: 3, skippedBusy: 2, targetFps: 12 };

describe('PipelineFigures', () => {
  it('says nothing before a frame whose pipeline time is known', () => {
    const f = new PipelineFigures();
    expect(f.figures(grabber, false)).toBeNull();
    // A reply the grabber no longer waited for: counted as analysed, its pipeline time unknown.
    f.add({ pipelineMs: null, analyzerMs: 20, landmarkerMs: 15, grab: null }, 0);
    expect(f.figures(grabber, false)).toBeNull();
  });

  it('medians and 95th percentiles of the page’s frames, by hand (R-7 quantiles)', () => {
    const f = new PipelineFigures();
    // pipeline 30, 50, 40 ms; grab 5 ms and analyzer 20 ms each: transfers 5, 25, 15 ms.
    [30, 50, 40].forEach((pipelineMs, i) =>
      f.add(
        {
          pipelineMs,
          analyzerMs: 20,
          landmarkerMs: 10 + 2 * i,
          grab: { grabMs: 5, roundTripMs: pipelineMs + 10 },
        },
        1000 + 100 * i,
      ),
    );
    f.add({ pipelineMs: null, analyzerMs: 20, landmarkerMs: 16, grab: null }, 1300);
    expect(f.figures(grabber, false)).toEqual({
      frames: 3,
      framesTotal: 4,
      pipelineMsMedian: 40,
      // sorted 30, 40, 50: rank 0.95 × 2 = 1.9 → 40 + 0.9 × 10
      pipelineMsP95: 49,
      roundTripMsMedian: 50,
      grabMsMedian: 5,
      transferMsMedian: 15,
      // landmarker 10, 12, 14, 16: rank 1.5 → 13; rank 2.85 → 14 + 0.85 × 2
      landmarkerMsMedian: 13,
      landmarkerMsP95: 15.7,
      skippedBusy: 2,
      targetFps: 12,
      regionShare: 0.75,
    });
    // 4 frames over 300 ms: 3 intervals, 10 frames/s.
    expect(f.rate(1300)).toBeCloseTo(10, 10);
    // 2.5 s later nothing is left in the 2 s window.
    expect(f.rate(3800)).toBe(0);
  });

  it('through a tab capture: the transfer is the pipeline less the analyzer, and no grabber rate or regions', () => {
    const f = new PipelineFigures();
    f.add({ pipelineMs: 45, analyzerMs: 30, landmarkerMs: 25, grab: null }, 0);
    const p = f.figures(grabber, true)!;
    expect(p.transferMsMedian).toBe(15);
    expect(p.roundTripMsMedian).toBeNaN();
    expect(p.targetFps).toBeNull();
    expect(p.regionShare).toBeNull();
  });
});
