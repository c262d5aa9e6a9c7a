import { describe, expect, it } from 'vitest';
import { estimateAvOffset, laggedCorrelation, parabolicPeak } from '../../../../src/lipsync/estimateAvOffset';

/** A speech-like envelope at 50 Hz: syllable bursts of 120-300 ms with pauses (seeded mulberry32). */
function envelope(seconds: number, seed: number): Float64Array {
  let s = seed;
  const rnd = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = new Float64Array(seconds * 50);
  let i = 0;
  while (i < out.length) {
    const len = 6 + Math.floor(rnd() * 10);
    const amp = 0.3 + rnd();
    for (let k = 0; k < len && i < out.length; k++, i++) out[i] = amp * Math.sin((Math.PI * k) / len);
    i += Math.floor(rnd() * 12); // pause
  }
  return out;
}
/** `x` delayed by `lag` samples (positive: later), with seeded noise of amplitude `noise`. */
function shifted(x: Float64Array, lag: number, noise: number, seed: number): Float64Array {
  const n = envelope(x.length / 50, seed);
  return x.map((_, i) => (x[i - lag] ?? 0) + noise * (n[i]! - 0.4));
}

describe('estimateAvOffset', () => {
  it('parabolicPeak finds the vertex of a sampled parabola (y = -(x - 0.3)^2 at x = -1, 0, 1)', () => {
    expect(parabolicPeak(-1.69, -0.09, -0.49)).toBeCloseTo(0.3, 12);
    expect(parabolicPeak(1, 1, 1)).toBe(0);
  });

  it('laggedCorrelation is 1 for a series against its own exact shift', () => {
    const a = envelope(10, 3);
    const b = shifted(a, 7, 0, 1);
    expect(laggedCorrelation(a, b, 7, 100)).toBeCloseTo(1, 9);
    expect(laggedCorrelation(a, b, 0, 100)).toBeLessThan(0.5);
  });

  it.each([0, 2, -2, 4, -4, 8, -8, 12, -12, 20, -20])(
    'recovers an audio shift of %i samples (20 ms each) within 10 ms',
    (lag) => {
      const mouth = envelope(20, 11);
      const audio = shifted(mouth, lag, 0.3, 99);
      const est = estimateAvOffset(mouth, audio);
      expect(est.offsetMs).not.toBeNull();
      expect(Math.abs(est.offsetMs! - lag * 20)).toBeLessThanOrEqual(10);
      expect(est.confidence).toBeGreaterThan(0.3);
      expect(est.reason).toMatch(lag === 0 ? /in step/ : lag > 0 ? /audio lags video/ : /audio leads video/);
    },
  );

  it('gives low confidence when the voice does not come from this mouth', () => {
    const mouth = envelope(20, 11);
    const foreign = envelope(20, 12345);
    const own = estimateAvOffset(mouth, shifted(mouth, 3, 0.3, 99));
    const other = estimateAvOffset(mouth, foreign);
    expect(other.confidence).toBeLessThan(own.confidence / 2);
  });

  it('says "not enough evidence" for silence or too short a window, never an offset', () => {
    expect(estimateAvOffset(new Float64Array(1000), envelope(20, 1))).toMatchObject({
      offsetMs: null,
      confidence: 0,
    });
    expect(estimateAvOffset(envelope(2, 1), envelope(2, 1)).offsetMs).toBeNull();
  });
});
