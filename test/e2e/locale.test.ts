/**
 * The interface in the browser's language: Chromium started in German shows the side panel's welcome
 * and candidate card and the toolbar popup in German, with no English message of the locale files
 * left on screen. (The overlay, the live view and the review are English only so far.)
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helpers shared with the bench
import * as harness from '../../scripts/lib/browser.mjs';

const DIST = resolve('dist-test');
type Catalog = Record<string, { message: string }>;
const en = JSON.parse(readFileSync('public/_locales/en/messages.json', 'utf8')) as Catalog;
const de = JSON.parse(readFileSync('public/_locales/de/messages.json', 'utf8')) as Catalog;
/** English messages a German page must not show: those German words differently (placeholders cut). */
const englishOnly = Object.keys(en)
  .filter((k) => en[k]!.message !== de[k]!.message)
  .map((k) => en[k]!.message.split(/\$\w+\$/)[0]!.trim())
  .filter((m) => m.length >= 6);

type Browser = Awaited<ReturnType<typeof harness.launchWithExtension>>;
let b: Browser;
beforeAll(async () => {
  b = await harness.launchWithExtension(DIST, { args: ['--lang=de'] });
}, 60_000);
afterAll(async () => {
  await b?.close();
});

describe('the interface in German', () => {
  it('side panel (welcome, candidate card) and popup: German words, no English message left', async () => {
    const shots: Record<string, string> = {};
    for (const [name, path, ready] of [
      ['sidepanel', 'extension/ui/sidepanel/sidepanel.html', '[data-ig="welcome"]'],
      ['popup', 'extension/ui/popup/popup.html', 'h1'],
    ] as const) {
      const page = await b.context.newPage();
      await page.setViewportSize({ width: 420, height: 1000 });
      await page.goto(`chrome-extension://${b.extensionId}/${path}`);
      await page.waitForSelector(ready);
      await page.waitForTimeout(300);
      const text = await page.locator('body').innerText();
      shots[name] = text;
      const left = englishOnly.filter((m) => text.includes(m));
      expect(left, `${name}: English left on screen`).toEqual([]);
      await page.screenshot({ path: resolve('test-results', `german-${name}.png`), fullPage: true });
      await page.close();
    }
    expect(shots.sidepanel).toContain(de.welcomeTitle!.message);
    expect(shots.sidepanel).toContain(de.cardTitle!.message);
    expect(shots.sidepanel).toContain(de.stateCannotJudge!.message);
    expect(shots.popup).toContain(de.popupNotWatching!.message);
    expect(shots.sidepanel).toContain(de.liveNoCall!.message);
  }, 60_000);
});
