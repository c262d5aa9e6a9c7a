import { describe, expect, it } from 'vitest';
import { Resampler } from '../../../../src/audio/Resampler';

const sine = (hz: number, rateHz: number, seconds: number, amp = 0.5) =>
  Float32Array.from(
    { length: Math.round(rateHz * seconds) },
    (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / rateHz),
  );

/** RMS of the middle of a signal (the filter's start-up left out). */
const rms = (x: Float32Array) => {
  const part = x.subarray(Math.floor(x.length / 4), Math.floor((3 * x.length) / 4));
  return Math.sqrt(part.reduce((s, v) => s + v * v, 0) / part.length);
};

/** Amplitude and phase of `hz` in x at `rateHz` (a single-bin DFT over the middle half). */
function tone(x: Float32Array, hz: number, rateHz: number): number {
  let re = 0;
  let im = 0;
  const from = Math.floor(x.length / 4);
  const to = Math.floor((3 * x.length) / 4);
  for (let i = from; i < to; i++) {
    re += x[i]! * Math.cos((2 * Math.PI * hz * i) / rateHz);
    im += x[i]! * Math.sin((2 * Math.PI * hz * i) / rateHz);
  }
  return (2 * Math.hypot(re, im)) / (to - from);
}

describe('Resampler (expected values: a sine keeps its amplitude, 0.5, in the passband; the stopband is cut)', () => {
  it.each([48_000, 44_100])('%i Hz → 16 kHz: 1 kHz and 3 kHz pass at their amplitude', (fromHz) => {
    for (const hz of [1000, 3000]) {
      const y = new Resampler(fromHz, 16_000).process(sine(hz, fromHz, 1));
      expect(y.length).toBeGreaterThanOrEqual(15_999);
      expect(y.length).toBeLessThanOrEqual(16_001);
      expect(tone(y, hz, 16_000)).toBeCloseTo(0.5, 2);
      expect(rms(y)).toBeCloseTo(0.5 / Math.SQRT2, 2);
    }
  });

  it('cuts what would fold into the speech band: 12 kHz at 48 kHz (an alias at 4 kHz) leaves under 1 %', () => {
    const y = new Resampler(48_000, 16_000).process(sine(12_000, 48_000, 1));
    expect(rms(y)).toBeLessThan(0.01 * (0.5 / Math.SQRT2));
  });

  it('gives the same output however the input is cut into chunks', () => {
    const x = sine(440, 48_000, 0.5);
    const whole = new Resampler(48_000, 16_000).process(x).slice();
    const r = new Resampler(48_000, 16_000);
    const parts: number[] = [];
    for (let i = 0; i < x.length; i += 333) parts.push(...r.process(x.subarray(i, i + 333)));
    expect(parts.length).toBe(whole.length);
    parts.forEach((v, i) => expect(v).toBeCloseTo(whole[i]!, 6));
  });

  it('at the same rate, only delays the signal by half its filter', () => {
    const x = sine(500, 16_000, 0.2);
    const r = new Resampler(16_000, 16_000);
    const y = r.process(x);
    expect(y.length).toBe(x.length);
    // 32 taps: a delay of 15.5 samples; compared at whole samples around it, the sine is kept.
    expect(tone(y, 500, 16_000)).toBeCloseTo(0.5, 2);
  });
});
