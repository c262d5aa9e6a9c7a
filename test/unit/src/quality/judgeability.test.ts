import { describe, expect, it } from 'vitest';
import { QualityWindow } from '../../../../src/quality/QualityWindow';
import {
  describeJudgeability,
  judgeWindow,
  REQUIREMENTS,
  tooBusy,
} from '../../../../src/quality/judgeability';
import { signalStrip } from '../../../../src/status/signalStrip';
import { judged } from '../../helpers/quality';

describe('QualityWindow', () => {
  it('a steady 15 frames/s over 4 s: 60 frames after the span opens, 15.0 frames/s, no long gaps', () => {
    const w = new QualityWindow();
    for (let i = 0; i <= 150; i++) w.add((i * 1000) / 15, 180);
    const q = w.measure(10_000);
    expect(q.spanMs).toBe(4000);
    expect(q.fps).toBeCloseTo(15, 5);
    expect(q.longGapShare).toBe(0);
    expect(q.faceShare).toBe(1);
    expect(q.faceHeightPx).toBe(180);
  });

  it('bursts (4 frames 40 ms apart, then 220 ms of nothing): about 12 frames/s, yet 65 % of the time lost in gaps', () => {
    const w = new QualityWindow();
    for (let b = 0; b * 340 <= 10_000; b++) for (let k = 0; k < 4; k++) w.add(b * 340 + k * 40, 150);
    // Each 340 ms holds 4 frames (11.8 frames/s) and one 220 ms gap: 220 / 340 = 0.647 of the time.
    const q = w.measure(20 * 340);
    expect(q.fps).toBeCloseTo(11.8, 0);
    expect(q.longGapShare).toBeCloseTo(0.647, 1);
    expect(judgeWindow(q, REQUIREMENTS.lipsync)).toMatchObject({ ok: false, shortfall: 'uneven-frames' });
  });

  it('the median face height over the frames with a face, and the share of frames that had one', () => {
    const w = new QualityWindow();
    const heights = [NaN, 90, 120, NaN, 110, 300];
    heights.forEach((h, i) => w.add(1000 + i * 100, h));
    const q = w.measure(1500);
    // The first frame opens the span (half-open): frames 2..6 count; faces 90, 110, 120, 300 → median 115.
    expect(q.faceShare).toBeCloseTo(4 / 5, 10);
    expect(q.faceHeightPx).toBe(115);
  });

  it('frames that stop: the time since the last one is lost too', () => {
    const w = new QualityWindow();
    for (let t = 0; t <= 4000; t += 50) w.add(t, 200);
    const q = w.measure(6000);
    // 2 s of the last 4 s without a frame; the rate is the frames' own while they came.
    expect(q.longGapShare).toBeCloseTo(0.5, 2);
    expect(q.fps).toBeCloseTo(20, 5);
    expect(judgeWindow(q, REQUIREMENTS.faceswap)).toMatchObject({ ok: false, shortfall: 'uneven-frames' });
  });
});

describe('judgeability: one authority for what can be judged', () => {
  it('a rate held at 10 frames/s that reads 9.6 meets the 10 it needs (measurement tolerance); 9.4 does not', () => {
    expect(judged({ fps: 9.6 }).signals.lipsync.ok).toBe(true);
    expect(judged({ fps: 9.4 }).signals.lipsync).toMatchObject({
      ok: false,
      reason: 'analysing 9 frames/s (needs 10)',
    });
  });

  it('names the first need missed, rate first', () => {
    expect(judged({ fps: 8 }).signals.lipsync).toMatchObject({
      ok: false,
      shortfall: 'frame-rate',
      reason: 'analysing 8 frames/s (needs 10)',
    });
    expect(judged({ faceHeightPx: 77 }).signals.faceswap).toMatchObject({
      ok: false,
      reason: 'face is 77 px tall (needs 100)',
    });
    expect(judged({ faceShare: 0, faceHeightPx: NaN }).signals.liveness).toMatchObject({
      reason: 'no face in view',
    });
    expect(judged({ spanMs: 1000 }).signals.lipsync).toMatchObject({ shortfall: 'starting' });
    expect(judged().signals).toEqual({
      lipsync: { ok: true },
      faceswap: { ok: true },
      liveness: { ok: true },
    });
  });

  it('lip-sync needs the frames more even than the face signals do', () => {
    const j = judged({ longGapShare: 0.15 });
    expect(j.signals.lipsync).toMatchObject({ ok: false, shortfall: 'uneven-frames' });
    expect(j.signals.faceswap.ok).toBe(true);
  });

  it('says which signals cannot judge and why, grouped by reason, and when the computer is the cause', () => {
    expect(describeJudgeability(judged({ fps: 8 }))).toMatchObject({
      ok: false,
      detail: 'lip-sync, face-swap and liveness: analysing 8 frames/s (needs 10)',
    });
    expect(describeJudgeability(judged())).toMatchObject({
      ok: true,
      detail: 'good enough to judge every signal (15 frames/s, face 200 px)',
    });
    expect(tooBusy(judged({ fps: 8 }))).toBe(true);
    expect(tooBusy(judged({ faceHeightPx: 60 }))).toBe(false);
  });
});

describe('signalStrip under the quality authority', () => {
  it('a detector that has not evaluated yet is "not measured", never a clean result', () => {
    const strip = signalStrip({ facePresent: true, faceCount: 1, quality: judged() });
    expect(
      strip
        .filter((s) => ['lipsync', 'faceswap', 'liveness'].includes(s.id))
        .every((s) => s.state === 'not-measured'),
    ).toBe(true);
    expect(signalStrip({ facePresent: true, faceCount: 2, quality: judged() })[0]).toMatchObject({
      state: 'inconclusive',
      detail: '2 faces in view',
    });
  });

  it('Quality and the signal rows never disagree: a row the authority cannot judge says so, in the same words, whatever its detector said', () => {
    const strip = signalStrip({
      facePresent: true,
      faceCount: 1,
      quality: judged({ fps: 8 }),
      lipsync: { state: 'concerns', reason: 'audio lags video by 220 ms for the last 12 s, confidence high' },
      faceswap: { state: 'not-measured', reason: 'no swap artefact seen' },
      liveness: { state: 'no-concerns', reason: 'no frozen or replayed feed' },
    });
    const by = Object.fromEntries(strip.map((s) => [s.id, s]));
    expect(by.quality).toMatchObject({
      state: 'cannot-judge',
      detail: 'lip-sync, face-swap and liveness: analysing 8 frames/s (needs 10)',
    });
    for (const id of ['lipsync', 'faceswap', 'liveness'])
      expect(by[id]).toMatchObject({ state: 'cannot-judge', detail: 'analysing 8 frames/s (needs 10)' });
  });

  it('a detector\'s own "cannot judge" is shown without repeating the state\'s words', () => {
    const strip = signalStrip({
      facePresent: true,
      faceCount: 1,
      quality: judged(),
      lipsync: { state: 'cannot-judge', reason: 'cannot judge: not enough speech in the last few seconds' },
    });
    expect(strip.find((s) => s.id === 'lipsync')!.detail).toBe('not enough speech in the last few seconds');
  });
});
