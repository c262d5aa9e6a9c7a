import { joined, said, say, type Phrase } from '../text/Phrase';
import { quantile } from '../stats/quantile';
import {
  FACE_SIGNAL_IDS,
  FACE_SIGNAL_WORDS,
  ramp,
  readingWords,
  type FaceSignalId,
  type SignalReading,
} from '../signals/SignalReading';

/** Options for {@link FaceRiskFusion}; the defaults are documented per field. */
export interface FusionOptions {
  /** Score a signal must reach to raise a flag (default 0.7)… */
  raiseScore?: number;
  /** …with at least this confidence (default 0.5)… */
  minConfidence?: number;
  /** …in this many evaluations in a row (default 2). */
  raiseAfter?: number;
  /** A flag clears after this many evaluations in a row below `clearScore` (defaults 4 and 0.45). */
  clearAfter?: number;
  clearScore?: number;
  /** The per-call baseline: confident readings of the first this-many ms (default 60 000). */
  baselineMs?: number;
  /** Fewest baseline readings for a signal's baseline to count (default 10). */
  baselineMinReadings?: number;
  /**
   * Smallest spread of a signal's baseline, in its raw value's units, so a very steady first minute
   * does not make every wobble a departure (defaults: blend 0.25 log2 units, temporal 0.004, geometry
   * 0.02, blink 10 s). Signals without one (pulse, replay) are judged on their absolute score only.
   */
  baselineFloor?: Partial<Record<FaceSignalId, number>>;
  /** Robust z of a departure from the baseline at which its score is 0.5 (default 6). */
  departureMidZ?: number;
}

const DEFAULT_FLOOR: Partial<Record<FaceSignalId, number>> = {
  blend: 0.25,
  temporal: 0.004,
  geometry: 0.02,
  blink: 10,
};

/** A flag the fusion holds up. */
export interface FaceFlag {
  signal: FaceSignalId;
  /** Page time the evidence starts, ms. */
  sinceMs: number;
  /** How sure: a flag already needs a high score with enough evidence, so never lower than medium. */
  confidence: 'medium' | 'high';
  reason: string;
  words?: Phrase;
}

export type FusedState = 'no-concerns' | 'inconclusive' | 'concerns' | 'cannot-judge';

export interface FusionResult {
  state: FusedState;
  /** Plain words for the state (English; `words` is the same as data). */
  reason: string;
  words: Phrase;
  /** 1 − Π(1 − score·confidence) over the signals: a continuous risk for evaluation, not shown as a verdict. */
  risk: number;
  flags: FaceFlag[];
  /** Flags raised or cleared by this update. */
  changes: { kind: 'raised' | 'cleared'; flag: FaceFlag }[];
  /** Each signal's reading as fused (score including any departure from the call's baseline). */
  readings: SignalReading[];
}

interface Track {
  over: number;
  under: number;
  flag: FaceFlag | null;
  baseline: number[];
  baseMedian: number;
  baseScale: number;
}

/**
 * Fuses the face-swap and liveness signals into the three states, with hysteresis and a per-call
 * baseline. A signal flags when its score (absolute, or its departure from how this call started)
 * stays high with enough confidence; "concerns" needs flags from two independent signals (a failed
 * challenge also counts, in the session's overall state); one signal is "inconclusive"; too few
 * signals able to judge is "cannot judge". Never a verdict on the person.
 */
export class FaceRiskFusion {
  private readonly o: Required<Omit<FusionOptions, 'baselineFloor'>> & {
    baselineFloor: Partial<Record<FaceSignalId, number>>;
  };
  private readonly tracks = new Map<FaceSignalId, Track>();

  constructor(
    private readonly startMs: number,
    opts: FusionOptions = {},
  ) {
    this.o = {
      raiseScore: opts.raiseScore ?? 0.7,
      minConfidence: opts.minConfidence ?? 0.5,
      raiseAfter: opts.raiseAfter ?? 2,
      clearAfter: opts.clearAfter ?? 4,
      clearScore: opts.clearScore ?? 0.45,
      baselineMs: opts.baselineMs ?? 60_000,
      baselineMinReadings: opts.baselineMinReadings ?? 10,
      departureMidZ: opts.departureMidZ ?? 6,
      baselineFloor: { ...DEFAULT_FLOOR, ...opts.baselineFloor },
    };
    for (const id of FACE_SIGNAL_IDS)
      this.tracks.set(id, { over: 0, under: 0, flag: null, baseline: [], baseMedian: NaN, baseScale: NaN });
  }

  update(nowMs: number, readings: readonly SignalReading[]): FusionResult {
    const changes: FusionResult['changes'] = [];
    const fused: SignalReading[] = [];
    let keep = 1;
    let judging = 0;
    for (const raw of readings) {
      const tr = this.tracks.get(raw.signal)!;
      const r = this.withBaseline(nowMs, raw, tr);
      fused.push(r);
      keep *= 1 - r.score * r.confidence;
      const confident = r.confidence >= this.o.minConfidence;
      if (confident) judging++;
      if (confident && r.score >= this.o.raiseScore) {
        tr.over++;
        tr.under = 0;
      } else if (r.score < this.o.clearScore || r.confidence === 0) {
        tr.under++;
        tr.over = 0;
      }
      if (!tr.flag && tr.over >= this.o.raiseAfter) {
        tr.flag = {
          signal: r.signal,
          sinceMs: r.evidence?.fromMs ?? nowMs,
          confidence: r.score * r.confidence >= 0.75 ? 'high' : 'medium',
          reason: r.reason,
          ...(r.words ? { words: r.words } : {}),
        };
        changes.push({ kind: 'raised', flag: tr.flag });
      } else if (tr.flag && tr.under >= this.o.clearAfter) {
        changes.push({ kind: 'cleared', flag: tr.flag });
        tr.flag = null;
      }
    }
    const flags = [...this.tracks.values()].flatMap((t) => (t.flag ? [t.flag] : []));
    const risk = 1 - keep;
    let state: FusedState;
    let words: Phrase;
    if (flags.length >= 2) {
      state = 'concerns';
      words = say`${flags.length} independent signals flagged: ${joined(
        flags.map((f) => FACE_SIGNAL_WORDS[f.signal]),
        ', ',
      )}`;
    } else if (flags.length === 1) {
      state = 'inconclusive';
      words = say`${FACE_SIGNAL_WORDS[flags[0]!.signal]}: ${readingWords(flags[0]!)} — one signal alone is not enough; a verification challenge can settle it`;
    } else if (judging < 2) {
      state = 'cannot-judge';
      words = say`cannot judge: ${say`too few signals have enough good video yet`}`;
    } else {
      state = 'no-concerns';
      words = say`no concerns from ${judging} signals`;
    }
    return { state, ...said(words), risk, flags, changes, readings: fused };
  }

  /** The reading with its score raised by any departure from this call's first minute. */
  private withBaseline(nowMs: number, r: SignalReading, tr: Track): SignalReading {
    const floor = this.o.baselineFloor[r.signal];
    if (floor === undefined || !Number.isFinite(r.value) || r.confidence < this.o.minConfidence) return r;
    if (nowMs - this.startMs <= this.o.baselineMs) {
      tr.baseline.push(r.value);
      return r;
    }
    if (Number.isNaN(tr.baseMedian)) {
      if (tr.baseline.length < this.o.baselineMinReadings) return r;
      tr.baseMedian = quantile(tr.baseline, 0.5);
      const mad = quantile(
        tr.baseline.map((x) => Math.abs(x - tr.baseMedian)),
        0.5,
      );
      tr.baseScale = Math.max(1.4826 * mad, floor);
    }
    const z = Math.abs(r.value - tr.baseMedian) / tr.baseScale;
    const departure = Math.min(0.85, ramp(z, this.o.departureMidZ, 2));
    if (departure <= r.score) return r;
    return {
      ...r,
      score: departure,
      ...said(say`changed since the start of the call (${readingWords(r)})`),
    };
  }
}
