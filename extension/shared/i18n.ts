/**
 * Interface strings through the extension's i18n messages (public/_locales/<lang>/messages.json), in
 * the browser's language, English where a locale has no such message. Keys are typed from the
 * English file, so a string used here without an English message does not compile.
 */
import en from '../../public/_locales/en/messages.json';
import { localeMessage } from './browserApi';
import deSentences from '../../src/text/sentences.de.json';
import { errorWords, render, type Catalogue, type Said } from '../../src/text/Phrase';

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

const CATALOGUES: Record<string, Catalogue> = { de: deSentences };

/**
 * A sentence the core gave as data (src/text/Phrase), in the interface's language (plain text as it is): from the core's
 * catalogue for that language (src/text/sentences.<lang>.json), English where it has none;
 * `fallback` (English) when there is no phrase (an older log, another context's plain text).
 */
export function sayPhrase(p: Said | null | undefined, fallback = ''): string {
  if (!p) return fallback;
  if (typeof p === 'string') return p;
  const locale = uiLocale();
  const catalogue = locale ? (CATALOGUES[locale.split('-')[0]!] ?? null) : null;
  return render(p, catalogue, locale);
}

/** An error in words, in the interface's language when it was given as a phrase (SaidError). */
export const errorText = (e: unknown): string => {
  const w = errorWords(e);
  return typeof w === 'object' ? sayPhrase(w) : String(w);
};
