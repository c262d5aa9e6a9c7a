import { CHALLENGE_WORDS, type ChallengeKind } from '../challenges/Challenge';
import { english, named, say, words, type Phrase } from '../text/Phrase';
import type { SignalState } from '../status/SignalState';
import type { CandidateCard } from './CandidateCard';
import type { BankQuestion, Placeholder, QuestionBank, QuestionCategory } from './QuestionBank';
import { randomPhrase } from './randomPhrase';

/** One card shown to the interviewer: a question to ask, or a challenge the machine will verify. */
export type PromptCard =
  | {
      kind: 'question';
      /** Unique within the call. */
      id: string;
      questionId: string;
      category: QuestionCategory;
      text: string;
      followUp?: string;
      lookFor?: string;
      /** Source titles, for "why this question". */
      sources: string[];
      /** Why now, in plain words. */
      why: string;
      /** `why` as data (the text is the bank's own, in its language). */
      words?: { why: Phrase };
    }
  | {
      kind: 'challenge';
      id: string;
      challenge: ChallengeKind;
      /** What to say to the candidate. */
      text: string;
      /** The random words, for the random phrase. */
      phrase?: string[];
      why: string;
      /** `text` and `why` as data. */
      words?: { text: Phrase; why: Phrase };
    };

/** What the live signals say, for escalation. */
export interface EngineSignals {
  lipsync?: SignalState;
  faceswap?: SignalState;
  liveness?: SignalState;
  /** The feed looks frozen or looped. */
  frozen?: boolean;
  /** Most signals cannot judge the candidate now (a small face, too few frames, no speech yet). */
  mostCannotJudge?: boolean;
}

/** Options for {@link PromptEngine}. */
export interface PromptEngineOptions {
  /** Least time between two suggestions when nothing is escalated, ms (default 60000). */
  minGapMs?: number;
  /** Words in a random phrase (default 5; the card asks for 4 to 6). */
  phraseWords?: number;
}

const CHALLENGE_TEXT: Record<ChallengeKind, Phrase> = {
  'profile-turn': words(
    'Ask: "Could you slowly turn your head to one side, hold it for two seconds, then to the other side?"',
  ),
  'look-up-down': words('Ask: "Could you look up at the ceiling for a moment, then down at your desk?"'),
  'closer-back': words('Ask: "Could you lean in close to your camera for a second, then sit back?"'),
  'hand-pass': words(
    'Ask: "Could you slowly pass your hand in front of your face, from one side to the other?"',
  ),
  'random-phrase': words('Ask the candidate to read these words aloud:'),
};

/**
 * Escalation: which challenges answer which doubt, strongest first. Each at most `tries` times per
 * call (default 2: a second try after a poor first one); `paced` ones wait for the usual gap.
 */
const ESCALATION: {
  when: (s: EngineSignals) => boolean;
  challenges: ChallengeKind[];
  why: Phrase;
  tries?: number;
  paced?: boolean;
}[] = [
  {
    when: (s) => s.lipsync === 'concerns' || s.lipsync === 'inconclusive',
    challenges: ['random-phrase'],
    why: words(
      'the voice and the lips did not clearly agree: unrehearsed words read aloud test that directly',
    ),
  },
  {
    when: (s) => s.faceswap === 'concerns' || s.faceswap === 'inconclusive',
    challenges: ['profile-turn', 'hand-pass'],
    why: words(
      'the face showed signs a face swap can leave: a profile turn and a hand pass stress a swap most',
    ),
  },
  {
    when: (s) => s.frozen === true || s.liveness === 'concerns' || s.liveness === 'inconclusive',
    challenges: ['hand-pass', 'closer-back'],
    why: words('the feed looked still or repeated: a movement on request shows it is live'),
  },
  {
    when: (s) => s.mostCannotJudge === true,
    challenges: ['profile-turn', 'hand-pass'],
    why: words(
      'most signals cannot judge the picture now: a movement verified from the video is evidence they cannot give',
    ),
    tries: 1,
    paced: true,
  },
];

/** Order in which categories are visited when nothing is escalated (shuffled per call within a plan). */
const PLAN: (QuestionCategory | 'challenge')[] = [
  'location',
  'time-zone',
  'resume',
  'challenge',
  'camera',
  'resume',
  'technical',
  'challenge',
  'location',
];

/**
 * Picks the next card: one at a time, never the same question twice in a call, at a calm pace,
 * randomised so a candidate cannot rehearse the order — and escalated at once when a live signal
 * raises a doubt. Questions whose placeholders the candidate card cannot fill are skipped.
 */
export class PromptEngine {
  private readonly used = new Set<string>();
  private readonly usedChallenges = new Map<ChallengeKind, number>();
  private lastSuggestMs = -Infinity;
  /** When the engine was first asked for a card (the call's start, as far as pacing goes). */
  private firstAskMs = NaN;
  private step = 0;
  private seq = 0;
  private readonly o: Required<PromptEngineOptions>;

  constructor(
    private readonly bank: QuestionBank,
    private card: CandidateCard,
    private readonly random: () => number,
    opts: PromptEngineOptions = {},
  ) {
    this.o = { minGapMs: 60_000, phraseWords: 5, ...opts };
  }

  /** The candidate card changed (the interviewer filled it in during the call). */
  setCard(card: CandidateCard): void {
    this.card = card;
  }

  /** Marks a card as used (asked or dismissed): it is not suggested again. */
  consume(card: PromptCard): void {
    if (card.kind === 'question') this.used.add(card.questionId);
    else this.usedChallenges.set(card.challenge, (this.usedChallenges.get(card.challenge) ?? 0) + 1);
  }

  /**
   * The next card at `nowMs`, or null when pacing says wait or nothing is left. The caller shows one
   * card at a time and calls `consume` when it is asked or dismissed.
   */
  next(nowMs: number, signals: EngineSignals = {}): PromptCard | null {
    if (Number.isNaN(this.firstAskMs)) this.firstAskMs = nowMs;
    for (const e of ESCALATION) {
      if (!e.when(signals)) continue;
      // A paced escalation waits for the usual gap, counted from the call's start too.
      if (e.paced && nowMs - Math.max(this.lastSuggestMs, this.firstAskMs) < this.o.minGapMs) continue;
      const kind = e.challenges.find((c) => (this.usedChallenges.get(c) ?? 0) < (e.tries ?? 2));
      if (kind) {
        this.lastSuggestMs = nowMs;
        return this.challengeCard(kind, say`Suggested now because ${e.why}.`);
      }
    }
    if (nowMs - this.lastSuggestMs < this.o.minGapMs) return null;
    for (let tries = 0; tries < PLAN.length; tries++) {
      const slot = PLAN[this.step % PLAN.length]!;
      this.step++;
      const card = slot === 'challenge' ? this.nextChallenge() : this.nextQuestion(slot);
      if (card) {
        this.lastSuggestMs = nowMs;
        return card;
      }
    }
    return null;
  }

  private nextChallenge(): PromptCard | null {
    const order: ChallengeKind[] = [
      'profile-turn',
      'hand-pass',
      'random-phrase',
      'look-up-down',
      'closer-back',
    ];
    const unused = order.filter((c) => !this.usedChallenges.has(c));
    if (unused.length === 0) return null;
    const kind = unused[Math.floor(this.random() * Math.min(unused.length, 3))]!; // favour the strongest three
    return this.challengeCard(kind, words('A routine liveness check, verified from the video.'));
  }

  /** A challenge card on the interviewer's request ("check now"), outside the plan and the pacing. */
  challenge(kind: ChallengeKind, nowMs: number): PromptCard {
    this.lastSuggestMs = nowMs;
    return this.challengeCard(kind, words('Asked for by the interviewer.'));
  }

  private challengeCard(kind: ChallengeKind, why: Phrase): PromptCard {
    const id = `challenge-${kind}-${++this.seq}`;
    if (kind === 'random-phrase') {
      const phrase = randomPhrase(this.random, this.o.phraseWords);
      return {
        kind: 'challenge',
        id,
        challenge: kind,
        ...challengeCardWords(say`${CHALLENGE_TEXT[kind]} “${phrase.join(' ')}”`, why),
        phrase,
      };
    }
    return {
      kind: 'challenge',
      id,
      challenge: kind,
      ...challengeCardWords(CHALLENGE_TEXT[kind], named(CHALLENGE_WORDS[kind], why)),
    };
  }

  private nextQuestion(category: QuestionCategory): PromptCard | null {
    const options: { q: BankQuestion; filled: Filled }[] = [];
    for (const q of this.bank.questions) {
      if (q.category !== category || this.used.has(q.id)) continue;
      if (q.id === 'tz-now' && this.card.timeZone === '') continue; // nothing to compare with
      const filled = this.fill(q);
      if (filled) options.push({ q, filled });
    }
    if (options.length === 0) return null;
    const { q, filled } = options[Math.floor(this.random() * options.length)]!;
    const titles = this.bank.sources
      .filter((s) => q.sources.includes(s.id))
      .map((s) => `${s.publisher}, ${s.title} (${s.date})`);
    return {
      kind: 'question',
      id: `question-${q.id}-${++this.seq}`,
      questionId: q.id,
      category: q.category,
      text: filled.text,
      ...(filled.followUp ? { followUp: filled.followUp } : {}),
      ...(filled.lookFor ? { lookFor: filled.lookFor } : {}),
      sources: titles,
      why: english(WHY[q.category]),
      words: { why: WHY[q.category] },
    };
  }

  /** The question with its placeholders filled from the card (a random employer/school), or null if it cannot be. */
  private fill(q: BankQuestion): Filled | null {
    const employer = this.card.employers.length
      ? this.card.employers[Math.floor(this.random() * this.card.employers.length)]
      : undefined;
    const school = this.card.schools.length
      ? this.card.schools[Math.floor(this.random() * this.card.schools.length)]
      : undefined;
    const values: Record<Placeholder, string | undefined> = {
      city: this.card.city || undefined,
      country: this.card.country || undefined,
      employer: employer?.name || undefined,
      role: employer?.role || 'an engineer',
      from: employer?.from || undefined,
      to: employer?.to || undefined,
      school: school?.name || undefined,
    };
    let ok = true;
    const sub = (t: string | undefined) =>
      t?.replace(/\{(\w+)\}/g, (_, k: string) => {
        const v = values[k as Placeholder];
        if (!v) ok = false;
        return v ?? '';
      });
    // What is asked must be complete; the interviewer's hint can say "the claimed city" instead.
    const hint = q.lookFor?.replace(
      /\{(\w+)\}/g,
      (_, k: string) => values[k as Placeholder] ?? `the claimed ${k}`,
    );
    const out = { text: sub(q.text)!, followUp: sub(q.followUp), lookFor: hint };
    return ok ? out : null;
  }
}

interface Filled {
  text: string;
  followUp: string | undefined;
  lookFor: string | undefined;
}

const WHY: Record<QuestionCategory, Phrase> = {
  location: words('Lived detail about the claimed city is hard to fake from elsewhere.'),
  'time-zone': words('The candidate’s local time should match the claimed time zone.'),
  resume: words('A two-part follow-up on the résumé tests first-hand knowledge.'),
  camera: words(
    'Guidance on remote-hiring fraud recommends keeping the camera on and showing the surroundings.',
  ),
  technical: words('First-hand technical detail holds up under a second question.'),
};

/** A challenge card's text and why, in English and as data. */
export const challengeCardWords = (text: Phrase, why: Phrase) => ({
  text: english(text),
  why: english(why),
  words: { text, why },
});
