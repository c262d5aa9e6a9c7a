import { describe, expect, it } from 'vitest';
import { SoundSampler, type SoundChunk } from '../../../../src/audio/SoundSampler';
import { rng } from '../../helpers/rng';

const RATE = 48_000;
const BUFFER = 8192;
/** The sound: sample i is i / 1e6, so every sample tells where it came from (to float32 precision, 3e-8 here). */
const sample = (i: number) => i / 1e6;

/** The analyser's buffer when the audio clock stands at `endFrame`. */
function bufferAt(endFrame: number): Float32Array {
  return Float32Array.from({ length: BUFFER }, (_, k) => sample(endFrame - BUFFER + k));
}

/** Reads at the given audio-clock frames (each on a 128-frame render quantum); page clock = frames + `skewMs`. */
function run(frames: number[], skewMs = 0, noiseMs = 0): SoundChunk[] {
  const r = rng(7);
  const s = new SoundSampler();
  const out: SoundChunk[] = [];
  for (const f of frames) {
    const c = s.read(bufferAt(f), f, (f * 1000) / RATE + skewMs + (r() - 0.5) * noiseMs, RATE);
    if (c) out.push(c);
  }
  const last = s.flush();
  if (last) out.push(last);
  return out;
}

const quantum = (ms: number) => Math.round((ms * RATE) / 1000 / 128) * 128;

describe('SoundSampler', () => {
  it('reassembles the sound exactly from reads 20–80 ms apart, timed on the page clock', () => {
    const r = rng(1);
    const frames: number[] = [];
    for (let f = quantum(1000); f < quantum(6000); f += quantum(20 + 60 * r())) frames.push(f);
    const chunks = run(frames, 250, 4);
    const all = chunks.flatMap((c) => [...c.samples]);
    // From the first read's whole buffer to the last read: every sample once, in order.
    const first = frames[0]! - BUFFER;
    expect(all.length).toBe(frames.at(-1)! - first);
    const worst = all.reduce((m, v, k) => Math.max(m, Math.abs(v - sample(first + k))), 0);
    expect(worst).toBeLessThan(1e-7); // adjacent samples differ by 1e-6
    // Each chunk's start is where its first sample was on the page clock (within the reads' jitter).
    for (const c of chunks) {
      const frame = Math.round(c.samples[0]! * 1e6);
      expect(Math.abs(c.startMs - ((frame * 1000) / RATE + 250))).toBeLessThan(4);
    }
    // No chunk longer than a second.
    for (const c of chunks) expect(c.samples.length).toBeLessThanOrEqual(RATE + BUFFER);
  });

  it('ends the chunk at a stall longer than its buffer, and times what follows from its own read', () => {
    const frames = [quantum(1000), quantum(1040), quantum(1080), quantum(1500), quantum(1540)];
    const chunks = run(frames);
    expect(chunks).toHaveLength(2);
    expect(chunks[0]!.samples.length).toBe(frames[2]! - (frames[0]! - BUFFER));
    // After the stall: the buffer the read saw, then the next read's new samples.
    expect(chunks[1]!.samples.length).toBe(BUFFER + frames[4]! - frames[3]!);
    expect(chunks[1]!.startMs).toBeCloseTo(((frames[3]! - BUFFER) * 1000) / RATE, 6);
    expect(chunks[1]!.samples[0]).toBeCloseTo(sample(frames[3]! - BUFFER), 6);
  });

  it('takes nothing from a read that saw no new sound', () => {
    const f = quantum(1000);
    const chunks = run([f, f, f + 128]);
    expect(chunks.flatMap((c) => [...c.samples]).length).toBe(BUFFER + 128);
  });

  it('re-anchors when the audio clock drifts from the page clock by more than 20 ms', () => {
    const s = new SoundSampler();
    const f0 = quantum(1000);
    expect(s.read(bufferAt(f0), f0, 1000, RATE)).toBeNull();
    // 40 ms of sound later, but the page clock says 70 ms later: 30 ms of drift.
    const f1 = f0 + quantum(40);
    const done = s.read(bufferAt(f1), f1, 1000 + 70, RATE);
    expect(done?.startMs).toBeCloseTo(1000 - (BUFFER * 1000) / RATE, 6);
    expect(s.flush()?.startMs).toBeCloseTo(1070 - (quantum(40) * 1000) / RATE, 6);
  });
});

describe('SoundSampler.add (blocks with their own times, as a captured track gives them)', () => {
  it('joins blocks that follow one another and starts a new chunk after a gap', () => {
    const s = new SoundSampler();
    const block = () => Float32Array.from({ length: 480 }, (_, i) => sample(i)); // 10 ms
    const done: SoundChunk[] = [];
    for (const t of [1000, 1010, 1020, 1030.5, 1100, 1110]) {
      const c = s.add(t, block(), RATE);
      if (c) done.push(c);
    }
    done.push(s.flush()!);
    expect(done.map((c) => [c.startMs, c.samples.length])).toEqual([
      [1000, 4 * 480],
      [1100, 2 * 480],
    ]);
  });
});
