import { CHALLENGE_LABEL, type ChallengeKind } from '../challenges/Challenge';
import { SIGNAL_GROUP, type FaceSignalId } from '../signals/SignalReading';
import { isWithdrawal, MOVEMENT_CHALLENGES, verdictOf } from './overallState';
import type { SessionEvent } from './SessionRecord';

/** One thing the call showed, for the top of the review: a flag, a challenge verdict or a question's mark. */
export interface CallOutcome {
  tMs: number;
  kind: 'flag' | 'challenge' | 'question';
  /** The flag's signal id, the challenge's kind, or the question's id. */
  what: string;
  /** How it reads at a glance: a flag or a failed challenge is a 'doubt', a pass 'passed', the rest 'neutral'. */
  tone: 'doubt' | 'passed' | 'neutral';
  /** The event's own words. */
  detail: string;
  /** For a flag: what came after it (cleared, withdrawn, the checks that bear on it), in words. */
  later: string | null;
}

/** Whether a challenge bears on a signal: the random phrase on the voice, a movement on the face. */
function bears(signal: string, challenge: string): boolean {
  if (signal === 'lipsync') return challenge === 'random-phrase';
  const group = SIGNAL_GROUP[signal as FaceSignalId] ?? signal;
  return (group === 'faceswap' || group === 'liveness') && MOVEMENT_CHALLENGES.has(challenge);
}

const sec = (e: SessionEvent) => `${Math.round(e.tMs / 1000)} s`;
const label = (e: SessionEvent) => {
  const c = String(e.data?.challenge ?? '');
  return CHALLENGE_LABEL[c as ChallengeKind] ?? c;
};

/** What came after a flag, in words and in time order: its clearing or withdrawal, and each later check that bears on it. */
function afterFlag(flag: SessionEvent, events: readonly SessionEvent[]): string {
  const voice = flag.signal === 'lipsync';
  const parts: string[] = [];
  let ended = false;
  let checked = false;
  for (const e of events) {
    if (e.tMs <= flag.tMs) continue;
    if (!ended && e.type === 'flag-cleared' && e.signal === flag.signal) {
      ended = true;
      parts.push(
        isWithdrawal(e)
          ? `withdrawn at ${sec(e)}: the signal's readings disagreed, so it no longer counts`
          : `cleared at ${sec(e)}`,
      );
    } else if (e.type === 'challenge-verdict' && bears(flag.signal!, String(e.data?.challenge ?? ''))) {
      const v = verdictOf(e);
      parts.push(
        v === 'passed'
          ? `${label(e)} passed at ${sec(e)}: speaks against ${voice ? 'another voice' : 'a live face swap'} (the flag may have an innocent cause)`
          : v === 'failed'
            ? `${label(e)} failed at ${sec(e)}`
            : `${label(e)} at ${sec(e)}: ${String(v ?? 'no verdict').replace('-', ' ')}, so it says nothing either way`,
      );
      checked = true;
    }
  }
  if (!checked)
    parts.push(
      `no check that bears on it came after it (${voice ? 'the random phrase' : 'a profile turn or a hand across the face'} would)`,
    );
  return parts.join('; ');
}

/**
 * Every flag, challenge verdict and question mark of a call in time order, each flag with what came
 * after it: what a recruiter reads first. Nothing here is a verdict on the person.
 */
export function callOutcomes(events: readonly SessionEvent[]): CallOutcome[] {
  const out: CallOutcome[] = [];
  for (const e of events) {
    if (e.type === 'flag-raised' && e.signal && e.signal !== 'challenge')
      out.push({
        tMs: e.tMs,
        kind: 'flag',
        what: e.signal,
        tone: 'doubt',
        detail: e.detail,
        later: afterFlag(e, events),
      });
    else if (e.type === 'challenge-verdict') {
      const v = verdictOf(e);
      out.push({
        tMs: e.tMs,
        kind: 'challenge',
        what: String(e.data?.challenge ?? ''),
        tone: v === 'passed' ? 'passed' : v === 'failed' ? 'doubt' : 'neutral',
        detail: e.detail,
        later: null,
      });
    } else if (e.type === 'question-marked')
      out.push({
        tMs: e.tMs,
        kind: 'question',
        what: String(e.data?.questionId ?? ''),
        tone: 'neutral',
        detail: e.detail + (typeof e.data?.note === 'string' && e.data.note ? ` — note: ${e.data.note}` : ''),
        later: null,
      });
  }
  return out.sort((a, b) => a.tMs - b.tMs);
}
