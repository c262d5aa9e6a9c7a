/** Where the prompt settings live in storage.local, and the bank shipped with the extension. */
import defaultBank from '../../src/prompts/defaultBank.json';
import { parseQuestionBank, type QuestionBank } from '../../src/prompts/QuestionBank';

/** The candidate card for the current or next call (filled in the side panel). */
export const CANDIDATE_KEY = 'candidateCard';
/** An imported question bank; absent means the default. */
export const BANK_KEY = 'questionBank';
/** Evidence snapshots at flagged moments: true only when the user turned them on. */
export const SNAPSHOTS_KEY = 'evidenceSnapshots';

const parsed = parseQuestionBank(defaultBank);
if (!parsed.ok) throw new Error(`the default question bank is broken: ${parsed.error}`);
export const DEFAULT_BANK: QuestionBank = parsed.bank;
