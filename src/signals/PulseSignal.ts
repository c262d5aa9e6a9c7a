import { said, say, words } from '../text/Phrase';
import { cannotJudge, type SignalReading } from './SignalReading';
import { SeriesRing } from './SeriesRing';
import { frameGate, type VisualFrame } from './VisualFrame';
import { posPulse, spectralPeak } from './posPulse';

/** Options for {@link PulseSignal}. */
export interface PulseOptions {
  /** Window, ms (default 10 000; the pulse needs several beats). */
  windowMs?: number;
  /** Resampling rate of the colour series, Hz (default 15). */
  sampleRateHz?: number;
  /** SNR a region's peak needs to count as a pulse, dB (default 3, as rPPG papers report a clear pulse). */
  minSnrDb?: number;
  /** Largest gap between regions' pulse rates to call them coherent, Hz (default 0.12 ≈ 7 beats/min). */
  agreeHz?: number;
}

const REGIONS = ['forehead', 'cheekL', 'cheekR'] as const;

/**
 * Skin pulse (rPPG): blood volume changes the skin's colour slightly at the heart rate, in step
 * across the forehead and both cheeks. A coherent pulse is evidence of live skin. Call video is
 * compressed and often dim: the pulse is then invisible in real people too, so its absence is never
 * more than a weak hint, reported with low confidence ("cannot judge" in the strip), and never a flag
 * on its own.
 */
export class PulseSignal {
  private readonly ring = new SeriesRing(9, 900);
  private readonly o: Required<PulseOptions>;
  private readonly resampled: Float64Array[];
  private readonly pulse: Float64Array;

  constructor(opts: PulseOptions = {}) {
    this.o = {
      windowMs: opts.windowMs ?? 10_000,
      sampleRateHz: opts.sampleRateHz ?? 15,
      minSnrDb: opts.minSnrDb ?? 3,
      agreeHz: opts.agreeHz ?? 0.12,
    };
    const n = Math.ceil((this.o.windowMs / 1000) * this.o.sampleRateHz) + 1;
    this.resampled = Array.from({ length: 3 }, () => new Float64Array(n));
    this.pulse = new Float64Array(n);
  }

  add(v: VisualFrame): void {
    const slot = this.ring.push(v.feature.timestampMs);
    if (frameGate(v) || Math.abs(v.feature.yawDeg) > 30) return;
    const p = v.pixels;
    const ring = this.ring;
    ring.set(slot, 0, p.foreheadR);
    ring.set(slot, 1, p.foreheadG);
    ring.set(slot, 2, p.foreheadB);
    ring.set(slot, 3, p.cheekLR);
    ring.set(slot, 4, p.cheekLG);
    ring.set(slot, 5, p.cheekLB);
    ring.set(slot, 6, p.cheekRR);
    ring.set(slot, 7, p.cheekRG);
    ring.set(slot, 8, p.cheekRB);
  }

  evaluate(nowMs: number): SignalReading {
    const from = nowMs - this.o.windowMs;
    const i0 = this.ring.firstFrom(from);
    let judged = 0;
    for (let i = i0; i < this.ring.size; i++) if (Number.isFinite(this.ring.at(i, 1))) judged++;
    const spanS = this.ring.size > i0 ? (this.ring.time(this.ring.size - 1) - this.ring.time(i0)) / 1000 : 0;
    if (spanS < 0.8 * (this.o.windowMs / 1000) || judged < 0.8 * spanS * 10)
      return cannotJudge('pulse', words('needs 10 s of a steady, well-lit face'));
    const peaks: { hz: number; snrDb: number }[] = [];
    for (let r = 0; r < REGIONS.length; r++) {
      const n = this.resample(i0, 3 * r);
      if (n < 0) continue;
      posPulse(
        this.resampled[0]!.subarray(0, n),
        this.resampled[1]!.subarray(0, n),
        this.resampled[2]!.subarray(0, n),
        this.o.sampleRateHz,
        this.pulse,
      );
      peaks.push(spectralPeak(this.pulse, n, this.o.sampleRateHz));
    }
    const clear = peaks.filter((p) => p.snrDb >= this.o.minSnrDb);
    const coherent = clear.some((a, i) =>
      clear.some((b, j) => j > i && Math.abs(a.hz - b.hz) <= this.o.agreeHz),
    );
    const span = { fromMs: this.ring.time(i0), toMs: this.ring.time(this.ring.size - 1) };
    const best = Math.max(...peaks.map((p) => p.snrDb));
    if (coherent) {
      const bpm = Math.round(clear[0]!.hz * 60);
      return {
        signal: 'pulse',
        score: 0,
        confidence: 0.6,
        evidence: span,
        value: best,
        ...said(say`a skin pulse of about ${bpm} beats/min, in step across the face`),
      };
    }
    return {
      signal: 'pulse',
      score: 0.3,
      confidence: 0.15,
      evidence: span,
      value: best,
      ...said(
        say`cannot judge: ${words('no pulse measurable in this video (compression, light or motion hide it in real people too)')}`,
      ),
    };
  }

  /** Resamples channels base..base+2 of the window at the sample rate into `resampled`; returns the length. */
  private resample(i0: number, base: number): number {
    const step = 1000 / this.o.sampleRateHz;
    const t0 = this.ring.time(i0);
    const t1 = this.ring.time(this.ring.size - 1);
    const n = Math.min(this.pulse.length, Math.floor((t1 - t0) / step) + 1);
    let j = i0;
    for (let s = 0; s < n; s++) {
      const t = t0 + s * step;
      while (j < this.ring.size - 2 && this.ring.time(j + 1) < t) j++;
      for (let c = 0; c < 3; c++) {
        const a = this.ring.at(j, base + c);
        const b = this.ring.at(j + 1, base + c);
        const ta = this.ring.time(j);
        const tb = this.ring.time(j + 1);
        const w = tb > ta ? Math.min(1, Math.max(0, (t - ta) / (tb - ta))) : 0;
        // Gaps (unjudged frames) take the nearer finite neighbour.
        const v = Number.isFinite(a) && Number.isFinite(b) ? a + (b - a) * w : Number.isFinite(a) ? a : b;
        if (!Number.isFinite(v)) return -1;
        this.resampled[c]![s] = v;
      }
    }
    return n;
  }
}
