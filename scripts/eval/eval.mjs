// npm run eval -- [--manifest ../shared/media/manifest.json] [--out result.json] [--clips substring]
//                 [--parallel 1] [--from dir] [--dump dir] [--variants looped,frozen|none] [--load N]
//
// Face-swap and liveness signals through the real extension in Chromium: every clip of the manifest
// (any kind; scored by its label, real or fake, the kind only groups the figures) plays once on the
// demo call, from its first frame to its last, while the analyzer's readings are recorded through its
// trace hook. Each clip gets the call's overall state as the session would record it (no challenge is
// asked here, so a quiet call ends "cannot judge"), the face signals' fused state, a risk score (for
// the AUC), every signal's own score, and the frame rate the analyzer held. `--load N` keeps N cores
// busy for the run (scripts/eval/lib/cpuLoad.mjs). Prints a per-clip table and writes JSON: `summary`
// (load, analysedFps, auc, aucByKind, falseConcernRate, falseFlagRate, states on real and fake clips,
// perSignalAuc, pairwise accuracy on the face-swap pairs) and `clips`.
// --dump keeps each clip's raw trace (per-frame statistics) for study; --from re-scores a dump.
//
// Besides the manifest's clips, two replay variants of every genuine talking clip are made with
// ffmpeg (labelled fake, kind `replay`): `looped` (the clip played three times in a row, as a replayed
// recording) and `frozen` (its picture held still for 3 s after the first second, as a paused
// virtual camera). The score of a clip is its mean fused risk over the pass (1 − Π(1 − score ×
// confidence) over the six signals); a signal's own score is its mean score × confidence.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchWithExtension } from '../../test/harness/browser.mjs';
import { ffmpeg } from '../../test/harness/clips.mjs';
import { openWatchedCall } from '../../test/harness/demoCall.mjs';
import { aucOf, cacheName, loadManifest, quantile, round } from './lib/evalKit.mjs';
import { MEDIA_DIR, startDemoServer } from '../../test/harness/demoServer.mjs';
import { LOAD_OPTION, startCpuLoad } from './lib/cpuLoad.mjs';

const { values: args } = parseArgs({
  options: {
    manifest: { type: 'string', default: join(MEDIA_DIR, 'manifest.json') },
    out: { type: 'string' },
    clips: { type: 'string' },
    parallel: { type: 'string', default: '1' },
    from: { type: 'string' },
    dump: { type: 'string' },
    variants: { type: 'string', default: 'looped,frozen' },
    ...LOAD_OPTION,
  },
});
const DIST = resolve('dist-test');
const CACHE = resolve('.cache', 'eval', 'faces');
const SIGNALS = ['blend', 'temporal', 'geometry', 'blink', 'pulse', 'replay'];

/** The replay variants of a genuine talking clip, made once and cached; returns manifest-like entries. */
function replayVariants(clip, kinds) {
  const out = [];
  for (const kind of kinds) {
    const file = join(CACHE, `${cacheName(clip)}.${kind}.mp4`);
    if (!existsSync(file) || statSync(file).mtimeMs < statSync(clip.path).mtimeMs) {
      mkdirSync(CACHE, { recursive: true });
      const enc = ['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-an', file];
      if (kind === 'looped') ffmpeg(['-stream_loop', '2', '-i', clip.path, ...enc]);
      else {
        const fps = Math.round(clip.fps);
        ffmpeg([
          '-i',
          clip.path,
          '-vf',
          `loop=loop=${3 * fps}:size=1:start=${fps},setpts=N/${fps}/TB`,
          ...enc,
        ]);
      }
    }
    out.push({
      ...clip,
      // The clip's own path in the name: results and dumps are keyed by it.
      file: `replay/${clip.file.slice(0, clip.file.length - extname(clip.file).length)}.${kind}.mp4`,
      path: file,
      label: 'fake',
      kind: 'replay',
      durationS: kind === 'looped' ? 3 * clip.durationS : clip.durationS + 3,
      served: 'cache',
    });
  }
  return out;
}

/** Plays the clip once from its start and returns the analyzer's trace over exactly that pass. */
async function runClip(b, port, clip, mediaRoot) {
  const rel = relative(clip.served === 'cache' ? CACHE : mediaRoot, clip.path);
  const { page, frame } = await openWatchedCall(b, port, rel);
  try {
    await frame.evaluate(() => (window.igTrace = []));
    await frame.waitForFunction(() => window.igTrace.some((e) => e.k === 'v'), null, { timeout: 60_000 });
    // Restart the clip now that analysis runs, and note when (page clock, as the trace's timestamps).
    const startMs = await page.evaluate(async () => {
      const v = document.querySelector('video[hidden]') ?? document.getElementById('candidate');
      v.loop = false;
      v.currentTime = 0;
      await new Promise((r) => v.addEventListener('seeked', r, { once: true }));
      await v.play();
      return performance.now();
    });
    await frame.evaluate(() => (window.igTrace = []));
    await page.waitForFunction(
      () => (document.querySelector('video[hidden]') ?? document.getElementById('candidate')).ended,
      null,
      { timeout: (clip.durationS + 20) * 1000, polling: 100 },
    );
    const trace = await frame.evaluate(() => window.igTrace);
    return { startMs, trace: trace.filter((e) => e.t >= startMs) };
  } finally {
    await page.close();
  }
}

/** Area under the ROC curve (Mann–Whitney, ties count half); null without both classes. */
export function auc(items) {
  const scores = (fake) => items.filter((i) => i.fake === fake && i.score !== null).map((i) => i.score);
  return aucOf(scores(true), scores(false));
}

const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/**
 * One clip's result from its trace: the call's overall state as the product would record it at the
 * end (`state`; the worst one reached on the way, `worstState`), the face signals' worst fused state,
 * its mean risk, each signal's mean score × confidence, and the frame rate the analyzer held.
 */
function scoreClip(clip, trace) {
  const frames = trace.filter((e) => e.k === 'v');
  const readings = trace.filter((e) => e.k === 's');
  const overall = trace.filter((e) => e.k === 'o');
  const fps = trace.filter((e) => e.k === 'q').map((e) => e.fps);
  const order = ['cannot-judge', 'no-concerns', 'inconclusive', 'concerns'];
  const worstOf = (states) =>
    states.reduce((w, s) => (order.indexOf(s) > order.indexOf(w) ? s : w), 'cannot-judge');
  const worst = worstOf(readings.map((r) => r.state));
  const flags = [...new Set(readings.flatMap((r) => r.flags))];
  const signals = {};
  for (const s of SIGNALS) {
    const xs = readings.map((r) => r.signals[s]).filter(Boolean);
    const judged = xs.filter((x) => x.confidence > 0);
    signals[s] = {
      score: judged.length ? round(mean(judged.map((x) => x.score * x.confidence)), 3) : null,
      judgedShare: xs.length ? round(judged.length / xs.length, 2) : 0,
      lastReason: xs.at(-1)?.reason ?? null,
    };
  }
  return {
    file: clip.file,
    kind: clip.kind,
    label: clip.label,
    pair: clip.pair ?? clip.pairedReal ?? null,
    frames: frames.length,
    faceFrames: frames.filter((f) => f.fh > 0).length,
    state: overall.at(-1)?.state ?? 'cannot-judge',
    worstState: worstOf(overall.map((o) => o.state)),
    reasons: overall.at(-1)?.reasons ?? [],
    faceState: worst,
    fpsMedian: round(quantile(fps, 0.5), 1),
    fpsP10: round(quantile(fps, 0.1), 1),
    fpsReadings: fps,
    score: readings.length ? round(mean(readings.map((r) => r.risk)), 3) : null,
    flags,
    signals,
  };
}

function summarise(results, load) {
  const item = (r, score) => ({ fake: r.label === 'fake', score });
  const real = results.filter((r) => r.label === 'real');
  const aucByKind = {};
  for (const kind of [...new Set(results.filter((r) => r.label === 'fake').map((r) => r.kind))])
    aucByKind[kind] = round(
      auc(
        [...real, ...results.filter((r) => r.label === 'fake' && r.kind === kind)].map((r) =>
          item(r, r.score),
        ),
      ),
      3,
    );
  const perSignalAuc = Object.fromEntries(
    SIGNALS.map((s) => [s, round(auc(results.map((r) => item(r, r.signals[s].score ?? 0))), 3)]),
  );
  // Face-swap pairs: the fake scored above its own original (the scene cancels out).
  const pairs = results
    .filter((r) => r.kind === 'faceswap' && r.label === 'fake')
    .map((f) => [f, results.find((r) => r.kind === 'faceswap' && r.label === 'real' && r.pair === f.pair)])
    .filter(([f, r]) => r && f.score !== null && r.score !== null);
  const concernsOnReal = real.filter((r) => r.worstState === 'concerns').length;
  const fakes = results.filter((r) => r.label === 'fake');
  const fps = results.flatMap((r) => r.fpsReadings);
  return {
    load,
    analysedFps: { median: round(quantile(fps, 0.5), 1), p10: round(quantile(fps, 0.1), 1) },
    clips: results.length,
    realClips: real.length,
    fakeClips: fakes.length,
    auc: round(auc(results.map((r) => item(r, r.score))), 3),
    aucByKind,
    aucWithoutReplayVariants: round(
      auc(results.filter((r) => r.kind !== 'replay').map((r) => item(r, r.score))),
      3,
    ),
    falseConcernRate: real.length ? round(concernsOnReal / real.length, 3) : null,
    falseFlagRate: real.length ? round(real.filter((r) => r.flags.length > 0).length / real.length, 3) : null,
    inconclusiveOnRealRate: real.length
      ? round(real.filter((r) => r.worstState === 'inconclusive').length / real.length, 3)
      : null,
    statesOnReal: countBy(real, (r) => r.state),
    statesOnFake: countBy(fakes, (r) => r.state),
    fakesInNoConcernsRate: fakes.length
      ? round(fakes.filter((r) => r.state === 'no-concerns').length / fakes.length, 3)
      : null,
    flaggedFakeRate: fakes.length
      ? round(fakes.filter((r) => r.flags.length > 0).length / fakes.length, 3)
      : null,
    concernsOnFakeRate: fakes.length
      ? round(fakes.filter((r) => r.state === 'concerns').length / fakes.length, 3)
      : null,
    faceswapPairsFakeAboveOriginal: pairs.length
      ? `${pairs.filter(([f, r]) => f.score > r.score).length}/${pairs.length}`
      : null,
    perSignalAuc,
  };
}

async function main() {
  const { manifestPath, clips: all } = loadManifest(args.manifest);
  let clips = [...all];
  const variantKinds = args.variants === 'none' ? [] : args.variants.split(',');
  clips.push(
    ...clips
      .filter((c) => c.kind === 'talking' && c.label === 'real')
      .flatMap((c) => replayVariants(c, variantKinds)),
  );
  if (args.clips) clips = clips.filter((c) => c.file.includes(args.clips));
  const traces = new Map();
  if (args.from) {
    const dir = resolve(args.from);
    for (const f of readdirSync(dir))
      traces.set(
        f.replace(/__/g, '/').replace(/\.json$/, ''),
        JSON.parse(readFileSync(join(dir, f), 'utf8')),
      );
  } else {
    if (!existsSync(join(DIST, 'manifest.json')))
      throw new Error('dist-test/ is missing: run npm run build:test');
    const load = startCpuLoad(args.load);
    const mediaRoot = resolve(manifestPath, '..');
    const server = await startDemoServer(0, { mediaDir: mediaRoot });
    const cacheServer = await startDemoServer(0, { mediaDir: CACHE });
    const portOf = (clip) => (clip.served === 'cache' ? cacheServer : server).address().port;
    const b = await launchWithExtension(DIST);
    try {
      let next = 0;
      const worker = async () => {
        while (next < clips.length) {
          const clip = clips[next++];
          try {
            const { trace } = await runClip(b, portOf(clip), clip, mediaRoot);
            traces.set(clip.file, trace);
            if (args.dump) {
              mkdirSync(args.dump, { recursive: true });
              writeFileSync(join(args.dump, clip.file.replace(/\//g, '__') + '.json'), JSON.stringify(trace));
            }
            console.log(`${clip.file}: ${trace.filter((e) => e.k === 'v').length} frames`);
          } catch (e) {
            console.error(`${clip.file}: ${e.message}`);
          }
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, Number(args.parallel)) }, worker));
    } finally {
      load.stop();
      await b.close();
      server.close();
      cacheServer.close();
    }
  }
  const results = clips.filter((c) => traces.has(c.file)).map((c) => scoreClip(c, traces.get(c.file)));
  console.log(
    `\n${'clip'.padEnd(48)} label state         fps   risk   ${SIGNALS.map((s) => s.slice(0, 6).padEnd(6)).join(' ')} flags`,
  );
  for (const r of results)
    console.log(
      `${r.file.padEnd(48)} ${r.label.padEnd(5)} ${r.state.padEnd(13)} ${String(r.fpsMedian).padEnd(5)} ${String(r.score).padEnd(6)} ${SIGNALS.map((s) => String(r.signals[s].score ?? '–').padEnd(6)).join(' ')} ${r.flags.join(', ')}`,
    );
  const summary = summarise(results, Number(args.load));
  console.log('\nsummary');
  for (const [k, v] of Object.entries(summary))
    console.log(`  ${k.padEnd(32)} ${typeof v === 'object' && v !== null ? JSON.stringify(v) : v}`);
  if (args.out)
    writeFileSync(
      args.out,
      JSON.stringify(
        {
          date: new Date().toISOString(),
          manifest: manifestPath,
          summary,
          clips: results.map(({ fpsReadings: _, ...r }) => r),
        },
        null,
        2,
      ),
    );
}

/** How many items fall in each group. */
function countBy(items, key) {
  const out = {};
  for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1;
  return out;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
