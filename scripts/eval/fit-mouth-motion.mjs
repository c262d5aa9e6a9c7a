// Refits the weights of the lip-sync detector's mouth-motion series (src/features/mouthMotion.ts)
// and of its voice series (the speech sub-bands, src/audio/speechBands.ts) from recorded calls, and
// says how well they generalise: held out one clip at a time, does the mix match a clip's own voice
// better than the aperture alone does, and better than other clips' voices?
//
//   npm run eval:lipsync -- --variants original --dump traces.json
//   npm run fit:mouth-motion -- --traces traces.json [--lambda 1] [--cca-reg 0.1] [--out fit.json]
//
// Two fits are reported. "mix": the mouth features predict the whole band's loudness (ridge, below).
// "mix + bands" (what ships): the first pair of a canonical correlation analysis between the mouth
// features and the sub-bands' levels, both standardised, each covariance plus `--cca-reg` × identity;
// it needs traces recorded with the sub-bands (analyzer traces from 2026-12-01 on).
//
// The traces are what the analyzer saw on the demo call (per frame: aperture, mouth blendshapes,
// usable; the speech-band level per 20 ms slot), so the fit sees the product's own measurements. Only
// runs whose audio drives their own mouth are used (the `#original` variants). Per run, both series
// are put on the detector's 20 ms grid and prepared as it prepares them (level above the run's 5th
// percentile, 100 ms smoothing; both minus their 500 ms moving average); the level at lag 0 is then
// predicted from the standardised features by ridge regression (λ per sample; 1 by default, strong:
// the weights follow each feature's own correlation with loudness rather than the quirks of a dozen
// clips) and rescaled so the aperture weighs 1. A script, not a test: it prints figures.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { aucOf } from './lib/evalKit.mjs';
import { solve } from './lib/linalg.mjs';

const { values: args } = parseArgs({
  options: {
    traces: { type: 'string' },
    lambda: { type: 'string', default: '1' },
    'cca-reg': { type: 'string', default: '0.1' },
    out: { type: 'string' },
  },
});
if (!args.traces) {
  console.error('usage: npm run fit:mouth-motion -- --traces <traces.json> [--lambda 1] [--out fit.json]');
  process.exit(2);
}
const lambda = Number(args.lambda);
if (!(lambda >= 0)) throw new Error(`--lambda must be a number ≥ 0, not ${args.lambda}`);
const ccaReg = Number(args['cca-reg']);
if (!(ccaReg >= 0)) throw new Error(`--cca-reg must be a number ≥ 0, not ${args['cca-reg']}`);

/** The shipped sub-band weights, read from their source (scripts cannot import the TypeScript core). */
const SHIPPED_BAND_WEIGHTS = (() => {
  const src = readFileSync(new URL('../../src/audio/speechBands.ts', import.meta.url), 'utf8');
  const m = /SPEECH_BAND_WEIGHTS[^=]*=\s*\[([^\]]*)\]/.exec(src);
  const w = m ? m[1].split(',').map(Number) : [];
  if (w.length === 0 || !w.every(Number.isFinite))
    throw new Error('could not read SPEECH_BAND_WEIGHTS from src/audio/speechBands.ts');
  return w;
})();
const BANDS = SHIPPED_BAND_WEIGHTS.length;

/** Left and right blendshapes share a weight: [feature name, blendshape names summed]. */
const FEATURES = [
  ['jawOpen', ['jawOpen']],
  ['mouthClose', ['mouthClose']],
  ['mouthFunnel', ['mouthFunnel']],
  ['mouthPucker', ['mouthPucker']],
  ['mouthLowerDown', ['mouthLowerDownLeft', 'mouthLowerDownRight']],
  ['mouthUpperUp', ['mouthUpperUpLeft', 'mouthUpperUpRight']],
  ['mouthRollLower', ['mouthRollLower']],
  ['mouthRollUpper', ['mouthRollUpper']],
  ['mouthStretch', ['mouthStretchLeft', 'mouthStretchRight']],
  ['mouthSmile', ['mouthSmileLeft', 'mouthSmileRight']],
  ['mouthPress', ['mouthPressLeft', 'mouthPressRight']],
  ['mouthShrugLower', ['mouthShrugLower']],
  ['mouthShrugUpper', ['mouthShrugUpper']],
];
const NAMES = ['aperture', ...FEATURES.map(([n]) => n)];
const D = NAMES.length;
const SLOT_MS = 20;
const MAX_LAG = 30; // ±600 ms
const HP_HALF = 12; // 500 ms moving average (the detector's highPassMs)
const SMOOTH_HALF = 2; // 100 ms (audioSmoothMs)

/** Centred moving average of half-width `half`, edges averaging what they have (as the detector's). */
function movingAverage(x, half) {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    let s = 0;
    let n = 0;
    for (let k = Math.max(0, i - half); k <= Math.min(x.length - 1, i + half); k++) {
      s += x[k];
      n++;
    }
    out[i] = s / n;
  }
  return out;
}
const highPass = (x) => {
  const m = movingAverage(x, HP_HALF);
  return x.map((v, i) => v - m[i]);
};

/** One run as rows of features and a level per 20 ms slot, both prepared as the detector prepares them. */
function series(trace) {
  const frames = trace.filter((e) => e.k === 'f' && e.u && e.s && Number.isFinite(e.m));
  if (frames.length < 30) return null;
  const t0 = Math.ceil(frames[0].t / SLOT_MS) * SLOT_MS;
  const n = Math.floor((frames.at(-1).t - t0) / SLOT_MS);
  const level = new Float64Array(n).fill(NaN);
  const audio = trace.filter((e) => e.k === 'a');
  // The sub-bands, when every audio chunk of the run carried them.
  const bands = audio.every((a) => Array.isArray(a.b) && a.b.length === a.l.length * BANDS)
    ? Array.from({ length: BANDS }, () => new Float64Array(n).fill(NaN))
    : null;
  for (const a of audio)
    a.l.forEach((db, k) => {
      const s = Math.round((a.t - t0) / SLOT_MS) + k;
      if (s < 0 || s >= n) return;
      level[s] = db;
      if (bands) for (let b = 0; b < BANDS; b++) bands[b][s] = a.b[k * BANDS + b];
    });
  // The features, then the shipped mix as the analyzer computed it (NaN in traces from before it).
  const vec = (f) => [
    f.m,
    ...FEATURES.map(([, parts]) => parts.reduce((s, p) => s + (f.s[p] ?? 0), 0)),
    f.v ?? NaN,
  ];
  const X = Array.from({ length: D + 1 }, () => new Float64Array(n));
  let j = 0;
  for (let s = 0; s < n; s++) {
    const c = t0 + (s + 0.5) * SLOT_MS;
    while (j < frames.length - 2 && frames[j + 1].t <= c) j++;
    const [a, b] = [frames[j], frames[j + 1]];
    const w = Math.min(1, Math.max(0, (c - a.t) / (b.t - a.t)));
    const va = vec(a);
    const vb = vec(b);
    for (let d = 0; d <= D; d++) X[d][s] = va[d] + (vb[d] - va[d]) * w;
  }
  const known = [...level].filter(Number.isFinite);
  if (known.length < n * 0.8) return null;
  const shipped = X.pop();
  const B = bands?.map(prepareLevel) ?? null;
  return {
    X: X.map(highPass),
    shipped: shipped.every(Number.isFinite) ? highPass(shipped) : null,
    y: prepareLevel(level),
    B,
    shippedVoice: B ? combine(B, SHIPPED_BAND_WEIGHTS) : null,
    n,
  };
}

/** A level series as the detector prepares it: dB above its 5th percentile, 100 ms smoothing, high-passed. */
function prepareLevel(level) {
  const known = [...level].filter(Number.isFinite).sort((x, y) => x - y);
  const floor = known[Math.floor(known.length * 0.05)];
  return highPass(
    movingAverage(
      level.map((v) => (Number.isFinite(v) ? Math.max(0, v - floor) : 0)),
      SMOOTH_HALF,
    ),
  );
}

/** Σ w[d] · rows[d]. */
function combine(rows, w) {
  const v = new Float64Array(rows[0].length);
  for (let d = 0; d < rows.length; d++)
    if (w[d]) for (let s = 0; s < v.length; s++) v[s] += w[d] * rows[d][s];
  return v;
}

/** Ridge weights on standardised features, returned per raw unit and rescaled so the aperture weighs 1. */
function fit(runs) {
  let N = 0;
  const sum = new Float64Array(D);
  const sq = new Float64Array(D);
  let ySq = 0;
  for (const r of runs)
    for (let s = 0; s < r.n; s++) {
      N++;
      ySq += r.y[s] ** 2;
      for (let d = 0; d < D; d++) {
        sum[d] += r.X[d][s];
        sq[d] += r.X[d][s] ** 2;
      }
    }
  const sd = [...sq].map((v, d) => Math.sqrt(v / N - (sum[d] / N) ** 2) || 1);
  const ySd = Math.sqrt(ySq / N) || 1;
  const A = Array.from({ length: D }, () => new Array(D).fill(0));
  const b = new Array(D).fill(0);
  for (const r of runs)
    for (let s = 0; s < r.n; s++)
      for (let d = 0; d < D; d++) {
        const xd = r.X[d][s] / sd[d];
        b[d] += (xd * r.y[s]) / ySd / N;
        for (let e = 0; e < D; e++) A[d][e] += (xd * r.X[e][s]) / sd[e] / N;
      }
  for (let d = 0; d < D; d++) A[d][d] += lambda;
  const w = solve(A, b).map((v, d) => v / sd[d]);
  return w.map((v) => v / w[0]);
}

const mix = (r, w) => combine(r.X, w);

/** Covariance of the rows of two sets over every sample of the runs, after dividing by their sd. */
function cov(runs, a, b, sdA, sdB) {
  const C = Array.from({ length: sdA.length }, () => new Array(sdB.length).fill(0));
  let N = 0;
  for (const r of runs) {
    const [P, Q] = [a(r), b(r)];
    N += r.n;
    for (let i = 0; i < sdA.length; i++)
      for (let j = 0; j < sdB.length; j++) {
        let s = 0;
        for (let t = 0; t < r.n; t++) s += P[i][t] * Q[j][t];
        C[i][j] += s / sdA[i] / sdB[j];
      }
  }
  return C.map((row) => row.map((v) => v / N));
}

/**
 * The first canonical pair of the mouth features and the sub-bands: weights per raw unit, the mouth's
 * rescaled so the aperture weighs 1, the bands' so their sum is ±1.
 */
function fitCca(runs) {
  const sdOf = (rows) => {
    const sq = new Float64Array(rows(runs[0]).length);
    let N = 0;
    for (const r of runs) {
      N += r.n;
      rows(r).forEach((x, d) => {
        for (const v of x) sq[d] += v * v;
      });
    }
    return [...sq].map((v) => Math.sqrt(v / N) || 1);
  };
  const mouthRows = (r) => r.X;
  const bandRows = (r) => r.B;
  const [sx, sb] = [sdOf(mouthRows), sdOf(bandRows)];
  const Cxx = cov(runs, mouthRows, mouthRows, sx, sx);
  const Cbb = cov(runs, bandRows, bandRows, sb, sb);
  const Cxb = cov(runs, mouthRows, bandRows, sx, sb);
  for (let d = 0; d < D; d++) Cxx[d][d] += ccaReg;
  for (let d = 0; d < BANDS; d++) Cbb[d][d] += ccaReg;
  const Cbx = Cxb[0].map((_, j) => Cxb.map((row) => row[j]));
  const matVec = (M, v) => M.map((row) => row.reduce((s, m, k) => s + m * v[k], 0));
  // Power iteration on Cxx⁻¹ Cxb Cbb⁻¹ Cbx (its eigenvalues are the squared canonical correlations).
  let wx = new Array(D).fill(1);
  for (let it = 0; it < 500; it++) {
    const next = solve(Cxx, matVec(Cxb, solve(Cbb, matVec(Cbx, wx))));
    const norm = Math.hypot(...next);
    const moved = Math.hypot(...next.map((v, d) => v / norm - wx[d]));
    wx = next.map((v) => v / norm);
    if (moved < 1e-12) break;
  }
  let wb = solve(Cbb, matVec(Cbx, wx));
  const x = wx.map((v, d) => v / sx[d]);
  wb = wb.map((v, d) => v / sb[d]);
  // Rescaled as the pair: both sides flip sign together, so the mouth's aperture weighs +1 and the
  // bands keep the sign the pair gives them (their sum is +1 or, if the pair says so, −1).
  const bSum = Math.abs(wb.reduce((a, b) => a + b, 0));
  return { mouth: x.map((v) => v / x[0]), bands: wb.map((v) => (v * Math.sign(x[0])) / bSum) };
}

/** Pearson correlation of v[t] with y[t + lag] at every lag within ±MAX_LAG, on equal samples: {offsetMs, confidence}. */
function lagPeak(v, y) {
  const n = Math.min(v.length, y.length);
  const curve = [];
  for (let L = -MAX_LAG; L <= MAX_LAG; L++) {
    let sv = 0, sy = 0, svv = 0, syy = 0, svy = 0, m = 0; // prettier-ignore
    for (let t = MAX_LAG; t < n - MAX_LAG; t++) {
      const a = v[t];
      const b = y[t + L];
      sv += a;
      sy += b;
      svv += a * a;
      syy += b * b;
      svy += a * b;
      m++; // prettier-ignore
    }
    const cov = svy / m - (sv / m) * (sy / m);
    const den = Math.sqrt((svv / m - (sv / m) ** 2) * (syy / m - (sy / m) ** 2));
    curve.push(den > 0 ? cov / den : 0);
  }
  const sorted = [...curve].sort((a, b) => a - b);
  const best = curve.indexOf(sorted.at(-1));
  return { offsetMs: (best - MAX_LAG) * SLOT_MS, confidence: sorted.at(-1) - sorted[sorted.length >> 1] };
}

const traces = JSON.parse(readFileSync(args.traces, 'utf8'));
const runs = [];
for (const [key, trace] of Object.entries(traces)) {
  if (!key.endsWith('#original')) continue;
  const r = series(trace);
  if (!r) {
    console.log(`${key}: skipped (too few usable frames with blendshapes, or too little audio)`);
    continue;
  }
  runs.push({ clip: key.slice(0, -'#original'.length), ...r });
}
if (runs.length < 3)
  throw new Error(`need at least 3 original runs with blendshapes in ${args.traces}, found ${runs.length}`);

const apertureOnly = [1, ...new Array(D - 1).fill(0)];
const held = runs.map((r) => fit(runs.filter((o) => o !== r)));
const withBands = runs.every((r) => r.B);
const heldCca = withBands ? runs.map((r) => fitCca(runs.filter((o) => o !== r))) : null;
const report = {};
/** [label, mouth series of run i, voice series of run a (for the mouth of run i)]. */
const labels = [
  ['aperture alone', (r) => mix(r, apertureOnly), (a) => a.y],
  ['mix, held out', (r, i) => mix(r, held[i]), (a) => a.y],
];
if (heldCca)
  labels.push([
    'mix + bands, held out',
    (r, i) => mix(r, heldCca[i].mouth),
    (a, i) => combine(a.B, heldCca[i].bands),
  ]);
// The analyzer's own mix (the shipped weights), when every run recorded it; with the shipped bands.
if (runs.every((r) => r.shipped)) {
  labels.push(['shipped mix', (r) => r.shipped, (a) => a.y]);
  if (withBands) labels.push(['shipped mix + bands', (r) => r.shipped, (a) => a.shippedVoice]);
}
if (!withBands) console.log('these traces have no sub-band levels: only the whole-band fits are reported');
for (const [label, seriesOf, voiceOf] of labels) {
  const own = [];
  const other = [];
  const offsets = {};
  runs.forEach((r, i) => {
    const v = seriesOf(r, i);
    runs.forEach((a) => {
      const p = lagPeak(v, voiceOf(a, i));
      if (a === r) {
        own.push(p.confidence);
        offsets[r.clip] = p.offsetMs;
      } else other.push(p.confidence);
    });
  });
  report[label] = { ownVsOtherVoiceAuc: Math.round(aucOf(own, other) * 1000) / 1000, offsetsMs: offsets };
  console.log(
    `${label.padEnd(21)} own voice vs other voices (peak over median, whole run): AUC ${report[label].ownVsOtherVoiceAuc}`,
  );
}
console.log(`\nbest lag of each run with its own voice, ms (${labels.map(([l]) => l).join(' | ')}):`);
for (const r of runs)
  console.log(
    `  ${r.clip.padEnd(45)} ${labels.map(([l]) => String(report[l].offsetsMs[r.clip]).padStart(5)).join(' | ')}`,
  );
const weights = fit(runs);
if (runs.length < 12)
  console.log(
    `\nonly ${runs.length} runs: a refit from this few is unstable (9 looped demo-call runs once gave mouthClose 63.5 per unit against 2.2 from every frame of 16 clips); read the held-out rows above, not these weights`,
  );
const cca = withBands ? fitCca(runs) : null;
console.log(`\nweights from all ${runs.length} runs, per unit of each score, aperture = 1:`);
console.log(`  ${'feature'.padEnd(16)} ${'mix (λ = ' + lambda + ')'} ${cca ? '| mix + bands' : ''}`);
for (let d = 1; d < D; d++)
  console.log(
    `  ${NAMES[d].padEnd(16)} ${weights[d].toFixed(4).padStart(14)} ${cca ? '| ' + cca.mouth[d].toFixed(4) : ''}`,
  );
if (cca) console.log(`  sub-band weights (sum ±1): ${cca.bands.map((v) => v.toFixed(4)).join(', ')}`);
if (args.out) {
  const byFeature = (w) => Object.fromEntries(NAMES.map((n, d) => [n, Math.round(w[d] * 1e4) / 1e4]));
  writeFileSync(
    args.out,
    JSON.stringify(
      {
        lambda,
        ccaReg,
        runs: runs.map((r) => r.clip),
        weights: byFeature(weights),
        ...(cca
          ? { ccaWeights: byFeature(cca.mouth), bandWeights: cca.bands.map((v) => Math.round(v * 1e4) / 1e4) }
          : {}),
        heldOut: report,
      },
      null,
      2,
    ),
  );
  console.log(`\nwritten to ${args.out}`);
}
