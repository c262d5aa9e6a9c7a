/** Where the prompt settings live in storage.local, and the bank shipped with the extension. */
import defaultBank from '../../src/prompts/defaultBank.json';
import { parseQuestionBank, type QuestionBank } from '../../src/prompts/QuestionBank';

/** An imported question bank; absent means the default. */
export const BANK_KEY = 'questionBank';
/** Evidence snapshots at flagged moments: true only when the user turned them on. */
export const SNAPSHOTS_KEY = 'evidenceSnapshots';

const parsed = parseQuestionBank(defaultBank);
if (!parsed.ok) throw new Error(`the default question bank is broken: ${parsed.error}`);
export const DEFAULT_BANK: QuestionBank = parsed.bank;

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
  if (!p.ok) throw new Error(`The question bank was not imported (the current one stays in use): ${p.error}`);
  await store.set(BANK_KEY, p.bank);
  return p.bank;
}

/** The bank in use: the imported one if it is (still) valid, else the default, with the reason why not. */
export async function currentQuestionBank(
  store: SettingsStore,
): Promise<{ bank: QuestionBank; problem: string | null }> {
  const raw = await store.get<unknown>(BANK_KEY);
  if (raw === undefined) return { bank: DEFAULT_BANK, problem: null };
  const p = parseQuestionBank(raw);
  return p.ok
    ? { bank: p.bank, problem: null }
    : { bank: DEFAULT_BANK, problem: `The saved question bank was not used (the default is): ${p.error}` };
}
