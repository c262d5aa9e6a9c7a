import { words } from '../text/Phrase';
import { BlendBoundary } from '../signals/BlendBoundary';
import { BlinkMotion } from '../signals/BlinkMotion';
import { GeometryConsistency } from '../signals/GeometryConsistency';
import { PulseSignal } from '../signals/PulseSignal';
import { ReplayFeed } from '../signals/ReplayFeed';
import { TemporalInstability } from '../signals/TemporalInstability';
import { cannotJudge, SIGNAL_GROUP } from '../signals/SignalReading';
import { QualityWindow } from '../quality/QualityWindow';
import { judgeability, type Judgeability } from '../quality/judgeability';
import type { VisualFrame } from '../signals/VisualFrame';
import { FaceRiskFusion, type FusionOptions, type FusionResult } from './FaceRiskFusion';

/** The signals' judgement of the video: each strip row's signals judge only what its row can. */
export type FaceSignalsOptions = FusionOptions;

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
  /** The frames' timing and face size, for the quality authority when the caller brings no judgement. */
  private readonly quality = new QualityWindow();

  constructor(startMs: number, opts: FaceSignalsOptions = {}) {
    this.fusion = new FaceRiskFusion(startMs, opts);
  }

  add(v: VisualFrame): void {
    const f = v.feature;
    this.quality.add(f.timestampMs, f.facePresent ? f.faceHeightPx : NaN);
    for (const d of this.detectors) d.add(v);
  }

  /** The quality authority's judgement of the frames added so far, over the window before `nowMs`. */
  judge(nowMs: number): Judgeability {
    return judgeability(this.quality.measure(nowMs));
  }

  /**
   * Every detector's reading over its window, fused (call about once a second). A row (face-swap,
   * liveness) whose video the quality authority cannot judge has its signals say "cannot judge", with
   * the authority's reason: they raise no flag from it.
   */
  evaluate(nowMs: number, quality: Judgeability = this.judge(nowMs)): FusionResult {
    return this.fusion.update(
      nowMs,
      this.detectors.map((d) => {
        const r = d.evaluate(nowMs);
        const j = quality.signals[SIGNAL_GROUP[r.signal]];
        return j.ok ? r : cannotJudge(r.signal, j.words ?? words(j.reason));
      }),
    );
  }
}
