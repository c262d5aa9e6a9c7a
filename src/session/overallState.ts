import { FACE_SIGNAL_IDS, FACE_SIGNAL_WORDS } from '../signals/SignalReading';
import { CHALLENGE_WORDS, type ChallengeKind, type ChallengeVerdict } from '../challenges/Challenge';
import { english, joined, say, withoutName, words, type Phrase, type PhraseArg } from '../text/Phrase';
import { analysisCoverage } from './analysisCoverage';
import type { SecondRecord } from './SecondRecord';
import type { SessionEvent } from './SessionRecord';
import type { OverallSaid, OverallState } from './Overall';

/** Options for {@link overallState}. */
export interface OverallOptions {
  /** Below this share of judged seconds, and with no flag, the call cannot be judged (default 0.5). */
  minJudgedShare?: number;
}

const SIGNAL_WORDS: Record<string, Phrase> = {
  ...Object.fromEntries(FACE_SIGNAL_IDS.map((id) => [id, FACE_SIGNAL_WORDS[id]])),
  lipsync: words('Lip-sync'),
  faceswap: words('Face-swap'),
  liveness: words('Liveness'),
};
const signalWords = (s: string): PhraseArg => SIGNAL_WORDS[s] ?? s;

const CONFIDENCE = { medium: words('medium'), high: words('high') };

/** Challenges that stress a live face swap where it is weakest: a pass is evidence against one. */
export const MOVEMENT_CHALLENGES: ReadonlySet<string> = new Set([
  'profile-turn',
  'hand-pass',
  'look-up-down',
  'closer-back',
]);

/** Whether an event withdraws its signal's flags (the signal's readings turned unstable). */
export const isWithdrawal = (e: SessionEvent): boolean =>
  e.type === 'flag-cleared' && e.data?.withdrawn === true;

/** When an event happened, in whole seconds of the call. */
const at = (e: SessionEvent): Phrase => say`${Math.round(e.tMs / 1000)} s`;

/** Challenges by name and time: "Profile turn at 30 s, Hand across the face at 41 s". */
const challengesAt = (events: readonly SessionEvent[]): Phrase =>
  joined(
    events.map(
      (e) =>
        say`${CHALLENGE_WORDS[e.data!.challenge as ChallengeKind] ?? String(e.data!.challenge)} at ${at(e)}`,
    ),
    ', ',
  );

/** What an event says, as data (its English where it has none). */
const eventWords = (e: SessionEvent): PhraseArg => e.words ?? e.detail;

/** What a flag event says without the signal's name, which the reason names already. */
function flagBody(e: SessionEvent, name: string): PhraseArg {
  if (e.words) return withoutName(e.words);
  return e.detail.toLowerCase().startsWith(`${name.toLowerCase()}: `)
    ? e.detail.slice(name.length + 2)
    : e.detail;
}

/**
 * The overall state of a call from its log. The rule (issue 4's fusion rule, applied to what exists):
 * "concerns" needs a failed challenge or flags from two independent signals; one signal's flag alone
 * is "inconclusive" (it may have an innocent cause); a flag its signal later withdrew (its readings
 * disagreed) counts for nothing; too little judged video with nothing flagged is "cannot judge".
 * "No concerns" is said only on evidence that can tell an impostor from the candidate: a movement
 * challenge passed (the picture's own signals cannot rule out a live face swap); without one, a quiet
 * call "cannot judge" and says what would settle it. Every state says why.
 */
export function overallState(
  seconds: readonly SecondRecord[],
  events: readonly SessionEvent[],
  opts: OverallOptions = {},
): OverallSaid {
  const said = (state: OverallState, reasons: Phrase[]): OverallSaid => ({
    state,
    reasons: reasons.map(english),
    words: reasons,
  });
  const withdrawnAt = new Map<string, number>();
  for (const e of events) if (isWithdrawal(e) && e.signal) withdrawnAt.set(e.signal, e.tMs);
  const flags = events.filter(
    (e) =>
      e.type === 'flag-raised' &&
      e.signal &&
      e.signal !== 'challenge' &&
      !(e.tMs <= (withdrawnAt.get(e.signal) ?? -Infinity)),
  );
  const signals = [...new Set(flags.map((f) => f.signal!))];
  const verdicts = events.filter((e) => e.type === 'challenge-verdict');
  const failed = verdicts.filter((e) => e.data?.verdict === 'failed');
  const passed = verdicts.filter((e) => e.data?.verdict === 'passed');
  const reasons: Phrase[] = [];
  for (const f of failed) reasons.push(say`a challenge failed at ${at(f)}: ${eventWords(f)}`);
  for (const s of signals) {
    const mine = flags.filter((f) => f.signal === s);
    const first = mine[0]!;
    const name = signalWords(s);
    // The flag's own words without its "Lip-sync: " label, which the reason already names.
    const body = flagBody(first, typeof name === 'object' ? english(name) : String(name));
    const flagged = first.confidence
      ? say`${name} flagged at ${at(first)} (confidence ${CONFIDENCE[first.confidence]}): ${body}`
      : say`${name} flagged at ${at(first)}: ${body}`;
    reasons.push(
      mine.length > 1
        ? say`${flagged}; flagged ${mine.length} times in all (at ${joined(mine.map(at), ', ')})`
        : flagged,
    );
  }
  const withdrawn = [...withdrawnAt].map(
    ([s, tMs]) =>
      say`${signalWords(s)}: its readings disagreed (at ${Math.round(tMs / 1000)} s), so its earlier flags were withdrawn: cannot judge`,
  );
  if (failed.length > 0 || signals.length >= 2) return said('concerns', [...reasons, ...withdrawn]);
  if (signals.length === 1) {
    reasons.push(laterChecks(signals[0]!, flags[0]!.tMs, passed));
    return said('inconclusive', [...reasons, ...withdrawn]);
  }
  const cov = analysisCoverage(seconds);
  if (cov.seconds === 0 || cov.judged < (opts.minJudgedShare ?? 0.5))
    return said('cannot-judge', [
      cov.seconds === 0
        ? words('nothing was recorded')
        : say`only ${Math.round(cov.judged * 100)} % of the call could be judged (face missing, too small or too few frames)`,
      ...withdrawn,
    ]);
  const judgedPct = Math.round(cov.judged * 100);
  const inStep = seconds.filter((x) => x.lipSync === 'no-concerns').length;
  const lip = inStep > 0 ? [say`Lip-sync: the voice followed the mouth for ${inStep} s`] : [];
  const moved = passed.filter((e) => MOVEMENT_CHALLENGES.has(String(e.data?.challenge)));
  if (moved.length === 0)
    return said('cannot-judge', [
      say`no signal raised a flag over ${judgedPct} % of the call that could be judged, but no movement challenge was passed: the picture's own signals cannot rule out a live face swap (ask a profile turn or a hand across the face)`,
      ...lip,
      ...withdrawn,
    ]);
  return said('no-concerns', [
    moved.length === 1
      ? say`no signal raised a flag over ${judgedPct} % of the call that could be judged; 1 movement challenge passed (${challengesAt(moved)})`
      : say`no signal raised a flag over ${judgedPct} % of the call that could be judged; ${moved.length} movement challenges passed (${challengesAt(moved)})`,
    ...lip,
    ...withdrawn,
  ]);
}

/**
 * What the checks passed after a lone signal's first flag say about it: a movement challenge speaks
 * against a live face swap (not about the voice), the random phrase against another voice (not about
 * the face). Neither clears the flag; the state stays "inconclusive".
 */
function laterChecks(signal: string, flaggedMs: number, passed: readonly SessionEvent[]): Phrase {
  const voice = signal === 'lipsync';
  const bears = passed.filter(
    (e) =>
      e.tMs > flaggedMs &&
      (voice ? e.data?.challenge === 'random-phrase' : MOVEMENT_CHALLENGES.has(String(e.data?.challenge))),
  );
  if (bears.length === 0)
    return voice
      ? words(
          'one signal alone is not enough for concerns, and no check that bears on it passed after it: ask the random phrase',
        )
      : words(
          'one signal alone is not enough for concerns, and no check that bears on it passed after it: ask a profile turn or a hand across the face',
        );
  const list = challengesAt(bears);
  return voice
    ? say`one signal alone is not enough for concerns; after it, ${list} passed: the voice went with the mouth on words chosen during the call, which speaks against another voice (the flag may have an innocent cause)`
    : say`one signal alone is not enough for concerns; after it, ${list} passed: the face held up to a movement a live face swap handles badly, which speaks against a swap (the flag may have an innocent cause)`;
}

/** Verdicts of a challenge-verdict event, typed. */
export const verdictOf = (e: SessionEvent): ChallengeVerdict | null =>
  typeof e.data?.verdict === 'string' ? (e.data.verdict as ChallengeVerdict) : null;
