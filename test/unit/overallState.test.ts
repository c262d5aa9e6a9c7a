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
  it('no flags over a judged call: no concerns, saying how much was judged and what passed', () => {
    const o = overallState(seconds(60), [verdict('passed', 30_000)]);
    expect(o).toEqual({
      state: 'no-concerns',
      reasons: ['no signal raised a flag over 100 % of the call that could be judged; 1 challenge passed'],
    });
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
      'no-concerns',
    );
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
