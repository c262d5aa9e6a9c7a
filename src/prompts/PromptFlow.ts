import {
  CHALLENGE_LABEL,
  CHALLENGE_WINDOW_MS,
  type ChallengeKind,
  type ChallengeResult,
} from '../challenges/Challenge';
import type { CandidateCard } from './CandidateCard';
import { checkLocalTime } from './localTimeCheck';
import type { EngineSignals, PromptCard, PromptEngine } from './PromptEngine';

/** How the interviewer marks an asked question. */
export type QuestionMark = 'answered-well' | 'evasive' | 'could-not-answer';
export const QUESTION_MARKS: readonly QuestionMark[] = ['answered-well', 'evasive', 'could-not-answer'];
export const MARK_LABEL: Record<QuestionMark, string> = {
  'answered-well': 'Answered well',
  evasive: 'Evasive',
  'could-not-answer': 'Could not answer',
};

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
}

/** What the flow asks the extension to do: log, start or cancel a verification, show the card. */
export interface PromptEffects {
  log(
    type: 'question-asked' | 'question-marked' | 'challenge-asked' | 'prompt-skipped',
    detail: string,
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
        `${CHALLENGE_LABEL[v.card.challenge]} asked${v.card.phrase ? `: “${v.card.phrase.join(' ')}”` : ''}`,
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
      this.fx.log('question-asked', v.card.text, {
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
        `${v.card.kind === 'challenge' ? CHALLENGE_LABEL[v.card.challenge] : v.card.text} — skipped`,
        { cardId: v.card.id },
      );
    this.finish(v, v.phase === 'verdict' ? this.outcomeOf(v) : 'skipped', nowMs);
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
    let timeNote = '';
    if (v.card.questionId === 'tz-now' && statedTime.trim() && this.card.timeZone) {
      const check = checkLocalTime(statedTime, this.card.timeZone, wallClock);
      data.statedTime = statedTime.trim().slice(0, 40);
      data.timeCheck = check.note;
      timeNote = `; local time ${check.note}`;
    }
    this.fx.log('question-marked', `${MARK_LABEL[mark]}: ${v.card.text}${timeNote}`.slice(0, 512), data);
    this.finish(v, `${MARK_LABEL[mark]}${timeNote}`, nowMs);
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
      this.history.unshift({
        label: CHALLENGE_LABEL[result.kind],
        outcome: result.verdict.replace('-', ' '),
        atMs: result.toMs,
      });
      this.fx.show(this.view, this.history);
      return;
    }
    this.set({ ...v, phase: 'verdict', result });
  }

  private outcomeOf(v: PromptView): string {
    return v.result ? `${v.result.verdict.replace('-', ' ')}: ${v.result.reasons[0] ?? ''}` : 'done';
  }

  private finish(v: PromptView, outcome: string, nowMs: number): void {
    this.history.unshift({
      label: v.card.kind === 'challenge' ? CHALLENGE_LABEL[v.card.challenge] : v.card.text,
      outcome,
      atMs: nowMs,
    });
    if (this.history.length > 12) this.history.length = 12;
    this.set(null);
  }

  private set(view: PromptView | null): void {
    this.view = view;
    this.fx.show(view, this.history);
  }
}
