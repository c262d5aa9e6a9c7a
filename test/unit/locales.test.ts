import { readFileSync } from 'node:fs';
import { coreSentences, sentencesOf } from './helpers/coreSentences';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

type Catalog = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const catalog = (lang: string) =>
  JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8')) as Catalog;
const en = catalog('en');
const de = catalog('de');

/** The views whose every string goes through the locale files (the rest still say English only). */
const TRANSLATED_VIEWS = [
  'extension/ui/components/Welcome.tsx',
  'extension/ui/components/CandidateCardForm.tsx',
  'extension/ui/sidepanel/main.tsx',
  'extension/ui/popup/main.tsx',
  'extension/ui/overlay/Overlay.tsx',
  'extension/ui/components/LiveView.tsx',
  'extension/ui/components/StatusView.tsx',
  'extension/ui/components/QuestionNoteForm.tsx',
  'extension/ui/review/SignalBands.tsx',
  'extension/ui/review/InOrder.tsx',
  'extension/ui/review/ReviewViews.tsx',
  'extension/ui/review/PrivacyViews.tsx',
  'extension/ui/review/main.tsx',
];

/** Words a person reads or hears, written into a TSX file instead of taken from the locale files. */
function visibleEnglish(file: string, code: string): string[] {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const text: string[] = [];
  const attrs: string[] = [];
  const visit = (n: ts.Node): void => {
    // JSX text with two letters or more in a row: words a person reads.
    if (ts.isJsxText(n) && /[A-Za-z]{2,}/.test(n.text)) text.push(n.text.trim());
    // Labels a person reads or hears, given as a plain string.
    if (
      ts.isJsxAttribute(n) &&
      ['title', 'placeholder', 'aria-label', 'alt'].includes(n.name.getText(source)) &&
      n.initializer &&
      ts.isStringLiteral(n.initializer) &&
      /[A-Za-z]{2,}/.test(n.initializer.text) &&
      // A keyboard shortcut is the same in every language.
      !/^(Alt|Shift|Ctrl|Meta)(\+\w+)+$/.test(n.initializer.text)
    )
      attrs.push(`${n.name.getText(source)}="${n.initializer.text}"`);
    ts.forEachChild(n, visit);
  };
  visit(source);
  return [...text, ...attrs];
}

const placeholders = (x: string) => [...x.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort();

describe('the locale files', () => {
  it('German has every English message, with the same placeholders, each one used', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    for (const [key, m] of Object.entries(en)) {
      const names = (x: { message: string }) =>
        [...x.message.matchAll(/\$(\w+)\$/g)].map((g) => g[1]!.toLowerCase()).sort();
      expect(names(de[key]!), key).toEqual(names(m));
      expect(Object.keys(m.placeholders ?? {}).sort(), key).toEqual(names(m));
      expect(de[key]!.placeholders, key).toEqual(m.placeholders);
    }
  });

  it('every sentence the core gives as data names a message of the files', () => {
    const keys = [...readFileSync('src/status/headline.ts', 'utf8').matchAll(/\bW\('(\w+)'/g)].map(
      (m) => m[1]!,
    );
    expect(keys.length).toBeGreaterThan(10);
    for (const k of keys) expect(en[k], k).toBeDefined();
  });

  it('the translated views hold no visible English of their own: text and labels come from the files', () => {
    // The scan itself finds hard-coded words and labels, and not what goes through t().
    expect(visibleEnglish('x.tsx', `const A = () => <p title="Close it">Hello there {t('x')}</p>;`)).toEqual([
      'Hello there',
      'title="Close it"',
    ]);
    expect(visibleEnglish('x.tsx', `const A = () => <p title={t('y')}>{t('x')} · {n}</p>;`)).toEqual([]);
    for (const file of TRANSLATED_VIEWS)
      expect(visibleEnglish(file, readFileSync(file, 'utf8')), file).toEqual([]);
  });

  it("the core's sentences: every one has its German, with the same values, and German has no other", () => {
    // The scan finds templates with their values numbered, and plain words.
    expect(
      sentencesOf('x.ts', "const a = say`lags by ${ms} ms (${say`inner ${n}`})`; const b = words('plain');"),
    ).toEqual(['lags by {0} ms ({1})', 'inner {0}', 'plain']);
    const sentences = coreSentences();
    expect(sentences.length).toBeGreaterThan(100);
    const deCore = JSON.parse(readFileSync('src/text/sentences.de.json', 'utf8')) as Record<string, string>;
    expect(
      sentences.filter((x) => !deCore[x]),
      'sentences without German',
    ).toEqual([]);
    expect(
      Object.keys(deCore).filter((k) => !sentences.includes(k)),
      'German for no sentence',
    ).toEqual([]);
    for (const x of sentences) expect(placeholders(deCore[x]!), x).toEqual(placeholders(x));
  });
});
