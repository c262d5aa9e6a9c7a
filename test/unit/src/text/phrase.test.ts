import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  english,
  isPhrase,
  joined,
  named,
  render,
  say,
  withoutName,
  words,
  type Catalogue,
} from '../../../../src/text/Phrase';
import { offsetWords } from '../../../../src/lipsync/lipSyncWords';
import { inEnglish } from '../../../harness/browser.mjs';
import { describeJudgeability, judgeability } from '../../../../src/quality/judgeability';

const de = JSON.parse(readFileSync('src/text/sentences.de.json', 'utf8')) as Catalogue;

describe('Phrase', () => {
  it('keeps the English template with its values numbered, and says it back in English', () => {
    const p = say`audio leads video by ${240} ms`;
    expect(p).toEqual({ en: 'audio leads video by {0} ms', args: [240] });
    expect(english(p)).toBe('audio leads video by 240 ms');
    // A number that is not one stays valid data and reads as a dash.
    expect(say`face ${NaN} px`.args).toEqual(['–']);
  });

  it('says a phrase in German from the catalogue, values inside values too, with German decimals', () => {
    const p = say`cannot judge: ${say`analysing ${8} frames/s (needs ${10})`}`;
    expect(render(p, de, 'de')).toBe('kein Urteil möglich: analysiert 8 Bilder/s (braucht 10)');
    expect(render(say`the picture froze for ${'2.5'} s (identical frames)`, de, 'de')).toBe(
      'das Bild fror 2,5 s lang ein (gleiche Bilder)',
    );
    // German puts the values where its grammar wants them.
    expect(
      render(say`could not read "${'noon-ish'}" as a time; it is ${'12:05'} in ${'Europe/Berlin'}`, de, 'de'),
    ).toBe('„noon-ish“ war nicht als Uhrzeit lesbar; in Europe/Berlin ist es 12:05');
    // A sentence the catalogue lacks stays English rather than going missing.
    expect(render(words('a sentence from a newer version'), de, 'de')).toBe(
      'a sentence from a newer version',
    );
  });

  it('joins, names and unnames phrases', () => {
    expect(english(joined([words('a'), words('b')]))).toBe('a; b');
    expect(joined([words('only')])).toEqual(words('only'));
    const n = named(words('Lip-sync'), offsetWords(-240));
    expect(english(n)).toBe('Lip-sync: audio leads video by 240 ms');
    expect(english(withoutName(n) as never)).toBe('audio leads video by 240 ms');
    expect(render(n, de, 'de')).toBe('Lippensynchronität: Ton eilt dem Bild um 240 ms voraus');
  });

  it('the quality row reads the same in English and as data', () => {
    const j = judgeability({ spanMs: 5000, fps: 8, longGapShare: 0, faceShare: 1, faceHeightPx: 200 });
    const d = describeJudgeability(j);
    expect(english(d.words)).toBe(d.detail);
    expect(render(d.words, de, 'de')).toBe(
      'Lippensynchronität, Gesichtstausch und Lebendigkeit: analysiert 8 Bilder/s (braucht 10)',
    );
  });

  it('a real verdict, nested as the verifiers nest it, is a phrase', () => {
    const how = say`${say`${words('one side')} ${'41°'}, ${words('the other side')} ${'43°'}`}; the face was out of the tracker's reach for ${say`${'0.8'} s (${words('one side')})`}, and found again there`;
    const verdict = named(
      words('Profile turn'),
      say`${words('passed')} — ${joined([say`performed both ways and held (${how}); the video stayed intact`, words('x')])}`,
    );
    expect(isPhrase(verdict)).toBe(true);
    expect(english(verdict)).toMatch(/^Profile turn: passed — performed both ways and held \(one side 41°/);
  });

  it('the test harness says phrases in English as english() does', () => {
    const p = named(words('Lip-sync'), say`${offsetWords(-240)} for the last ${20} s`);
    expect(inEnglish({ videoNote: p, n: [p, 3] })).toEqual({ videoNote: english(p), n: [english(p), 3] });
  });

  it('refuses what is not a phrase: other shapes, non-numbers, oversized or too deeply nested data', () => {
    expect(isPhrase(say`a ${1} b ${say`c ${'d'}`}`)).toBe(true);
    expect(isPhrase({ en: 'x' })).toBe(false);
    expect(isPhrase({ en: 'x', args: [Infinity] })).toBe(false);
    expect(isPhrase({ en: 'x', args: [{}] })).toBe(false);
    expect(isPhrase({ en: 'x'.repeat(1001), args: [] })).toBe(false);
    // A verdict's reasons nest several deep: accepted; a phrase of more parts than the budget is not.
    let deep = words('x');
    for (let i = 0; i < 12; i++) deep = say`${deep}`;
    expect(isPhrase(deep)).toBe(true);
    for (let i = 0; i < 200; i++) deep = say`${deep}`;
    expect(isPhrase(deep)).toBe(false);
    const wide = say`${joined(Array.from({ length: 20 }, () => joined(Array.from({ length: 20 }, () => words('w')))))}`;
    expect(isPhrase(wide)).toBe(false);
    expect(isPhrase(null)).toBe(false);
  });
});
