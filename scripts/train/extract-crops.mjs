// npm run train:faceswap:extract -- [--manifest ../shared/media/manifest.json] [--out .cache/faceswap/crops]
//                                   [--side 64] [--rate 0.5] [--clips substring]
//
// The face-swap detector's training data, taken by the extension itself: every clip of the manifest
// plays on the demo call (at `--rate` of its speed, so more of its frames are analysed) while the
// analyzer, through its test-build hook `igCrops`, hands back the aligned face crop of every frame it
// analysed (extension/analyzer/faceCrop.ts: the crop the detector reads in a call) with the 478
// landmarks in crop pixels. Writes, per clip, `<name>.rgb` (N × side × side × 3 bytes) and
// `<name>.json` (the clip's manifest entry, side, and per crop its time and landmarks). A clip
// already extracted at this side is skipped. Nothing here is committed: the crops show real faces.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchWithExtension } from '../../test/harness/browser.mjs';
import { openWatchedCall } from '../../test/harness/demoCall.mjs';
import { loadManifest } from '../eval/lib/evalKit.mjs';
import { MEDIA_DIR, startDemoServer } from '../../test/harness/demoServer.mjs';

const { values: args } = parseArgs({
  options: {
    manifest: { type: 'string', default: join(MEDIA_DIR, 'manifest.json') },
    out: { type: 'string', default: resolve('.cache', 'faceswap', 'crops') },
    side: { type: 'string', default: '64' },
    rate: { type: 'string', default: '0.5' },
    clips: { type: 'string' },
  },
});
const DIST = resolve('dist-test');
const side = Number(args.side);
const rate = Number(args.rate);

/** Plays the clip once from its start at `rate` and returns the crops the analyzer took meanwhile. */
async function extract(b, port, clip, mediaRoot) {
  const { page, frame } = await openWatchedCall(b, port, relative(mediaRoot, clip.path));
  try {
    await frame.evaluate((s) => (window.igCrops = { sidePx: s, crops: [] }), side);
    await frame
      .waitForFunction(() => window.igCrops.crops.length > 0, null, { timeout: 60_000 })
      .catch(() => null);
    const startMs = await page.evaluate(async (r) => {
      const v = document.querySelector('video[hidden]') ?? document.getElementById('candidate');
      v.loop = false;
      v.playbackRate = r;
      v.currentTime = 0;
      await new Promise((ok) => v.addEventListener('seeked', ok, { once: true }));
      await v.play();
      return performance.now();
    }, rate);
    await frame.evaluate(() => (window.igCrops.crops = []));
    await page.waitForFunction(
      () => (document.querySelector('video[hidden]') ?? document.getElementById('candidate')).ended,
      null,
      { timeout: (clip.durationS / rate + 30) * 1000, polling: 100 },
    );
    const crops = await frame.evaluate(() => window.igCrops.crops);
    return crops.filter((c) => c.t >= startMs).map((c) => ({ ...c, t: Math.round((c.t - startMs) * rate) }));
  } finally {
    await page.close();
  }
}

async function main() {
  const { manifestPath, clips: all } = loadManifest(args.manifest);
  const clips = all.filter((c) => !args.clips || c.file.includes(args.clips));
  mkdirSync(args.out, { recursive: true });
  const mediaRoot = resolve(manifestPath, '..');
  const server = await startDemoServer(0, { mediaDir: mediaRoot });
  const b = await launchWithExtension(DIST);
  try {
    for (const clip of clips) {
      const name = clip.file.replace(/\//g, '__').replace(/\.\w+$/, '');
      const meta = join(args.out, `${name}.json`);
      if (existsSync(meta)) continue;
      try {
        const crops = await extract(b, server.address().port, clip, mediaRoot);
        const rgb = Buffer.concat(crops.map((c) => Buffer.from(c.rgb, 'base64')));
        writeFileSync(join(args.out, `${name}.rgb`), rgb);
        const { path: _, ...entry } = clip;
        writeFileSync(
          meta,
          JSON.stringify({ ...entry, sidePx: side, crops: crops.map((c) => ({ t: c.t, z: c.z, lm: c.lm })) }),
        );
        console.log(`${clip.file}: ${crops.length} crops`);
      } catch (e) {
        console.error(`${clip.file}: ${e.message}`);
      }
    }
  } finally {
    await b.close();
    server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
