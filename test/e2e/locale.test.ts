/**
 * The interface in the browser's language: Chromium started in German shows the side panel's welcome
 * and candidate card, the popup, the overlay and the review page in German, with no English message
 * of the locale files and no English sentence of the core (the signals' reasons, the cards, the
 * verdicts, the log's events) left on screen — on the dev page's fake states, and on a real call.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as harness from '../harness/browser.mjs';
import { openDemoCallWatching, watchFor } from '../harness/demoCall.mjs';
import { MEDIA_DIR } from '../harness/demoServer.mjs';
import { DIST, describe, expect, test, type ExtensionBrowser } from '../harness/fixture';
import { until } from '../harness/until.mjs';
import { coreSentences } from '../unit/helpers/coreSentences';

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

/**
 * The core's English sentences a German page must not show: the fixed words between their values
 * (12 characters or more, with a space), of every sentence the German catalogue says otherwise.
 */
const deCore = JSON.parse(readFileSync('src/text/sentences.de.json', 'utf8')) as Record<string, string>;
const englishCore = [
  ...new Set(
    coreSentences()
      .filter((x) => deCore[x] && deCore[x] !== x)
      .flatMap((x) => x.split(/\{\d+\}/))
      .map((x) => x.replace(/^[\s;:,.()—–-]+|[\s;:,.()—–-]+$/g, ''))
      .filter((x) => x.length >= 12 && /\s/.test(x))
      .filter((x) => !Object.values(deCore).some((d) => d.includes(x))),
  ),
];
const english = (text: string) => [...englishOnly, ...englishCore].filter((m) => text.includes(m));

// One browser for the file, started in German.
let b: ExtensionBrowser;
let port: number;
test.beforeAll(async ({ demo }) => {
  port = demo.port;
  b = await harness.launchWithExtension(DIST, { args: ['--lang=de'] });
}, 60_000);
test.afterAll(async () => {
  await b?.close();
});

describe('the interface in German', () => {
  test('side panel (welcome, candidate card) and popup: German words, no English message left', async () => {
    const shots: Record<string, string> = {};
    for (const [name, path, ready, german] of [
      ['sidepanel', 'extension/ui/sidepanel/sidepanel.html', '[data-ig="welcome"]', de.welcomeTitle!.message],
      ['popup', 'extension/ui/popup/popup.html', 'h1', de.popupNotWatching!.message],
    ] as const) {
      const page = await b.context.newPage();
      await page.setViewportSize({ width: 420, height: 1000 });
      await page.goto(`chrome-extension://${b.extensionId}/${path}`);
      await page.waitForSelector(ready);
      // Drawn once it says one of its German sentences.
      const text = await until(`the ${name} in German`, async () => {
        const t = await page.locator('body').innerText();
        return t.includes(german) ? t : null;
      });
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
    // And everything the overlays say, the core's sentences included: the reasons, the cards, the notes.
    const said = await dev
      .locator('.ig-overlay')
      .evaluateAll((els: Element[]) =>
        els.map(
          (o) =>
            (o as HTMLElement).innerText +
            '\n' +
            [...o.querySelectorAll('[title]')].map((e) => e.getAttribute('title')).join('\n'),
        ),
      );
    for (const text of said) expect(english(text)).toEqual([]);
    expect(said.join('\n')).toContain(deCore['voice follows the mouth; {0}']!.replace(' {0}', ''));
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
    // The fake call's log, its events and the summary at the top, in German too.
    const whole = await page.innerText();
    expect(english(whole)).toEqual([]);
    expect(whole).toContain(deCore['Lip-sync']);
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

  test('a real call in German: the overlay’s reasons and cards, the stop notice and the review say it in German', async () => {
    const talking = join(MEDIA_DIR, 'talking', 'vr_face1_man_suit.mp4');
    // The face clip where the media is there; else the generated clip without a face (its reasons say so).
    const clip = existsSync(talking) ? 'talking/vr_face1_man_suit.mp4' : 'generated/noface.mp4';
    const page = await openDemoCallWatching(b, port, clip);
    await watchFor(b, 15);
    // A challenge on request: its card and, once watched, its verdict.
    await harness.clickInClosedShadow(page, 'data-ig', 'check-profile-turn');
    const live = await until('the profile-turn card', async () => {
      const t = await harness.textInClosedShadow(page, 'data-ig', 'overlay');
      return t?.includes('Fragen Sie:') ? t : null;
    });
    expect(english(live), 'English left in the overlay').toEqual([]);
    expect(live).toContain('Fragen Sie: „Könnten Sie den Kopf langsam zur einen Seite drehen');
    await page.screenshot({ path: resolve('test-results', 'german-call.png') });
    await harness.clickInClosedShadow(page, 'data-ig', 'prompt-skip');
    await harness.clickInClosedShadow(page, 'data-ig', 'stop');
    const stopped = await until('the overlay to say where the call went', () =>
      harness.textInClosedShadow(page, 'data-ig', 'info'),
    );
    expect(stopped).toMatch(/^Beendet\. Das Gespräch ist im verschlüsselten Sitzungsprotokoll gespeichert/);
    // The session's review: its events, summary and checks in German.
    const review = await b.context.newPage();
    await review.goto(`chrome-extension://${b.extensionId}/extension/ui/review/review.html`);
    await review.waitForSelector('[data-ig="sessions"] tbody tr');
    await review.locator('[data-ig="sessions"] tbody tr a').first().click();
    await review.waitForSelector('[data-ig="signal-bands"]');
    await review.click('[data-ig="technical-events"] summary');
    const text = await review.locator('[data-ig="session-detail"]').innerText();
    expect(english(text), 'English left in the review').toEqual([]);
    expect(text).toContain(deCore['Watching started']);
    expect(text).toContain(deCore['Video picked']);
    await review.screenshot({ path: resolve('test-results', 'german-call-review.png'), fullPage: true });
    await review.close();
    await page.close();
  }, 120_000);
});
