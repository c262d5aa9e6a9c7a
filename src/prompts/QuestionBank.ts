import { english, say, words, type Phrase } from '../text/Phrase';
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
 * honesty reading. Matched on whole words, in English and in German (the languages the extension
 * speaks); a bank with any of them is refused as a whole.
 */
const FORBIDDEN =
  /\b(nationality|citizen(ship)?|ethnic(ity)?|race|racial|religio\w*|church|mosque|temple|pray\w*|politic\w*|vote|voting|party member|born|birthplace|age|how old|pregnan\w*|married|marital|spouse|children|kids|disabilit\w*|illness|health|medical|sexual\w*|gender|accent|native language|mother tongue|nervous\w*|lying|liar|honest\w*|emotion\w*)\b/i;
const FORBIDDEN_DE =
  /(?<![\p{L}\p{N}])(nationalität|staatsangehörigkeit|staatsbürger\p{L}*|ethnisch\p{L}*|ethnie|herkunft|rasse|religi\p{L}*|glaube\p{L}*|kirche|moschee|tempel|synagoge|bete\p{L}*|gebet\p{L}*|politi\p{L}*|wählen|wahl|partei\p{L}*|geboren|geburtsort|alter|wie alt|jahrgang|schwanger\p{L}*|verheiratet|familienstand|ehe|ehemann|ehefrau|ehepartner\p{L}*|kinder\p{L}*|behinderung\p{L}*|krankheit\p{L}*|krank|gesundheit\p{L}*|medizin\p{L}*|sexu\p{L}*|geschlecht|akzent|muttersprache|nervös|nervosität|lüge\p{L}*|lügen|ehrlich\p{L}*|emotion\p{L}*|gefühl\p{L}*)(?![\p{L}\p{N}])/iu;

/** A checked bank, or why not (in English, and as data). */
export type ParsedBank = { ok: true; bank: QuestionBank } | { ok: false; error: string; words: Phrase };

/**
 * Checks a bank completely (as text from a file, or a parsed object) before it is used. Errors name
 * the question and the problem, so whoever maintains the bank can fix it.
 */
export function parseQuestionBank(input: string | unknown): ParsedBank {
  const fail = (w: Phrase): ParsedBank => ({ ok: false, error: english(w), words: w });
  let v: unknown = input;
  if (typeof input === 'string') {
    if (input.length > 1_000_000) return fail(words('The file is too large to be a question bank.'));
    try {
      v = JSON.parse(input);
    } catch {
      return fail(words('The file is not JSON.'));
    }
  }
  if (!isObj(v) || v.format !== 'interview-guard.questions')
    return fail(
      words(
        'This is not an Interview Guard question bank (its "format" is not "interview-guard.questions").',
      ),
    );
  if (v.version !== 1)
    return fail(say`This bank is version ${String(v.version).slice(0, 12)}; this version reads version 1.`);
  if (!isStr(v.id, 64) || !/^[a-z0-9][a-z0-9-]*$/.test(v.id))
    return fail(words('The bank needs an "id" of lowercase letters, digits and dashes.'));
  if (!isStr(v.title, 120) || v.title.trim() === '') return fail(words('The bank needs a "title".'));
  if (!isStr(v.revision, 10) || Number.isNaN(Date.parse(v.revision)))
    return fail(words('The bank needs a "revision" date.'));
  if (!Array.isArray(v.sources) || v.sources.length === 0 || v.sources.length > 50)
    return fail(words('The bank must cite its sources ("sources": 1 to 50 entries).'));
  const sourceIds = new Set<string>();
  for (const [i, s] of v.sources.entries()) {
    if (
      !isObj(s) ||
      !isStr(s.id, 40) ||
      !isStr(s.title, 300) ||
      !isStr(s.publisher, 200) ||
      !isStr(s.date, 10)
    )
      return fail(say`Source ${i + 1} needs an id, a title, a publisher and a date.`);
    if (sourceIds.has(s.id)) return fail(say`Source id "${s.id}" appears twice.`);
    sourceIds.add(s.id);
  }
  if (!Array.isArray(v.questions) || v.questions.length === 0 || v.questions.length > 500)
    return fail(words('The bank needs 1 to 500 questions.'));
  const ids = new Set<string>();
  for (const [i, q] of v.questions.entries()) {
    const where = isObj(q) && isStr(q.id, 64) ? say`Question ${i + 1} ("${q.id}")` : say`Question ${i + 1}`;
    if (!isObj(q) || !isStr(q.id, 64) || q.id === '') return fail(say`${where} needs an "id".`);
    if (ids.has(q.id)) return fail(say`${where}: the id appears twice.`);
    ids.add(q.id);
    if (!QUESTION_CATEGORIES.includes(q.category as QuestionCategory))
      return fail(say`${where}: "category" must be one of ${QUESTION_CATEGORIES.join(', ')}.`);
    for (const k of ['text', 'followUp', 'lookFor'] as const) {
      const t = q[k];
      if (k === 'text' ? !isStr(t, 400) || t.trim() === '' : t !== undefined && !isStr(t, 400))
        return fail(say`${where}: "${k}" must be text of at most 400 characters.`);
      if (typeof t === 'string') {
        const bad = FORBIDDEN.exec(t) ?? FORBIDDEN_DE.exec(t);
        if (bad)
          return fail(
            say`${where} touches a protected or off-limits topic ("${bad[0]}"); the bank is refused.`,
          );
        for (const m of t.matchAll(/\{(\w+)\}/g))
          if (!(PLACEHOLDERS as readonly string[]).includes(m[1]!))
            return fail(say`${where}: unknown placeholder {${m[1]!}}.`);
      }
    }
    if (
      !Array.isArray(q.sources) ||
      q.sources.length === 0 ||
      !q.sources.every((s) => isStr(s, 40) && sourceIds.has(s))
    )
      return fail(say`${where} must cite at least one of the bank's sources by id.`);
  }
  return { ok: true, bank: v as unknown as QuestionBank };
}
