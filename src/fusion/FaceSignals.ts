import { BlendBoundary } from '../signals/BlendBoundary';
import { BlinkMotion } from '../signals/BlinkMotion';
import { GeometryConsistency } from '../signals/GeometryConsistency';
import { PulseSignal } from '../signals/PulseSignal';
import { ReplayFeed } from '../signals/ReplayFeed';
import { TemporalInstability } from '../signals/TemporalInstability';
import type { VisualFrame } from '../signals/VisualFrame';
import { FaceRiskFusion, type FusionOptions, type FusionResult } from './FaceRiskFusion';

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

  constructor(startMs: number, opts: FusionOptions = {}) {
    this.fusion = new FaceRiskFusion(startMs, opts);
  }

  add(v: VisualFrame): void {
    for (const d of this.detectors) d.add(v);
  }

  /** Every detector's reading over its window, fused (call about once a second). */
  evaluate(nowMs: number): FusionResult {
    return this.fusion.update(
      nowMs,
      this.detectors.map((d) => d.evaluate(nowMs)),
    );
  }
}
