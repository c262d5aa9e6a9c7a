import { CHALLENGE_WORDS, VERDICT_WORDS, type ChallengeKind } from '../challenges/Challenge';
import { english, joined, say, words, type Phrase, type PhraseArg } from '../text/Phrase';
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
  /** The event's own words (English; `words` holds them and `later` as data). */
  detail: string;
  /** For a flag: what came after it (cleared, withdrawn, the checks that bear on it), in words. */
  later: string | null;
  words: { detail: PhraseArg; later: Phrase | null };
}

/** Whether a challenge bears on a signal: the random phrase on the voice, a movement on the face. */
function bears(signal: string, challenge: string): boolean {
  if (signal === 'lipsync') return challenge === 'random-phrase';
  const group = SIGNAL_GROUP[signal as FaceSignalId] ?? signal;
  return (group === 'faceswap' || group === 'liveness') && MOVEMENT_CHALLENGES.has(challenge);
}

const sec = (e: SessionEvent): Phrase => say`${Math.round(e.tMs / 1000)} s`;
const label = (e: SessionEvent): PhraseArg => {
  const c = String(e.data?.challenge ?? '');
  return CHALLENGE_WORDS[c as ChallengeKind] ?? c;
};

/** What came after a flag, in words and in time order: its clearing or withdrawal, and each later check that bears on it. */
function afterFlag(flag: SessionEvent, events: readonly SessionEvent[]): Phrase {
  const voice = flag.signal === 'lipsync';
  const parts: Phrase[] = [];
  let ended = false;
  let checked = false;
  for (const e of events) {
    if (e.tMs <= flag.tMs) continue;
    if (!ended && e.type === 'flag-cleared' && e.signal === flag.signal) {
      ended = true;
      parts.push(
        isWithdrawal(e)
          ? say`withdrawn at ${sec(e)}: the signal's readings disagreed, so it no longer counts`
          : say`cleared at ${sec(e)}`,
      );
    } else if (e.type === 'challenge-verdict' && bears(flag.signal!, String(e.data?.challenge ?? ''))) {
      const v = verdictOf(e);
      parts.push(
        v === 'passed'
          ? voice
            ? say`${label(e)} passed at ${sec(e)}: speaks against another voice (the flag may have an innocent cause)`
            : say`${label(e)} passed at ${sec(e)}: speaks against a live face swap (the flag may have an innocent cause)`
          : v === 'failed'
            ? say`${label(e)} failed at ${sec(e)}`
            : say`${label(e)} at ${sec(e)}: ${v ? VERDICT_WORDS[v] : words('no verdict')}, so it says nothing either way`,
      );
      checked = true;
    }
  }
  if (!checked)
    parts.push(
      voice
        ? words('no check that bears on it came after it (the random phrase would)')
        : words('no check that bears on it came after it (a profile turn or a hand across the face would)'),
    );
  return joined(parts);
}

/** A row's words in English and as data. */
function said(detail: PhraseArg, later: Phrase | null) {
  return {
    detail: typeof detail === 'object' ? english(detail) : String(detail),
    later: later && english(later),
    words: { detail, later },
  };
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
        ...said(e.words ?? e.detail, afterFlag(e, events)),
      });
    else if (e.type === 'challenge-verdict') {
      const v = verdictOf(e);
      out.push({
        tMs: e.tMs,
        kind: 'challenge',
        what: String(e.data?.challenge ?? ''),
        tone: v === 'passed' ? 'passed' : v === 'failed' ? 'doubt' : 'neutral',
        ...said(e.words ?? e.detail, null),
      });
    } else if (e.type === 'question-marked')
      out.push({
        tMs: e.tMs,
        kind: 'question',
        what: String(e.data?.questionId ?? ''),
        tone: 'neutral',
        ...said(
          typeof e.data?.note === 'string' && e.data.note
            ? say`${e.words ?? e.detail} — note: ${e.data.note}`
            : (e.words ?? e.detail),
          null,
        ),
      });
  }
  return out.sort((a, b) => a.tMs - b.tMs);
}
