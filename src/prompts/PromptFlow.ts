import {
  english,
  named,
  say,
  verbatim,
  withNote,
  words,
  type Phrase,
  type Said,
  saidEnglish,
} from '../text/Phrase';
import {
  CHALLENGE_WINDOW_MS,
  CHALLENGE_WORDS,
  VERDICT_WORDS,
  type ChallengeKind,
  type ChallengeResult,
} from '../challenges/Challenge';
import type { CandidateCard } from './CandidateCard';
import { checkLocalTime } from './localTimeCheck';
import type { EngineSignals, PromptCard, PromptEngine } from './PromptEngine';

/** How the interviewer marks an asked question. */
export type QuestionMark = 'answered-well' | 'evasive' | 'could-not-answer';
export const QUESTION_MARKS: readonly QuestionMark[] = ['answered-well', 'evasive', 'could-not-answer'];
export const MARK_WORDS: Record<QuestionMark, Phrase> = {
  'answered-well': words('Answered well'),
  evasive: words('Evasive'),
  'could-not-answer': words('Could not answer'),
};
export const MARK_LABEL = Object.fromEntries(
  QUESTION_MARKS.map((m) => [m, english(MARK_WORDS[m])]),
) as Record<QuestionMark, string>;

/** The card on screen and where it is in its life. */
export interface PromptView {
  card: PromptCard;
  /**
   * suggested → asked → (challenge) verdict; questions are marked while 'asked'. A challenge whose
   * last check is the interviewer's (the random phrase's words) passes through 'confirm': `result`
   * then holds what the machine checked, and the card asks for their word.
   */
  phase: 'suggested' | 'asked' | 'confirm' | 'verdict';
  /** Page time the card was asked, ms (null before). */
  askedAtMs: number | null;
  /** Page time by which a challenge must be performed, ms (null for questions). */
  deadlineMs: number | null;
  result: ChallengeResult | null;
}

/** One finished card, for the side panel's list and the log. */
export interface PromptOutcome {
  label: string;
  outcome: string;
  atMs: number;
  /** `label` and `outcome` as data. */
  words?: { label: Said; outcome: Phrase };
}

function outcome(label: Said, said: Phrase, atMs: number): PromptOutcome {
  return {
    label: saidEnglish(label),
    outcome: english(said),
    atMs,
    words: { label, outcome: said },
  };
}

/** What the flow asks the extension to do: log, start or cancel a verification, show the card. */
export interface PromptEffects {
  log(
    type: 'question-asked' | 'question-marked' | 'challenge-asked' | 'prompt-skipped',
    detail: Phrase,
    data: Record<string, string | number | boolean>,
  ): void;
  startChallenge(card: Extract<PromptCard, { kind: 'challenge' }>, atMs: number): void;
  cancelChallenge(cardId: string): void;
  /** The interviewer's word on what only a person can check (were the words read?). */
  confirmChallenge(cardId: string, said: boolean): void;
  show(view: PromptView | null, history: readonly PromptOutcome[]): void;
}

/**
 * The interviewer's co-pilot, one card at a time: suggested (Asked / Skip), asked (a question is
 * marked, a challenge is watched until its verdict), then the next card when the engine's pacing
 * allows. Pure: the extension supplies the clock, the signals and the effects.
 */
export class PromptFlow {
  private view: PromptView | null = null;
  private readonly history: PromptOutcome[] = [];

  constructor(
    private readonly engine: PromptEngine,
    private readonly fx: PromptEffects,
    private card: CandidateCard,
  ) {}

  get current(): PromptView | null {
    return this.view;
  }

  setCandidate(card: CandidateCard): void {
    this.card = card;
    this.engine.setCard(card);
  }

  /** Called every few seconds: offers the next card when none is on screen (or an escalation). */
  tick(nowMs: number, signals: EngineSignals): void {
    if (this.view) return;
    const card = this.engine.next(nowMs, signals);
    if (card) this.set({ card, phase: 'suggested', askedAtMs: null, deadlineMs: null, result: null });
  }

  /**
   * The interviewer wants a challenge now: it replaces a card that was only suggested (which stays
   * available for later); a card already asked is left alone.
   */
  requestChallenge(kind: ChallengeKind, nowMs: number): void {
    if (this.view && this.view.phase !== 'suggested') return;
    this.set({
      card: this.engine.challenge(kind, nowMs),
      phase: 'suggested',
      askedAtMs: null,
      deadlineMs: null,
      result: null,
    });
  }

  /** The interviewer asked the card on screen. */
  asked(nowMs: number): void {
    const v = this.view;
    if (!v || v.phase !== 'suggested') return;
    this.engine.consume(v.card);
    if (v.card.kind === 'challenge') {
      this.fx.startChallenge(v.card, nowMs);
      this.fx.log(
        'challenge-asked',
        v.card.phrase
          ? say`${CHALLENGE_WORDS[v.card.challenge]} asked: “${v.card.phrase.join(' ')}”`
          : say`${CHALLENGE_WORDS[v.card.challenge]} asked`,
        {
          cardId: v.card.id,
          challenge: v.card.challenge,
          ...(v.card.phrase ? { phrase: v.card.phrase.join(' ') } : {}),
        },
      );
      this.set({
        ...v,
        phase: 'asked',
        askedAtMs: nowMs,
        deadlineMs: nowMs + CHALLENGE_WINDOW_MS[v.card.challenge],
      });
    } else {
      this.fx.log('question-asked', verbatim(v.card.text), {
        cardId: v.card.id,
        questionId: v.card.questionId,
        category: v.card.category,
      });
      this.set({ ...v, phase: 'asked', askedAtMs: nowMs });
    }
  }

  /** The interviewer skipped the card (or cancelled a challenge in progress). */
  skip(nowMs: number): void {
    const v = this.view;
    if (!v) return;
    if (v.phase === 'suggested') this.engine.consume(v.card);
    if (v.card.kind === 'challenge' && (v.phase === 'asked' || v.phase === 'confirm'))
      this.fx.cancelChallenge(v.card.id);
    if (v.phase !== 'verdict')
      this.fx.log(
        'prompt-skipped',
        say`${v.card.kind === 'challenge' ? CHALLENGE_WORDS[v.card.challenge] : v.card.text} — skipped`,
        { cardId: v.card.id },
      );
    this.finish(v, v.phase === 'verdict' ? this.outcomeOf(v) : words('skipped'), nowMs);
  }

  /** The interviewer's mark for an asked question (and, for the local-time question, the stated time). */
  mark(mark: QuestionMark, note: string, nowMs: number, statedTime = '', wallClock = new Date()): void {
    const v = this.view;
    if (!v || v.card.kind !== 'question' || v.phase !== 'asked') return;
    const data: Record<string, string | number | boolean> = {
      cardId: v.card.id,
      questionId: v.card.questionId,
      mark,
    };
    if (note.trim()) data.note = note.trim().slice(0, 600);
    let timeNote: Phrase | null = null;
    if (v.card.questionId === 'tz-now' && statedTime.trim() && this.card.timeZone) {
      const check = checkLocalTime(statedTime, this.card.timeZone, wallClock);
      data.statedTime = statedTime.trim().slice(0, 40);
      data.timeCheck = check.note;
      timeNote = say`local time ${check.words}`;
    }
    this.fx.log('question-marked', named(MARK_WORDS[mark], withNote(verbatim(v.card.text), timeNote)), data);
    this.finish(v, withNote(MARK_WORDS[mark], timeNote), nowMs);
  }

  /** The analyzer checked its part of a challenge and waits for the interviewer's word. */
  awaiting(cardId: string, result: ChallengeResult): void {
    const v = this.view;
    if (!v || v.card.id !== cardId || v.phase !== 'asked') return;
    this.set({ ...v, phase: 'confirm', result });
  }

  /** The interviewer's word on the card waiting for it: the analyzer gives the verdict. */
  confirm(said: boolean): void {
    const v = this.view;
    if (!v || v.phase !== 'confirm') return;
    this.fx.confirmChallenge(v.card.id, said);
  }

  /** The analyzer's verdict on a challenge. */
  verdict(cardId: string, result: ChallengeResult): void {
    const v = this.view;
    if (!v || v.card.id !== cardId) {
      // A verdict for a card no longer on screen still goes in the list.
      this.history.unshift(outcome(CHALLENGE_WORDS[result.kind], VERDICT_WORDS[result.verdict], result.toMs));
      this.fx.show(this.view, this.history);
      return;
    }
    this.set({ ...v, phase: 'verdict', result });
  }

  private outcomeOf(v: PromptView): Phrase {
    if (!v.result) return words('done');
    const first = v.result.reasonWords?.[0] ?? v.result.reasons[0] ?? '';
    return named(VERDICT_WORDS[v.result.verdict], first);
  }

  private finish(v: PromptView, said: Phrase, nowMs: number): void {
    this.history.unshift(
      outcome(v.card.kind === 'challenge' ? CHALLENGE_WORDS[v.card.challenge] : v.card.text, said, nowMs),
    );
    if (this.history.length > 12) this.history.length = 12;
    this.set(null);
  }

  private set(view: PromptView | null): void {
    this.view = view;
    this.fx.show(view, this.history);
  }
}
