// @ts-check
// Driving the demo call page (test/demo/call.html, served by demoServer.mjs) with the extension
// watching it: open it, press Start, restart its clip, wait for a phase of its footage.
import { clickInClosedShadow, readSessionLog, statuses, untilStatus } from './browser.mjs';
import { until } from './until.mjs';

/** @typedef {import('./browser.mjs').ExtensionBrowser} ExtensionBrowser */
/** @typedef {import('playwright-core').Page} Page */

/**
 * Opens the demo call on `clip` (a path under /media/, plus any `extraQuery`), presses Start in the
 * overlay and waits until the extension is watching. Returns the page.
 * @param {ExtensionBrowser} b
 * @param {number} port the demo server's
 * @param {string} clip
 * @returns {Promise<Page>}
 */
export async function openDemoCallWatching(b, port, clip, extraQuery = '') {
  const page = await b.context.newPage();
  await page.goto(`http://127.0.0.1:${port}/call?clip=${encodeURIComponent(clip)}${extraQuery}`);
  await page.waitForFunction(
    () => /** @type {HTMLVideoElement} */ (document.getElementById('candidate')).readyState >= 2,
  );
  await clickInClosedShadow(page, 'data-ig', 'start');
  await untilStatus(b, 'the extension to start watching', (s) => s.phase === 'watching', {
    timeoutMs: 60_000,
  });
  return page;
}

/**
 * Restarts the demo call's clip from its first frame (the hidden source element in stream mode, else
 * the tile), so a test's watch lines up with the clip rather than with however long the model took to load.
 * @param {Page} page
 */
export async function restartDemoClip(page) {
  await page.evaluate(() => {
    const v = /** @type {HTMLVideoElement} */ (
      document.querySelector('video[hidden]') ?? document.getElementById('candidate')
    );
    v.currentTime = 0;
  });
}

/**
 * Opens the demo call on `relPath` (under the server's media folder), presses Start in the overlay
 * and returns the page and the analyzer frame. A click can be lost while another tab is busy
 * starting: Start is pressed again, up to 3 times. Before Start, the interviewer confirms that the
 * candidate agreed to the notice, so that challenges compare faces as they do in such a call.
 * @param {ExtensionBrowser} b
 * @param {number} port the demo server's
 * @param {string} relPath
 * @returns {Promise<{ page: Page, frame: import('playwright-core').Frame }>}
 */
export async function openWatchedCall(b, port, relPath) {
  const page = await b.context.newPage();
  await page.goto(`http://127.0.0.1:${port}/call?clip=${encodeURIComponent(relPath)}`);
  await page.waitForFunction(
    () => /** @type {HTMLVideoElement} */ (document.getElementById('candidate')).readyState >= 2,
    null,
    {
      timeout: 20_000,
    },
  );
  await clickInClosedShadow(page, 'data-ig', 'consent');
  let frame = null;
  for (let attempt = 0; !frame && attempt < 3; attempt++) {
    await page.bringToFront();
    await clickInClosedShadow(page, 'data-ig', 'start');
    const deadline = Date.now() + 10_000;
    while (!frame && Date.now() < deadline) {
      frame = page.frames().find((f) => f.url().includes('/extension/analyzer/analyzer.html')) ?? null;
      if (!frame) await page.waitForTimeout(50);
    }
  }
  if (!frame) {
    await page.close();
    throw new Error('the analyzer frame did not appear after 3 presses of Start');
  }
  await frame.waitForLoadState('domcontentloaded');
  return { page, frame };
}

/**
 * Waits until the demo call's candidate clip is between `fromS` and `toS` of a `periodS` cycle of its
 * footage (a synthetic movement repeated every `periodS`), so a challenge is asked while the
 * candidate rests and the movement follows the ask, as on a call. Gives up after two periods.
 * @param {Page} page
 * @param {{ periodS: number, fromS: number, toS: number }} phase
 * @returns {Promise<number>} the phase reached, s
 */
export async function waitForClipPhase(page, { periodS, fromS, toS }) {
  const deadline = Date.now() + 2 * periodS * 1000 + 2000;
  for (;;) {
    // The clip's own time: the hidden decoder's where the tile plays its stream (a MediaStream's
    // currentTime counts from the stream's start and runs on across the clip's loops).
    const t = await page.evaluate(
      () =>
        /** @type {HTMLVideoElement} */ (
          document.querySelector('video[hidden]') ?? document.getElementById('candidate')
        ).currentTime,
    );
    const phase = t % periodS;
    if (phase >= fromS && phase <= toS) return phase;
    if (Date.now() > deadline)
      throw new Error(`the clip never reached ${fromS}–${toS} s of its ${periodS} s cycle`);
    await page.waitForTimeout(40);
  }
}

/**
 * Waits until the watched call's session has run `seconds` more (the live status's `elapsedS`), so a
 * test watches for a span of the call rather than sleeping: a stalled analyzer fails it with a clear
 * message instead of passing the time. Returns the status then.
 * @param {ExtensionBrowser} b
 * @param {number} seconds
 */
export async function watchFor(b, seconds) {
  const [now] = await statuses(b.worker);
  if (!now) throw new Error('no live status: the extension is not watching a call');
  const from = now.elapsedS;
  return untilStatus(
    b,
    `${seconds} s more of the watched call`,
    (s) => (s.elapsedS >= from + seconds ? s : null),
    {
      timeoutMs: seconds * 1000 + 60_000,
      show: (s) => ({ elapsedS: s?.elapsedS }),
    },
  );
}

/**
 * Presses Stop in the overlay and waits until the session log holds the call, ended: the session the
 * watched tab's status named (the first tab's: the tests watch one call at a time), or, without one,
 * every session in the log. Returns the log as the review page exports it.
 * @param {ExtensionBrowser} b
 * @param {Page} page
 */
export async function stopAndReadLog(b, page) {
  const id = (await statuses(b.worker))[0]?.sessionId ?? null;
  // The interviewer presses Stop on the call in view: a tab behind another page may not be laid out.
  await page.bringToFront();
  await clickInClosedShadow(page, 'data-ig', 'stop');
  return until(
    'the call to be saved, ended, in the session log',
    async () => {
      const log = await readSessionLog(b.context, b.extensionId);
      const ended = id
        ? !!log.sessions.find((s) => s.id === id)?.endedAt
        : log.sessions.length > 0 && log.sessions.every((s) => s.endedAt);
      return ended ? log : null;
    },
    {
      timeoutMs: 30_000,
      everyMs: 500,
      describe: async () =>
        `session ${id}; in the log: ${JSON.stringify((await readSessionLog(b.context, b.extensionId)).sessions.map((x) => [x.id, x.endedAt]))}; status: ${JSON.stringify((await statuses(b.worker)).map((x) => [x.tabId, x.phase, x.sessionId]))}`,
    },
  );
}
