/**
 * The interface in the browser's language: Chromium started in German shows the side panel's welcome
 * and candidate card, the popup, the overlay's controls and the review page's own words in German,
 * with no English message of the locale files left on screen. (What the core writes, the signals'
 * reasons and verdicts, and the question bank are English only so far.)
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
  .filter((m) => m.length >= 6)
  // A lowercase single word ("question", "imported") is a fragment that content in English (a
  // question bank's title, a signal's reason) may hold: whole sentences and capitalised labels only.
  .filter((m) => /\s/.test(m) || /^[A-Z]/.test(m));

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
    // The overlay in every state the dev page draws: its own controls in German too (the headline and
    // the signals' sentences, built in the core, and the question bank are English still).
    const dev = await b.context.newPage();
    await dev.goto(`chrome-extension://${b.extensionId}/extension/ui/dev/dev.html`);
    await dev.waitForSelector('.ig-overlay');
    // Its controls: every button's words and every label a screen reader or a tooltip gives.
    const overlays = await dev.locator('.ig-overlay').evaluateAll((els: Element[]) =>
      els.map((o) =>
        // (Not the one-line view's next step: the headline's words, built in the core.)
        [...o.querySelectorAll('button, [title], [aria-label], .ig-card-title')]
          .filter((e) => e.getAttribute('data-ig') !== 'compact-now')
          // A strip row's tooltip: its name and state are ours, its reason (after the dash) the core's.
          .flatMap((e) =>
            e.matches('.ig-strip [title]')
              ? [e.getAttribute('title')!.split(' — ')[0]!, (e as HTMLElement).innerText]
              : [
                  (e as HTMLElement).innerText,
                  e.getAttribute('title') ?? '',
                  e.getAttribute('aria-label') ?? '',
                ],
          )
          .join('\n'),
      ),
    );
    expect(overlays.length).toBeGreaterThan(4);
    for (const text of overlays) expect(englishOnly.filter((m) => text.includes(m))).toEqual([]);
    const all = overlays.join('\n');
    for (const key of ['ovCopyNotice', 'ovConsent', 'ovStart', 'ovCheckNow', 'ovDrag'])
      expect(all, key).toContain(de[key]!.message);
    await dev
      .locator('[data-dev] .ig-overlay')
      .first()
      .screenshot({ path: resolve('test-results', 'german-overlay.png') });
    await dev.close();
    // The review page: the list with its privacy panel, and a session's page (the dev page's fake call).
    // The signals' and challenges' own sentences come from the core and the log, in English.
    const review = await b.context.newPage();
    await review.goto(`chrome-extension://${b.extensionId}/extension/ui/review/review.html`);
    await review.waitForSelector('[data-ig="privacy"]');
    const list = await review.locator('body').innerText();
    expect(englishOnly.filter((m) => list.includes(m))).toEqual([]);
    expect(list).toContain(de.pvTitle!.message);
    await review.screenshot({ path: resolve('test-results', 'german-review.png'), fullPage: true });
    await review.close();
    const detail = await b.context.newPage();
    await detail.goto(`chrome-extension://${b.extensionId}/extension/ui/dev/dev.html`);
    const page = detail.locator('[data-ig="session-detail"]');
    await page.waitFor();
    const chrome = await page.evaluate((el: Element) =>
      [
        ...el.querySelectorAll(
          'h2, th, button, summary, strong, .legend li, [data-ig="in-order"] td:nth-child(2)',
        ),
      ]
        .map((e) => (e as HTMLElement).innerText)
        .join('\n'),
    );
    expect(englishOnly.filter((m) => chrome.includes(m))).toEqual([]);
    expect(chrome).toContain(de.bandsTitle!.message);
    // Dates in the interface's language: the fake call started on 24 Nov 2026, 15:00 UTC.
    expect(await page.locator('h2').first().innerText()).toMatch(/24\.11\.2026/);
    await page.screenshot({ path: resolve('test-results', 'german-review-session.png') });
    await detail.close();
    expect(shots.sidepanel).toContain(de.welcomeTitle!.message);
    expect(shots.sidepanel).toContain(de.cardTitle!.message);
    expect(shots.sidepanel).toContain(de.stateCannotJudge!.message);
    expect(shots.popup).toContain(de.popupNotWatching!.message);
    expect(shots.sidepanel).toContain(de.liveNoCall!.message);
  }, 60_000);
});
