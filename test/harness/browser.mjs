// @ts-check
// Shared by the e2e tests, the bench and the evaluations: Debian's Chromium with the built extension loaded unpacked,
// a loopback "proxy" that counts (and refuses) every request that would leave the machine, and
// helpers to reach into the extension's closed shadow root with real input events.
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { browserPidFor } from './procStats.mjs';
import { until } from './until.mjs';

/** @typedef {import('playwright-core').Page} Page */
/** @typedef {import('playwright-core').BrowserContext} BrowserContext */
/** @typedef {import('playwright-core').Worker} Worker */
/** @typedef {{ method: string, url: string, at: number }} EgressHit */
/** @typedef {{ port: number, seen: EgressHit[], close: () => void }} EgressTrap */
/** @typedef {{ args?: string[], viewport?: { width: number, height: number } }} LaunchOptions */
/**
 * Chromium with the extension loaded, as launchWithExtension returns it.
 * @typedef {object} ExtensionBrowser
 * @property {BrowserContext} context
 * @property {string} extensionId
 * @property {Worker} worker the extension's service worker
 * @property {EgressTrap} trap
 * @property {string} userDataDir
 * @property {string[]} requests every URL any page, frame or worker asked for
 * @property {{ url: string, error: string }[]} failed
 * @property {() => Promise<void>} close
 */
/** @typedef {{ x: number, y: number, width: number, height: number }} Box */
/**
 * A node of CDP's DOM.getDocument (pierce: true), as far as the helpers read it.
 * @typedef {object} CdpNode
 * @property {number} backendNodeId
 * @property {string[]} [attributes]
 * @property {CdpNode[]} [children]
 * @property {CdpNode[]} [shadowRoots]
 * @property {CdpNode} [contentDocument]
 */

/** @param {string} userDataDir */
function killBrowser(userDataDir) {
  try {
    process.kill(browserPidFor(userDataDir), 'SIGKILL');
  } catch {
    /* already gone */
  }
}

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Every request Chromium tries to send off the machine arrives here instead, is recorded and refused.
 * @returns {Promise<EgressTrap>}
 */
export function startEgressTrap() {
  /** @type {EgressHit[]} */
  const seen = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', at: Date.now() });
    res.writeHead(403).end('blocked by the Interview Guard test harness');
  });
  server.on('connect', (req, socket) => {
    seen.push({ method: 'CONNECT', url: req.url ?? '', at: Date.now() });
    // The browser may reset the tunnel it was refused: that is no error of the test's (a socket handed
    // over by 'connect' has no error handler of the server's, and an unhandled reset ends the run).
    socket.on('error', () => {});
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () =>
      ok({
        port: /** @type {import('node:net').AddressInfo} */ (server.address()).port,
        seen,
        close: () => server.close(),
      }),
    ),
  );
}

/**
 * Launches Chromium with the extension in `extDir`. Returns the context, the extension id and an
 * audit of every request any page, frame or worker made.
 * @param {string} extDir
 * @param {LaunchOptions} [opts]
 * @returns {Promise<ExtensionBrowser>}
 */
export async function launchWithExtension(extDir, opts = {}) {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} not found: run npm run setup (installs Debian's chromium)`);
  if (!existsSync(join(extDir, 'manifest.json')))
    throw new Error(
      `${extDir} has no manifest.json: run npm run build (dist/) or npm run build:test (dist-test/)`,
    );
  const userDataDir = mkdtempSync(join(tmpdir(), 'ig-chromium-'));
  const trap = await startEgressTrap();
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: false, // the flags below ask for the new headless mode, which runs extensions
    viewport: opts.viewport ?? { width: 1280, height: 800 },
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--autoplay-policy=no-user-gesture-required',
      `--disable-extensions-except=${extDir}`,
      `--load-extension=${extDir}`,
      // Anything not on loopback goes to the trap, so a request that would leave the machine is counted.
      `--proxy-server=http://127.0.0.1:${trap.port}`,
      ...(opts.args ?? []),
    ],
    ignoreDefaultArgs: ['--disable-extensions', '--mute-audio'],
  });
  /** @type {string[]} */
  const requests = [];
  /** @type {{ url: string, error: string }[]} */
  const failed = [];
  context.on('request', (r) => requests.push(r.url()));
  context.on('requestfailed', (r) => failed.push({ url: r.url(), error: r.failure()?.errorText ?? '' }));
  let [worker] = context.serviceWorkers();
  if (!worker) worker = await context.waitForEvent('serviceworker', { timeout: 20_000 });
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    trap,
    userDataDir,
    requests,
    failed,
    async close() {
      // Chromium sometimes stalls on shutdown (seen after a tab closed mid-call): give it 15 s, then kill it.
      const closed = context.close().then(
        () => true,
        () => true,
      );
      const inTime = await Promise.race([closed, new Promise((r) => setTimeout(() => r(false), 15_000))]);
      if (!inTime) {
        console.warn('Chromium did not close within 15 s; killing it');
        killBrowser(userDataDir);
      }
      trap.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Chromium's own background services, which run whatever the extension does and which no flag of
 * Chromium 156 turns off (sign-in, component/extension updater, network time). The egress trap
 * reports them apart; anything else reaching the trap fails the tests.
 */
export const BROWSER_SERVICE_HOSTS = ['accounts.google.com', 'update.googleapis.com', 'clients2.google.com'];

/**
 * Trap hits that are not the browser's own services.
 * @param {EgressHit[]} seen
 */
export function foreignEgress(seen) {
  return seen.filter((s) => !BROWSER_SERVICE_HOSTS.includes(egressHost(s)));
}

/**
 * The host a trap hit was for (CONNECT carries host:port, plain HTTP a full URL).
 * @param {EgressHit} hit
 * @returns {string}
 */
export function egressHost(hit) {
  return hit.method === 'CONNECT' ? (hit.url.split(':')[0] ?? '') : new URL(hit.url).hostname;
}

/**
 * Requests that went anywhere but loopback or the extension itself.
 * @param {string[]} urls
 */
export function offMachine(urls) {
  return urls.filter((u) => {
    if (/^(chrome-extension|data|blob|about|chrome):/.test(u)) return false;
    try {
      const h = new URL(u).hostname;
      return !(h === 'localhost' || h === '127.0.0.1' || h === '[::1]');
    } catch {
      return true;
    }
  });
}

/**
 * Runs `use(cdp, node)` on the first element with this attribute anywhere in the page, closed shadow
 * roots and frames included (CDP pierces them); null when there is none.
 * @template T
 * @param {Page} page
 * @param {string} attr
 * @param {string} value
 * @param {(cdp: import('playwright-core').CDPSession, node: CdpNode) => Promise<T>} use
 * @returns {Promise<T | null>}
 */
async function withElement(page, attr, value, use) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    /** @type {CdpNode[]} */
    const stack = [root];
    for (let n = stack.pop(); n; n = stack.pop()) {
      const attrs = n.attributes ?? [];
      for (let i = 0; i < attrs.length; i += 2)
        if (attrs[i] === attr && attrs[i + 1] === value) return await use(cdp, n);
      for (const c of n.children ?? []) stack.push(c);
      for (const c of n.shadowRoots ?? []) stack.push(c);
      if (n.contentDocument) stack.push(n.contentDocument);
    }
    return null;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/**
 * Finds an element by attribute anywhere in the page, closed shadow roots included: its box's centre
 * and size (null: none, or not laid out).
 * @param {Page} page
 * @param {string} attr
 * @param {string} value
 * @returns {Promise<Box | null>}
 */
export function boxInClosedShadow(page, attr, value) {
  return withElement(page, attr, value, boxOf);
}

/**
 * A node's border box: its centre and size (null: not laid out, as an element of a page just reloaded).
 * @param {import('playwright-core').CDPSession} cdp
 * @param {CdpNode} n
 * @returns {Promise<Box | null>}
 */
async function boxOf(cdp, n) {
  const got = await cdp
    .send('DOM.getBoxModel', { backendNodeId: n.backendNodeId })
    .catch((e) => (/Could not compute box model/.test(String(e)) ? null : Promise.reject(e)));
  if (!got) return null;
  const { model } = got;
  const [x0 = 0, y0 = 0, , , x2 = 0, y2 = 0] = model.border;
  return { x: (x0 + x2) / 2, y: (y0 + y2) / 2, width: model.width, height: model.height };
}

/**
 * The text of an element found by attribute anywhere in the page, closed shadow roots included (null: none).
 * @param {Page} page
 * @param {string} attr
 * @param {string} value
 * @returns {Promise<string | null>}
 */
export function textInClosedShadow(page, attr, value) {
  return withElement(page, attr, value, async (cdp, n) => {
    const { outerHTML } = await cdp.send('DOM.getOuterHTML', { backendNodeId: n.backendNodeId });
    return outerHTML
      .replace(/<[^>]*>/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/\s+/g, ' ')
      .trim();
  });
}

/**
 * Clicks an element inside the extension's closed shadow root with a real mouse, as a person does:
 * the pointer goes to the element's centre, and the button is pressed once that point is seen to hit
 * the element with the pointer resting there (the overlay holds still under the pointer; one re-laid
 * out between measuring and pressing, as on a busy machine, would otherwise take the click elsewhere).
 * @param {Page} page
 * @param {string} attr
 * @param {string} value
 * @returns {Promise<void>}
 */
export async function clickInClosedShadow(page, attr, value, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const at = await pointOnElement(page, attr, value, null);
    if (at) {
      await page.mouse.move(at.x, at.y);
      if (await pointOnElement(page, attr, value, at)) {
        await page.mouse.down();
        await page.mouse.up();
        return;
      }
    }
    if (Date.now() > deadline)
      throw new Error(`no element [${attr}="${value}"] to click in the page (closed shadow roots included)`);
    await page.waitForTimeout(200);
  }
}

/**
 * The point where a click would reach the element (its centre, or `at` when given), if that point
 * hits the element or something inside it now; null otherwise.
 * @param {Page} page
 * @param {string} attr
 * @param {string} value
 * @param {{ x: number, y: number } | null} at
 * @returns {Promise<{ x: number, y: number } | null>}
 */
function pointOnElement(page, attr, value, at) {
  return withElement(page, attr, value, async (cdp, n) => {
    const point = at ?? (await boxOf(cdp, n));
    if (!point) return null;
    /** @type {Set<number>} */
    const inside = new Set();
    /** @type {CdpNode[]} */
    const stack = [n];
    for (let m = stack.pop(); m; m = stack.pop()) {
      inside.add(m.backendNodeId);
      for (const c of m.children ?? []) stack.push(c);
    }
    const hit = await cdp
      .send('DOM.getNodeForLocation', {
        x: Math.round(point.x),
        y: Math.round(point.y),
        includeUserAgentShadowDOM: true,
      })
      .catch(() => null);
    return hit && inside.has(hit.backendNodeId) ? point : null;
  });
}

/**
 * A sentence given as data (src/text/Phrase: its English template and values) in English, as
 * `english()` there says it; anything else as it is, with the phrases inside it said.
 * @template T
 * @param {T} x
 * @returns {import('./types').InEnglish<T>}
 */
export function inEnglish(x) {
  return /** @type {import('./types').InEnglish<T>} */ (said(x));
}

/** @param {unknown} x @returns {unknown} */
function said(x) {
  if (Array.isArray(x)) return x.map(said);
  if (x === null || typeof x !== 'object') return x;
  const { en, args } = /** @type {{ en?: unknown, args?: unknown }} */ (x);
  if (typeof en === 'string' && Array.isArray(args))
    return en.replace(/\{(\d+)\}/g, (whole, i) => {
      const a = args[Number(i)];
      return a === undefined ? whole : String(said(a));
    });
  return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, said(v)]));
}

/**
 * The live statuses the background holds (what the popup and side panel show), one per watched tab,
 * their sentences in English (see inEnglish).
 * @param {Worker} worker
 * @returns {Promise<import('./types').StatusInEnglish[]>}
 */
export async function statuses(worker) {
  const all = await worker.evaluate(async () => {
    const stored = await chrome.storage.session.get(null);
    return Object.entries(stored)
      .filter(([k]) => k.startsWith('status:'))
      .map(([k, v]) => ({ tabId: Number(k.slice(7)), .../** @type {object} */ (v) }));
  });
  return /** @type {import('./types').StatusInEnglish[]} */ (all.map(said));
}

/**
 * Polls the first watched tab's live status until `fn` gives something truthy, and returns that. On
 * timeout the error shows `show` of the last status (the whole status unless given).
 * @template T
 * @param {ExtensionBrowser} b
 * @param {string} what
 * @param {(s: import('./types').StatusInEnglish) => T | null | undefined | false} fn
 * @param {{ timeoutMs?: number, everyMs?: number, show?: (s: import('./types').StatusInEnglish | undefined) => unknown }} [opts]
 * @returns {Promise<T>}
 */
export function untilStatus(b, what, fn, opts = {}) {
  const { show = (/** @type {unknown} */ s) => s, ...timing } = opts;
  return until(
    what,
    async () => {
      const [s] = await statuses(b.worker);
      return s ? fn(s) : null;
    },
    { ...timing, describe: async () => JSON.stringify(show((await statuses(b.worker))[0])) },
  );
}

/**
 * Everything in the extension's session log, read as a recruiter would: the review page opens the
 * sealed log and each session is exported with its "Export JSON" button. Also returns one raw
 * IndexedDB row per store, to check that what is at rest is sealed.
 * @param {BrowserContext} context
 * @param {string} extensionId
 * @returns {Promise<import('./types').SessionLogRead>}
 */
export async function readSessionLog(context, extensionId) {
  const url = `chrome-extension://${extensionId}/extension/ui/review/review.html`;
  /** @type {import('./types').SessionLogRead} */
  const out = { sessions: [], seconds: [], events: [], snapshots: [], raw: null };
  const list = await context.newPage();
  try {
    await list.goto(url);
    await list
      .waitForSelector('[data-ig="sessions"], [data-ig="no-sessions"]', { timeout: 20_000 })
      .catch(async (e) => {
        const shown = await list
          .locator('body')
          .innerText()
          .catch(() => '(unreadable)');
        throw new Error(
          `the review page did not list sessions: ${e.message}\nit shows: ${shown.slice(0, 400)}`,
        );
      });
    const ids = await list
      .locator('[data-ig="sessions"] tbody tr[data-session]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-session')));
    out.raw = await list.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open('interview-guard');
          // Never create the database from here: if it does not exist yet, there is nothing at rest.
          open.onupgradeneeded = () => open.transaction?.abort();
          open.onerror = () => (open.error?.name === 'AbortError' ? resolve('{}') : reject(open.error));
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction(['sessions', 'seconds', 'events'], 'readonly');
            /** @type {Record<string, unknown>} */
            const rows = {};
            let pending = 3;
            for (const store of ['sessions', 'seconds', 'events']) {
              const req = tx.objectStore(store).getAll(null, 1);
              req.onsuccess = () => {
                rows[store] = req.result[0] ?? null;
                if (--pending === 0) {
                  db.close();
                  resolve(JSON.stringify(rows));
                }
              };
            }
          };
        }),
    );
    for (const id of ids) {
      const page = await context.newPage();
      try {
        await page.goto(`${url}#${id}`);
        await page.waitForSelector('[data-ig="export"]', { timeout: 20_000 });
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.click('[data-ig="export"]'),
        ]);
        const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
        if (file.format !== 'interview-guard.session' || file.version !== 1)
          throw new Error(`unexpected export ${file.format} v${file.version}`);
        out.sessions.push(file.session);
        out.seconds.push(...file.seconds);
        out.events.push(...file.events);
        out.snapshots.push(...(file.snapshots ?? []));
      } finally {
        await page.close();
      }
    }
    return out;
  } finally {
    await list.close();
  }
}

/**
 * The id Chromium gives an extension loaded unpacked from `dir`: the first 128 bits of the SHA-256 of
 * its absolute path, each hex digit written as a letter a–p. Tests pass it to
 * --allowlisted-extension-id, which stands in for the user's click that Chrome requires before a
 * tab capture (no test can click the toolbar).
 * @param {string} dir
 */
export function unpackedExtensionId(dir) {
  const hex = createHash('sha256')
    .update(realpathSync(resolve(dir)))
    .digest('hex')
    .slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/**
 * Sends a runtime request from the extension's popup page (opened in a tab), as the popup's buttons
 * do: the background accepts some requests (a tab capture) only from the extension's own UI.
 * @param {ExtensionBrowser} b
 * @param {unknown} msg
 * @returns {Promise<unknown>}
 */
export async function requestFromPopup(b, msg) {
  const popup = await b.context.newPage();
  try {
    await popup.goto(`chrome-extension://${b.extensionId}/extension/ui/popup/popup.html`);
    return await popup.evaluate((m) => chrome.runtime.sendMessage(m), msg);
  } finally {
    await popup.close();
  }
}
