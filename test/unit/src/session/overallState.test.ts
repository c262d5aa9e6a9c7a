import { describe, expect, it } from 'vitest';
import { overallState } from '../../../../src/session/overallState';
import type { SecondRecord } from '../../../../src/session/SecondRecord';
import type { SessionEvent } from '../../../../src/session/SessionRecord';

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
    expect(o).toMatchObject({
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
    expect(o).toMatchObject({
      state: 'cannot-judge',
      reasons: [
        "no signal raised a flag over 100 % of the call that could be judged, but no movement challenge was passed: the picture's own signals cannot rule out a live face swap (ask a profile turn or a hand across the face)",
        'Lip-sync: the voice followed the mouth for 40 s',
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
      'Face-swap flagged at 160 s (confidence medium): faceswap: something measured',
      'one signal alone is not enough for concerns, and no check that bears on it passed after it: ask a profile turn or a hand across the face',
      'Lip-sync: its readings disagreed (at 150 s), so its earlier flags were withdrawn: cannot judge',
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
    expect(o.reasons[0]).toBe('Lip-sync flagged at 12 s (confidence medium): audio leads video by 240 ms');
    expect(o.reasons[1]).toMatch(/no check that bears on it passed after it: ask the random phrase$/);
  });

  it('every flag of the signal is counted, and a check passed after it is said to bear on it without clearing it', () => {
    const lip = (tMs: number) => ({
      ...flag('lipsync', tMs),
      detail: 'Lip-sync: audio leads video by 240 ms',
    });
    const phrase = { ...verdict('passed', 210_000), data: { verdict: 'passed', challenge: 'random-phrase' } };
    const turnBefore = verdict('passed', 100_000);
    const o = overallState(seconds(60), [turnBefore, lip(118_000), lip(149_000), lip(199_000), phrase]);
    expect(o.state).toBe('inconclusive');
    expect(o.reasons[0]).toBe(
      'Lip-sync flagged at 118 s (confidence medium): audio leads video by 240 ms; flagged 3 times in all (at 118 s, 149 s, 199 s)',
    );
    // The profile turn before the flag, and any movement, does not bear on a voice; the phrase after it does.
    expect(o.reasons[1]).toBe(
      'one signal alone is not enough for concerns; after it, Read a random phrase aloud at 210 s passed: the voice went with the mouth on words chosen during the call, which speaks against another voice (the flag may have an innocent cause)',
    );
    const swap = overallState(seconds(60), [flag('faceswap', 20_000), verdict('passed', 30_000)]);
    expect(swap.state).toBe('inconclusive');
    expect(swap.reasons[1]).toMatch(/after it, Profile turn at 30 s passed: the face held up to a movement/);
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
    expect(o).toMatchObject({
      state: 'cannot-judge',
      reasons: ['only 25 % of the call could be judged (face missing, too small or too few frames)'],
    });
    expect(overallState([], []).reasons).toEqual(['nothing was recorded']);
  });
});
