import { describe, expect, it } from 'vitest';
import { callOutcomes } from '../../../../src/session/callOutcomes';
import type { SessionEvent } from '../../../../src/session/SessionRecord';

const ev = (
  tS: number,
  type: SessionEvent['type'],
  detail: string,
  extra: Partial<SessionEvent> = {},
): SessionEvent => ({
  sessionId: 's',
  tMs: tS * 1000,
  type,
  detail,
  ...extra,
});
const verdict = (tS: number, challenge: string, v: string) =>
  ev(tS, 'challenge-verdict', `${challenge}: ${v}`, { signal: 'challenge', data: { challenge, verdict: v } });

describe('callOutcomes: what a recruiter reads first', () => {
  const events: SessionEvent[] = [
    ev(0, 'watch-start', 'watching'),
    verdict(36, 'profile-turn', 'passed'),
    ev(50, 'question-marked', 'Evasive: Where are you calling from?', {
      data: { questionId: 'loc-1', mark: 'evasive', note: 'changed city twice' },
    }),
    ev(66, 'flag-raised', 'Lip-sync: audio leads video by 240 ms', {
      signal: 'lipsync',
      evidenceFromMs: 61_500,
    }),
    verdict(80, 'random-phrase', 'passed'),
    ev(86, 'flag-cleared', 'Lip-sync: back in step', { signal: 'lipsync' }),
    ev(90, 'flag-raised', 'Blend boundary: seam at the jaw', { signal: 'blend' }),
    verdict(100, 'hand-pass', 'cannot-judge'),
    verdict(110, 'profile-turn', 'failed'),
  ];

  it('lists every flag, verdict and mark in time order, and leaves the rest of the log out', () => {
    expect(callOutcomes(events).map((o) => [o.tMs / 1000, o.kind, o.what, o.tone])).toEqual([
      [36, 'challenge', 'profile-turn', 'passed'],
      [50, 'question', 'loc-1', 'neutral'],
      [66, 'flag', 'lipsync', 'doubt'],
      [80, 'challenge', 'random-phrase', 'passed'],
      [90, 'flag', 'blend', 'doubt'],
      [100, 'challenge', 'hand-pass', 'neutral'],
      [110, 'challenge', 'profile-turn', 'doubt'],
    ]);
    expect(callOutcomes(events)[1]!.detail).toBe(
      'Evasive: Where are you calling from? — note: changed city twice',
    );
  });

  it('says after each flag only what bears on it: the phrase on the voice, a movement on the face, and only later ones', () => {
    const [lip, blend] = callOutcomes(events).filter((o) => o.kind === 'flag');
    // The profile turn at 36 s came before the lip-sync flag and bears on the face, not the voice.
    expect(lip!.later).toBe(
      'Read a random phrase aloud passed at 80 s: speaks against another voice (the flag may have an innocent cause); cleared at 86 s',
    );
    expect(blend!.later).toMatch(
      /^Hand across the face at 100 s: cannot judge, so it says nothing either way; Profile turn failed at 110 s$/,
    );
  });

  it('a flag nothing checked after says which check would', () => {
    const [o] = callOutcomes([ev(5, 'flag-raised', 'Skin pulse: none found', { signal: 'pulse' })]);
    expect(o!.later).toBe(
      'no check that bears on it came after it (a profile turn or a hand across the face would)',
    );
  });
});
