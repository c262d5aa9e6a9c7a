import { sayPhrase } from '../../shared/i18n';
import { EVENT_TYPE_WORDS } from '../../../src/session/SessionEvent';
import type { SessionEvent } from '../../../src/session/SessionRecord';
import { withoutName } from '../../../src/text/Phrase';

/** What an event says, in the interface's language (its English `detail` for logs without words). */
export const eventText = (e: SessionEvent): string => sayPhrase(e.words, e.detail);

/**
 * What an event says without the name of its signal, challenge or mark, for a row that shows the name
 * already ("Lip-sync: audio leads…" → "audio leads…"). `label`: that name in English, for logs
 * written before events carried words.
 */
export function eventBody(e: SessionEvent, label: string | undefined): string {
  if (e.words) {
    const body = withoutName(e.words);
    return typeof body === 'object' ? sayPhrase(body) : String(body);
  }
  return label && e.detail.startsWith(`${label}: `) ? e.detail.slice(label.length + 2) : e.detail;
}

/** What kind of event it is, in words ("Flag raised"); an unknown type as it is. */
export const eventTypeText = (type: string): string =>
  type in EVENT_TYPE_WORDS ? sayPhrase(EVENT_TYPE_WORDS[type as SessionEvent['type']]) : type;
