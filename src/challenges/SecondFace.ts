import { TWO_LAYERS_OVERLAP } from '../features/FeatureFrame';
import type { FrameSample } from './Challenge';

/**
 * A second face over the candidate's that persists: the "two layers" a failing swap shows. A single
 * frame's extra detection is the detector's noise, and a second person beside the candidate (boxes
 * apart) is not a layer.
 */
export class SecondFace {
  private frames = 0;

  /**
   * `overlap`: least intersection over union with the first face (default TWO_LAYERS_OVERLAP);
   * `minFrames`: consecutive frames it must be seen in (default 3, 0.2 s at 15 fps).
   */
  constructor(
    private readonly overlap = TWO_LAYERS_OVERLAP,
    private readonly minFrames = 3,
  ) {}

  /** Adds a frame; true on the frame the second face has persisted `minFrames` (once per appearance). */
  add(f: Pick<FrameSample, 'faceCount' | 'faceOverlap'>): boolean {
    this.frames = f.faceCount > 1 && f.faceOverlap >= this.overlap ? this.frames + 1 : 0;
    return this.frames === this.minFrames;
  }
}
