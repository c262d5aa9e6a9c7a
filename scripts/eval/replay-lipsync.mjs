// npm run replay:lipsync -- --traces traces.json [--shifts=-360,-240,0,240,360] [--clips substring] [--verbose]
//
// The lip-sync tracker of this tree (src/lipsync/LipSyncTracker.ts, loaded through Vite's module
// runner) replayed on the traces an earlier `npm run eval:lipsync -- --dump traces.json` kept, without
// a browser: each run's frames (mouth aperture, mouth motion, blendshapes, usable), 20 ms audio
// levels and viseme classifications are fed in the order they were traced, and the tracker is read a
// second apart on the frames' clock, as the analysis session does (the quality authority taken as
// able to judge: the traced runs held 12–15 frames/s). With `--shifts`, every original run is
// replayed once per shift instead, its audio and visemes moved by that many ms (positive: later), the
// way eval:lipsync's shift variants move the file's sound.
//
// Prints each run's first flag (kind, seconds of speech, the offset read), then per variant how many
// runs were flagged, as what, how many within 10 s of speech, and how many offset flags point the
// wrong way (a lead for audio moved later, or a lag for audio moved earlier). A change to the tracker
// is measured by running this on the same traces before and after it.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runnerImport } from 'vite';

const { values: args } = parseArgs({
  options: {
    traces: { type: 'string' },
    shifts: { type: 'string' },
    clips: { type: 'string', default: '' },
    verbose: { type: 'boolean', default: false },
  },
});
if (!args.traces) {
  console.error('usage: npm run replay:lipsync -- --traces <traces.json> [--shifts=-240,240] [--clips s]');
  process.exit(2);
}
/** A module of this tree's src/, through Vite's module runner. */
const load = async (path) =>
  (await runnerImport(path, { configFile: false, root: process.cwd(), logLevel: 'silent' })).module;
const { LipSyncTracker } = await load('/src/lipsync/LipSyncTracker.ts');
const { mouthFeatures } = await load('/src/lipsync/mouthFeatures.ts');
const { MOUTH_FEATURES } = await load('/src/lipsync/visemeMouthMap.ts');
const mouthShape = new Float64Array(MOUTH_FEATURES.length);

/** Replays one run's trace; returns the readings with the frame time they were taken at. */
function replay(events, audioShiftMs) {
  const tracker = new LipSyncTracker();
  const readings = [];
  let lastEvalMs = -Infinity;
  let lastShownMs = -Infinity;
  for (const e of events) {
    if (e.k === 'a') tracker.addAudio(e.t + audioShiftMs, e.l, e.b);
    else if (e.k === 'vis') tracker.addVisemes(e.t + audioShiftMs, e.p);
    else if (e.k === 'f') {
      if (e.t > lastShownMs) {
        lastShownMs = e.t;
        tracker.addFrame(e.t, e.m ?? NaN, e.u, e.v === undefined ? undefined : (e.v ?? NaN));
        const shapes = e.s && Object.entries(e.s).map(([categoryName, score]) => ({ categoryName, score }));
        const seen = mouthFeatures(e.m ?? NaN, shapes, mouthShape);
        tracker.addMouthShape(e.t, mouthShape, e.u && seen);
      }
      if (e.g - lastEvalMs >= 1000) {
        lastEvalMs = e.g;
        readings.push({ tMs: e.g, r: tracker.evaluate() });
      }
    }
  }
  return readings;
}

const traces = JSON.parse(readFileSync(args.traces, 'utf8'));
const shifts = args.shifts ? args.shifts.split(',').map(Number) : null;
const runs = [];
for (const [key, events] of Object.entries(traces)) {
  if (!key.includes(args.clips)) continue;
  const [clip, variant] = key.split('#');
  if (!shifts) {
    const moved = /^shift([+-]\d+)$/.exec(variant);
    runs.push({ clip, variant, shiftMs: moved ? Number(moved[1]) : 0, events, audioShiftMs: 0 });
  } else if (variant === 'original')
    for (const s of shifts)
      runs.push({ clip, variant: `moved${s >= 0 ? '+' : ''}${s}`, shiftMs: s, events, audioShiftMs: s });
}

const totals = new Map();
const round = (x) => (x === null ? '-' : String(Math.round(x)));
for (const run of runs) {
  const readings = replay(run.events, run.audioShiftMs);
  const first = readings.find(({ r }) => r.flag);
  const t = totals.get(run.variant) ?? {
    runs: 0,
    flagged: 0,
    mismatch: 0,
    offset: 0,
    within10s: 0,
    wrongWay: 0,
  };
  totals.set(run.variant, t);
  t.runs++;
  if (first) {
    const { flag, speechMs, offsetMs } = first.r;
    t.flagged++;
    if (flag.kind === 'mismatch') t.mismatch++;
    if (flag.kind === 'offset') t.offset++;
    if (speechMs <= 10_000) t.within10s++;
    if (flag.kind === 'offset' && run.shiftMs * offsetMs < 0) t.wrongWay++;
  }
  console.log(
    `${run.clip.padEnd(40)} ${run.variant.padEnd(10)} ` +
      (first
        ? `FLAG ${first.r.flag.kind} at ${(first.r.speechMs / 1000).toFixed(1)} s of speech, offset ${round(first.r.offsetMs)} ms`
        : 'no flag'),
  );
  if (args.verbose)
    for (const { tMs, r } of readings)
      console.log(
        `  ${(tMs / 1000).toFixed(1).padStart(5)} s  speech ${(r.speechMs / 1000).toFixed(1).padStart(4)} s  ` +
          `${r.latest.evidence.padEnd(11)} spans ${r.evidence.spans}  peak-median ${r.evidence.confidence.toFixed(3)}  ` +
          `offset ${round(r.offsetMs).padStart(4)}  shape ${r.mouthShape ? r.mouthShape.score.toFixed(2) : '-'}  ${r.state}${r.flag ? ` (${r.flag.kind})` : ''}`,
      );
}
console.log(
  '\nvariant     runs  flagged  another voice  offset  within 10 s of speech  offset the wrong way',
);
for (const [variant, t] of totals)
  console.log(
    `${variant.padEnd(10)} ${String(t.runs).padStart(5)} ${String(t.flagged).padStart(8)} ${String(t.mismatch).padStart(14)} ` +
      `${String(t.offset).padStart(7)} ${String(t.within10s).padStart(22)} ${String(t.wrongWay).padStart(21)}`,
  );
