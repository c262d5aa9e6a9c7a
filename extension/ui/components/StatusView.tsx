import type { SignalView } from '../../../src/status/LiveStatus';
import type { SignalState } from '../../../src/status/SignalState';
import { isMessageKey, sayPhrase, t, type MessageKey } from '../../shared/i18n';
import type { Phrase } from '../../../src/text/Phrase';
import type { ChallengeKind } from '../../../src/challenges/Challenge';
import type { QuestionMark } from '../../../src/prompts/PromptFlow';
import { stripNotes } from '../../../src/status/stripNotes';
import { headline, type Headline, type Words } from '../../../src/status/headline';
import type { LiveStatus } from '../../../src/status/LiveStatus';

/** A symbol per state, so colour is never the only cue; "cannot judge" is a crossed circle, not a spinner. */
export const STATE_SYMBOL: Record<SignalState, string> = {
  'no-concerns': '✓',
  inconclusive: '!',
  concerns: '✕',
  'cannot-judge': '⊘',
  'not-measured': '–',
};

const STATE_KEY = {
  'no-concerns': 'stNoConcerns',
  inconclusive: 'stInconclusive',
  concerns: 'stConcerns',
  'cannot-judge': 'stCannotJudge',
  'not-measured': 'stNotMeasured',
} as const satisfies Record<SignalState, MessageKey>;

const SIGNAL_KEY = {
  face: 'sigFace',
  quality: 'sigQuality',
  lipsync: 'sigLipsync',
  faceswap: 'sigFaceswap',
  liveness: 'sigLiveness',
} as const satisfies Record<SignalView['id'], MessageKey>;

const CHALLENGE_KEY = {
  'profile-turn': 'chProfileTurn',
  'look-up-down': 'chLookUpDown',
  'closer-back': 'chCloserBack',
  'hand-pass': 'chHandPass',
  'random-phrase': 'chRandomPhrase',
} as const satisfies Record<ChallengeKind, MessageKey>;

/** A challenge's name in the interface's language ("Profile turn"); an unknown kind as it is. */
export const challengeName = (kind: string): string =>
  kind in CHALLENGE_KEY ? t(CHALLENGE_KEY[kind as ChallengeKind]) : kind;

const MARK_KEY = {
  'answered-well': 'mkAnsweredWell',
  evasive: 'mkEvasive',
  'could-not-answer': 'mkCouldNotAnswer',
} as const satisfies Record<QuestionMark, MessageKey>;

/** An interviewer's mark in the interface's language ("Answered well"); an unknown one as it is. */
export const markName = (mark: string): string =>
  mark in MARK_KEY ? t(MARK_KEY[mark as QuestionMark]) : mark;

/** A strip row's name in the interface's language. */
export const signalLabel = (id: SignalView['id']): string => t(SIGNAL_KEY[id]);

/**
 * A sentence the core gave as data, in the interface's language: its message with the rows it names
 * (in this language) or its number put in; `english` when the locale files have no such message.
 */
export function say(w: Words | Phrase | null, english: string): string {
  if (w && 'en' in w) return sayPhrase(w, english);
  if (!w || !isMessageKey(w.key)) return english;
  const arg = w.ids ? w.ids.map(signalLabel).join(', ') : w.n !== undefined ? String(w.n) : undefined;
  return arg === undefined ? t(w.key) : t(w.key, arg);
}

/** The headline's three parts in the interface's language. */
export function sayHeadline(h: Headline): { text: string; reason: string | null; next: string | null } {
  return {
    text: say(h.words.text, h.text),
    reason: h.reason === null ? null : say(h.words.reason, h.reason),
    next: h.next === null ? null : say(h.words.next, h.next),
  };
}

/** A state in words, in the interface's language ("no concerns", "cannot judge"). */
export const stateText = (s: SignalState): string => t(STATE_KEY[s]);

/**
 * The status in one line, with why and the one thing to do now when it is not all clear. `part`
 * renders only the line, or only the why and the next step (the overlay keeps them apart so the
 * card between them does not move when they change).
 */
export function HeadlineView({ status, part }: { status: LiveStatus; part?: 'line' | 'details' }) {
  const h = sayHeadline(headline(status));
  return (
    <div class="ig-headline" data-ig={part === 'details' ? 'headline-details' : 'headline'}>
      {part !== 'details' && <div class="ig-line">{h.text}</div>}
      {part !== 'line' && h.reason && (
        <div class="ig-why" data-ig="headline-reason">
          {h.reason}
        </div>
      )}
      {part !== 'line' && h.next && (
        <div class="ig-next" data-ig="headline-next">
          {t('ovNow', h.next)}
        </div>
      )}
    </div>
  );
}

/**
 * The reasons of every row that is not "no concerns", as text (the overlay's compact strip has none),
 * but the one `shownElsewhere` (the headline's reason, shown above).
 */
export function StripNotes({
  signals,
  shownElsewhere = null,
}: {
  signals: SignalView[];
  shownElsewhere?: SignalView['id'] | null;
}) {
  return (
    <ul class="ig-notes" data-ig="strip-notes">
      {stripNotes(signals, shownElsewhere).map((n) => (
        <li key={`${n.state}:${n.detail}`} data-state={n.state}>
          <strong>
            {n.ids.map(signalLabel).join(', ')}: {stateText(n.state)}
          </strong>{' '}
          — {sayPhrase(n.words, n.detail)}
        </li>
      ))}
    </ul>
  );
}

export function SignalStrip({ signals, compact }: { signals: SignalView[]; compact?: boolean }) {
  return (
    <>
      <ul class={compact ? 'ig-strip ig-compact' : 'ig-strip'} aria-label={t('signalsLabel')}>
        {signals.map((s) => (
          <li
            key={s.id}
            class={`ig-sig ig-${s.state}`}
            title={`${signalLabel(s.id)}: ${stateText(s.state)} — ${sayPhrase(s.words, s.detail)}`}
            data-signal={s.id}
            data-state={s.state}
          >
            <span class="ig-dot" aria-hidden="true">
              {STATE_SYMBOL[s.state]}
            </span>
            <span class="ig-sig-label">{signalLabel(s.id)}</span>
            <span class="ig-sr">: {stateText(s.state)}</span>
            {!compact && (
              <span class="ig-sig-detail">
                {stateText(s.state)} — {sayPhrase(s.words, s.detail)}
              </span>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * Shared look for the overlay, side panel and review page (state colours are never the only cue).
 * The dots keep their colours in both themes (white marks on them); text colours follow the theme.
 */
export const BASE_CSS = `
.ig-strip{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:4px}
.ig-strip.ig-compact{flex-direction:row;flex-wrap:wrap;gap:6px}
.ig-sig{display:flex;align-items:center;gap:6px;font-size:12px}
.ig-dot{width:14px;height:14px;border-radius:50%;flex:none;display:inline-flex;align-items:center;justify-content:center;
  font-size:10px;font-weight:700;line-height:1;color:#fff;background:#9aa0a6}
.ig-no-concerns .ig-dot{background:#1e8e3e}
.ig-inconclusive .ig-dot{background:#b06000}
.ig-concerns .ig-dot{background:#d93025}
.ig-cannot-judge .ig-dot{background:transparent;color:var(--ig-muted,#5f6368);font-size:14px}
.ig-not-measured .ig-dot{background:#dadce0;color:#3c4043}
.ig-headline{margin-bottom:6px}
.ig-headline .ig-line{font-weight:600;margin:0}
.ig-why{font-size:11px;color:var(--ig-soft,#3c4043)}
.ig-next{font-size:11px;color:var(--ig-next,#174ea6);font-weight:600}
.ig-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.ig-notes{list-style:none;margin:4px 0 0;padding:0;font-size:11px;color:var(--ig-soft,#3c4043);display:flex;flex-direction:column;gap:2px;user-select:text}
.ig-sig-detail{color:var(--ig-muted,#5f6368)}
`;
