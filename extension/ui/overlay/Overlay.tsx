import type { ChallengeKind, ChallengeResult } from '../../../src/challenges/Challenge';
import type { QuestionCategory } from '../../../src/prompts/QuestionBank';
import { QUESTION_MARKS, type PromptView, type QuestionMark } from '../../../src/prompts/PromptFlow';
import type { LiveStatus } from '../../../src/status/LiveStatus';
import { headline } from '../../../src/status/headline';
import {
  challengeName,
  HeadlineView,
  markName,
  sayHeadline,
  SignalStrip,
  StripNotes,
} from '../components/StatusView';
import { sayPhrase, t, type MessageKey } from '../../shared/i18n';

export interface OverlayActions {
  onStart(): void;
  onStop(): void;
  /** Copies the candidate notice to the clipboard (and logs that it was given). */
  onNotice(): void;
  /** The candidate agreed to the notice (the interviewer's word, logged). */
  onConsent(): void;
  /** The answer to "is the card kept for the next call this call's candidate?" (true: use it). */
  onCandidate(use: boolean): void;
  /** Pointer down on the drag handle. */
  onDragStart(e: PointerEvent): void;
  /** The card on screen was asked (also Alt+Shift+Y). */
  onPromptAsked(): void;
  /** Skip the card, cancel its challenge, or close its verdict (also Alt+Shift+K). */
  onPromptSkip(): void;
  /** The interviewer's mark for an asked question, a note, and (for the local-time question) the stated time. */
  /** Marks the question on screen without words: notes are typed in the side panel. */
  onPromptMark(mark: QuestionMark): void;
  /** "Check now": a challenge on request. */
  onChallenge(kind: ChallengeKind): void;
  /** The interviewer's word on a challenge waiting for it: were the random phrase's words read? */
  onPromptConfirm(said: boolean): void;
  /** Shows the overlay as one line (true) or in full (false); remembered for the site. */
  onCompact(compact: boolean): void;
}

/**
 * The small on-call overlay: a pure function of the live status. `compact`: one line (the state,
 * frames/s and the one thing to do now) that expands on demand.
 */
export function Overlay({
  status,
  actions,
  compact = false,
}: {
  status: LiveStatus;
  actions: OverlayActions;
  compact?: boolean;
}) {
  const watching = status.phase === 'watching' || status.phase === 'loading';
  const head = (
    <header
      class="ig-head"
      onPointerDown={(e) => {
        // The toggle is a button inside the handle: pressing it must not start a drag.
        if ((e.target as Element).closest('button')) return;
        actions.onDragStart(e as unknown as PointerEvent);
      }}
      title={t('ovDrag')}
    >
      <span class="ig-logo" aria-hidden="true">
        ◆
      </span>
      <strong class="ig-title">{t('extName')}</strong>
      {status.phase === 'watching' && (
        <span class="ig-fps" data-ig="fps">
          {t('ovFps', status.fps.toFixed(0))}
        </span>
      )}
      <button
        type="button"
        class="ig-toggle"
        data-ig="compact-toggle"
        aria-expanded={!compact}
        aria-label={compact ? t('ovExpand') : t('ovCompact')}
        title={compact ? t('ovExpand') : t('ovCompactTitle')}
        onClick={() => actions.onCompact(!compact)}
      >
        {compact ? '+' : '–'}
      </button>
    </header>
  );
  if (compact) return <CompactOverlay status={status} head={head} actions={actions} />;
  return (
    <Shell status={status} compact={false}>
      {head}
      <HeadlineView status={status} part="line" />
      {status.phase === 'loading' && (
        <progress class="ig-progress" max={1} value={status.modelProgress} aria-label={t('ovModelLoading')} />
      )}
      {status.phase === 'watching' && <SignalStrip signals={status.signals} compact />}
      {status.phase === 'watching' && status.candidateCard?.state === 'offered' && (
        <div class="ig-card" data-ig="candidate-offer">
          <div class="ig-card-title">{t('cardTitle')}</div>
          <div class="ig-card-text" data-ig="candidate-offer-summary">
            {status.candidateCard.summary}
          </div>
          <div class="ig-card-sub">{t('ovCardAsk')}</div>
          <div class="ig-actions">
            <button
              type="button"
              data-ig="candidate-use"
              onClick={(e) => e.isTrusted && actions.onCandidate(true)}
            >
              {t('ovCardUse')}
            </button>
            <button
              type="button"
              data-ig="candidate-forget"
              title={t('ovCardForgetTitle')}
              onClick={(e) => e.isTrusted && actions.onCandidate(false)}
            >
              {t('ovCardForget')}
            </button>
          </div>
        </div>
      )}
      {status.phase === 'watching' && status.prompt && (
        <PromptCardView key={status.prompt.card.id} view={status.prompt} actions={actions} />
      )}
      {/* Below the card, so a reason that comes and goes never moves the card's buttons. */}
      <HeadlineView status={status} part="details" />
      {status.phase === 'watching' && (
        <StripNotes signals={status.signals} shownElsewhere={headline(status).reasonRow} />
      )}
      {status.phase === 'watching' && (!status.prompt || status.prompt.phase === 'suggested') && (
        <div class="ig-checks" aria-label={t('ovCheckNow')}>
          <span>{t('ovCheckNow')}:</span>
          {NOW_CHECKS.map(([kind, label]) => (
            <button
              type="button"
              key={kind}
              data-ig={`check-${kind}`}
              title={challengeName(kind)}
              onClick={() => actions.onChallenge(kind)}
            >
              {t(label)}
            </button>
          ))}
        </div>
      )}
      {status.phase === 'watching' && <div class="ig-note">{sayPhrase(status.videoNote)}</div>}
      {status.error && <div class="ig-error">{sayPhrase(status.error)}</div>}
      {status.info && (
        <div class="ig-note" data-ig="info">
          {sayPhrase(status.info)}
        </div>
      )}
      <div class="ig-actions">
        <button type="button" data-ig="notice" onClick={actions.onNotice} title={t('ovCopyNoticeTitle')}>
          {t('ovCopyNotice')}
        </button>
        {status.consent ? (
          <span class="ig-note" data-ig="consent-noted">
            {t('ovAgreed')}
          </span>
        ) : (
          <button
            type="button"
            data-ig="consent"
            onClick={(e) => e.isTrusted && actions.onConsent()}
            title={t('ovConsentTitle')}
          >
            {t('ovConsent')}
          </button>
        )}
        {watching ? (
          <button type="button" data-ig="stop" onClick={actions.onStop}>
            {t('ovStop')}
          </button>
        ) : (
          <button type="button" data-ig="start" onClick={actions.onStart}>
            {t('ovStart')}
          </button>
        )}
      </div>
    </Shell>
  );
}

/**
 * The overlay's box, carrying the phase and the face state for styling and tests. Only the headline
 * is announced to screen readers (a polite live region of its own): the frame rate and timings
 * change every half second and would drown it. The rows under it are held on screen long enough to
 * read (SignalHold), so the headline built from them does not flicker either.
 */
function Shell({
  status,
  compact,
  children,
}: {
  status: LiveStatus;
  compact: boolean;
  children: preact.ComponentChildren;
}) {
  const h = sayHeadline(headline(status));
  return (
    <section
      class={compact ? 'ig-overlay ig-compact-overlay' : 'ig-overlay'}
      data-ig="overlay"
      data-compact={String(compact)}
      aria-label={t('extName')}
      data-phase={status.phase}
      data-face={status.face}
    >
      <div class="ig-sr" role="status" aria-live="polite" aria-atomic="true" data-ig="announce">
        {announcement(h.text)}
      </div>
      {children}
    </section>
  );
}

/** The headline as announced: without the loading percentage, which would be read at every step. */
const announcement = (text: string) => text.replace(/ \d+%$/, '');

/**
 * The overlay in one line under its header: the state, and the one thing to do now (the card on
 * screen, a verdict in, or the headline's next step). Everything else is one click away.
 */
function CompactOverlay({
  status,
  head,
  actions,
}: {
  status: LiveStatus;
  head: preact.JSX.Element;
  actions: OverlayActions;
}) {
  const watching = status.phase === 'watching' || status.phase === 'loading';
  const h = sayHeadline(headline(status));
  const p = status.phase === 'watching' ? status.prompt : null;
  const now = p
    ? p.phase === 'verdict' && p.result
      ? `${challengeName(p.result.kind)}: ${verdictText(p.result.verdict)}`
      : p.card.kind === 'challenge'
        ? t('ovAsk', challengeName(p.card.challenge))
        : t('ovAsk', p.card.text)
    : h.next;
  return (
    <Shell status={status} compact>
      {head}
      <div class="ig-line" data-ig="headline">
        {h.text}
      </div>
      {now && (
        <div class="ig-next ig-one-line" data-ig="compact-now" title={now}>
          {t('ovNow', now)}
        </div>
      )}
      {!watching && (
        <div class="ig-actions">
          <button type="button" data-ig="start" onClick={actions.onStart}>
            {t('ovStart')}
          </button>
        </div>
      )}
    </Shell>
  );
}

/** The challenges the interviewer can ask for at any time, with their short button labels. */
const NOW_CHECKS: [ChallengeKind, MessageKey][] = [
  ['profile-turn', 'ovTurn'],
  ['hand-pass', 'ovHand'],
  ['random-phrase', 'ovPhrase'],
  ['look-up-down', 'ovLook'],
  ['closer-back', 'ovLean'],
];

const VERDICT_KEY = {
  passed: 'verdictPassed',
  failed: 'verdictFailed',
  'not-performed': 'verdictNotPerformed',
  'cannot-judge': 'verdictCannotJudge',
} as const satisfies Record<string, MessageKey>;
const verdictText = (v: keyof typeof VERDICT_KEY) => t(VERDICT_KEY[v]);

const CATEGORY_KEY = {
  location: 'catLocation',
  'time-zone': 'catTimeZone',
  resume: 'catResume',
  camera: 'catCamera',
  technical: 'catTechnical',
} as const satisfies Record<QuestionCategory, MessageKey>;

/** A verdict's reasons in the interface's language. */
const reasonsOf = (r: ChallengeResult): string[] =>
  r.reasonWords ? r.reasonWords.map((w) => sayPhrase(w)) : r.reasons;

/** The verification card: what to ask, then marks (questions) or the machine's verdict (challenges). */
export function PromptCardView({ view, actions }: { view: PromptView; actions: OverlayActions }) {
  const c = view.card;
  const title =
    c.kind === 'challenge'
      ? t('ovChallenge', challengeName(c.challenge))
      : t('ovQuestion', t(CATEGORY_KEY[c.category]));
  return (
    <div class="ig-card" data-ig="prompt" data-phase={view.phase} data-kind={c.kind}>
      <div class="ig-card-title">{title}</div>
      <div class="ig-card-text" data-ig="prompt-text">
        {c.kind === 'challenge' ? sayPhrase(c.words?.text, c.text) : c.text}
      </div>
      {c.kind === 'question' && c.followUp && view.phase !== 'suggested' && (
        <div class="ig-card-sub">{t('ovThen', c.followUp)}</div>
      )}
      {c.kind === 'question' && c.lookFor && <div class="ig-card-sub">{t('ovListenFor', c.lookFor)}</div>}
      {view.phase === 'suggested' && (
        <>
          <div class="ig-card-why">{sayPhrase(c.words?.why, c.why)}</div>
          <div class="ig-actions">
            <button type="button" data-ig="prompt-asked" onClick={actions.onPromptAsked} title="Alt+Shift+Y">
              {t('ovAsked')}
            </button>
            <button type="button" data-ig="prompt-skip" onClick={actions.onPromptSkip} title="Alt+Shift+K">
              {t('ovSkip')}
            </button>
          </div>
        </>
      )}
      {view.phase === 'asked' && c.kind === 'challenge' && (
        <>
          <div class="ig-card-sub" data-ig="prompt-watching">
            {t('ovWatchingResponse', Math.round(((view.deadlineMs ?? 0) - (view.askedAtMs ?? 0)) / 1000))}
          </div>
          <div class="ig-actions">
            <button type="button" data-ig="prompt-skip" onClick={actions.onPromptSkip}>
              {t('ovCancel')}
            </button>
          </div>
        </>
      )}
      {view.phase === 'asked' && c.kind === 'question' && (
        <>
          <div class="ig-card-sub" data-ig="prompt-note-hint">
            {c.questionId === 'tz-now' ? t('ovTimeHint') : t('ovNotesHint')}
          </div>
          <div class="ig-actions ig-wrap">
            {QUESTION_MARKS.map((m) => (
              <button type="button" key={m} data-ig={`mark-${m}`} onClick={() => actions.onPromptMark(m)}>
                {markName(m)}
              </button>
            ))}
          </div>
        </>
      )}
      {view.phase === 'confirm' && view.result && (
        <>
          <div class="ig-card-sub" data-ig="prompt-checked">
            {t('ovChecked', reasonsOf(view.result).join('; '))}
          </div>
          <div class="ig-card-text" data-ig="prompt-confirm-question">
            {t('ovReadWords', c.kind === 'challenge' && c.phrase ? ` — “${c.phrase.join(' ')}”` : '')}
          </div>
          <div class="ig-actions">
            <button type="button" data-ig="prompt-confirm-yes" onClick={() => actions.onPromptConfirm(true)}>
              {t('ovYesWords')}
            </button>
            <button type="button" data-ig="prompt-confirm-no" onClick={() => actions.onPromptConfirm(false)}>
              {t('ovNo')}
            </button>
          </div>
        </>
      )}
      {view.phase === 'verdict' && view.result && (
        <>
          <div class={`ig-verdict ig-v-${view.result.verdict}`} data-ig="prompt-verdict">
            {verdictText(view.result.verdict)}
          </div>
          <ul class="ig-reasons">
            {reasonsOf(view.result).map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
          <div class="ig-actions">
            <button type="button" data-ig="prompt-skip" onClick={actions.onPromptSkip}>
              {t('ovNext')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}

/**
 * The overlay's look, in its closed shadow root. Colours are custom properties on the overlay, with a
 * dark set when the system asks for it (the call page's own theme does not reach in here).
 */
export const OVERLAY_CSS = `
:host{all:initial}
.ig-overlay{color-scheme:light dark;
  --ig-bg:rgba(255,255,255,.96);--ig-fg:#202124;--ig-muted:#5f6368;--ig-soft:#3c4043;--ig-line:#dadce0;
  --ig-surface:#fff;--ig-card:#f1f3f4;--ig-accent:#1a73e8;--ig-next:#174ea6;--ig-good:#137333;--ig-bad:#b3261e}
@media (prefers-color-scheme: dark){.ig-overlay{
  --ig-bg:rgba(32,33,36,.96);--ig-fg:#e8eaed;--ig-muted:#9aa0a6;--ig-soft:#bdc1c6;--ig-line:#5f6368;
  --ig-surface:#3c4043;--ig-card:#303134;--ig-accent:#8ab4f8;--ig-next:#8ab4f8;--ig-good:#81c995;--ig-bad:#f28b82}}
.ig-overlay{position:fixed;z-index:2147483647;width:272px;box-sizing:border-box;padding:8px 10px;border-radius:10px;
  background:var(--ig-bg);color:var(--ig-fg);font:13px/1.35 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
  box-shadow:0 2px 10px rgba(0,0,0,.3);user-select:none}
.ig-head{display:flex;align-items:center;gap:6px;cursor:grab;margin-bottom:4px}
.ig-logo{color:var(--ig-accent)}
.ig-title{flex:1;font-size:12px}
.ig-fps{font-size:11px;color:var(--ig-muted);font-variant-numeric:tabular-nums}
.ig-progress{width:100%;height:6px}
.ig-note{font-size:11px;color:var(--ig-muted);margin-top:6px}
.ig-error{font-size:12px;color:var(--ig-bad);margin-top:6px}
.ig-actions{margin-top:8px;display:flex;gap:6px}
.ig-actions button{font:inherit;font-size:12px;padding:3px 10px;border-radius:6px;border:1px solid var(--ig-line);background:var(--ig-surface);color:var(--ig-fg);cursor:pointer}
.ig-actions button:focus-visible{outline:2px solid var(--ig-accent)}
.ig-wrap{flex-wrap:wrap}
.ig-checks{display:flex;flex-wrap:wrap;align-items:center;gap:4px;margin-top:6px;font-size:11px;color:var(--ig-muted)}
.ig-checks button{font:inherit;font-size:11px;padding:1px 7px;border-radius:6px;border:1px solid var(--ig-line);background:var(--ig-surface);color:var(--ig-fg);cursor:pointer}
.ig-card{margin-top:8px;padding:6px 8px;border-radius:8px;background:var(--ig-card);user-select:text}
.ig-card-title{font-size:11px;color:var(--ig-muted);text-transform:uppercase;letter-spacing:.02em}
.ig-card-text{font-weight:600;margin:2px 0}
.ig-card-sub,.ig-card-why{font-size:11px;color:var(--ig-soft);margin-top:3px}
.ig-card-why{color:var(--ig-muted)}
.ig-verdict{font-weight:700;margin-top:4px}
.ig-v-passed{color:var(--ig-good)}.ig-v-failed{color:var(--ig-bad)}.ig-v-not-performed,.ig-v-cannot-judge{color:var(--ig-muted)}
.ig-reasons{margin:2px 0 0;padding-left:16px;font-size:11px}
.ig-toggle{font:inherit;font-size:13px;line-height:1;width:20px;height:20px;padding:0;border-radius:5px;
  border:1px solid var(--ig-line);background:var(--ig-surface);color:var(--ig-fg);cursor:pointer}
.ig-toggle:focus-visible{outline:2px solid var(--ig-accent)}
.ig-compact-overlay{width:236px}
.ig-compact-overlay .ig-line{font-weight:600;font-size:12px}
.ig-one-line{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
`;
