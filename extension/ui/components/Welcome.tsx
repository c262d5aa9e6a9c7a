import { t } from '../../shared/i18n';
import { STATE_SYMBOL } from './StatusView';

/**
 * The side panel's first-run welcome: what the tool does, what its states mean, what it never does,
 * and the notice to give. Shown until dismissed; "What do the states mean?" opens it again.
 */
export function Welcome({ onDone }: { onDone(): void }) {
  return (
    <section class="card" data-ig="welcome" aria-labelledby="ig-welcome-title">
      <h2 id="ig-welcome-title" style="margin-top:0">
        {t('welcomeTitle')}
      </h2>
      <p>{t('welcomeIntro')}</p>
      <ul class="ig-welcome-states">
        <li>
          <strong>
            {STATE_SYMBOL['no-concerns']} {t('stateNoConcerns')}
          </strong>{' '}
          {t('welcomeNoConcerns')}
        </li>
        <li>
          <strong>
            {STATE_SYMBOL.inconclusive} {t('stateInconclusive')}
          </strong>{' '}
          {t('welcomeInconclusive')}
        </li>
        <li>
          <strong>
            {STATE_SYMBOL.concerns} {t('stateConcerns')}
          </strong>{' '}
          {t('welcomeConcerns')}
        </li>
        <li>
          <strong>
            {STATE_SYMBOL['cannot-judge']} {t('stateCannotJudge')}
          </strong>{' '}
          {t('welcomeCannotJudge')}
        </li>
      </ul>
      <p class="muted">{t('welcomeNever')}</p>
      <button type="button" class="primary" data-ig="welcome-done" onClick={onDone}>
        {t('welcomeDone')}
      </button>
    </section>
  );
}
