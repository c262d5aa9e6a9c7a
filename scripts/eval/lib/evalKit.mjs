// Shared by the evaluation scripts: figures, the manifest and the cache names of derived clips.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';

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
