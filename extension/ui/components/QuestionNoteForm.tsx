import { useState } from 'preact/hooks';
import { errorText, t } from '../../shared/i18n';
import { markName } from './StatusView';
import { QUESTION_MARKS, type PromptView, type QuestionMark } from '../../../src/prompts/PromptFlow';
import { NOTE_MAX_CHARS } from '../../shared/protocol';

/**
 * The question on the call's card, with a note (and, for the time-zone question, the time the
 * candidate said) and its marks. It lives in the side panel, an extension page: what is typed here
 * never passes through the call page, whose scripts see every keystroke typed into the overlay.
 */
export function QuestionNoteForm({
  prompt,
  onMark,
}: {
  prompt: PromptView | null;
  /** Sends the mark; rejects with the reason in words. */
  onMark(mark: QuestionMark, note: string, statedTime: string): Promise<void>;
}) {
  const [note, setNote] = useState('');
  const [stated, setStated] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!prompt || prompt.card.kind !== 'question' || prompt.phase !== 'asked') return null;
  const c = prompt.card;
  return (
    <div class="card" data-ig="question-note">
      <p style="margin:0 0 4px;font-weight:600">{t('qnTitle')}</p>
      <p style="margin:0 0 6px">{c.text}</p>
      {c.questionId === 'tz-now' && (
        <label>
          {t('qnTime')}{' '}
          <input
            data-ig="note-time"
            placeholder={t('qnTimePlaceholder')}
            maxLength={40}
            value={stated}
            onInput={(e) => setStated(e.currentTarget.value)}
          />
        </label>
      )}
      <textarea
        data-ig="note-text"
        placeholder={t('qnNote')}
        maxLength={NOTE_MAX_CHARS}
        rows={3}
        style="width:100%;box-sizing:border-box"
        value={note}
        onInput={(e) => setNote(e.currentTarget.value)}
      />
      <div>
        {QUESTION_MARKS.map((m) => (
          <button
            type="button"
            key={m}
            data-ig={`note-mark-${m}`}
            onClick={() => {
              setError(null);
              onMark(m, note, stated).then(
                () => (setNote(''), setStated('')),
                (e: unknown) => setError(errorText(e)),
              );
            }}
          >
            {markName(m)}
          </button>
        ))}
      </div>
      {error && (
        <p class="error" role="alert" data-ig="note-error">
          {error}
        </p>
      )}
    </div>
  );
}
