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

/**
 * ffmpeg filter graph (output [v]): a skin-toned block a third of `input`'s width and 70 % of its
 * height, at 20 % from the top, sweeping left to right across it in `spanS` seconds whenever the
 * ffmpeg expression `phase` (in t) runs from 0 to `spanS`: the stand-in for a hand across the face.
 */
export function handSweepGraph({ input, width, height, durationS, phase, spanS = 0.9 }) {
  const bw = 2 * Math.round(width / 6);
  const bh = 2 * Math.round((0.7 * height) / 2);
  const x = `if(between(${phase},0,${spanS}),-w+(${phase})/${spanS}*(W+w),-w)`;
  return (
    `color=c=0xC68E6E:s=${bw}x${bh}:r=25:d=${durationS}[hand];` +
    `[${input}][hand]overlay=x='${x}':y=H*0.2:eval=frame:shortest=1[v]`
  );
}

/**
 * ffmpeg filter graph (output [v]) of two inputs of the same footage: `first` shown for `everyS`
 * seconds, then `second`, and so on, each switch made while the block of {@link handSweepGraph}
 * crosses the middle of the picture (its centre there exactly at the switch).
 */
export function switchBehindHandGraph({ first, second, width, height, durationS, everyS, spanS = 0.9 }) {
  return (
    `[${second}][${first}]overlay=enable='eq(mod(floor(t/${everyS}),2),0)':shortest=1[sw];` +
    handSweepGraph({ input: 'sw', width, height, durationS, phase: `mod(t+${spanS / 2},${everyS})`, spanS })
  );
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
