import { describe, expect, it } from 'vitest';
import { linePath } from '../../src/plot/linePath';
import { analysisQuality } from '../../src/quality/analysisQuality';
import { createStore } from '../../src/status/createStore';
import { signalStrip } from '../../src/status/signalStrip';

describe('linePath', () => {
  it('scales values into the plot area (y grows downwards)', () => {
    expect(linePath([0, 1, 2], { widthPx: 100, heightPx: 10, yMin: 0, yMax: 2 })).toBe(
      'M0.0,10.0L50.0,5.0L100.0,0.0',
    );
  });
  it('breaks the line at missing values', () => {
    expect(linePath([1, null, 1, 1], { widthPx: 30, heightPx: 10, yMin: 0, yMax: 2 })).toBe(
      'M0.0,5.0M20.0,5.0L30.0,5.0',
    );
  });
  it('returns an empty path when there is nothing to draw', () => {
    expect(linePath([null, null], { widthPx: 10, heightPx: 10 })).toBe('');
  });
});

describe('analysis quality gate', () => {
  it('cannot judge a small face, a low frame rate or no face', () => {
    expect(analysisQuality(80, 15)).toEqual({ ok: false, reason: 'face is 80 px tall (needs 100)' });
    expect(analysisQuality(200, 6)).toEqual({ ok: false, reason: 'only 6 frames/s analysed (needs 10)' });
    expect(analysisQuality(NaN, 15)).toEqual({ ok: false, reason: 'no face in view' });
    expect(analysisQuality(200, 15)).toEqual({ ok: true });
  });
  it('the strip never shows a clean result for a detector that does not exist yet', () => {
    const strip = signalStrip({ facePresent: true, faceCount: 1, faceHeightPx: 200, fps: 15 });
    expect(
      strip
        .filter((s) => ['lipsync', 'faceswap', 'liveness'].includes(s.id))
        .every((s) => s.state === 'not-measured'),
    ).toBe(true);
    expect(signalStrip({ facePresent: true, faceCount: 2, faceHeightPx: 200, fps: 15 })[0]).toMatchObject({
      state: 'inconclusive',
      detail: '2 faces in view',
    });
  });
});

describe('createStore', () => {
  it('notifies subscribers of changes only', () => {
    const s = createStore(1);
    const seen: number[] = [];
    const off = s.subscribe((v) => seen.push(v));
    s.set(1);
    s.set((v) => v + 1);
    off();
    s.set(5);
    expect(seen).toEqual([2]);
    expect(s.get()).toBe(5);
  });
});
