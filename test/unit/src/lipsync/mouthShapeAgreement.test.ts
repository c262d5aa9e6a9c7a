import { describe, expect, it } from 'vitest';
import { laggedCorrelation } from '../../../../src/lipsync/estimateAvOffset';
import { MouthShapeAgreement, prepare } from '../../../../src/lipsync/MouthShapeAgreement';
import { MOUTH_FEATURES, VISEMES, phoneticMatrix } from '../../../../src/lipsync/visemeMouthMap';
import { english } from '../../../../src/text/Phrase';
import { LipSyncTracker } from '../../../../src/lipsync/LipSyncTracker';
import type { Judgement } from '../../../../src/quality/judgeability';
import { rng } from '../../helpers/rng';

describe('laggedCorrelation and prepare (golden values from NumPy: np.corrcoef, and the same definition by hand)', () => {
  it('correlates at a lag over the pairs both hold, leaving out a pair with a gap', () => {
    const a = Float64Array.from([1, 2, 3, 4, 5]);
    const b = Float64Array.from([5, 3, 1, 2, 4]);
    expect(laggedCorrelation(a, b, 0, 2)).toBeCloseTo(-0.3, 12); // np.corrcoef(a, b)
    expect(laggedCorrelation(a, b, 1, 2)).toBeCloseTo(0.4, 12); // np.corrcoef(a[:4], b[1:])
    expect(laggedCorrelation(a, b, 0, 6)).toBeNaN(); // fewer pairs than asked
    const gap = Float64Array.from([1, NaN, 3, 4, 5]);
    expect(laggedCorrelation(gap, b, 0, 2)).toBeCloseTo(-0.3207134902949093, 12); // np.corrcoef([1, 3, 4, 5], [5, 1, 2, 4])
  });

  it('takes off the centred moving average and standardises, leaving gaps as gaps', () => {
    // x − mean(x[i−1..i+1]) = [−0.5, −1/3, −2/3, −4/3, 4], then (v − mean) / std (population).
    const x = Float64Array.from([1, 2, 4, 8, 16]);
    prepare(x, 1, new Float64Array(5));
    const want = [-0.38320316, -0.29611153, -0.47029478, -0.81866129, 1.96827077];
    x.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 7));
    const holed = Float64Array.from([1, NaN, 4, 8, 16]);
    prepare(holed, 1, new Float64Array(5));
    expect(holed[1]).toBeNaN();
  });
});

/** A voice: visemes held 60–180 ms each, classified every 16 ms (0.8 on the one spoken, the rest spread). */
function voice(seconds: number, seed: number): { tMs: number; p: Float64Array }[] {
  const r = rng(seed);
  const out: { tMs: number; p: Float64Array }[] = [];
  let v = 0;
  let until = 0;
  for (let t = 0; t < seconds * 1000; t += 16) {
    if (t >= until) {
      v = Math.floor(r() * VISEMES.length);
      until = t + 60 + r() * 120;
    }
    const p = new Float64Array(VISEMES.length).fill(0.2 / (VISEMES.length - 1));
    p[v] = 0.8;
    out.push({ tMs: t, p });
  }
  return out;
}

/** The mouth features a voice implies at `tMs` (its latest classification), as the phonetic map says. */
function impliedAt(v: { tMs: number; p: Float64Array }[], tMs: number): Float64Array {
  const map = phoneticMatrix();
  const k = Math.max(0, Math.min(v.length - 1, Math.floor(tMs / 16)));
  const out = new Float64Array(MOUTH_FEATURES.length);
  v[k]!.p.forEach((p, i) => map[i]!.forEach((m, c) => (out[c] = out[c]! + p * m)));
  return out;
}

/**
 * A visible mouth at 15 frames/s (jittered) shaped by `speaker` `leadMs` before the sound: smoothed
 * over 80 ms (a mouth moves between shapes), with noise of half a shape's size on every feature.
 */
function mouth(speaker: { tMs: number; p: Float64Array }[], seconds: number, leadMs: number, seed: number) {
  const r = rng(seed);
  const frames: { tMs: number; f: Float64Array }[] = [];
  for (let t = 30; t < seconds * 1000; t += 50 + r() * 35) {
    const f = new Float64Array(MOUTH_FEATURES.length);
    for (let d = -40; d <= 40; d += 20) {
      const at = impliedAt(speaker, t + leadMs + d);
      at.forEach((x, c) => (f[c] = f[c]! + x / 5));
    }
    f.forEach((x, c) => (f[c] = x + (r() - 0.5)));
    frames.push({ tMs: t, f });
  }
  return frames;
}

function run(
  sound: { tMs: number; p: Float64Array }[],
  frames: { tMs: number; f: Float64Array }[],
  usable: (tMs: number) => boolean = () => true,
) {
  const cue = new MouthShapeAgreement();
  let i = 0;
  for (const s of sound) {
    while (i < frames.length && frames[i]!.tMs <= s.tMs) {
      cue.addMouth(frames[i]!.tMs, frames[i]!.f, usable(frames[i]!.tMs));
      i++;
    }
    cue.addVisemes(s.tMs, s.p);
  }
  return cue.evaluate(sound.at(-1)!.tMs);
}

describe('MouthShapeAgreement', () => {
  const S = 12;
  const own = voice(S, 1);

  it('finds the mouth shaped by its own voice, at the lag the voice follows it', () => {
    for (const leadMs of [0, 100, -120]) {
      const got = run(own, mouth(own, S, leadMs, 7));
      expect(got.evidence).toBe('enough');
      expect(got.score).toBeGreaterThan(5);
      expect(Math.abs(got.lagMs - leadMs)).toBeLessThanOrEqual(40);
      expect(english(got.reason)).toMatch(
        /^mouth shapes agree with the voice at z \d+(\.\d)? \(best -?\d+ ms\)$/,
      );
    }
  });

  it('scores another voice far below the mouth’s own', () => {
    const face = mouth(own, S, 60, 7);
    const ownScore = run(own, face).score;
    for (const seed of [2, 3, 4, 5]) {
      const other = run(voice(S, seed), face);
      expect(other.evidence).toBe('enough');
      expect(other.score).toBeLessThan(ownScore / 2);
      expect(other.score).toBeLessThan(3.5);
    }
  });

  it('gives no score, and says why, without a voice, without a mouth, or with too little of both', () => {
    const cue = new MouthShapeAgreement();
    for (const f of mouth(own, S, 0, 7)) cue.addMouth(f.tMs, f.f, true);
    expect(cue.evaluate(S * 1000)).toMatchObject({ evidence: 'no-visemes', score: NaN });

    const blind = run(own, mouth(own, S, 0, 7), () => false);
    expect(blind.evidence).toBe('no-mouth');
    expect(english(blind.reason)).toBe('the mouth is not clearly in view');

    // The face seen one second in three.
    const glimpses = run(own, mouth(own, S, 0, 7), (t) => Math.floor(t / 1000) % 3 === 0);
    expect(glimpses.evidence).toBe('too-little');
    expect(glimpses.coverage).toBeLessThan(0.5);
    expect(glimpses.score).toBeNaN();
  });

  it('refuses input of the wrong shape', () => {
    const cue = new MouthShapeAgreement();
    expect(() => cue.addVisemes(0, [1, 0])).toThrow(RangeError);
    expect(() => cue.addMouth(0, [0.5], true)).toThrow(RangeError);
  });
});

describe('the mouth-shape cue inside the lip-sync tracker', () => {
  const S = 12;
  const own = voice(S, 1);

  /** The tracker fed a mouth, its loudness (flat: the shapes are what differ) and a voice's visemes. */
  function track(sound: { tMs: number; p: Float64Array }[], quality?: Judgement) {
    const t = new LipSyncTracker();
    const frames = mouth(own, S, 60, 7);
    for (const f of frames) {
      t.addFrame(f.tMs, f.f[0]!, true);
      t.addMouthShape(f.tMs, f.f, true);
    }
    t.addAudio(0, new Array<number>((S * 1000) / 20).fill(-30));
    for (const s of sound) t.addVisemes(s.tMs, s.p);
    return t.evaluate(quality);
  }

  it('reports it beside the loudness cue: high for the mouth’s own voice, low for another', () => {
    const mine = track(own).mouthShape!;
    expect(mine.evidence).toBe('enough');
    expect(mine.score).toBeGreaterThan(5);
    const theirs = track(voice(S, 3)).mouthShape!;
    expect(theirs.evidence).toBe('enough');
    expect(theirs.score).toBeLessThan(3.5);
  });

  it('has no reading while the quality authority cannot judge the video', () => {
    expect(
      track(own, { ok: false, shortfall: 'face-small', reason: 'the face is too small' }).mouthShape,
    ).toBeNull();
  });
});
