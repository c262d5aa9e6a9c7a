import { describe, expect, it } from 'vitest';
import { overallState } from '../../src/session/overallState';
import type { SecondRecord } from '../../src/session/SecondRecord';
import type { SessionEvent } from '../../src/session/SessionRecord';

/** `n` seconds of a judged call (15 frames, a 200 px face), or of no face. */
const seconds = (n: number, face = true): SecondRecord[] =>
  Array.from({ length: n }, (_, t) => ({
    sessionId: 's',
    t,
    frames: 15,
    faceFrames: face ? 15 : 0,
    maxFaces: face ? 1 : 0,
    yawDeg: face ? 0 : null,
    pitchDeg: face ? 0 : null,
    rollDeg: face ? 0 : null,
    mouthAperture: face ? 0.1 : null,
    mouthApertureStd: face ? 0.05 : null,
    eyeOpenness: face ? 0.3 : null,
    eyeOpennessMin: face ? 0.1 : null,
    faceHeightPx: face ? 200 : null,
    landmarkConfidence: face ? 1 : null,
    processingMs: 20,
  }));
const flag = (signal: 'lipsync' | 'faceswap', tMs: number): SessionEvent => ({
  sessionId: 's',
  tMs,
  type: 'flag-raised',
  detail: `${signal}: something measured`,
  signal,
  confidence: 'medium',
});
const verdict = (v: string, tMs: number): SessionEvent => ({
  sessionId: 's',
  tMs,
  type: 'challenge-verdict',
  detail: `Profile turn: ${v}`,
  signal: 'challenge',
  data: { verdict: v, challenge: 'profile-turn' },
});

describe('overallState', () => {
  it('no flags over a judged call with a movement challenge passed: no concerns, saying how much was judged and what passed', () => {
    const o = overallState(seconds(60), [verdict('passed', 30_000)]);
    expect(o).toEqual({
      state: 'no-concerns',
      reasons: [
        'no signal raised a flag over 100 % of the call that could be judged; 1 movement challenge passed (Profile turn at 30 s)',
      ],
    });
  });

  it('no flags but no movement challenge passed: cannot judge, since the picture alone cannot rule out a face swap', () => {
    const inStep = seconds(60).map((x, i) => (i < 40 ? { ...x, lipSync: 'no-concerns' as const } : x));
    const phrase = { ...verdict('passed', 20_000), data: { verdict: 'passed', challenge: 'random-phrase' } };
    const o = overallState(inStep, [phrase]);
    expect(o).toEqual({
      state: 'cannot-judge',
      reasons: [
        "no signal raised a flag over 100 % of the call that could be judged, but no movement challenge was passed: the picture's own signals cannot rule out a live face swap (ask a profile turn or a hand across the face)",
        'lip-sync: the voice followed the mouth for 40 s',
      ],
    });
  });

  it('a flag its signal withdrew (readings that disagreed) counts for nothing, and the reasons say so', () => {
    const withdrawal: SessionEvent = {
      sessionId: 's',
      tMs: 150_000,
      type: 'flag-cleared',
      detail: 'Lip-sync: withdrawn, readings unstable',
      signal: 'lipsync',
      data: { withdrawn: true },
    };
    const o = overallState(seconds(60), [flag('lipsync', 118_000), withdrawal, flag('faceswap', 160_000)]);
    expect(o.state).toBe('inconclusive');
    expect(o.reasons).toEqual([
      'face-swap flagged at 160 s (confidence medium): faceswap: something measured',
      'one signal alone is not enough for concerns: ask a verification challenge or question',
      'lip-sync: its readings disagreed (at 150 s), so its earlier flags were withdrawn: cannot judge',
    ]);
    // Without the withdrawal, the same two flags are concerns.
    expect(overallState(seconds(60), [flag('lipsync', 118_000), flag('faceswap', 160_000)]).state).toBe(
      'concerns',
    );
  });

  it('one signal alone is inconclusive, with the flag and a next step', () => {
    const o = overallState(seconds(60), [
      { ...flag('lipsync', 12_000), detail: 'Lip-sync: audio leads video by 240 ms' },
    ]);
    expect(o.state).toBe('inconclusive');
    expect(o.reasons[0]).toBe('lip-sync flagged at 12 s (confidence medium): audio leads video by 240 ms');
    expect(o.reasons[1]).toMatch(/ask a verification challenge/);
  });

  it('two independent signals, or a failed challenge, are concerns', () => {
    expect(overallState(seconds(60), [flag('lipsync', 1000), flag('faceswap', 2000)]).state).toBe('concerns');
    const failed = overallState(seconds(60), [verdict('failed', 40_000)]);
    expect(failed.state).toBe('concerns');
    expect(failed.reasons[0]).toMatch(/^a challenge failed at 40 s/);
  });

  it('not-performed or cannot-judge verdicts never raise the state', () => {
    expect(overallState(seconds(60), [verdict('not-performed', 1), verdict('cannot-judge', 2)]).state).toBe(
      'cannot-judge',
    );
    expect(
      overallState(seconds(60), [
        verdict('not-performed', 1),
        verdict('cannot-judge', 2),
        verdict('passed', 3),
      ]).state,
    ).toBe('no-concerns');
  });

  it('too little judged video with nothing flagged: cannot judge, and why', () => {
    const o = overallState([...seconds(10), ...seconds(30, false)], []);
    expect(o).toEqual({
      state: 'cannot-judge',
      reasons: ['only 25 % of the call could be judged (face missing, too small or too few frames)'],
    });
    expect(overallState([], []).reasons).toEqual(['nothing was recorded']);
  });
});
