import { BlendBoundary } from '../signals/BlendBoundary';
import { BlinkMotion } from '../signals/BlinkMotion';
import { GeometryConsistency } from '../signals/GeometryConsistency';
import { PulseSignal } from '../signals/PulseSignal';
import { ReplayFeed } from '../signals/ReplayFeed';
import { TemporalInstability } from '../signals/TemporalInstability';
import { cannotJudge, type FaceSignalId } from '../signals/SignalReading';
import type { VisualFrame } from '../signals/VisualFrame';
import { FaceRiskFusion, type FusionOptions, type FusionResult } from './FaceRiskFusion';

/** Options for {@link FaceSignals}: the fusion's, plus the frame-rate gate. */
export interface FaceSignalsOptions extends FusionOptions {
  /**
   * Fewest analysed frames per second over `fpsWindowMs` for the signals that follow the face over
   * time (default 10, issue 4's quality gate): slower video hides flicker, blinks and loops, so those
   * signals say "cannot judge" instead. Blend boundary and face geometry read single frames and go on.
   */
  minFps?: number;
  /** The window the frame rate is counted over, ms (default 5000). */
  fpsWindowMs?: number;
}

/** The signals that follow the face over time, and so need a steady frame rate. */
const OVER_TIME: ReadonlySet<FaceSignalId> = new Set(['temporal', 'blink', 'pulse', 'replay']);

/** The six face-swap and liveness detectors of a call and their fusion, fed frame by frame. */
export class FaceSignals {
  private readonly detectors = [
    new BlendBoundary(),
    new TemporalInstability(),
    new GeometryConsistency(),
    new BlinkMotion(),
    new PulseSignal(),
    new ReplayFeed(),
  ];
  private readonly fusion: FaceRiskFusion;
  private readonly minFps: number;
  private readonly fpsWindowMs: number;
  /** Timestamps of the latest frames (a ring large enough for the window at 60 fps). */
  private readonly frameMs: Float64Array;
  private frameHead = 0;
  private firstFrameMs = NaN;

  constructor(startMs: number, opts: FaceSignalsOptions = {}) {
    this.fusion = new FaceRiskFusion(startMs, opts);
    this.minFps = opts.minFps ?? 10;
    this.fpsWindowMs = opts.fpsWindowMs ?? 5000;
    this.frameMs = new Float64Array(Math.ceil((this.fpsWindowMs / 1000) * 60)).fill(-Infinity);
  }

  add(v: VisualFrame): void {
    if (Number.isNaN(this.firstFrameMs)) this.firstFrameMs = v.feature.timestampMs;
    this.frameMs[this.frameHead] = v.feature.timestampMs;
    this.frameHead = (this.frameHead + 1) % this.frameMs.length;
    for (const d of this.detectors) d.add(v);
  }

  /** Analysed frames per second over the last fpsWindowMs before `nowMs` (or since the first frame, if later). */
  fps(nowMs: number): number {
    let n = 0;
    for (const t of this.frameMs) if (t > nowMs - this.fpsWindowMs && t <= nowMs) n++;
    const spanMs = Math.min(this.fpsWindowMs, nowMs - this.firstFrameMs);
    // One frame is no rate yet: count from the first frame's interval on.
    return spanMs > 0 ? ((n - 1) * 1000) / spanMs : 0;
  }

  /** Every detector's reading over its window, fused (call about once a second). */
  evaluate(nowMs: number): FusionResult {
    const fps = this.fps(nowMs);
    const slow = fps < this.minFps;
    return this.fusion.update(
      nowMs,
      this.detectors.map((d) => {
        const r = d.evaluate(nowMs);
        return slow && OVER_TIME.has(r.signal)
          ? cannotJudge(
              r.signal,
              `cannot judge: the video arrives at ${fps.toFixed(0)} frames/s; this signal needs ${this.minFps}`,
            )
          : r;
      }),
    );
  }
}
