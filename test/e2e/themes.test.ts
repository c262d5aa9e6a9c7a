/**
 * How the interface looks, in Debian's Chromium. The overlay's compact mode on the demo call: one
 * line, remembered for the site across a reload. Light and dark themes: the dev page (every UI surface from fake data: the
 * overlay in each state, the side panel's live view, a session's review) and the review page, each
 * rendered with the system set to light and to dark. Every piece of visible text must reach WCAG's
 * 4.5:1 contrast against the background it is drawn on (most of it is 11–13 px), and the page
 * background must follow the system setting.
 */
import type { Page } from 'playwright-core';
import * as harness from '../harness/browser.mjs';
import { DIST, describe, expect, test, type ExtensionBrowser } from '../harness/fixture';
import { until } from '../harness/until.mjs';

type Browser = ExtensionBrowser;

interface Low {
  text: string;
  ratio: number;
  fg: string;
  bg: string;
}

/**
 * Every element with its own visible text: its colour against the first opaque background behind it
 * (alpha blended down the ancestors), as a WCAG contrast ratio; those under `min`, and the body's colour.
 */
async function lowContrast(page: Page, min: number): Promise<{ low: Low[]; body: string; checked: number }> {
  return page.evaluate((minRatio) => {
    const parse = (c: string) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return [0, 0, 0, 0];
      const p = m[1]!
        .split(/[ ,/]+/)
        .filter(Boolean)
        .map(Number);
      return [p[0]!, p[1]!, p[2]!, p.length > 3 ? p[3]! : 1];
    };
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
    };
    /** The colour behind `el`: its own and its ancestors' backgrounds, blended from the root down. */
    const backdrop = (el: Element | null): number[] => {
      const layers: number[][] = [];
      for (let e = el; e; e = e.parentElement ?? (e.getRootNode() as ShadowRoot).host ?? null) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c[3]! > 0) layers.push(c);
        if (c[3] === 1) break;
      }
      let out = [255, 255, 255];
      const rootBg = parse(getComputedStyle(document.documentElement).backgroundColor);
      if (layers.length === 0 || layers.at(-1)![3]! < 1) {
        // Chromium paints the canvas per the color-scheme when nothing is opaque.
        out =
          rootBg[3]! > 0
            ? rootBg.slice(0, 3)
            : matchMedia('(prefers-color-scheme: dark)').matches
              ? [18, 18, 18]
              : [255, 255, 255];
      }
      for (const c of layers.reverse()) out = out.map((v, i) => v * (1 - c[3]!) + c[i]! * c[3]!);
      return out;
    };
    const low: { text: string; ratio: number; fg: string; bg: string }[] = [];
    let checked = 0;
    const visit = (root: Document | ShadowRoot) => {
      for (const el of Array.from(root.querySelectorAll('*'))) {
        if ((el as HTMLElement).shadowRoot) visit((el as HTMLElement).shadowRoot!);
        const own = Array.from(el.childNodes)
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent!.trim())
          .join(' ')
          .trim();
        if (!own || el.closest('svg')) continue;
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        if (style.visibility === 'hidden' || style.display === 'none' || box.width === 0 || box.height === 0)
          continue;
        if (el.closest('[aria-hidden="true"]') || el.closest('.ig-sr') || el.closest('.ig-dot')) continue;
        const fg = parse(style.color);
        const bg = backdrop(el);
        const blended = fg.slice(0, 3).map((v, i) => v * fg[3]! + bg[i]! * (1 - fg[3]!));
        const [a, b] = [lum(blended), lum(bg)];
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        checked++;
        if (ratio < minRatio)
          low.push({
            text: own.slice(0, 60),
            ratio: Math.round(ratio * 100) / 100,
            fg: style.color,
            bg: `rgb(${bg.map(Math.round).join(', ')})`,
          });
      }
    };
    visit(document);
    return { low, body: getComputedStyle(document.body).backgroundColor, checked };
  }, min);
}

describe('themes in Chromium', () => {
  let b: Browser;
  test.beforeAll(async () => {
    b = await harness.launchWithExtension(DIST);
  }, 60_000);
  test.afterAll(async () => {
    await b?.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`${scheme}: the dev page (overlay, live view, review from fake data) and the review page follow the system, every text readable`, async () => {
      for (const path of [
        'extension/ui/dev/dev.html',
        'extension/ui/review/review.html',
        'extension/ui/sidepanel/sidepanel.html',
      ]) {
        const page: Page = await b.context.newPage();
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(`chrome-extension://${b.extensionId}/${path}`);
        await page.waitForSelector('h1');
        const { low, body, checked } = await lowContrast(page, 4.5);
        console.info(`${scheme} ${path}: ${checked} texts checked, body ${body}, under 4.5:1: ${low.length}`);
        expect(checked).toBeGreaterThan(path.includes('dev') ? 100 : 3);
        expect(body).toBe(scheme === 'dark' ? 'rgb(32, 33, 36)' : 'rgb(255, 255, 255)');
        expect(low, JSON.stringify(low.slice(0, 8))).toEqual([]);
        await page.close();
      }
    }, 60_000);
  }
});

describe('the compact overlay on the demo call, and the side panel on first run', () => {
  let b: Browser;
  let port: number;
  test.beforeAll(async ({ demo }) => {
    port = demo.port;
    b = await harness.launchWithExtension(DIST);
  }, 60_000);
  test.afterAll(async () => {
    await b?.close();
  });

  test('shrinks to one line with Start still at hand, is remembered for the site across a reload, and expands again', async () => {
    const page: Page = await b.context.newPage();
    await page.goto(`http://127.0.0.1:${port}/call?clip=generated/noface.mp4`);
    const box = (attr: string, value: string) => harness.boxInClosedShadow(page, attr, value);
    await until('the full overlay', async () => (await box('data-compact', 'false')) !== null);
    const full = (await box('data-ig', 'overlay'))!;
    expect(await box('data-ig', 'notice')).not.toBeNull();

    await harness.clickInClosedShadow(page, 'data-ig', 'compact-toggle');
    await until('the compact overlay', async () => (await box('data-compact', 'true')) !== null);
    const small = (await box('data-ig', 'overlay'))!;
    console.info(`overlay ${full.width}×${full.height} px, compact ${small.width}×${small.height} px`);
    expect(small.height).toBeLessThan(full.height);
    expect(small.width).toBeLessThan(full.width);
    expect(await box('data-ig', 'notice')).toBeNull();
    expect(await box('data-ig', 'start')).not.toBeNull();

    await page.reload();
    await until('the overlay after the reload', async () => (await box('data-ig', 'overlay')) !== null);
    await until('compact remembered', async () => (await box('data-compact', 'true')) !== null);

    await harness.clickInClosedShadow(page, 'data-ig', 'compact-toggle');
    await until('the full overlay again', async () => (await box('data-compact', 'false')) !== null);
    await page.reload();
    await until(
      'the overlay after the second reload',
      async () => (await box('data-ig', 'overlay')) !== null,
    );
    // Full, and it stays full: a remembered compact state would apply within this half second.
    for (const deadline = Date.now() + 500; Date.now() < deadline;)
      expect(await box('data-compact', 'false')).not.toBeNull();
    await page.close();

    // Every state the dev page draws (idle, loading, watching with a card, a verdict, errors): one line
    // under the header, whatever the full overlay holds.
    const dev: Page = await b.context.newPage();
    await dev.goto(`chrome-extension://${b.extensionId}/extension/ui/dev/dev.html`);
    await dev.waitForSelector('[data-dev^="compact-"] .ig-overlay');
    const heights = await dev.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('[data-dev^="compact-"]')).map((c) => {
        const full = document.querySelector<HTMLElement>(
          `[data-dev="${c.dataset.dev!.slice(8)}"] .ig-overlay`,
        )!;
        return {
          state: c.dataset.dev!.slice(8),
          compact: c.querySelector<HTMLElement>('.ig-overlay')!.offsetHeight,
          full: full.offsetHeight,
        };
      }),
    );
    console.info(heights.map((h) => `${h.state} ${h.full}→${h.compact} px`).join(', '));
    expect(heights.length).toBeGreaterThan(4);
    for (const h of heights) expect(h.compact, h.state).toBeLessThanOrEqual(100);
    expect(Math.max(...heights.map((h) => h.full))).toBeGreaterThan(250);
    // Screen readers hear the headline alone, not every frame-rate tick: one polite status region per
    // overlay, holding the headline's words, and no live region around the rest.
    const regions = await dev.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('.ig-overlay')).map((o) => ({
        live: o.querySelectorAll('[aria-live]').length + (o.hasAttribute('aria-live') ? 1 : 0),
        said: o.querySelector('[role="status"][aria-live="polite"]')?.textContent ?? null,
        line:
          o.querySelector('[data-ig="headline"] .ig-line, .ig-line[data-ig="headline"]')?.textContent ?? null,
      })),
    );
    expect(regions.length).toBeGreaterThan(4);
    for (const r of regions) {
      expect(r.live).toBe(1);
      expect(r.said).toBe(r.line?.replace(/ \d+%$/, ''));
    }
    await dev.close();
  }, 60_000);

  test('opens on a welcome (what it does, the states, what it never does, the notice) until "Got it"; it can be opened again', async () => {
    const url = `chrome-extension://${b.extensionId}/extension/ui/sidepanel/sidepanel.html`;
    const page: Page = await b.context.newPage();
    await page.goto(url);
    const welcome = page.locator('[data-ig="welcome"]');
    await welcome.waitFor();
    const text = await welcome.innerText();
    for (const words of [
      'No concerns',
      'Inconclusive',
      'Concerns',
      'Cannot judge',
      'never decides',
      'notice',
    ])
      expect(text).toContain(words);
    await page.click('[data-ig="welcome-done"]');
    await welcome.waitFor({ state: 'detached' });
    await page.reload();
    await page.waitForSelector('[data-ig="welcome-open"]');
    expect(await welcome.count()).toBe(0);
    await page.click('[data-ig="welcome-open"]');
    await welcome.waitFor();
    await page.close();
  }, 60_000);
});
