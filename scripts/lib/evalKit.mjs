// Shared by the evaluation scripts: ffmpeg, figures, the manifest, and opening the demo call with the
// extension watching it.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
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

/**
 * ffmpeg filter graph (output [v]) of a lean, closer then back, every `periodS`: the picture zooms
 * around its centre, z(t') for t' in the period: 1 → 1.45 (0.2–0.3 P), held to 0.45 P → 0.7
 * (0.55 P), held to 0.75 P → 1 (0.85 P), on black.
 */
export function leanGraph({ input, width, height, durationS, periodS }) {
  const tt = `mod(t,${periodS.toFixed(3)})`;
  const f = (share) => (share * periodS).toFixed(3);
  const z =
    `if(lt(${tt},${f(0.2)}),1,if(lt(${tt},${f(0.3)}),1+0.45*(${tt}-${f(0.2)})/${f(0.1)},if(lt(${tt},${f(0.45)}),1.45,` +
    `if(lt(${tt},${f(0.55)}),1.45-0.75*(${tt}-${f(0.45)})/${f(0.1)},if(lt(${tt},${f(0.75)}),0.7,` +
    `if(lt(${tt},${f(0.85)}),0.7+0.3*(${tt}-${f(0.75)})/${f(0.1)},1))))))`;
  return (
    `color=c=black:s=${width}x${height}:r=25:d=${durationS}[bg];` +
    `[${input}]scale=w='trunc(iw*(${z})/2)*2':h='trunc(ih*(${z})/2)*2':eval=frame[fg];` +
    `[bg][fg]overlay=x='(W-w)/2':y='(H-h)/2':shortest=1:eval=frame[v]`
  );
}

/**
 * ffmpeg filter graph (output [v]) of two inputs of the same footage under the lean of
 * {@link leanGraph}: `first` shown until 0.65 of the first period (the hold at 70 % zoom), then
 * `second` until 0.65 of the next, and so on: each lean ends on another face than it began with.
 */
export function switchAtLeanGraph({ first, second, width, height, durationS, periodS }) {
  const shift = (0.35 * periodS).toFixed(3);
  return (
    `[${second}][${first}]overlay=enable='eq(mod(floor((t+${shift})/${periodS.toFixed(3)}),2),0)':shortest=1[sw];` +
    leanGraph({ input: 'sw', width, height, durationS, periodS })
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

/** Area under the ROC curve: the chance that a `pos` value is above a `neg` one (Mann–Whitney, ties count half); null without both. */
export function aucOf(pos, neg) {
  if (!pos.length || !neg.length) return null;
  let s = 0;
  for (const p of pos) for (const n of neg) s += p > n ? 1 : p === n ? 0.5 : 0;
  return s / (pos.length * neg.length);
}

export const round = (x, k = 0) => (x === null || x === undefined ? null : Math.round(x * 10 ** k) / 10 ** k);

/** What ffprobe reads of a clip, in the manifest's fields: durationS, width, height, fps, hasAudio. */
export function probeClip(path) {
  const r = spawnSync(
    'ffprobe',
    ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`ffprobe ${path} failed: ${r.stderr}`);
  const { streams = [], format = {} } = JSON.parse(r.stdout);
  const video = streams.find((s) => s.codec_type === 'video');
  if (!video) throw new Error(`${path} has no video stream`);
  const [num, den] = String(video.avg_frame_rate || video.r_frame_rate || '0/1')
    .split('/')
    .map(Number);
  return {
    durationS: Number(format.duration ?? video.duration),
    width: video.width,
    height: video.height,
    fps: den ? num / den : num,
    hasAudio: streams.some((s) => s.codec_type === 'audio'),
  };
}

const PROBED = ['durationS', 'width', 'height', 'fps', 'hasAudio'];

/**
 * The manifest's clips with absolute paths (only those present on disk). A clip that lacks one of the
 * fields ffprobe reads (durationS, width, height, fps, hasAudio) has them filled in by ffprobe, so a
 * manifest that names only file, label, kind and audio can be run as it is; a clip ffprobe cannot
 * read is left out with a warning, so one broken file does not sink the evaluation.
 */
export function loadManifest(path) {
  const manifestPath = resolve(path);
  if (!existsSync(manifestPath)) throw new Error(`no manifest at ${manifestPath}`);
  const root = dirname(manifestPath);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  if (!Array.isArray(manifest?.clips)) throw new Error(`${manifestPath} has no "clips" list`);
  manifest.clips.forEach((c, i) => {
    if (typeof c?.file !== 'string') throw new Error(`${manifestPath}: clip ${i} has no "file"`);
  });
  const clips = manifest.clips
    .map((c) => ({ ...c, path: join(root, c.file) }))
    .filter((c) => existsSync(c.path))
    .flatMap((c) => {
      const missing = PROBED.filter((k) => c[k] === undefined || c[k] === null);
      if (missing.length === 0) return [c];
      try {
        const probed = probeClip(c.path);
        return [{ ...c, ...Object.fromEntries(missing.map((k) => [k, probed[k]])) }];
      } catch (e) {
        console.warn(`left out ${c.file}: ${e.message}`);
        return [];
      }
    });
  if (manifest.clips.length > 0 && clips.length === 0)
    throw new Error(`none of the ${manifest.clips.length} clips of ${manifestPath} is under ${root}`);
  return { manifestPath, clips };
}

/**
 * The name under which a clip's derived files are cached: its base name and a hash of its absolute
 * path, size and modification time. Two clips with one name (in two folders, or two manifests run
 * one after the other) never share derived files, and a file replaced in place is derived afresh.
 */
export function cacheName(clip) {
  const st = statSync(clip.path);
  const id = createHash('sha1')
    .update(`${resolve(clip.path)}\0${st.size}\0${st.mtimeMs}`)
    .digest('hex')
    .slice(0, 10);
  return `${basename(clip.path, extname(clip.path))}-${id}`;
}

/**
 * Opens the demo call on `relPath` (under the server's media folder), presses Start in the overlay
 * and returns the page and the analyzer frame. A click can be lost while another tab is busy
 * starting: Start is pressed again, up to 3 times. Before Start, the interviewer confirms that the
 * candidate agreed to the notice, so that challenges compare faces as they do in such a call.
 */
export async function openWatchedCall(b, port, relPath) {
  const page = await b.context.newPage();
  await page.goto(`http://127.0.0.1:${port}/call?clip=${encodeURIComponent(relPath)}`);
  await page.waitForFunction(() => document.getElementById('candidate').readyState >= 2, null, {
    timeout: 20_000,
  });
  await clickInClosedShadow(page, 'data-ig', 'consent');
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

/**
 * Waits until the demo call's candidate clip is between `fromS` and `toS` of a `periodS` cycle of its
 * footage (a synthetic movement repeated every `periodS`), so a challenge is asked while the
 * candidate rests and the movement follows the ask, as on a call. Gives up after two periods.
 */
export async function waitForClipPhase(page, { periodS, fromS, toS }) {
  const until = Date.now() + 2 * periodS * 1000 + 2000;
  for (;;) {
    const t = await page.evaluate(() => document.getElementById('candidate').currentTime);
    const phase = t % periodS;
    if (phase >= fromS && phase <= toS) return phase;
    if (Date.now() > until)
      throw new Error(`the clip never reached ${fromS}–${toS} s of its ${periodS} s cycle`);
    await page.waitForTimeout(40);
  }
}
