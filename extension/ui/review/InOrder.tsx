import { challengeName } from '../components/StatusView';
import { sayPhrase, t } from '../../shared/i18n';
import { callOutcomes, type CallOutcome } from '../../../src/session/callOutcomes';
import type { SessionEvent } from '../../../src/session/SessionRecord';
import { signalName } from './signalLabels';

/** A row's mark: a flag is a flag (not a failure); a challenge passed or failed; the rest a dot. */
const mark = (o: CallOutcome) =>
  o.kind === 'flag' ? '⚑' : o.tone === 'passed' ? '✓' : o.tone === 'doubt' ? '✕' : '•';

/** What a row is, in a few words: "Flag · Lip-sync", "Challenge · Profile turn", "Question". */
function kindText(o: CallOutcome): string {
  if (o.kind === 'flag') return t('ioFlag', signalName(o.what));
  if (o.kind === 'challenge') return t('ioChallenge', challengeName(o.what));
  return t('ioQuestion');
}

/**
 * The top of a session's review: every flag, challenge verdict and question mark in time order, each
 * flag with what came after it (cleared, withdrawn, the checks that bear on it). Details follow below.
 */
export function InOrder({ events }: { events: SessionEvent[] }) {
  const rows = callOutcomes(events);
  return (
    <section data-ig="in-order">
      <h2>{t('ioTitle')}</h2>
      {rows.length === 0 ? (
        <p>{t('ioNothing')}</p>
      ) : (
        <table>
          <tbody>
            {rows.map((o, i) => (
              <tr key={i} data-kind={o.kind} data-tone={o.tone}>
                <td>{Math.round(o.tMs / 1000)} s</td>
                <td class={`tone-${o.tone}`}>
                  <span aria-hidden="true">{mark(o)}</span> {kindText(o)}
                </td>
                <td>
                  {typeof o.words.detail === 'object' ? sayPhrase(o.words.detail) : o.detail}
                  {o.words.later && (
                    <div class="muted" data-ig="later">
                      {t('ioAfterwards', sayPhrase(o.words.later))}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
