import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseVisemeModel, VISEME_COUNT, VisemeClassifier } from '../../../../src/audio/VisemeClassifier';
import { MEDIA_DIR } from '../../../harness/demoServer.mjs';

const CLIP = 'talking/mt_German_20s.mp4';
const MODEL = resolve('node_modules', '@met4citizen', 'headaudio', 'dist', 'model-en-mixed.bin');
const modelBytes = () => {
  const b = readFileSync(MODEL);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
};

/** The first `seconds` of a shared clip's sound, mono, as ffmpeg decodes it. */
function soundOf(clip: string, seconds: number, rateHz: number): Float32Array {
  const r = spawnSync(
    'ffmpeg',
    [
      '-v',
      'error',
      '-t',
      String(seconds),
      '-i',
      join(MEDIA_DIR, clip),
      '-ac',
      '1',
      '-ar',
      String(rateHz),
      '-f',
      'f32le',
      '-',
    ],
    { maxBuffer: 1 << 28 },
  );
  if (r.status !== 0) throw new Error(`ffmpeg could not decode ${clip}: ${r.stderr}`);
  return new Float32Array(
    r.stdout.buffer.slice(r.stdout.byteOffset, r.stdout.byteOffset + r.stdout.byteLength),
  );
}

type Out = { tMs: number; p: Float64Array };

/** Whether a classification is speech: its likeliest viseme is not silence (the last, VISEMES order). */
const isSpeech = (p: Float64Array) => p.indexOf(Math.max(...p)) !== VISEME_COUNT - 1;
function classify(
  samples: Float32Array,
  rateHz: number,
  chunk: number,
  startMs = 0,
): { out: Out[]; c: VisemeClassifier } {
  const out: Out[] = [];
  const c = new VisemeClassifier(parseVisemeModel(modelBytes()), (tMs, p) => out.push({ tMs, p: p.slice() }));
  for (let i = 0; i < samples.length; i += chunk)
    c.add(startMs + (i * 1000) / rateHz, samples.subarray(i, i + chunk), rateHz);
  return { out, c };
}

describe('VisemeClassifier on a real speaker (mt_German_20s, 12 s of his sound, decoded by ffmpeg)', () => {
  const RATE = 48_000;
  let sound: Float32Array;
  beforeAll(() => {
    sound = soundOf(CLIP, 12, RATE);
  });

  it('classifies speech every 16 ms, into probabilities that sum to 1, and not the pauses (vr_face2, who pauses)', () => {
    const paused = soundOf('talking/vr_face2_man_mapbg.mp4', 12, RATE);
    const { out } = classify(paused, RATE, 4096);
    // 12 s at one classification per 16 ms is 750 at most; he speaks about a third of the time.
    expect(out.length).toBeGreaterThan(150);
    expect(out.length).toBeLessThan(500);
    for (const { p } of out) expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9);
    // Classified where he speaks: the sound at the classifications is far louder than between them.
    const levelDb = (tMs: number) => {
      const from = Math.max(0, Math.round(((tMs - 16) * RATE) / 1000));
      const to = Math.min(paused.length, Math.round(((tMs + 16) * RATE) / 1000));
      let s = 0;
      for (let i = from; i < to; i++) s += paused[i]! ** 2;
      return 10 * Math.log10(s / (to - from) + 1e-12);
    };
    const median = (x: number[]) => x.sort((a, b) => a - b)[Math.floor(x.length / 2)]!;
    const at = new Set(out.map((o) => Math.round(o.tMs / 16)));
    const between: number[] = [];
    for (let k = 2; k < 12_000 / 16 - 2; k++) if (!at.has(k)) between.push(levelDb(k * 16));
    expect(between.length).toBeGreaterThan(20);
    expect(median(out.map((o) => levelDb(o.tMs)))).toBeGreaterThan(median(between) + 10);
    expect(out.every((o) => isSpeech(o.p))).toBe(true);
    // More than one mouth shape: at least 6 visemes are the likeliest somewhere.
    const likeliest = new Set(out.map((o) => o.p.indexOf(Math.max(...o.p))));
    expect(likeliest.size).toBeGreaterThanOrEqual(6);
  });

  it('gives the same classifications, on the page clock, however the sound is cut into chunks', () => {
    const a = classify(sound, RATE, 4096).out;
    const b = classify(sound, RATE, 977, 5000).out;
    expect(b.length).toBe(a.length);
    b.forEach((o, i) => {
      expect(o.tMs - 5000).toBeCloseTo(a[i]!.tMs, 6);
      for (let v = 0; v < VISEME_COUNT; v++) expect(o.p[v]).toBeCloseTo(a[i]!.p[v]!, 9);
    });
  });

  it('restarts at a gap, so what follows is timed from its own start', () => {
    const half = Math.floor(sound.length / 2);
    const out: Out[] = [];
    const c = new VisemeClassifier(parseVisemeModel(modelBytes()), (tMs, p) =>
      out.push({ tMs, p: p.slice() }),
    );
    c.add(0, sound.subarray(0, half), RATE);
    const firstHalf = out.length;
    // The second half arrives as if 2 s of sound had been lost between them.
    const secondStartMs = (half * 1000) / RATE + 2000;
    c.add(secondStartMs, sound.subarray(half), RATE);
    expect(c.restarts).toBe(1);
    const alone = classify(sound.subarray(half), RATE, sound.length, secondStartMs).out;
    expect(out.slice(firstHalf).map((o) => o.tMs)).toEqual(alone.map((o) => o.tMs));
    expect(out[firstHalf]!.tMs).toBeGreaterThanOrEqual(secondStartMs);
  });

  it('hears the same visemes from the sound at 16 kHz as at 48 kHz', () => {
    const at48 = classify(sound, RATE, 4096).out;
    const at16 = classify(soundOf(CLIP, 12, 16_000), 16_000, 2048).out;
    // Taken to 16 kHz by different filters (ffmpeg's, ours), most agree on the likeliest viseme.
    const byTime = new Map(at16.map((o) => [Math.round(o.tMs / 16), o.p]));
    let same = 0;
    let both = 0;
    for (const o of at48) {
      const q = byTime.get(Math.round(o.tMs / 16));
      if (!q) continue;
      both++;
      if (o.p.indexOf(Math.max(...o.p)) === q.indexOf(Math.max(...q))) same++;
    }
    expect(both).toBeGreaterThan(0.8 * at48.length);
    expect(same / both).toBeGreaterThan(0.65); // 0.73 when written (0.42 before the classifier resampled)
  });
});

describe('parseVisemeModel', () => {
  it('reads the shipped model: 15 visemes', () => {
    const m = parseVisemeModel(modelBytes());
    expect(new Set(m.map((p) => p.viseme)).size).toBe(VISEME_COUNT);
  });

  it('refuses a file that is not one, saying why', () => {
    expect(() => parseVisemeModel(new ArrayBuffer(100))).toThrow(/not a whole number of 368-byte records/);
    const bad = modelBytes();
    new DataView(bad).setUint8(7, 99);
    expect(() => parseVisemeModel(bad)).toThrow(/record 0 names viseme 99/);
    const nan = modelBytes();
    new DataView(nan).setFloat32(8, NaN, true);
    expect(() => parseVisemeModel(nan)).toThrow(/not finite/);
  });
});
