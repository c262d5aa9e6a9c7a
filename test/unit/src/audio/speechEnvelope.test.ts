import { describe, expect, it } from 'vitest';
import { Biquad } from '../../../../src/audio/Biquad';
import { SpeechEnvelope } from '../../../../src/audio/SpeechEnvelope';
import { appendChunk, interleaveBands, type EnvelopeChunk } from '../../../../src/audio/EnvelopeSampler';
import { SPEECH_BANDS_HZ } from '../../../../src/audio/speechBands';
import { CaptureClock } from '../../../../src/capture/CaptureClock';

const RATE = 48_000;
const sine = (hz: number, amp: number, n: number, from = 0) =>
  Float32Array.from({ length: n }, (_, i) => amp * Math.sin((2 * Math.PI * hz * (from + i)) / RATE));

describe('Biquad', () => {
  it('has the Butterworth response: −3.01 dB at the cutoff, flat in the pass band', () => {
    // |H(fc)| = 1/√2 for a Butterworth section (q = 1/√2), whatever the cutoff.
    expect(Biquad.lowpass(3400, RATE).gainAt(3400, RATE)).toBeCloseTo(Math.SQRT1_2, 6);
    expect(Biquad.highpass(300, RATE).gainAt(300, RATE)).toBeCloseTo(Math.SQRT1_2, 6);
    expect(Biquad.lowpass(3400, RATE).gainAt(0, RATE)).toBeCloseTo(1, 9);
    // Second order: 12 dB per octave far from the cutoff (75 Hz is two octaves under 300 Hz: ≈ −24 dB).
    expect(20 * Math.log10(Biquad.highpass(300, RATE).gainAt(75, RATE))).toBeCloseTo(-24.1, 1);
  });

  it('filters a stream block by block exactly as in one go, and settles to the analytic gain', () => {
    const x = sine(1000, 0.5, 4800);
    const whole = Biquad.lowpass(800, RATE);
    const blocks = Biquad.lowpass(800, RATE);
    const a = Array.from(x, (v) => whole.step(v));
    const b: number[] = [];
    for (let i = 0; i < x.length; i += 480) for (const v of x.subarray(i, i + 480)) b.push(blocks.step(v));
    expect(b).toEqual(a);
    // The last 10 ms (after 90 ms of settling) peak at 0.5 × |H(1000 Hz)|.
    const peak = Math.max(...a.slice(-480).map(Math.abs));
    expect(peak).toBeCloseTo(0.5 * Biquad.lowpass(800, RATE).gainAt(1000, RATE), 3);
  });
});

describe('SpeechEnvelope', () => {
  it('gives a 1 kHz tone its RMS level in dBFS, on the 20 ms grid, from 10 ms blocks', () => {
    const env = new SpeechEnvelope();
    const levels: number[] = [];
    let firstMs = NaN;
    // 1 s of 1 kHz at amplitude 0.5, in 10 ms blocks starting at t = 1005 ms (mid-slot).
    for (let k = 0; k < 100; k++) {
      const c = env.add(sine(1000, 0.5, 480, k * 480), 1005 + k * 10, RATE);
      if (c) {
        if (Number.isNaN(firstMs)) firstMs = c.startMs;
        levels.push(...c.levelsDb);
      }
    }
    // The slot 1000–1020 is entered mid-way: not reported. The first whole one starts at 1020 ms.
    expect(firstMs).toBe(1020);
    // 1020 … 1980 complete (a slot completes at its successor's first sample); 2000–2020 still open.
    expect(levels.length).toBe(49);
    // RMS of a sine of amplitude A is A/√2: 20·log10(0.5/√2) = −9.03 dBFS, times the band's gain at 1 kHz.
    const band =
      Biquad.highpass(300, RATE).gainAt(1000, RATE) * Biquad.lowpass(3400, RATE).gainAt(1000, RATE);
    const expected = 20 * Math.log10((0.5 / Math.SQRT2) * band);
    for (const l of levels.slice(5)) expect(l).toBeCloseTo(expected, 1);
  });

  it('keeps out of the band what is not speech, and restarts after lost audio instead of bridging it', () => {
    const env = new SpeechEnvelope();
    const hum: number[] = [];
    for (let k = 0; k < 50; k++)
      hum.push(...(env.add(sine(50, 0.5, 480, k * 480), k * 10, RATE)?.levelsDb ?? []));
    // 50 Hz mains hum at the same amplitude is ≥ 30 dB under the 1 kHz tone (−9 dBFS).
    expect(Math.max(...hum.slice(5))).toBeLessThan(-39);
    // 200 ms of audio lost (the hum ended at 500 ms): the envelope restarts at 700 ms, nothing is
    // reported for the gap, and of the 100 ms block the slots 700 … 760 complete (780 is still open).
    const after = env.add(sine(1000, 0.5, 4800), 700, RATE)!;
    expect(after.startMs).toBe(700);
    expect(after.levelsDb.length).toBe(4);
  });

  it('reports each sub-band level beside the whole band: a 600 Hz tone is in the lowest, under the others', () => {
    const env = new SpeechEnvelope();
    const bands: number[] = [];
    let levels = 0;
    for (let k = 0; k < 50; k++) {
      const c = env.add(sine(600, 0.5, 480, k * 480), k * 10, RATE);
      if (!c) continue;
      levels += c.levelsDb.length;
      bands.push(...c.bandsDb!);
    }
    expect(bands.length).toBe(levels * SPEECH_BANDS_HZ.length);
    // Each band's settled level is the tone's RMS (−9.03 dBFS) times the gain of its two biquads at 600 Hz.
    SPEECH_BANDS_HZ.forEach(([lo, hi], b) => {
      const gain = Biquad.highpass(lo, RATE).gainAt(600, RATE) * Biquad.lowpass(hi, RATE).gainAt(600, RATE);
      const expected = 20 * Math.log10((0.5 / Math.SQRT2) * gain);
      for (let k = 10; k < levels; k++) expect(bands[k * 3 + b]).toBeCloseTo(expected, 1);
    });
    // 300–900 Hz passes it nearly whole; 2000–4000 Hz is more than 15 dB under it.
    expect(bands[30]! - bands[32]!).toBeGreaterThan(15);
    // Without sub-bands asked for, the chunk has none.
    expect(new SpeechEnvelope({ bandsHz: [] }).add(sine(600, 0.5, 4800), 0, RATE)!.bandsDb).toBeUndefined();
  });

  it('reports digital silence at the floor', () => {
    const env = new SpeechEnvelope();
    const c = env.add(new Float32Array(4800), 0, RATE)!;
    expect(new Set(c.levelsDb)).toEqual(new Set([-100]));
  });
});

describe('CaptureClock', () => {
  it('takes the least delay seen as the offset, so later, slower arrivals keep their capture times', () => {
    const clock = new CaptureClock();
    expect(clock.toLocal(5000)).toBeNaN();
    // Captured at local times 100, 200, 300 (capture clock = local + 1_000_000), arriving 40, 15 and
    // 400 ms later. (capture − arrival) = 999_960, 999_985, 999_600: the largest, 999_985, is the
    // offset less the least delay (15 ms).
    clock.note(1_000_100, 140);
    clock.note(1_000_200, 215);
    clock.note(1_000_300, 700);
    // The late frame keeps its capture time (within the least delay), not its arrival.
    expect(clock.toLocal(1_000_300)).toBe(315);
    expect(clock.toLocal(1_000_100)).toBe(115);
  });
});

describe('envelope chunks with sub-bands', () => {
  it('interleaveBands: slot by slot, and nothing unless every band has the same slots', () => {
    const chunk: EnvelopeChunk = { startMs: 100, levelsDb: [-40, -41] };
    const band = (a: number, b: number): EnvelopeChunk => ({ startMs: 100, levelsDb: [a, b] });
    expect(interleaveBands(chunk, [band(1, 2), band(3, 4), band(5, 6)])).toEqual([1, 3, 5, 2, 4, 6]);
    expect(interleaveBands(chunk, [band(1, 2), null])).toBeUndefined();
    expect(interleaveBands(chunk, [band(1, 2), { startMs: 120, levelsDb: [3, 4] }])).toBeUndefined();
    expect(interleaveBands(chunk, [{ startMs: 100, levelsDb: [1] }])).toBeUndefined();
  });

  it('appendChunk joins a chunk that follows on, with its bands, and nothing else', () => {
    const pending: EnvelopeChunk = { startMs: 100, levelsDb: [-40], bandsDb: [1, 2, 3] };
    expect(appendChunk(pending, { startMs: 120, levelsDb: [-41], bandsDb: [4, 5, 6] }, 20)).toBe(true);
    expect(pending).toEqual({ startMs: 100, levelsDb: [-40, -41], bandsDb: [1, 2, 3, 4, 5, 6] });
    // A gap, a chunk without bands, or nothing pending: not joined, and pending unchanged.
    expect(appendChunk(pending, { startMs: 160, levelsDb: [-42], bandsDb: [7, 8, 9] }, 20)).toBe(false);
    expect(appendChunk(pending, { startMs: 140, levelsDb: [-42] }, 20)).toBe(false);
    expect(pending.levelsDb).toEqual([-40, -41]);
    expect(appendChunk(null, { startMs: 140, levelsDb: [-42] }, 20)).toBe(false);
  });
});
