// Does the sound's mouth shape tell a mouth's own voice from another's? A study for the lip-sync
// detector, before anything of it is built into the extension: it prints figures.
//
//   npm run eval:lipsync -- --variants original --dump traces.json
//   npm run study:visemes -- --traces traces.json [--seconds 20] [--map phonetic|fit] [--lambda 0.1]
//
// The sound: each run's played file (the eval's variant, found by its cache name) decoded to 16 kHz
// mono and classified by @met4citizen/headaudio (MIT; its AudioWorklet processor, run here in Node
// with a two-line stand-in for the worklet globals) into 15 visemes every 16 ms; each viseme's
// probability is a softmax of minus half its prototypes' nearest Mahalanobis distance. The file is
// put on the page clock by the best correlation of its loudness (20 ms slots) with the speech-band
// level the analyzer traced.
//
// The mouth: the traced frames' inner-lip aperture and mouth blendshapes (left and right summed),
// linearly interpolated onto the 20 ms grid between usable frames under 150 ms apart.
//
// The cue: the visemes' expected mouth features (a 15 × 14 map: `phonetic`, written from what each
// viseme does to the lips, or `fit`, ridge-fitted on the genuine talking runs with the run itself left
// out) against the visible ones, both minus their 500 ms moving average and standardised within the
// run, as the mean over features of their correlation at each lag. Its score is the peak within
// ±600 ms over the lags of 2–3 s (z: the same measure at lags where no speaker is in step, so each
// call is its own baseline). The loudness cue is scored the same way (the traced mouth-motion series
// against the traced speech level), so the two are side by side.
//
// "Own" pairs each run's mouth with its own sound; "other voice" with every other run's sound.
// Printed: per run the own scores and their lags, then AUC of own against other voices for each cue
// and their sum.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { aucOf, cacheName, loadManifest } from './lib/evalKit.mjs';
import { solve } from './lib/linalg.mjs';

const { values: args } = parseArgs({
  options: {
    traces: { type: 'string' },
    manifest: { type: 'string', default: resolve('..', 'shared', 'media', 'manifest.json') },
    seconds: { type: 'string', default: '20' },
    map: { type: 'string', default: 'phonetic' },
    lambda: { type: 'string', default: '0.1' },
  },
});
if (!args.traces || !['phonetic', 'fit'].includes(args.map)) {
  console.error('usage: npm run study:visemes -- --traces <traces.json> [--seconds 20] [--map phonetic|fit]');
  process.exit(2);
}
const SLOT_MS = 20;
const SLOTS = Math.round((Number(args.seconds) * 1000) / SLOT_MS);
const LAMBDA = Number(args.lambda);
const CACHE = resolve('.cache', 'eval', 'lipsync-unlooped');
const VISEMES = ['aa', 'E', 'I', 'O', 'U', 'PP', 'SS', 'TH', 'DD', 'FF', 'kk', 'nn', 'RR', 'CH', 'sil'];
/** The mouth features: the aperture, then blendshapes (a pair's left and right summed). */
const SHAPES = [
  ['jawOpen'],
  ['mouthClose'],
  ['mouthFunnel'],
  ['mouthPucker'],
  ['mouthLowerDownLeft', 'mouthLowerDownRight'],
  ['mouthUpperUpLeft', 'mouthUpperUpRight'],
  ['mouthRollLower'],
  ['mouthRollUpper'],
  ['mouthStretchLeft', 'mouthStretchRight'],
  ['mouthSmileLeft', 'mouthSmileRight'],
  ['mouthPressLeft', 'mouthPressRight'],
  ['mouthShrugLower'],
  ['mouthShrugUpper'],
];
const FEATURES = ['aperture', ...SHAPES.map((s) => s[0].replace(/Left$/, ''))];
/** What each viseme does to the visible mouth, from phonetics (unlisted features: nothing). */
const PHONETIC = {
  aa: { aperture: 1, jawOpen: 1 },
  E: { aperture: 0.5, jawOpen: 0.5, mouthStretch: 0.5 },
  I: { mouthStretch: 1, mouthSmile: 0.5, jawOpen: -0.3 },
  O: { mouthFunnel: 1, jawOpen: 0.5 },
  U: { mouthPucker: 1, mouthFunnel: 0.5, jawOpen: -0.3 },
  PP: { mouthClose: 1, mouthPress: 1, aperture: -1, jawOpen: -0.5 },
  SS: { mouthStretch: 0.3, aperture: -0.3 },
  TH: { aperture: -0.2 },
  DD: { aperture: 0.2 },
  FF: { mouthRollLower: 1, mouthUpperUp: 0.5, aperture: -0.5 },
  kk: { jawOpen: 0.2 },
  nn: { aperture: -0.2 },
  RR: { mouthFunnel: 0.3 },
  CH: { mouthFunnel: 0.5, mouthPucker: 0.3 },
  sil: { aperture: -1, jawOpen: -1 },
};
const PHONETIC_MAP = [...VISEMES.map((v) => FEATURES.map((f) => PHONETIC[v][f] ?? 0)), FEATURES.map(() => 0)];

// ---------- the sound's visemes ----------

const HEADAUDIO = resolve('node_modules', '@met4citizen', 'headaudio', 'dist');
const RECORD_BYTES = 368;
const model = (() => {
  const bin = readFileSync(join(HEADAUDIO, 'model-en-mixed.bin'));
  const ab = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
  const out = [];
  for (let r = 0; r + RECORD_BYTES <= ab.byteLength; r += RECORD_BYTES) {
    const dv = new DataView(ab, r, 8);
    out.push({
      group: dv.getUint8(5),
      viseme: dv.getUint8(7),
      mu: new Float32Array(ab, r + 8, 12),
      sigmaInvLower: new Float32Array(ab, r + 56, 78),
    });
  }
  return out;
})();
let Processor;
globalThis.sampleRate = 16000;
globalThis.registerProcessor = (_name, c) => (Processor = c);
globalThis.AudioWorkletProcessor = class {
  constructor() {
    // The worklet reuses its arrays between messages: clone, as a real port would.
    this.port = { postMessage: (m) => this.sent.push(structuredClone(m)), onmessage: null };
    this.sent = [];
  }
};
await import(join(HEADAUDIO, 'headworklet.min.mjs'));

/** Viseme probabilities every 16 ms of a file: [{ tMs, p: Float64Array(15) }]. */
function visemesOf(path) {
  const r = spawnSync('ffmpeg', ['-v', 'error', '-i', path, '-ac', '1', '-ar', '16000', '-f', 'f32le', '-'], {
    maxBuffer: 1 << 30,
  });
  if (r.status !== 0) throw new Error(`ffmpeg could not decode ${path}: ${r.stderr}`);
  const pcm = new Float32Array(r.stdout.buffer, r.stdout.byteOffset, r.stdout.byteLength / 4);
  const proc = new Processor({ processorOptions: { visemeEventsEnabled: true } });
  proc.port.onmessage({ data: { event: 'model', model } });
  const params = Object.fromEntries(
    Processor.parameterDescriptors.map((d) => [d.name, new Float32Array([d.defaultValue])]),
  );
  for (let i = 0; i + 128 <= pcm.length; i += 128) proc.process([[pcm.subarray(i, i + 128)]], [], params);
  const out = [];
  for (const m of proc.sent) {
    if (m.event !== 'viseme' || !m.distances) continue;
    const nearest = new Float64Array(VISEMES.length).fill(Infinity);
    m.distances.forEach((d, k) => (nearest[model[k].viseme] = Math.min(nearest[model[k].viseme], d)));
    const least = Math.min(...nearest);
    const e = nearest.map((d) => Math.exp(-(d - least) / 2));
    const sum = e.reduce((s, x) => s + x, 0);
    out.push({ tMs: m.t * 1000, p: e.map((x) => x / sum) });
  }
  return { pcm, visemes: out };
}

// ---------- series on the 20 ms grid ----------

function corr(a, b) {
  let n = 0, sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0; // prettier-ignore
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i]; // prettier-ignore
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    n++;
    sa += x;
    sb += y;
    saa += x * x;
    sbb += y * y;
    sab += x * y;
  }
  if (n < 20) return NaN;
  const va = saa / n - (sa / n) ** 2;
  const vb = sbb / n - (sb / n) ** 2;
  return va > 0 && vb > 0 ? (sab / n - (sa / n) * (sb / n)) / Math.sqrt(va * vb) : NaN;
}
/** Minus the 500 ms moving average, then standardised (NaN kept). */
function prepare(x) {
  const W = 12;
  const hp = x.map((v, i) => {
    let n = 0, s = 0; // prettier-ignore
    for (let k = Math.max(0, i - W); k <= Math.min(x.length - 1, i + W); k++)
      if (Number.isFinite(x[k])) {
        n++;
        s += x[k];
      }
    return n > W && Number.isFinite(v) ? v - s / n : NaN;
  });
  const ok = hp.filter(Number.isFinite);
  const m = ok.reduce((s, v) => s + v, 0) / ok.length;
  const sd = Math.sqrt(ok.reduce((s, v) => s + (v - m) ** 2, 0) / ok.length) || 1;
  return hp.map((v) => (v - m) / sd);
}

function loadRun(key, trace, clip) {
  const variant = key.split('#')[1];
  const file = join(CACHE, cacheName(clip), `${variant}.mp4`);
  if (!existsSync(file)) throw new Error(`${key}: its played file ${file} is gone (run eval:lipsync again)`);
  const { pcm, visemes } = visemesOf(file);
  const audio = trace.filter((e) => e.k === 'a').sort((a, b) => a.t - b.t);
  const t0 = audio[0].t;
  const level = new Float64Array(SLOTS).fill(NaN);
  for (const e of audio)
    e.l.forEach((v, i) => {
      const j = Math.round((e.t + i * SLOT_MS - t0) / SLOT_MS);
      if (j < SLOTS) level[j] = v;
    });
  // The file on the page clock: its loudness against the traced level.
  const fileLevel = Float64Array.from({ length: Math.floor(pcm.length / 320) }, (_, k) => {
    let s = 0;
    for (let i = k * 320; i < (k + 1) * 320; i++) s += pcm[i] * pcm[i];
    return 10 * Math.log10(s / 320 + 1e-10);
  });
  let align = { r: -2, slot: 0 };
  for (let s = 0; s + SLOTS <= fileLevel.length; s++) {
    const r = corr(level, fileLevel.subarray(s, s + SLOTS));
    if (r > align.r) align = { r, slot: s };
  }
  const viseme = VISEMES.map(() => new Float64Array(SLOTS).fill(NaN));
  let vi = 0;
  for (let j = 0; j < SLOTS; j++) {
    const ft = (j + align.slot + 0.5) * SLOT_MS;
    while (vi + 1 < visemes.length && Math.abs(visemes[vi + 1].tMs - ft) <= Math.abs(visemes[vi].tMs - ft))
      vi++;
    if (visemes[vi] && Math.abs(visemes[vi].tMs - ft) <= 40)
      visemes[vi].p.forEach((p, v) => (viseme[v][j] = p));
  }
  const frames = trace.filter((e) => e.k === 'f' && e.u).sort((a, b) => a.t - b.t);
  const featuresOf = (e) => [e.m, ...SHAPES.map((s) => s.reduce((sum, n) => sum + (e.s?.[n] ?? 0), 0))];
  const mouth = FEATURES.map(() => new Float64Array(SLOTS).fill(NaN));
  const motion = new Float64Array(SLOTS).fill(NaN);
  let fi = 0;
  for (let j = 0; j < SLOTS; j++) {
    const t = t0 + (j + 0.5) * SLOT_MS;
    while (fi + 1 < frames.length && frames[fi + 1].t <= t) fi++;
    const a = frames[fi], b = frames[fi + 1]; // prettier-ignore
    if (!a || !b || a.t > t || b.t - a.t > 150) continue;
    const w = (t - a.t) / (b.t - a.t);
    const fa = featuresOf(a), fb = featuresOf(b); // prettier-ignore
    fa.forEach((x, k) => (mouth[k][j] = x * (1 - w) + fb[k] * w));
    motion[j] = a.v * (1 - w) + b.v * w;
  }
  return {
    key,
    kind: clip.kind,
    alignR: align.r,
    viseme,
    mouth: mouth.map(prepare),
    motion: prepare(motion),
    level: prepare(level),
    frames: frames.length,
  };
}

// ---------- the map and the cues ----------

/** Ridge fit of the mouth features from the viseme probabilities (plus an intercept), at lag 0. */
function fitMap(runs) {
  const p = VISEMES.length + 1, q = FEATURES.length; // prettier-ignore
  const A = Array.from({ length: p }, () => new Float64Array(p));
  const B = Array.from({ length: p }, () => new Float64Array(q));
  let n = 0;
  for (const r of runs)
    for (let j = 0; j < SLOTS; j++) {
      const x = [...r.viseme.map((v) => v[j]), 1];
      const y = r.mouth.map((m) => m[j]);
      if (!x.every(Number.isFinite) || !y.every(Number.isFinite)) continue;
      n++;
      for (let a = 0; a < p; a++) {
        for (let b = 0; b < p; b++) A[a][b] += x[a] * x[b];
        for (let c = 0; c < q; c++) B[a][c] += x[a] * y[c];
      }
    }
  for (let a = 0; a < p - 1; a++) A[a][a] += LAMBDA * n;
  // One solve per feature: the map's column c.
  const columns = FEATURES.map((_, c) =>
    solve(
      A,
      B.map((row) => row[c]),
    ),
  );
  return Array.from({ length: p }, (_, a) => columns.map((col) => col[a]));
}
/** The mouth features a run's sound implies, prepared like the visible ones. */
function expectedMouth(run, map) {
  return FEATURES.map((_, c) => {
    const y = new Float64Array(SLOTS).fill(NaN);
    for (let j = 0; j < SLOTS; j++) {
      let s = map[VISEMES.length][c];
      for (let v = 0; v < VISEMES.length; v++) s += run.viseme[v][j] * map[v][c];
      y[j] = s;
    }
    return prepare(y);
  });
}
const shifted = (a, b, lag) => {
  const x = [], y = []; // prettier-ignore
  for (let j = Math.max(0, -lag); j < SLOTS && j + lag < SLOTS; j++) {
    x.push(a[j]);
    y.push(b[j + lag]);
  }
  return corr(x, y);
};
/** Peak within ±600 ms (positive lag: the sound later), as a z against the lags of 2–3 s. */
function score(curveAt) {
  let peak = { r: -Infinity, lagMs: 0 };
  for (let lag = -30; lag <= 30; lag++) {
    const r = curveAt(lag);
    if (r > peak.r) peak = { r, lagMs: lag * SLOT_MS };
  }
  const base = [];
  for (let lag = 100; lag <= 150; lag += 5) base.push(curveAt(lag), curveAt(-lag));
  const ok = base.filter(Number.isFinite);
  const m = ok.reduce((s, v) => s + v, 0) / ok.length;
  const sd = Math.sqrt(ok.reduce((s, v) => s + (v - m) ** 2, 0) / ok.length) || 1e-6;
  return { ...peak, z: (peak.r - m) / sd };
}
const visemeCue = (mouthRun, expected) =>
  score((lag) => {
    const rs = mouthRun.mouth.map((m, c) => shifted(m, expected[c], lag)).filter(Number.isFinite);
    return rs.length ? rs.reduce((s, v) => s + v, 0) / rs.length : NaN;
  });
const loudnessCue = (mouthRun, soundRun) => score((lag) => shifted(mouthRun.motion, soundRun.level, lag));

// ---------- run ----------

const traces = JSON.parse(readFileSync(args.traces, 'utf8'));
const clips = new Map(loadManifest(args.manifest).clips.map((c) => [c.file, c]));
const runs = [];
for (const [key, trace] of Object.entries(traces)) {
  const clip = clips.get(key.split('#')[0]);
  if (!clip || !/#(original|as-is)$/.test(key)) continue;
  const run = loadRun(key, trace, clip);
  console.log(`${key.padEnd(48)} ${run.frames} usable frames, sound aligned at r ${run.alignR.toFixed(2)}`);
  runs.push(run);
}
const genuine = runs.filter((r) => r.kind === 'talking');
const fit = (r) => (args.map === 'phonetic' ? PHONETIC_MAP : fitMap(genuine.filter((g) => g !== r)));
const own = { viseme: [], loudness: [], sum: [] };
const other = { viseme: [], loudness: [], sum: [] };
console.log(`\n${args.seconds} s per run, ${args.map} map; own voice (z, lag of the peak):`);
for (const mouthRun of runs) {
  const map = fit(mouthRun);
  for (const soundRun of runs) {
    const v = visemeCue(mouthRun, expectedMouth(soundRun, map));
    const l = loudnessCue(mouthRun, soundRun);
    const into = soundRun === mouthRun ? own : other;
    into.viseme.push(v.z);
    into.loudness.push(l.z);
    into.sum.push(v.z + l.z);
    if (soundRun === mouthRun)
      console.log(
        `  ${mouthRun.key.padEnd(48)} visemes ${v.z.toFixed(2).padStart(5)} at ${String(v.lagMs).padStart(4)} ms   loudness ${l.z.toFixed(2).padStart(5)} at ${String(l.lagMs).padStart(4)} ms`,
      );
  }
}
const f = (x) => x.toFixed(2);
console.log(
  `\nAUC own voice against another (${own.viseme.length} own, ${other.viseme.length} other): ` +
    `visemes ${f(aucOf(own.viseme, other.viseme))}, loudness ${f(aucOf(own.loudness, other.loudness))}, ` +
    `sum ${f(aucOf(own.sum, other.sum))}`,
);
