// Shared by the evaluation scripts: ffmpeg, figures, the manifest, and opening the demo call with the
// extension watching it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { clickInClosedShadow } from './browser.mjs';

/** Runs ffmpeg quietly; throws with its own words on failure. */
export function ffmpeg(argv) {
  const r = spawnSync('ffmpeg', ['-v', 'error', '-y', ...argv], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ffmpeg ${argv.join(' ')} failed: ${r.stderr}`);
}

/** Quantile by linear interpolation (NumPy's default); null for an empty list. */
export const quantile = (xs, q) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * ((s[Math.ceil(h)] ?? s[lo]) - s[lo]);
};

export const round = (x, k = 0) => (x === null || x === undefined ? null : Math.round(x * 10 ** k) / 10 ** k);

/** The manifest's clips with absolute paths (only those present on disk). */
export function loadManifest(path) {
  const manifestPath = resolve(path);
  if (!existsSync(manifestPath)) throw new Error(`no manifest at ${manifestPath}`);
  const root = dirname(manifestPath);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  return {
    manifestPath,
    clips: manifest.clips.map((c) => ({ ...c, path: join(root, c.file) })).filter((c) => existsSync(c.path)),
  };
}

/**
 * Opens the demo call on `relPath` (under the server's media folder), presses Start in the overlay
 * and returns the page and the analyzer frame. A click can be lost while another tab is busy
 * starting: Start is pressed again, up to 3 times.
 */
export async function openWatchedCall(b, port, relPath) {
  const page = await b.context.newPage();
  await page.goto(`http://127.0.0.1:${port}/call?clip=${encodeURIComponent(relPath)}`);
  await page.waitForFunction(() => document.getElementById('candidate').readyState >= 2, null, {
    timeout: 20_000,
  });
  let frame = null;
  for (let attempt = 0; !frame && attempt < 3; attempt++) {
    await page.bringToFront();
    await clickInClosedShadow(page, 'data-ig', 'start');
    const until = Date.now() + 10_000;
    while (!frame && Date.now() < until) {
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
