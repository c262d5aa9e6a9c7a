import { words } from '../../../../src/text/Phrase';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChallengeVerifier, FrameSample } from '../../../../src/challenges/Challenge';
import type { ComparesFaces } from '../../../../src/challenges/FaceCheck';
import { descriptorDistance, FaceMatch, type FaceSample } from '../../../../src/challenges/FaceMatch';
import { HandPassVerifier } from '../../../../src/challenges/HandPassVerifier';
import { TwoWayMovementVerifier } from '../../../../src/challenges/TwoWayMovementVerifier';
import { TWO_WAY_CHALLENGES } from '../../../../src/challenges/TwoWaySpec';
import { frames } from '../../helpers/challengeFrames';

/**
 * Face-recognition descriptors recorded from the shared clips on 2026-11-30: face-api.js's ResNet in
 * Chromium (CPU backend, as the analyzer runs it) on ffmpeg frames, cropped square at the face box
 * the analyzer reported for that moment of the clip (`npm run eval -- --dump`), with its yaw and
 * pitch. Frames of genuine clips, and of one face-swap pair at the same moments of its footage.
 */
interface Recorded {
  clips: Record<string, { label: string; frames: { tS: number; yaw: number; pitch: number; d: number[] }[] }>;
}
const rec = JSON.parse(
  readFileSync(new URL('../../../fixtures/face-descriptors.json', import.meta.url), 'utf8'),
) as Recorded;
const clip = (name: string) => {
  const c = rec.clips[name];
  if (!c) throw new Error(`no recorded clip ${name}`);
  return c.frames;
};
type RecordedFrame = Recorded['clips'][string]['frames'][number];
/** A recorded frame as a FaceMatch sample (the recordings have no face height: 150 px unless given). */
const sample = (f: RecordedFrame, at: { yaw?: number; pitch?: number; px?: number } = {}): FaceSample => ({
  descriptor: f.d,
  yawDeg: at.yaw ?? f.yaw,
  pitchDeg: at.pitch ?? f.pitch,
  faceHeightPx: at.px ?? 150,
});
const GENUINE = Object.keys(rec.clips).filter((k) => rec.clips[k]!.label === 'real');
const SWAP = 'faceswap/fake/dfl_Tim_Chrys_1.mp4';
const SWAP_ORIGINAL = 'faceswap/real/dfl_Tim_Chrys_1.mp4';

describe('FaceMatch on recorded descriptors', () => {
  it('reads one genuine person as the same person across the clip (first half against second half)', () => {
    expect(GENUINE.length).toBeGreaterThanOrEqual(3);
    for (const name of GENUINE) {
      const fs = clip(name);
      const m = new FaceMatch();
      const half = fs.length >> 1;
      for (const f of fs.slice(0, half)) m.addBefore(sample(f));
      for (const f of fs.slice(half)) m.addAfter(sample(f));
      const r = m.result();
      expect(r, name).not.toBeNull();
      expect(r!.distance, name).toBeLessThan(0.45);
      expect(r!.reading, name).toBe('same');
    }
  });

  it('reads the swap and its own original footage, at the same moments, as other people', () => {
    const fake = clip(SWAP);
    const real = clip(SWAP_ORIGINAL);
    const m = new FaceMatch();
    const half = fake.length >> 1;
    // The swap before the hand, the original face after it (a swap that fell back).
    for (const f of fake.slice(0, half)) m.addBefore(sample(f));
    for (const f of real.slice(half)) m.addAfter(sample(f));
    expect(m.result()!.distance).toBeGreaterThanOrEqual(0.6);
    expect(m.result()!.reading).toBe('different');
  });

  it('compares only frames at matching poses, and gives no reading without enough of them', () => {
    const fs = clip(GENUINE[0]!);
    const m = new FaceMatch();
    m.addBefore(sample(fs[0]!, { yaw: 0, pitch: 0 }));
    m.addAfter(sample(fs[1]!, { yaw: 30, pitch: 0 }));
    m.addAfter(sample(fs[2]!, { yaw: 0, pitch: 20 }));
    expect(m.result()).toBeNull();
    m.addAfter(sample(fs[3]!, { yaw: 2, pitch: 1 }));
    expect(m.result()).toBeNull(); // one matched frame; two are needed
    m.addAfter(sample(fs[4]!, { yaw: -3, pitch: 4 }));
    expect(m.result()!.matched).toBe(2);
  });

  it('descriptorDistance is Euclidean, and NaN for descriptors of different lengths', () => {
    expect(descriptorDistance([0, 3], [4, 0])).toBe(5);
    expect(descriptorDistance([1, 2], [1, 2, 3])).toBeNaN();
  });
});

/** A frontal face at 15 fps with a hand (the face lost) from 2.0 to 2.3 s after the ask at 1 s. */
const handFrames = (): FrameSample[] =>
  frames(15_000, (t) => (t > 2000 && t < 2300 ? { facePresent: false, faceCount: 0 } : {}));

/**
 * A profile turn asked at 1 s: at rest until 1.5 s after the ask, to 50° by 2.2 s, held to 4.2 s,
 * through the front to −50° by 5.6 s, held to 7.6 s, back to the front by 8.3 s, at rest after.
 */
const turnFrames = (): FrameSample[] =>
  frames(14_000, (t) => {
    const ramp = (from: number, to: number, t0: number, t1: number) =>
      from + ((to - from) * (t - t0)) / (t1 - t0);
    const yawDeg =
      t < 1500
        ? 2
        : t < 2200
          ? ramp(2, 50, 1500, 2200)
          : t < 4200
            ? 50
            : t < 5600
              ? ramp(50, -50, 4200, 5600)
              : t < 7600
                ? -50
                : t < 8300
                  ? ramp(-50, 2, 7600, 8300)
                  : 2;
    return { yawDeg };
  });

/**
 * Plays the analyzer's part for a verifier that compares faces: feeds the frames, describes the face
 * crops the verifier asks for with `before` and `after` recorded descriptors in turn (after
 * `delayFrames` frames, as the network takes a moment), and returns the verdict.
 */
function withFaces(
  v: ChallengeVerifier & ComparesFaces,
  fs: FrameSample[],
  before: number[][] | null,
  after: number[][] | null,
  opts: { delayFrames?: number; doneNote?: string; faceHeightPx?: number } = {},
) {
  v.expectFaces();
  const crops: { phase: 'before' | 'after'; t: number }[] = [];
  let describedAt = -1;
  for (const [i, f] of fs.entries()) {
    const phase = v.identityPhase(f);
    const last = crops.filter((c) => c.phase === phase).at(-1);
    if (
      phase &&
      (!last || f.timestampMs - last.t >= 300) &&
      crops.filter((c) => c.phase === 'after').length < 3
    )
      crops.push({ phase, t: f.timestampMs });
    if (describedAt < 0 && crops.filter((c) => c.phase === 'after').length === 3) describedAt = i;
    if (describedAt >= 0 && i === describedAt + (opts.delayFrames ?? 10)) {
      let b = 0;
      let a = 0;
      for (const c of crops) {
        const d = c.phase === 'before' ? before?.[b++ % before.length] : after?.[a++ % after.length];
        if (d && (c.phase === 'after' || v.usableBefore(c.t)))
          v.addFace(c.phase, {
            descriptor: d,
            yawDeg: 2,
            pitchDeg: 4,
            faceHeightPx: opts.faceHeightPx ?? 150,
          });
      }
      v.facesDone(opts.doneNote === undefined ? undefined : words(opts.doneNote));
    }
    v.addFrame(f);
    const r = v.verdict(f.timestampMs);
    if (r) return { r, atMs: f.timestampMs };
  }
  return { r: v.verdict(v.deadlineMs)!, atMs: v.deadlineMs };
}

const handPass = (
  before: number[][] | null,
  after: number[][] | null,
  opts: { delayFrames?: number; doneNote?: string; faceHeightPx?: number } = {},
) => withFaces(new HandPassVerifier(1000), handFrames(), before, after, opts);

const profileTurn = (before: number[][] | null, after: number[][] | null) =>
  withFaces(
    new TwoWayMovementVerifier(1000, TWO_WAY_CHALLENGES['profile-turn']),
    turnFrames(),
    before,
    after,
  );

/** The recorded descriptors the verifier tests hand out: one genuine person, a swap, and its original. */
const genuine = clip(GENUINE[0]!).map((f) => f.d);
const fake = clip(SWAP).map((f) => f.d);
const real = clip(SWAP_ORIGINAL).map((f) => f.d);

describe('hand pass with face recognition', () => {
  it('passes the same person, and says so with the distance', () => {
    const { r } = handPass(genuine.slice(0, 3), genuine.slice(3, 6));
    expect(r.verdict).toBe('passed');
    expect(r.measured.faceDistance).toBeLessThan(0.45);
    expect(r.reasons[0]).toMatch(/face recognition reads the same person \(distance 0\.\d\d\)/);
  });

  it('fails a swap that fell back to the original face behind the hand', () => {
    const { r } = handPass(fake.slice(0, 3), real.slice(3, 6));
    expect(r.verdict).toBe('failed');
    expect(r.feedBroke).toBe(true);
    expect(r.reasons[0]).toMatch(
      /does not match the face before the hand \(face-recognition distance 0\.\d\d/,
    );
  });

  it('waits for the comparison once the face is back, past the response window, and gives its verdict without one after identityWaitMs', () => {
    // The same hand as handFrames, with frames until 31 s: the window closes at 16 s.
    const long = () =>
      frames(30_000, (t) => (t > 2000 && t < 2300 ? { facePresent: false, faceCount: 0 } : {}));
    // Described 200 frames (13 s) after the crops, as beside busy processes: after the window closed.
    const late = withFaces(new HandPassVerifier(1000), long(), genuine.slice(0, 3), genuine.slice(3, 6), {
      delayFrames: 200,
    });
    expect(late.atMs).toBeGreaterThan(16_000);
    expect(late.r.verdict).toBe('passed');
    expect(late.r.reasons[0]).toMatch(/face recognition reads the same person \(distance 0\.\d\d\)/);
    // Never described: the face is back by about 4 s; the verdict waits 20 s more, then stands without it.
    const never = withFaces(new HandPassVerifier(1000), long(), genuine.slice(0, 3), genuine.slice(3, 6), {
      delayFrames: 10_000,
    });
    expect(never.atMs).toBeGreaterThan(23_500);
    expect(never.atMs).toBeLessThan(25_000);
    expect(never.r.verdict).toBe('passed');
    expect(never.r.reasons[0]).toMatch(/no face-recognition comparison \(it did not finish in time\)/);
    expect(never.r.measured.faceDistance).toBeUndefined();
  });

  it('between one person and another (0.5–0.6) it cannot judge: it neither passes nor fails the candidate', () => {
    // One recorded descriptor before the hand, and the same moved 0.55 along one axis after it.
    const before = [genuine[0]!];
    const after = [genuine[0]!.map((x, i) => (i === 7 ? x + 0.55 : x))];
    const { r } = handPass(before, after);
    expect(r.verdict).toBe('cannot-judge');
    expect(r.feedBroke).toBe(false);
    expect(r.measured.faceDistance).toBeCloseTo(0.55, 2);
    expect(r.reasons[0]).toMatch(
      /resembles the face before the hand less than one person's frames usually do/,
    );
  });

  it('a small face (under 100 px) needs a closer match to pass: 0.4–0.6 cannot judge there, and says why', () => {
    // The same descriptor moved 0.45 along one axis: a pass on a 150 px face, unsure on a 78 px one.
    const before = [genuine[0]!];
    const after = [genuine[0]!.map((x, i) => (i === 7 ? x + 0.45 : x))];
    expect(handPass(before, after).r.verdict).toBe('passed');
    const small = handPass(before, after, { faceHeightPx: 78 }).r;
    expect(small.verdict).toBe('cannot-judge');
    expect(small.reasons[0]).toMatch(
      /one person reads under 0\.4, another 0\.6 and more; the face is 78 px tall/,
    );
    // One person's own frames still pass at that size.
    expect(handPass(genuine.slice(0, 3), genuine.slice(3, 6), { faceHeightPx: 78 }).r.verdict).toBe('passed');
  });

  it('without descriptors (the network could not run) the verdict stands on the landmarks, and says why', () => {
    const { r } = handPass(null, null, { doneNote: 'face recognition could not run' });
    expect(r.verdict).toBe('passed');
    expect(r.reasons[0]).toMatch(/no face-recognition comparison \(face recognition could not run\)/);
  });
});

describe('profile turn with face recognition', () => {
  it('passes the same person before and after the turn, and says so with the distance', () => {
    const { r } = profileTurn(genuine.slice(0, 3), genuine.slice(3, 6));
    expect(r.verdict).toBe('passed');
    expect(r.reasons[0]).toMatch(
      /performed both ways and held \(one side 50°, the other side 50°\); the video stayed intact; face recognition reads the same person \(distance 0\.[0-4]\d\)/,
    );
    expect(r.measured.faceMatchedFrames).toBe(3);
  });

  it('fails a swap that came back from the turn as the face it covered, though the movement held', () => {
    const { r } = profileTurn(fake.slice(0, 3), real.slice(3, 6));
    expect(r.verdict).toBe('failed');
    expect(r.feedBroke).toBe(true);
    expect(r.reasons[0]).toMatch(
      /does not match the face before the movement \(face-recognition distance 0\.[6-9]\d/,
    );
    expect(r.reasons[1]).toBe('performed (one side 50°, the other side 50°)');
  });

  it('uses the faces at rest before the turn, not its pass through the front, and after only once the face is back', () => {
    const v = new TwoWayMovementVerifier(1000, TWO_WAY_CHALLENGES['profile-turn']);
    v.expectFaces();
    const phases: [number, string | null][] = [];
    for (const f of turnFrames()) {
      phases.push([f.timestampMs - 1000, v.identityPhase(f)]);
      v.addFrame(f);
      v.verdict(f.timestampMs);
    }
    const at = (phase: string) => phases.filter(([, p]) => p === phase).map(([t]) => t);
    // Offered as 'before': the rest before the turn, and the frontal moment between the two sides.
    const before = at('before');
    expect(before.filter((t) => t < 1500).length).toBeGreaterThan(15);
    expect(before.some((t) => t > 4700 && t < 5100)).toBe(true);
    // Usable: only what lies 0.3 s before the turn left the rest (24°, 60 % of 40°, passed at 1.82 s).
    expect(v.usableBefore(1000 + 1450)).toBe(true);
    expect(v.usableBefore(1000 + 1600)).toBe(false);
    expect(v.usableBefore(1000 + 4900)).toBe(false);
    // After: from 0.8 s after both ways were held (the second at 7.0 s), with the face under 20°.
    expect(Math.min(...at('after'))).toBeGreaterThan(8000);
    expect(at('after').length).toBeGreaterThan(10);
  });
});

describe('closer and back with face recognition, asked while leaning in', () => {
  /**
   * The evaluation's synthetic lean, period 5.7 s: at rest to 1.14 s, to 1.45 × the face height by
   * 1.71 s, held to 2.57 s, to 0.7 × by 3.14 s, held to 4.28 s, back by 4.85 s, at rest to 5.7 s.
   * Asked at 2.0 s of it, in the hold leaning in.
   */
  const P = 5700;
  const zoom = (tMs: number) => {
    const t = (tMs + 2000) % P;
    const ramp = (a: number, b: number, t0: number, t1: number) => a + ((b - a) * (t - t0)) / (t1 - t0);
    if (t < 1140) return 1;
    if (t < 1710) return ramp(1, 1.45, 1140, 1710);
    if (t < 2570) return 1.45;
    if (t < 3140) return ramp(1.45, 0.7, 2570, 3140);
    if (t < 4280) return 0.7;
    if (t < 4850) return ramp(0.7, 1, 4280, 4850);
    return 1;
  };
  const leanFrames = () =>
    frames(14_000, (t) => ({ faceHeightPx: 200 * zoom(t), bboxH: (200 * zoom(t)) / 500 }));

  it('the face before is from ahead of the lean back; another face back at rest fails', () => {
    const v = new TwoWayMovementVerifier(1000, TWO_WAY_CHALLENGES['closer-back']);
    const { r } = withFaces(v, leanFrames(), fake.slice(0, 3), real.slice(3, 6));
    expect(r.verdict).toBe('failed');
    expect(r.reasons[0]).toMatch(/does not match the face before the movement/);
    // Closer was held at the ask, so the face before is what precedes the lean back, which left the
    // rest (0.875 ×, 60 % of the threshold) 1.0 s after the ask: the hold leaning in, usable to 0.7 s
    // after the ask, never the far point at 0.7 × (from 1.14 s) where a swap loses its track first.
    expect(v.usableBefore(1000 + 600)).toBe(true);
    expect(v.usableBefore(1000 + 800)).toBe(false);
  });

  it('two frames mismeasured at the far point (the face read at 21 % of its rest, as seen beside a busy process) fail nothing alone: face recognition decides', () => {
    // The lean back is held at 0.7 × from 1.14 s to 2.28 s after the ask; two frames there read 0.21 ×.
    const glitched = () =>
      leanFrames().map((f) => {
        const t = f.timestampMs - 1000;
        return t >= 1600 && t < 1734 ? { ...f, faceHeightPx: 42, bboxH: 42 / 500 } : f;
      });
    const lean = () => new TwoWayMovementVerifier(1000, TWO_WAY_CHALLENGES['closer-back']);
    const same = withFaces(lean(), glitched(), genuine.slice(0, 3), genuine.slice(3, 6)).r;
    expect(same.verdict).toBe('passed');
    expect(same.feedBroke).toBe(false);
    expect(same.reasons[0]).toMatch(
      /face recognition reads the same person \(distance 0\.\d\d\) after the face's measured size or place jumped between two frames \(the face size jumped by \d+ % between two frames 67 ms apart \(1\.\d s after the ask\)/,
    );
    const other = withFaces(lean(), glitched(), fake.slice(0, 3), real.slice(3, 6)).r;
    expect(other.verdict).toBe('failed');
    expect(other.reasons[0]).toMatch(/does not match the face before the movement/);
    const none = withFaces(lean(), glitched(), null, null, { doneNote: 'face recognition could not run' }).r;
    expect(none.verdict).toBe('cannot-judge');
    expect(none.reasons.at(-1)).toMatch(
      /without a face-recognition comparison \(face recognition could not run\) it cannot be told which: ask again$/,
    );
  });
});

describe('closer and back done in two leans with a rest between', () => {
  /**
   * Asked at rest: in to 1.45 × the face height (0.5–1.0 s), held to 2.0 s, back to rest by 2.5 s,
   * at rest to 4.0 s, out to 0.7 × by 4.5 s, held to 5.5 s, back at rest by 6.0 s.
   */
  const zoom = (t: number) => {
    const ramp = (a: number, b: number, t0: number, t1: number) => a + ((b - a) * (t - t0)) / (t1 - t0);
    if (t < 500) return 1;
    if (t < 1000) return ramp(1, 1.45, 500, 1000);
    if (t < 2000) return 1.45;
    if (t < 2500) return ramp(1.45, 1, 2000, 2500);
    if (t < 4000) return 1;
    if (t < 4500) return ramp(1, 0.7, 4000, 4500);
    if (t < 5500) return 0.7;
    if (t < 6000) return ramp(0.7, 1, 5500, 6000);
    return 1;
  };
  /**
   * Feeds the lean and describes the crops the verifier wanted: before the first lean and back at
   * rest after the second the face is `outer`, at the rest between the leans it is `between` (a swap
   * that fell back at the first lean's far point and came back at the second's).
   */
  const run = (outer: number[][], between: number[][]) => {
    const v = new TwoWayMovementVerifier(1000, TWO_WAY_CHALLENGES['closer-back']);
    v.expectFaces();
    const crops: { phase: 'before' | 'after'; t: number }[] = [];
    for (const f of frames(9000, (t) => ({ faceHeightPx: 200 * zoom(t), bboxH: (200 * zoom(t)) / 500 }))) {
      const phase = v.identityPhase(f);
      if (phase && !crops.some((c) => c.phase === phase && f.timestampMs - c.t < 300))
        crops.push({ phase, t: f.timestampMs });
      v.addFrame(f);
      if (crops.filter((c) => c.phase === 'after').length === 3 && v.verdict(f.timestampMs) === null) {
        // Described as the analyzer does: the latest usable crops before, and the crops after.
        const before = crops.filter((c) => c.phase === 'before' && v.usableBefore(c.t)).slice(-3);
        let k = 0;
        for (const c of before) {
          const t = c.t - 1000;
          const d = t > 2500 && t < 4000 ? between[k++ % between.length]! : outer[k++ % outer.length]!;
          v.addFace('before', { descriptor: d, yawDeg: 2, pitchDeg: 4, faceHeightPx: 200 });
        }
        for (const [i] of crops.filter((c) => c.phase === 'after').entries())
          v.addFace('after', {
            descriptor: outer[i % outer.length]!,
            yawDeg: 2,
            pitchDeg: 4,
            faceHeightPx: 200,
          });
        v.facesDone();
        crops.push({ phase: 'after', t: Infinity });
      }
      const r = v.verdict(f.timestampMs);
      if (r) return { v, r };
    }
    return { v, r: v.verdict(v.deadlineMs)! };
  };

  it('compares the face back at rest with the face at the rest between the leans, not before the first', () => {
    const { v, r } = run(fake.slice(0, 3), real.slice(3, 6));
    // Before: up to 0.3 s before the second lean left the rest (0.88 ×, at 4.2 s), and the analyzer
    // describes the latest such crops: the rest between the leans (with one movement's start, 0.6 s).
    expect(v.usableBefore(1000 + 3800)).toBe(true);
    expect(v.usableBefore(1000 + 4000)).toBe(false);
    expect(r.verdict).toBe('failed');
    expect(r.reasons[0]).toMatch(/does not match the face before the movement/);
  });

  it('passes one person leaning in two movements', () => {
    const { r } = run(genuine.slice(0, 3), genuine.slice(3, 6));
    expect(r.verdict).toBe('passed');
  });
});
