import { isObj, isStr } from '../validate/guards';

export type QuestionCategory = 'location' | 'time-zone' | 'resume' | 'camera' | 'technical';
export const QUESTION_CATEGORIES: readonly QuestionCategory[] = [
  'location',
  'time-zone',
  'resume',
  'camera',
  'technical',
];

/** The placeholders a question may use, filled from the candidate card. */
export const PLACEHOLDERS = ['city', 'country', 'employer', 'role', 'from', 'to', 'school'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

export interface BankSource {
  id: string;
  title: string;
  publisher: string;
  /** Publication date, ISO (YYYY-MM or YYYY-MM-DD). */
  date: string;
}

export interface BankQuestion {
  id: string;
  category: QuestionCategory;
  /** What to ask, with {placeholders} from the candidate card. */
  text: string;
  /** The second part of a two-part question, asked after the first answer. */
  followUp?: string;
  /** What to listen for — for the interviewer only. */
  lookFor?: string;
  /** Ids of the bank's sources that recommend this kind of question. */
  sources: string[];
}

/** A versioned question bank (docs/question-bank-format.md). */
export interface QuestionBank {
  format: 'interview-guard.questions';
  version: 1;
  id: string;
  title: string;
  /** Date of this revision, ISO. */
  revision: string;
  sources: BankSource[];
  questions: BankQuestion[];
}

/**
 * Topics a question must never touch: protected traits, beliefs, health, family — and emotion or
 * honesty reading. Matched on whole words; a bank with any of them is refused as a whole.
 */
const FORBIDDEN =
  /\b(nationality|citizen(ship)?|ethnic(ity)?|race|racial|religio\w*|church|mosque|temple|pray\w*|politic\w*|vote|voting|party member|born|birthplace|age|how old|pregnan\w*|married|marital|spouse|children|kids|disabilit\w*|illness|health|medical|sexual\w*|gender|accent|native language|mother tongue|nervous\w*|lying|liar|honest\w*|emotion\w*)\b/i;

export type ParsedBank = { ok: true; bank: QuestionBank } | { ok: false; error: string };

/**
 * Checks a bank completely (as text from a file, or a parsed object) before it is used. Errors name
 * the question and the problem, so whoever maintains the bank can fix it.
 */
export function parseQuestionBank(input: string | unknown): ParsedBank {
  const fail = (error: string): ParsedBank => ({ ok: false, error });
  let v: unknown = input;
  if (typeof input === 'string') {
    if (input.length > 1_000_000) return fail('The file is too large to be a question bank.');
    try {
      v = JSON.parse(input);
    } catch {
      return fail('The file is not JSON.');
    }
  }
  if (!isObj(v) || v.format !== 'interview-guard.questions')
    return fail(
      'This is not an Interview Guard question bank (its "format" is not "interview-guard.questions").',
    );
  if (v.version !== 1)
    return fail(`This bank is version ${String(v.version).slice(0, 12)}; this version reads version 1.`);
  if (!isStr(v.id, 64) || !/^[a-z0-9][a-z0-9-]*$/.test(v.id))
    return fail('The bank needs an "id" of lowercase letters, digits and dashes.');
  if (!isStr(v.title, 120) || v.title.trim() === '') return fail('The bank needs a "title".');
  if (!isStr(v.revision, 10) || Number.isNaN(Date.parse(v.revision)))
    return fail('The bank needs a "revision" date.');
  if (!Array.isArray(v.sources) || v.sources.length === 0 || v.sources.length > 50)
    return fail('The bank must cite its sources ("sources": 1 to 50 entries).');
  const sourceIds = new Set<string>();
  for (const [i, s] of v.sources.entries()) {
    if (
      !isObj(s) ||
      !isStr(s.id, 40) ||
      !isStr(s.title, 300) ||
      !isStr(s.publisher, 200) ||
      !isStr(s.date, 10)
    )
      return fail(`Source ${i + 1} needs an id, a title, a publisher and a date.`);
    if (sourceIds.has(s.id)) return fail(`Source id "${s.id}" appears twice.`);
    sourceIds.add(s.id);
  }
  if (!Array.isArray(v.questions) || v.questions.length === 0 || v.questions.length > 500)
    return fail('The bank needs 1 to 500 questions.');
  const ids = new Set<string>();
  for (const [i, q] of v.questions.entries()) {
    const where = `Question ${i + 1}${isObj(q) && isStr(q.id, 64) ? ` ("${q.id}")` : ''}`;
    if (!isObj(q) || !isStr(q.id, 64) || q.id === '') return fail(`${where} needs an "id".`);
    if (ids.has(q.id)) return fail(`${where}: the id appears twice.`);
    ids.add(q.id);
    if (!QUESTION_CATEGORIES.includes(q.category as QuestionCategory))
      return fail(`${where}: "category" must be one of ${QUESTION_CATEGORIES.join(', ')}.`);
    for (const k of ['text', 'followUp', 'lookFor'] as const) {
      const t = q[k];
      if (k === 'text' ? !isStr(t, 400) || t.trim() === '' : t !== undefined && !isStr(t, 400))
        return fail(`${where}: "${k}" must be text of at most 400 characters.`);
      if (typeof t === 'string') {
        const bad = FORBIDDEN.exec(t);
        if (bad)
          return fail(`${where} touches a protected or off-limits topic ("${bad[0]}"); the bank is refused.`);
        for (const m of t.matchAll(/\{(\w+)\}/g))
          if (!(PLACEHOLDERS as readonly string[]).includes(m[1]!))
            return fail(`${where}: unknown placeholder {${m[1]}}.`);
      }
    }
    if (
      !Array.isArray(q.sources) ||
      q.sources.length === 0 ||
      !q.sources.every((s) => isStr(s, 40) && sourceIds.has(s))
    )
      return fail(`${where} must cite at least one of the bank's sources by id.`);
  }
  return { ok: true, bank: v as unknown as QuestionBank };
}
