/**
 * A sentence as data, so the person who reads it gets it in their language, however long after it
 * was written (the session log keeps phrases, not just English). `en` is the English template, with
 * `{0}`, `{1}`… where its values go; it is also the key a translation is found by (as gettext's msgid
 * is), so the English stays readable where the sentence is made. Values are text, numbers or other
 * phrases (a reason inside a reason).
 */
export interface Phrase {
  en: string;
  args: PhraseArg[];
}
export type PhraseArg = string | number | Phrase;

/** A translation: English template → the same sentence in another language, with the same `{n}`. */
export type Catalogue = Readonly<Record<string, string>>;

/** say`audio leads video by ${ms} ms` → the phrase, with `ms` as its value {0}. */
export function say(strings: TemplateStringsArray, ...args: PhraseArg[]): Phrase {
  let en = strings[0]!;
  for (let i = 0; i < args.length; i++) en += `{${i}}${strings[i + 1]!}`;
  // A number that is not one (a face never seen) reads as a dash, and stays valid data.
  return { en, args: args.map((a) => (typeof a === 'number' && !Number.isFinite(a) ? '–' : a)) };
}

/** A phrase with a fixed English text and no values. */
export const words = (en: string): Phrase => ({ en, args: [] });

/** A phrase and its English, for results that keep both (the English for logs, tests and tools). */
export function said(p: Phrase): { reason: string; words: Phrase } {
  return { reason: english(p), words: p };
}

/** The phrase in English. */
export const english = (p: Phrase): string => render(p, null);

/** Several phrases in a row, joined by `sep` (English "; " by default). */
export function joined(parts: readonly PhraseArg[], sep = '; '): Phrase {
  if (parts.length === 1 && typeof parts[0] === 'object') return parts[0];
  return { en: parts.map((_, i) => `{${i}}`).join(sep), args: [...parts] };
}

/**
 * The phrase in the catalogue's language (English where the catalogue lacks it, or with none), its
 * numbers written for `locale` (a decimal comma in German, also in numbers given as text).
 */
export function render(p: Phrase, catalogue: Catalogue | null, locale?: string): string {
  const template = (catalogue && catalogue[p.en]) || p.en;
  return template.replace(/\{(\d+)\}/g, (whole, i: string) => {
    const a = p.args[Number(i)];
    if (a === undefined) return whole;
    if (typeof a === 'object') return render(a, catalogue, locale);
    if (typeof a === 'number') return locale ? a.toLocaleString(locale) : String(a);
    return locale && /^[-+−]?\d+\.\d+$/.test(a) ? localDecimal(a, locale) : a;
  });
}

function localDecimal(text: string, locale: string): string {
  const sep = (1.5).toLocaleString(locale).charAt(1);
  return text.replace('.', sep);
}

/**
 * Whether `x` is a phrase as this module makes them (for data from the log or another context): its
 * templates and texts of bounded length, its numbers finite, at most `maxParts` phrases in all (a
 * verdict's reasons nest a handful deep; a hostile message cannot make the check run long).
 */
export function isPhrase(x: unknown, maxParts = 200): x is Phrase {
  let budget = maxParts;
  const ok = (v: unknown): boolean => {
    if (--budget < 0 || typeof v !== 'object' || v === null) return false;
    const p = v as Partial<Phrase>;
    return (
      typeof p.en === 'string' &&
      p.en.length <= 1000 &&
      Array.isArray(p.args) &&
      p.args.length <= 20 &&
      p.args.every(
        (a) =>
          (typeof a === 'string' && a.length <= 2000) ||
          (typeof a === 'number' && Number.isFinite(a)) ||
          ok(a),
      )
    );
  };
  return ok(x);
}

/** `p`, and "; `note`" after it when there is a note. */
export const withNote = (p: Phrase, note: Phrase | null): Phrase => (note ? say`${p}; ${note}` : p);

/** "Lip-sync: audio leads…": a signal's or challenge's name and what it says (see `withoutName`). */
export const named = (name: PhraseArg, what: PhraseArg): Phrase => ({ en: '{0}: {1}', args: [name, what] });

/** What a `named` phrase says without its name (for a view that shows the name already); others as they are. */
export const withoutName = (p: Phrase): PhraseArg => (p.en === '{0}: {1}' ? p.args[1]! : p);

/** A text said as it is, in whatever language it was written (a bank's question, a person's note). */
export const verbatim = (text: string): Phrase => ({ en: '{0}', args: [text] });

/** Words a field may hold: plain English (from where no phrase is made) or a phrase. */
export type Said = string | Phrase;

/** `s` in English. */
export const saidEnglish = (s: Said): string => (typeof s === 'string' ? s : english(s));

/** Whether `x` is plain text of at most `max` characters or a phrase. */
export const isSaid = (x: unknown, max: number): x is Said =>
  (typeof x === 'string' && x.length <= max) || isPhrase(x);

/** An error whose message is a phrase: the interface says it in its language (`message` is English). */
export class SaidError extends Error {
  constructor(readonly words: Phrase) {
    super(english(words));
    this.name = 'SaidError';
  }
}

/** What an error says, as a phrase's value: its phrase when it has one, else its message. */
export const errorWords = (e: unknown): PhraseArg =>
  e instanceof SaidError ? e.words : e instanceof Error ? e.message : String(e);
