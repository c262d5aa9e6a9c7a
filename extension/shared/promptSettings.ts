/** Where the prompt settings live in storage.local, and the bank shipped with the extension. */
import defaultBank from '../../src/prompts/defaultBank.json';
import defaultBankDe from '../../src/prompts/defaultBank.de.json';
import { parseQuestionBank, type QuestionBank } from '../../src/prompts/QuestionBank';
import { say, SaidError, type Phrase } from '../../src/text/Phrase';

/** An imported question bank; absent means the default. */
export const BANK_KEY = 'questionBank';
/** Evidence snapshots at flagged moments: true only when the user turned them on. */
export const SNAPSHOTS_KEY = 'evidenceSnapshots';

function shipped(raw: unknown): QuestionBank {
  const parsed = parseQuestionBank(raw);
  if (!parsed.ok) throw new Error(`a default question bank is broken: ${parsed.error}`);
  return parsed.bank;
}
/** The default bank in English, and the same questions in the other languages the extension speaks. */
export const DEFAULT_BANK: QuestionBank = shipped(defaultBank);
const DEFAULT_BANKS: Readonly<Record<string, QuestionBank>> = { de: shipped(defaultBankDe) };

/** The default bank for the interface's language (`uiLocale()`: undefined for English). */
export function defaultBankFor(locale: string | undefined): QuestionBank {
  return (locale && DEFAULT_BANKS[locale.split('-')[0]!.toLowerCase()]) || DEFAULT_BANK;
}

/** Whether `bank` is one of the shipped defaults (in any language). */
export const isDefaultBank = (bank: QuestionBank): boolean =>
  bank.id === DEFAULT_BANK.id || Object.values(DEFAULT_BANKS).some((b) => b.id === bank.id);

/** The few storage calls the bank import needs (storage.local in the extension; a map in tests). */
export interface SettingsStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
}

/**
 * Imports a question bank from a file's text. The whole bank is checked first; a broken one is
 * refused with its reason and the bank in use (imported or default) stays exactly as it was.
 */
export async function importQuestionBank(store: SettingsStore, text: string): Promise<QuestionBank> {
  const p = parseQuestionBank(text);
  if (!p.ok)
    throw new SaidError(say`The question bank was not imported (the current one stays in use): ${p.words}`);
  await store.set(BANK_KEY, p.bank);
  return p.bank;
}

/**
 * The bank in use: the imported one if it is (still) valid, else the default in the interface's
 * language (`locale`, as uiLocale() gives it), with the reason why not.
 */
export async function currentQuestionBank(
  store: SettingsStore,
  locale?: string,
): Promise<{ bank: QuestionBank; problem: Phrase | null }> {
  const fallback = defaultBankFor(locale);
  const raw = await store.get<unknown>(BANK_KEY);
  if (raw === undefined) return { bank: fallback, problem: null };
  const p = parseQuestionBank(raw);
  return p.ok
    ? { bank: p.bank, problem: null }
    : { bank: fallback, problem: say`The saved question bank was not used (the default is): ${p.words}` };
}
