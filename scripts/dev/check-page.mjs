// npm run check:page -- --url <the page's real URL> --html <saved page.html> [--out result.json]
//                        [--also <url>=<file> ...] [--keep-scripts] [--seconds 20]
//
// Checks the platform adapters on a page saved from a live call, in one command. Loads the saved
// page in Debian's Chromium under its real URL with the test build (dist-test/), every request
// answered on this machine (the page from the file, `--also` documents such as Zoom's
// iframe#webclient from theirs, anything else refused: nothing leaves the machine), strips the
// page's own scripts (a saved DOM, not a running client; --keep-scripts keeps them), gives every
// <video> (in the page, its open shadow roots and same-origin frames) a synthetic moving picture of
// a size of its own, presses Start, and prints and writes what the extension made of the page:
//   platform, layoutRecognised, picked (the element, or null), selfViewBy (selector | mirror | none),
//   presentationSkipped, candidates (each video or canvas tile with why it was taken or left).
// How to save a page: README.md, "Checking the adapters on a real call page".
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import {
  clickInClosedShadow,
  foreignEgress,
  launchWithExtension,
  statuses,
} from '../../test/harness/browser.mjs';

/** Runs in the page: a moving test pattern in every <video>, each of its own size; returns what each is. */
function paintVideos() {
  const docs = [document];
  for (const f of document.querySelectorAll('iframe')) {
    try {
      if (f.contentDocument) docs.push(f.contentDocument);
    } catch {
      /* cross-origin: not ours */
    }
  }
  const roots = [];
  for (const d of docs) {
    roots.push(d);
    for (const el of d.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
  }
  const out = [];
  let i = 0;
  for (const root of roots)
    for (const v of root.querySelectorAll('video')) {
      const w = 640 + 16 * i;
      const h = 360 + 8 * i;
      i++;
      const canvas = document.createElement('canvas');
      canvas.width = w;
      canvas.height = h;
      const ctx = canvas.getContext('2d');
      const hue = (i * 67) % 360;
      const t0 = performance.now();
      (function draw() {
        const t = (performance.now() - t0) / 1000;
        ctx.fillStyle = `hsl(${hue},40%,30%)`;
        ctx.fillRect(0, 0, w, h);
        ctx.fillStyle = `hsl(${hue},60%,70%)`;
        ctx.beginPath();
        ctx.arc(w / 2 + (Math.sin(t) * h) / 6, h / 2, h / 6, 0, 2 * Math.PI);
        ctx.fill();
        requestAnimationFrame(draw);
      })();
      v.muted = true;
      v.srcObject = canvas.captureStream(15);
      void v.play().catch(() => undefined);
      // The element in words: its tag, the attributes that place it, and its closest marked ancestor.
      const attrs = (el) =>
        [...el.attributes]
          .filter((a) => /^(id|class|data-[\w-]+|node-id|jsname|aria-label)$/.test(a.name))
          .sort((a, b) => Number(b.name.startsWith('data-')) - Number(a.name.startsWith('data-')))
          .slice(0, 3)
          .map((a) => `${a.name}="${a.value.slice(0, 60)}"`)
          .join(' ');
      // The tile: the closest ancestor a platform marks (participant, stream, player, avatar), else any data-*.
      const marked = (el) =>
        /data-participant-id|data-stream-type|data-tid|node-id|video-avatar/.test(attrs(el));
      let tile = null;
      for (let n = v.parentElement, d = 0; n && d < 8 && !tile; n = n.parentElement, d++)
        if (marked(n)) tile = n;
      if (!tile)
        for (let n = v.parentElement, d = 0; n && d < 6 && !tile; n = n.parentElement, d++)
          if (attrs(n).includes('data-')) tile = n;
      const host = v.getRootNode().host;
      out.push({
        size: `${w}×${h}`,
        element: `<video ${attrs(v)}>`.replace(' >', '>'),
        inside: tile
          ? `<${tile.tagName.toLowerCase()} ${attrs(tile)}>`
          : host
            ? `<${host.tagName.toLowerCase()} ${attrs(host)}> (shadow root)`
            : null,
        inFrame: v.ownerDocument !== document,
      });
    }
  return out;
}

/**
 * What checkPage makes of a page (see the header).
 * @typedef {object} CheckPageResult
 * @property {string} url
 * @property {string | null} platform
 * @property {boolean | null} layoutRecognised
 * @property {string | null} layoutNote
 * @property {string | null} picked the element taken, or null
 * @property {string | null} videoNote
 * @property {string | null} selfViewBy selector | mirror | none
 * @property {boolean} presentationSkipped
 * @property {{ what: string, why: string, element?: string, inside?: string | null, size?: string, inFrame?: boolean }[]} candidates
 * @property {number} videosOnPage
 * @property {string | null} phase
 * @property {string | null} error
 * @property {string[]} refusedByTrap
 */

/**
 * Checks one saved page; resolves to the result object (see the header).
 * @param {{ url: string, html: string, also?: Record<string, string>, keepScripts?: boolean, seconds?: number, extDir?: string }} opts
 * @returns {Promise<CheckPageResult>}
 */
export async function checkPage({
  url,
  html,
  also = {},
  keepScripts = false,
  seconds = 20,
  extDir = resolve('dist-test'),
}) {
  const pages = { [new URL(url).href]: html, ...also };
  const b = await launchWithExtension(extDir);
  try {
    // Only the web's requests: the extension's own frames (chrome-extension://) load as they are.
    await b.context.route(
      (u) => u.protocol === 'https:' || u.protocol === 'http:',
      (route) => {
        const u = new URL(route.request().url());
        u.hash = '';
        const body = pages[u.href] ?? pages[`${u.origin}${u.pathname}`];
        if (body === undefined) return route.fulfill({ status: 404, body: '' });
        const css = u.pathname.endsWith('.css');
        const text = keepScripts || css ? body : body.replace(/<script\b[\s\S]*?<\/script\s*>/gi, '');
        const contentType = css ? 'text/css; charset=utf-8' : 'text/html; charset=utf-8';
        return route.fulfill({ status: 200, contentType, body: text });
      },
    );
    const before = new Set((await statuses(b.worker)).map((s) => s.tabId));
    const page = await b.context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(500); // frames load after the page
    const videos = await page.evaluate(paintVideos);
    await page.bringToFront();
    await clickInClosedShadow(page, 'data-ig', 'start', 20_000);
    let status = null;
    const end = Date.now() + seconds * 1000;
    while (Date.now() < end) {
      const all = await statuses(b.worker);
      status = all.find((s) => !before.has(s.tabId)) ?? null;
      if (status?.pick && status.phase === 'watching') break;
      await page.waitForTimeout(300);
    }
    const pick = status?.pick ?? null;
    const bySize = (what) => videos.find((v) => what.includes(v.size)) ?? null;
    const candidates = (pick?.candidates ?? []).map((c) => ({ ...c, ...(bySize(c.what) ?? {}) }));
    const taken = candidates.find((c) => c.why.startsWith('taken'));
    return {
      url,
      platform: status?.platform ?? null,
      layoutRecognised: status?.layoutNote ? /layout recognised$/.test(status.layoutNote) : null,
      layoutNote: status?.layoutNote ?? null,
      picked: taken ? (taken.element ? `${taken.element} in ${taken.inside}` : taken.what) : null,
      videoNote: status?.videoNote ?? null,
      selfViewBy: pick?.selfViewBy ?? null,
      presentationSkipped: candidates.some((c) => c.why === 'left: a shared screen'),
      candidates,
      videosOnPage: videos.length,
      phase: status?.phase ?? null,
      error: status?.error ?? null,
      // Requests that reached the egress trap instead of a route (Chromium does not route its favicon
      // fetch), other than its own services: the trap refuses them, so none left the machine.
      refusedByTrap: foreignEgress(b.trap.seen).map((r) => r.url),
    };
  } finally {
    await b.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values: a } = parseArgs({
    options: {
      url: { type: 'string' },
      html: { type: 'string' },
      out: { type: 'string' },
      also: { type: 'string', multiple: true, default: [] },
      'keep-scripts': { type: 'boolean', default: false },
      seconds: { type: 'string', default: '20' },
    },
  });
  if (!a.url || !a.html) {
    console.error(
      'usage: npm run check:page -- --url <real URL> --html <saved page.html> [--out result.json]',
    );
    process.exit(2);
  }
  const also = Object.fromEntries(
    a.also.map((pair) => {
      const at = pair.indexOf('=');
      return [new URL(pair.slice(0, at)).href, readFileSync(pair.slice(at + 1), 'utf8')];
    }),
  );
  const result = await checkPage({
    url: a.url,
    html: readFileSync(a.html, 'utf8'),
    also,
    keepScripts: a['keep-scripts'],
    seconds: Number(a.seconds),
  });
  const text = JSON.stringify(result, null, 2);
  console.log(text);
  if (a.out) writeFileSync(a.out, text + '\n');
}
