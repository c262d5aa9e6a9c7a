import { describe, expect, it } from 'vitest';
import { cueSeparability, evidenceByWindows } from '../../../../../scripts/eval/lib/cueSeparability.mjs';

interface Run {
  variant: string;
  evidenceByWindows: Record<number, { confidence: number; speechS: number; shape?: number | null }>;
}

const run = (variant: string, at: Partial<Record<number, [number, number]>>): Run => ({
  variant,
  evidenceByWindows: Object.fromEntries(
    Object.entries(at).flatMap(([w, v]) => (v ? [[w, { confidence: v[0], speechS: v[1] }]] : [])),
  ),
});

describe("eval:lipsync's cue separability", () => {
  it('keeps the first reading at each number of windows, and nothing from readings without them', () => {
    const readings = [
      { windows: 0, evidenceConfidence: 0, speechMs: 2000 },
      { windows: 3, evidenceConfidence: 0.25, speechMs: 6200 },
      { windows: 3, evidenceConfidence: 0.3, speechMs: 7000 },
      { windows: 4, evidenceConfidence: Number.NaN, speechMs: 7400 },
      { windows: 4, evidenceConfidence: 0.2, speechMs: 8000 },
    ];
    expect(evidenceByWindows(readings)).toEqual({
      3: { confidence: 0.25, speechS: 6.2, shape: null },
      4: { confidence: 0.2, speechS: 8, shape: null },
    });
    // A trace recorded before the readings carried the mean curve.
    expect(evidenceByWindows([{ state: 'no-concerns', confidence: 0.4, speechMs: 9000 }])).toEqual({});
  });

  it('compares other voices with the own ones (original and shifts) at each number of windows', () => {
    // Ten own voices at 4 windows, 0.30 … 0.39 (one of them read at 8 windows too); two other voices.
    const own = Array.from({ length: 10 }, (_, i) =>
      run(i === 0 ? 'original' : `shift+${40 * i}`, {
        4: [0.3 + i / 100, 7],
        ...(i < 9 ? { 8: [0.3, 11] } : {}),
      }),
    );
    const runs = [
      ...own,
      run('foreign', { 4: [0.305, 7.5], 8: [0.1, 11] }),
      run('foreign', { 4: [0.1, 7.5], 8: [0.1, 11] }),
      // Neither counts: the same speaker's other words are not another voice, and a run without readings.
      run('same-speaker', { 4: [0.01, 7] }),
      run('original', {}),
    ];
    const rows = cueSeparability(runs, [4, 8]);
    // Only 9 own voices reached 8 windows: too few for a figure.
    expect(rows).toHaveLength(1);
    // By hand: 0.1 is flatter than all 10 own voices, 0.305 than 9 of them (all but 0.30): 19 / 20.
    // The own voices' 5th percentile, interpolated: 0.30 + 0.45 × 0.01 = 0.3045, so only 0.1 is below.
    // Speech: ten 7.0 s and two 7.5 s, median 7.0 s.
    expect(rows[0]).toEqual({
      windows: 4,
      medianSpeechS: 7,
      own: 10,
      other: 2,
      auc: 0.95,
      ownP05: 0.305,
      otherBelowOwnP05: 0.5,
      shape: null,
      both: null,
    });
  });

  it('keeps the mouth-shape cue read with each reading, and separates it and the sum of both alike', () => {
    expect(
      evidenceByWindows([
        {
          windows: 3,
          evidenceConfidence: 0.25,
          speechMs: 6200,
          shape: { evidence: 'too-little', score: NaN },
        },
        {
          windows: 4,
          evidenceConfidence: 0.2,
          speechMs: 8000,
          shape: { evidence: 'enough', score: 4.12345 },
        },
      ]),
    ).toEqual({
      3: { confidence: 0.25, speechS: 6.2, shape: null },
      4: { confidence: 0.2, speechS: 8, shape: 4.123 },
    });
    // Ten own voices with shape z 3 … 12 and the same loudness figure; two other voices at z 1 and 4.
    const withShape = (variant: string, shape: number) => ({
      variant,
      evidenceByWindows: { 4: { confidence: 0.3, speechS: 7, shape } },
    });
    const runs = [
      ...Array.from({ length: 10 }, (_, i) => withShape(i === 0 ? 'original' : `shift+${40 * i}`, 3 + i)),
      withShape('foreign', 1),
      withShape('foreign', 4),
    ];
    const [row] = cueSeparability(runs, [4]);
    // By hand: z 1 is under all 10 own, z 4 under 8 and level with 1: (10 + 8.5) / 20 = 0.925. The
    // own 5th percentile, interpolated: 3 + 0.45 × 1 = 3.45, so only z 1 is below. With the loudness
    // figure the same for all, the sum orders the runs as the shape does.
    const expected = { own: 10, other: 2, auc: 0.925, otherBelowOwnP05: 0.5 };
    expect(row!.shape).toEqual(expected);
    expect(row!.both).toEqual(expected);
  });
});
