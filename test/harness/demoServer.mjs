// @ts-check
// The demo meeting page on localhost: `npm run demo [-- --port 8737]`, then open /call?clip=talking/<file>.mp4
// Serves test/demo/ at /demo/, clips from ../shared/media (or $GUARD_MEDIA_DIR) at /media/, and the
// generated no-face clip at /media/generated/. Range requests are supported so video can seek.
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MEDIA_DIR = resolve(process.env.GUARD_MEDIA_DIR || join(root, '..', 'shared', 'media'));
const GENERATED_DIR = join(root, '.cache', 'generated');
/** @type {Record<string, string>} */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.webm': 'video/webm',
  '.json': 'application/json',
};

/** A 20 s clip with no face in it (test pattern and a tone), made with ffmpeg on first use. */
export function ensureNoFaceClip() {
  const out = join(GENERATED_DIR, 'noface.mp4');
  if (existsSync(out)) return out;
  mkdirSync(GENERATED_DIR, { recursive: true });
  const r = spawnSync(
    'ffmpeg',
    [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=640x360:rate=25',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=330:sample_rate=48000',
      '-t',
      '20',
      '-c:v',
      'libx264',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-shortest',
      out,
    ],
    { stdio: 'inherit' },
  );
  if (r.status !== 0)
    throw new Error('ffmpeg could not make the no-face clip (is ffmpeg installed? run npm run setup)');
  return out;
}

/**
 * Where a test writes a clip it made, served as /media/generated/<name>.
 * @param {string} name
 */
export function generatedClipPath(name) {
  mkdirSync(GENERATED_DIR, { recursive: true });
  return join(GENERATED_DIR, name);
}

/**
 * A clip a test makes with ffmpeg (`args` are everything before the output file), made once and
 * reused; returns its path under /media/ ("generated/<name>").
 * @param {string} name
 * @param {string[]} args
 */
export function generatedClip(name, args) {
  const out = generatedClipPath(name);
  if (!existsSync(out)) {
    const r = spawnSync('ffmpeg', ['-v', 'error', '-y', ...args, out], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`ffmpeg could not make ${name}: ${r.stderr}`);
  }
  return `generated/${name}`;
}

/**
 * Resolves `rel` inside `base`, or null if it escapes.
 * @param {string} base
 * @param {string} rel
 */
function inside(base, rel) {
  const p = normalize(join(base, rel));
  return p === base || p.startsWith(base + sep) ? p : null;
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} file
 */
function send(req, res, file) {
  let st;
  try {
    st = statSync(file);
  } catch {
    res.writeHead(404).end('not found');
    return;
  }
  if (!st.isFile()) return void res.writeHead(404).end('not found');
  const type = TYPES[extname(file)] || 'application/octet-stream';
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range || '');
  if (range) {
    const start = range[1] ? Number(range[1]) : 0;
    const end = range[2] ? Math.min(Number(range[2]), st.size - 1) : st.size - 1;
    if (start > end || start >= st.size)
      return void res.writeHead(416, { 'Content-Range': `bytes */${st.size}` }).end();
    res.writeHead(206, {
      'Content-Type': type,
      'Content-Length': end - start + 1,
      'Content-Range': `bytes ${start}-${end}/${st.size}`,
      'Accept-Ranges': 'bytes',
    });
    createReadStream(file, { start, end }).pipe(res);
    return;
  }
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': st.size,
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-store',
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).pipe(res);
}

/**
 * @param {number} port 0 for any free port
 * @param {{ mediaDir?: string }} [opts] mediaDir: where /media/ is served from (default MEDIA_DIR; the
 *   evals serve their variants)
 * @returns {Promise<import('node:http').Server>}
 */
export function startDemoServer(port = 0, opts = {}) {
  const mediaDir = resolve(opts.mediaDir ?? MEDIA_DIR);
  const demoDir = join(root, 'test', 'demo');
  const server = createServer((req, res) => {
    const url = new URL(req.url || '/', 'http://localhost');
    const path = decodeURIComponent(url.pathname);
    if (path === '/' || path === '/call') return send(req, res, join(demoDir, 'call.html'));
    if (path.startsWith('/call/snapshot/')) {
      // Page snapshots of the call platforms for the adapter tests (?platform= names the adapter).
      const f = inside(join(root, 'test', 'fixtures', 'pages'), path.slice('/call/snapshot/'.length));
      return f ? send(req, res, f) : void res.writeHead(404).end();
    }
    if (path.startsWith('/demo/')) {
      const f = inside(demoDir, path.slice('/demo/'.length));
      return f ? send(req, res, f) : void res.writeHead(404).end();
    }
    if (path.startsWith('/media/generated/')) {
      if (path === '/media/generated/noface.mp4') return send(req, res, ensureNoFaceClip());
      // Clips the tests made themselves (e.g. a clip with its audio shifted), see generatedClipPath().
      const f = inside(GENERATED_DIR, path.slice('/media/generated/'.length));
      return f && f.endsWith('.mp4') ? send(req, res, f) : void res.writeHead(404).end();
    }
    if (path.startsWith('/media/')) {
      const f = inside(mediaDir, path.slice('/media/'.length));
      return f ? send(req, res, f) : void res.writeHead(404).end();
    }
    res.writeHead(404).end('not found');
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : 8737;
  startDemoServer(port).then((s) => {
    const p = /** @type {import('node:net').AddressInfo} */ (s.address()).port;
    console.log(`Demo call on http://localhost:${p}/call?clip=talking/vr_face1_man_suit.mp4`);
    console.log(
      `Clips from ${MEDIA_DIR}${existsSync(MEDIA_DIR) ? '' : ' (missing: use ?clip=generated/noface.mp4)'}`,
    );
  });
}
