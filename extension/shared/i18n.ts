/**
 * Interface strings through the extension's i18n messages (public/_locales/<lang>/messages.json), in
 * the browser's language, English where a locale has no such message. Keys are typed from the
 * English file, so a string used here without an English message does not compile.
 */
import en from '../../public/_locales/en/messages.json';
import { localeMessage } from './browserApi';

export type MessageKey = keyof typeof en;

interface Message {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

/** English with its $NAME$ placeholders filled from `subs` (the fallback, and what runs where no extension API does). */
function english(key: MessageKey, subs: string[]): string {
  const m = en[key] as Message;
  return m.message.replace(/\$(\w+)\$/g, (whole, name: string) => {
    const content = m.placeholders?.[name.toLowerCase()]?.content;
    const i = content ? Number(content.slice(1)) : NaN;
    return Number.isInteger(i) ? (subs[i - 1] ?? '') : whole;
  });
}

/** The interface string `key` in the browser's language, `subs` put in for $1…$9. */
export function t(key: MessageKey, ...subs: (string | number)[]): string {
  const s = subs.map(String);
  try {
    return localeMessage(key, s) || english(key, s);
  } catch {
    return english(key, s);
  }
}

/**
 * The locale for dates and times: a translation's own tag (its `localeTag` message), so German words
 * come with German dates; with the English messages, which stand in for every language without a
 * file, the browser's own locale (undefined), so a British or French user keeps their date format.
 * (Chromium can report another UI language than the one it chose the messages by, as with --lang.)
 */
export function uiLocale(): string | undefined {
  try {
    const tag = localeMessage('localeTag', []);
    return tag && tag !== 'en' ? tag : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `key` names a message of the locale files (core data may name one the files lack). */
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(en, key);
