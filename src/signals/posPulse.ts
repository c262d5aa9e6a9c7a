/**
 * rPPG by the POS method (Wang, den Brinker, Stuijk, de Haan, "Algorithmic principles of remote PPG",
 * IEEE TBME 2017): in overlapping 1.6 s windows, the temporally normalised RGB is projected onto the
 * plane orthogonal to the skin tone, S1 = G − B and S2 = −2R + G + B, combined as S1 + (σ1/σ2)·S2, and
 * overlap-added. Inputs are evenly sampled; `out` receives the pulse signal (same length).
 */
export function posPulse(
  r: ArrayLike<number>,
  g: ArrayLike<number>,
  b: ArrayLike<number>,
  sampleRateHz: number,
  out: Float64Array,
): void {
  const n = r.length;
  const L = Math.max(2, Math.round(1.6 * sampleRateHz));
  out.fill(0, 0, n);
  const s1 = new Float64Array(L);
  const s2 = new Float64Array(L);
  for (let s = 0; s + L <= n; s++) {
    let mr = 0,
      mg = 0,
      mb = 0;
    for (let i = s; i < s + L; i++) {
      mr += r[i]!;
      mg += g[i]!;
      mb += b[i]!;
    }
    mr /= L;
    mg /= L;
    mb /= L;
    if (!(mr > 0 && mg > 0 && mb > 0)) continue;
    let m1 = 0,
      m2 = 0;
    for (let k = 0; k < L; k++) {
      const rn = r[s + k]! / mr;
      const gn = g[s + k]! / mg;
      const bn = b[s + k]! / mb;
      s1[k] = gn - bn;
      s2[k] = -2 * rn + gn + bn;
      m1 += s1[k]!;
      m2 += s2[k]!;
    }
    m1 /= L;
    m2 /= L;
    let v1 = 0,
      v2 = 0;
    for (let k = 0; k < L; k++) {
      v1 += (s1[k]! - m1) ** 2;
      v2 += (s2[k]! - m2) ** 2;
    }
    const alpha = v2 > 0 ? Math.sqrt(v1 / v2) : 0;
    let mh = 0;
    for (let k = 0; k < L; k++) mh += s1[k]! + alpha * s2[k]!;
    mh /= L;
    for (let k = 0; k < L; k++) out[s + k] = out[s + k]! + s1[k]! + alpha * s2[k]! - mh;
  }
}

/** The strongest frequency of `x` in [loHz, hiHz] and its SNR, dB (power within ±binsAround steps over the rest). */
export function spectralPeak(
  x: ArrayLike<number>,
  n: number,
  sampleRateHz: number,
  opts: { loHz?: number; hiHz?: number; stepHz?: number; binsAround?: number } = {},
): { hz: number; snrDb: number } {
  const lo = opts.loHz ?? 0.7;
  const hi = opts.hiHz ?? 3;
  const step = opts.stepHz ?? 0.05;
  const around = opts.binsAround ?? 2;
  const bins = Math.floor((hi - lo) / step) + 1;
  const power = new Float64Array(bins);
  for (let k = 0; k < bins; k++) {
    const w = (2 * Math.PI * (lo + k * step)) / sampleRateHz;
    let re = 0,
      im = 0;
    for (let i = 0; i < n; i++) {
      re += x[i]! * Math.cos(w * i);
      im -= x[i]! * Math.sin(w * i);
    }
    power[k] = re * re + im * im;
  }
  let best = 0;
  for (let k = 1; k < bins; k++) if (power[k]! > power[best]!) best = k;
  let sig = 0,
    rest = 0;
  for (let k = 0; k < bins; k++) {
    if (Math.abs(k - best) <= around) sig += power[k]!;
    else rest += power[k]!;
  }
  return { hz: lo + best * step, snrDb: rest > 0 && sig > 0 ? 10 * Math.log10(sig / rest) : -Infinity };
}
