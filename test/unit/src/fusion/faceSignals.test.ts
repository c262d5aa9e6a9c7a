import { describe, expect, it } from 'vitest';
import { similarityResidual } from '../../../../src/features/LandmarkMotion';
import { FaceRiskFusion } from '../../../../src/fusion/FaceRiskFusion';
import { FaceSignals } from '../../../../src/fusion/FaceSignals';
import { signalRows } from '../../../../src/fusion/signalRows';
import { emptyPixelFrame } from '../../../../src/pixels/PixelFrame';
import {
  FACE_OVAL,
  measureFacePixels,
  PixelScratch,
  PULSE_REGIONS,
} from '../../../../src/pixels/measureFacePixels';
import { BlendBoundary } from '../../../../src/signals/BlendBoundary';
import { BlinkMotion } from '../../../../src/signals/BlinkMotion';
import { GeometryConsistency } from '../../../../src/signals/GeometryConsistency';
import { posPulse, spectralPeak } from '../../../../src/signals/posPulse';
import { PulseSignal } from '../../../../src/signals/PulseSignal';
import { ReplayFeed } from '../../../../src/signals/ReplayFeed';
import type { FaceSignalId, SignalReading } from '../../../../src/signals/SignalReading';
import { TemporalInstability } from '../../../../src/signals/TemporalInstability';
import type { VisualFrame } from '../../../../src/signals/VisualFrame';
import { rng } from '../../helpers/rng';
import { series } from '../../helpers/visualFrames';

/** Feeds frames to a detector and returns its reading at the last frame. */
function run(
  d: { add(v: VisualFrame): void; evaluate(nowMs: number): SignalReading },
  frames: VisualFrame[],
) {
  for (const f of frames) d.add(f);
  return d.evaluate(frames.at(-1)!.feature.timestampMs);
}

describe('measureFacePixels', () => {
  // A 96 px crop: a circular "face" of radius 20 px at the centre painted one flat skin colour, on a
  // 1-px black/white checkerboard. Landmarks: the oval's points on that circle, the rPPG points inside.
  const N = 96;
  const rgba = new Uint8ClampedArray(N * N * 4);
  for (let y = 0; y < N; y++)
    for (let x = 0; x < N; x++) {
      const j = (y * N + x) * 4;
      const inFace = Math.hypot(x + 0.5 - 48, y + 0.5 - 48) < 20;
      const v = (x + y) % 2 ? 255 : 0;
      rgba.set(inFace ? [200, 150, 120, 255] : [v, v, v, 255], j);
    }
  const lm = Array.from({ length: 478 }, () => ({ x: 0.5, y: 0.5 }));
  FACE_OVAL.forEach((idx, k) => {
    const a = (2 * Math.PI * k) / FACE_OVAL.length;
    lm[idx] = { x: (48 + 20 * Math.cos(a)) / N, y: (48 + 20 * Math.sin(a)) / N };
  });
  lm[PULSE_REGIONS.forehead] = { x: 0.5, y: 40 / N };
  lm[PULSE_REGIONS.cheekL] = { x: 42 / N, y: 52 / N };
  lm[PULSE_REGIONS.cheekR] = { x: 54 / N, y: 52 / N };

  it('measures a flat face on a busy background: no inner detail, all detail outside, exact skin colour', () => {
    const out = emptyPixelFrame();
    expect(measureFacePixels({ rgba, landmarks: lm }, new PixelScratch(N), out)).toBe(true);
    // Laplacian of a constant is exactly 0; of a 1-px checkerboard it is |4·255| or |−4·255| → 1020 (luma 255).
    expect(out.sharpInner).toBe(0);
    expect(out.sharpOutside).toBeCloseTo(1020, 0);
    // Luma of (200,150,120) by BT.601: 0.299·200 + 0.587·150 + 0.114·120 = 161.53.
    expect(out.lumaInner).toBeCloseTo(161.53, 2);
    expect(out.foreheadR).toBe(200);
    expect(out.cheekLG).toBe(150);
    expect(out.cheekRB).toBe(120);
    expect(out.faceHeightCropPx).toBeGreaterThan(38);
  });

  it('refuses a face that is not in the crop', () => {
    const out = emptyPixelFrame();
    const tiny = lm.map(() => ({ x: 0.5, y: 0.5 }));
    expect(measureFacePixels({ rgba, landmarks: tiny }, new PixelScratch(N), out)).toBe(false);
    expect(out.valid).toBe(false);
  });
});

describe('similarityResidual', () => {
  it('is 0 jitter for an exact similarity, with its translation, scale and rotation as motion', () => {
    const r = rng(1);
    const a = new Float64Array(40).map(() => r() * 100);
    const b = new Float64Array(40);
    const s = 1.1;
    const th = 0.1;
    for (let k = 0; k < 20; k++) {
      const x = a[2 * k]!;
      const y = a[2 * k + 1]!;
      b[2 * k] = s * (Math.cos(th) * x - Math.sin(th) * y) + 3;
      b[2 * k + 1] = s * (Math.sin(th) * x + Math.cos(th) * y) + 4;
    }
    const out = { jitter: NaN, motion: NaN };
    similarityResidual(a, b, 10, out);
    expect(out.jitter).toBeLessThan(1e-9);
    // The centroid moves by the transform of the centroid, not by (3, 4): check the scale and angle terms.
    expect(out.motion).toBeGreaterThan(Math.log(1.1) + 0.1);
  });

  it('reports the residual of one point moved off the similarity', () => {
    const a = new Float64Array([0, 0, 10, 0, 0, 10, 10, 10]);
    const b = Float64Array.from(a);
    b[0] = 1; // one of four points 1 px off
    const out = { jitter: NaN, motion: NaN };
    similarityResidual(a, b, 10, out);
    expect(out.jitter).toBeGreaterThan(0.02);
    expect(out.jitter).toBeLessThan(0.1);
  });
});

describe('posPulse + spectralPeak', () => {
  const fs = 15;
  const n = 150;
  /** The strongest 0.7–3 Hz peak of POS on n frames of skin with a 1.2 Hz pulse of `pulse` (relative) and uniform noise of ±`noise`/2. */
  const peakOf = (pulse: number, noise: number, seed: number) => {
    const r = rng(seed);
    const R: number[] = [];
    const G: number[] = [];
    const B: number[] = [];
    for (let i = 0; i < n; i++) {
      // A blood-volume change mostly in green (as in skin), on a constant skin tone.
      const p = pulse * Math.sin((2 * Math.PI * 1.2 * i) / fs);
      R.push(180 * (1 + 0.3 * p) + (r() - 0.5) * noise);
      G.push(130 * (1 + p) + (r() - 0.5) * noise);
      B.push(110 * (1 + 0.5 * p) + (r() - 0.5) * noise);
    }
    const out = new Float64Array(n);
    posPulse(R, G, B, fs, out);
    return spectralPeak(out, n, fs);
  };
  it('finds a 1.2 Hz pulse well above the noise', () => {
    const peak = peakOf(0.004, 0.4, 3);
    expect(peak.hz).toBeCloseTo(1.2, 1);
    expect(peak.snrDb).toBeGreaterThan(3);
  });
  it('finds no clear peak in noise alone', () => {
    expect(peakOf(0, 2, 4).snrDb).toBeLessThan(3);
  });
});

describe('PulseSignal', () => {
  it('reports a coherent pulse as evidence of live skin, and its absence only with low confidence', () => {
    const pulsing = series(12_000, (t) => {
      const p = 0.004 * Math.sin(2 * Math.PI * 1.2 * (t / 1000));
      const c = { R: 180 * (1 + 0.3 * p), G: 130 * (1 + p), B: 110 * (1 + 0.5 * p) };
      return {
        pixels: {
          foreheadR: c.R,
          foreheadG: c.G,
          foreheadB: c.B,
          cheekLR: c.R,
          cheekLG: c.G,
          cheekLB: c.B,
          cheekRR: c.R,
          cheekRG: c.G,
          cheekRB: c.B,
        },
      };
    });
    const live = run(new PulseSignal(), pulsing);
    expect(live.score).toBe(0);
    expect(live.reason).toMatch(/72 beats\/min/);
    const r = rng(5);
    const flat = series(12_000, () => ({
      pixels: { foreheadG: 130 + r(), cheekLG: 125 + r(), cheekRG: 125 + r() },
    }));
    const none = run(new PulseSignal(), flat);
    expect(none.confidence).toBeLessThan(0.5);
    expect(none.reason).toMatch(/cannot judge/);
  });
});

describe('BlendBoundary', () => {
  it('says nothing unusual about a face with its surroundings’ detail, and flags a much smoother face', () => {
    expect(run(new BlendBoundary(), series(10_000)).score).toBeLessThan(0.1);
    const pasted = run(
      new BlendBoundary(),
      series(10_000, () => ({ pixels: { sharpInner: 2, sharpOutside: 12 } })),
    );
    expect(pasted.score).toBeGreaterThan(0.7);
    expect(pasted.confidence).toBe(1);
    expect(pasted.reason).toMatch(/6\.0× less fine detail/);
  });
  it('cannot judge a small, dark or backlit face', () => {
    expect(
      run(
        new BlendBoundary(),
        series(10_000, () => ({ feature: { faceHeightPx: 80 } })),
      ).reason,
    ).toBe('cannot judge: the face is too small');
    expect(
      run(
        new BlendBoundary(),
        series(10_000, () => ({ pixels: { lumaInner: 25 } })),
      ).reason,
    ).toBe('cannot judge: the face is too dark');
    expect(
      run(
        new BlendBoundary(),
        series(10_000, () => ({ pixels: { lumaInner: 60, lumaOutside: 200 } })),
      ).confidence,
    ).toBe(0);
  });
});

describe('TemporalInstability', () => {
  it('passes a steady face and flags a trembling mesh and repeated one-frame dropouts', () => {
    const r = rng(6);
    expect(
      run(
        new TemporalInstability(),
        series(10_000, () => ({ motion: { jitter: 0.004 + 0.004 * r() } })),
      ).score,
    ).toBeLessThan(0.1);
    const trembling = run(
      new TemporalInstability(),
      series(10_000, () => ({ motion: { jitter: 0.05 + 0.02 * r() } })),
    );
    expect(trembling.score).toBeGreaterThan(0.7);
    expect(trembling.reason).toMatch(/trembles/);
    // A face missing for one frame every 2 s (5 breaks in 10 s).
    const drops = run(
      new TemporalInstability(),
      series(10_000, (_t, i) => (i % 30 === 15 ? { feature: { facePresent: false, faceCount: 0 } } : {})),
    );
    expect(drops.score).toBeGreaterThan(0.7);
    expect(drops.reason).toMatch(/broke up 5 times/);
  });
  it('counts a second face over the first ("two layers"), not a second person beside the candidate', () => {
    const beside = series(10_000, (_t, i) =>
      i % 10 === 0 ? { feature: { faceCount: 2, faceOverlap: 0 } } : {},
    );
    expect(run(new TemporalInstability(), beside).score).toBeLessThan(0.1);
    const layers = series(10_000, (_t, i) =>
      i % 10 === 0 ? { feature: { faceCount: 2, faceOverlap: 0.6 } } : {},
    );
    expect(run(new TemporalInstability(), layers).score).toBeGreaterThan(0.7);
  });

  it('does not count a person leaving the picture for seconds as a dropout', () => {
    const away = series(10_000, (t) =>
      t > 3000 && t < 6000 ? { feature: { facePresent: false, faceCount: 0 } } : {},
    );
    expect(run(new TemporalInstability(), away).score).toBeLessThan(0.1);
  });
});

describe('GeometryConsistency', () => {
  it('keeps steady proportions and flags a face whose proportions change mid-window', () => {
    const r = rng(7);
    expect(
      run(
        new GeometryConsistency(),
        series(20_000, () => ({ motion: { noseLength: 0.62 + 0.01 * r() } })),
      ).score,
    ).toBeLessThan(0.1);
    const changed = run(
      new GeometryConsistency(),
      series(20_000, (t) => ({ motion: { faceWidth: t < 10_000 ? 1.55 : 1.85 } })),
    );
    expect(changed.score).toBeGreaterThan(0.7);
    expect(changed.reason).toMatch(/face width/);
  });
  it('ignores turned faces', () => {
    const turned = series(20_000, (t) => ({
      feature: { yawDeg: 40 },
      motion: { faceWidth: t < 10_000 ? 1.55 : 1.0 },
    }));
    expect(run(new GeometryConsistency(), turned).confidence).toBe(0);
  });
});

describe('BlinkMotion', () => {
  const blinking = (everyMs: number) => (t: number) => ({
    feature: t % everyMs < 130 ? { eyeOpennessL: 0.05, eyeOpennessR: 0.06 } : {},
  });
  it('counts blinks and raises nothing for a person blinking every 4 s', () => {
    const r = run(new BlinkMotion(), series(60_000, blinking(4000)));
    expect(r.score).toBeLessThan(0.1);
    expect(r.confidence).toBe(1);
    expect(r.reason).toMatch(/^16 blinks in 60 s/);
  });
  it('flags a minute without a blink, and is unsure after 10 s', () => {
    expect(run(new BlinkMotion(), series(60_000)).score).toBeGreaterThan(0.9);
    expect(run(new BlinkMotion(), series(10_000)).confidence).toBeLessThan(0.5);
  });
  it('flags a face that holds perfectly still', () => {
    const still = run(
      new BlinkMotion(),
      series(60_000, (t) => ({ ...blinking(4000)(t), motion: { motion: 0.0001 } })),
    );
    expect(still.score).toBeGreaterThan(0.7);
    expect(still.reason).toMatch(/still/);
  });
});

describe('ReplayFeed', () => {
  /** A 16 × 16 picture that drifts randomly (a live scene), from a seeded walk. */
  const walk = (seed: number, n: number) => {
    const r = rng(seed);
    const cur = new Float64Array(256).map(() => 128);
    return Array.from({ length: n }, () => {
      for (let i = 0; i < 256; i++) cur[i] = Math.min(255, Math.max(0, cur[i]! + (r() - 0.5) * 12));
      return Uint8Array.from(cur, Math.round);
    });
  };
  it('sees a live scene as neither frozen nor looped', () => {
    const thumbs = walk(8, 900);
    const rf = new ReplayFeed();
    let r: SignalReading | null = null;
    series(60_000, (_t, i) => ({ thumb: thumbs[i]! })).forEach((f, i) => {
      rf.add(f);
      if (i % 15 === 0) r = rf.evaluate(f.feature.timestampMs);
    });
    expect(r!.score).toBeLessThan(0.1);
  });
  it('flags a recording replayed in a loop, and a picture held for 3 s (frames 66.7 ms apart: 2.9 s of identical frames)', () => {
    const pass = walk(9, 90); // a 6 s recording, looped
    const rf = new ReplayFeed();
    let r: SignalReading | null = null;
    series(30_000, (_t, i) => ({ thumb: pass[i % 90]! })).forEach((f, i) => {
      rf.add(f);
      if (i % 15 === 0) r = rf.evaluate(f.feature.timestampMs);
    });
    expect(r!.score).toBeGreaterThan(0.7);
    expect(r!.reason).toMatch(/came back after (5\.9|6\.0|6\.1) s/);
    const live = walk(10, 300);
    const frozen = run(
      new ReplayFeed(),
      series(20_000, (t, i) => ({ thumb: live[t > 10_000 && t < 13_000 ? 150 : i]! })),
    );
    expect(frozen.score).toBeGreaterThan(0.7);
    expect(frozen.reason).toMatch(/froze for 2\.9 s/);
  });
});

describe('FaceRiskFusion', () => {
  const reading = (signal: FaceSignalId, score: number, confidence = 1, value = NaN): SignalReading => ({
    signal,
    score,
    confidence,
    evidence: { fromMs: 0, toMs: 1000 },
    reason: `${signal} reason`,
    value,
  });
  const quiet = (): SignalReading[] =>
    (['blend', 'temporal', 'geometry', 'blink', 'pulse', 'replay'] as const).map((s) =>
      reading(s, 0.1, 0.8, 0),
    );

  it('one signal is inconclusive after two high readings; two are concerns; each clears with hysteresis', () => {
    const f = new FaceRiskFusion(0);
    const withScores = (scores: Partial<Record<FaceSignalId, number>>) =>
      quiet().map((r) => (scores[r.signal] !== undefined ? { ...r, score: scores[r.signal]! } : r));
    expect(f.update(1000, withScores({ blend: 0.9 })).state).toBe('no-concerns');
    const one = f.update(2000, withScores({ blend: 0.9 }));
    expect(one.state).toBe('inconclusive');
    expect(one.changes).toEqual([{ kind: 'raised', flag: expect.objectContaining({ signal: 'blend' }) }]);
    f.update(3000, withScores({ blend: 0.9, replay: 0.95 }));
    const two = f.update(4000, withScores({ blend: 0.9, replay: 0.95 }));
    expect(two.state).toBe('concerns');
    expect(signalRows(two).faceswap.state).toBe('concerns');
    // Each flagged row says what to do next: the challenge that settles it best.
    expect(signalRows(two).liveness.reason).toBe(
      'Frozen or replayed feed: replay reason (high confidence) — next: ask the candidate to wave a hand across the face',
    );
    for (let t = 5000; t < 8000; t += 1000) expect(f.update(t, quiet()).state).toBe('concerns');
    expect(f.update(8000, quiet()).state).toBe('no-concerns');
  });

  it('gives the strip two rows that say why they cannot judge, or what they measured', () => {
    const f = new FaceRiskFusion(0);
    const rows = signalRows(
      f.update(1000, [
        { ...reading('blend', 0, 0), reason: 'cannot judge: the face is too small' },
        { ...reading('temporal', 0, 0), reason: 'cannot judge: too few frames with a large, steady face' },
        { ...reading('geometry', 0, 0), reason: 'cannot judge: too few frontal views of the face' },
        { ...reading('blink', 0.1, 0.8), reason: '12 blinks in 40 s (18 a minute)' },
        reading('pulse', 0.3, 0.15),
        {
          ...reading('replay', 0.05, 1),
          reason: 'the picture changes naturally (no frozen or repeated stretch)',
        },
      ]),
    );
    expect(rows.faceswap).toMatchObject({
      state: 'cannot-judge',
      reason:
        'Blend boundary: the face is too small; Temporal instability: too few frames with a large, steady face; Face geometry: too few frontal views of the face',
    });
    // Liveness says only what it has earned: no frozen or replayed feed (blinks are not evidence enough).
    expect(rows.liveness).toMatchObject({
      state: 'no-concerns',
      reason: 'no frozen or replayed feed: the picture changes naturally',
    });
  });

  it('a loop the replay signal reads but has not flagged is said as it is, never "no concerns"', () => {
    const f = new FaceRiskFusion(0);
    const loop = {
      ...reading('replay', 0.6, 1),
      reason: 'the picture repeats: the same 2 s of video came back after 6.2 s, frame by frame',
    };
    const rows = signalRows(f.update(1000, [reading('blink', 0.1, 0.9), loop]));
    expect(rows.liveness).toMatchObject({
      state: 'inconclusive',
      reason: 'the picture repeats: the same 2 s of video came back after 6.2 s, frame by frame; watching',
    });
    // Once the reading is back to natural, so is the row.
    const back = signalRows(f.update(2000, [reading('blink', 0.1, 0.9), reading('replay', 0.05, 1)]));
    expect(back.liveness.state).toBe('no-concerns');
  });

  it('never says "no concerns" about face swaps: with its signals judging and nothing flagged, the row says what it cannot see', () => {
    const f = new FaceRiskFusion(0);
    const rows = signalRows(
      f.update(1000, [
        reading('blend', 0.1, 0.9),
        reading('temporal', 0.1, 0.9),
        reading('geometry', 0.1, 0.9),
        reading('blink', 0.1, 0.9),
        reading('pulse', 0.1, 0.9),
        { ...reading('replay', 0.1, 0), reason: 'cannot judge: too few frames yet' },
      ]),
    );
    expect(rows.faceswap).toMatchObject({
      state: 'not-measured',
      reason:
        'no swap artefact seen, but face swaps are not reliably detected from the picture: ask a profile turn or a hand across the face',
    });
    // Blinks and pulse judged, but the replay signal did not: liveness cannot judge, with its reason.
    expect(rows.liveness).toMatchObject({
      state: 'cannot-judge',
      reason: 'Frozen or replayed feed: too few frames yet',
    });
  });

  it('never flags on low confidence, and cannot judge with fewer than two judging signals', () => {
    const f = new FaceRiskFusion(0);
    const weak = quiet().map((r) => ({ ...r, score: 0.95, confidence: 0.3 }));
    for (let t = 1000; t < 10_000; t += 1000) expect(f.update(t, weak).flags).toEqual([]);
    expect(f.update(10_000, weak).state).toBe('cannot-judge');
  });

  it('flags a departure from the call’s own first minute that the absolute score would not', () => {
    const f = new FaceRiskFusion(0);
    const r = rng(11);
    for (let t = 1000; t <= 60_000; t += 1000)
      f.update(
        t,
        quiet().map((x) => (x.signal === 'blend' ? { ...x, value: -0.2 + 0.1 * r() } : x)),
      );
    let last = f.update(
      61_000,
      quiet().map((x) => (x.signal === 'blend' ? { ...x, value: -0.15 } : x)),
    );
    expect(last.flags).toEqual([]);
    for (let t = 62_000; t < 65_000; t += 1000)
      last = f.update(
        t,
        quiet().map((x) => (x.signal === 'blend' ? { ...x, value: 2, score: 0.2 } : x)),
      );
    expect(last.flags.map((x) => x.signal)).toEqual(['blend']);
    expect(last.flags[0]!.reason).toMatch(/^changed since the start of the call/);
  });
});

describe('FaceSignals under the quality authority', () => {
  /** The readings of the six detectors after `seconds` of a steady, genuine-looking face at `fps`. */
  const readingsAt = (fps: number, seconds = 12) => {
    const fs = new FaceSignals(1000);
    const frames = series(seconds * 1000, () => ({}), fps);
    for (const f of frames) fs.add(f);
    const last = frames.at(-1)!.feature.timestampMs;
    return { quality: fs.judge(last), readings: fs.evaluate(last).readings };
  };

  it('counts the analysed frame rate over the last 4 s', () => {
    // Frames 1000/15 ms apart: 60 of them in the 4 s before the last, 60 intervals over 4 s = 15.
    expect(readingsAt(15).quality.measured.fps).toBeCloseTo(15, 1);
    expect(readingsAt(6).quality.measured.fps).toBeCloseTo(6, 1);
  });

  it("under 10 frames/s, every face-swap and liveness signal cannot judge, with the authority's reason", () => {
    const slow = readingsAt(6);
    for (const r of slow.readings) {
      expect(r.confidence).toBe(0);
      expect(r.reason).toBe('cannot judge: analysing 6 frames/s (needs 10)');
    }
    // At 15 fps the signals are not held back by the gate.
    const fast = readingsAt(15);
    expect(fast.readings.filter((x) => /frames\/s/.test(x.reason))).toEqual([]);
  });

  it('a judgement passed in is the one followed: liveness cannot judge while face-swap goes on', () => {
    const fs = new FaceSignals(1000);
    const frames = series(12_000, () => ({}), 15);
    for (const f of frames) fs.add(f);
    const last = frames.at(-1)!.feature.timestampMs;
    const j = fs.judge(last);
    const r = fs.evaluate(last, {
      ...j,
      signals: {
        ...j.signals,
        liveness: { ok: false, shortfall: 'uneven-frames', reason: 'frames arrive unevenly' },
      },
    });
    for (const x of r.readings)
      if (['blink', 'pulse', 'replay'].includes(x.signal))
        expect(x.reason).toBe('cannot judge: frames arrive unevenly');
      else expect(x.reason).not.toMatch(/^cannot judge: frames/);
  });
});
