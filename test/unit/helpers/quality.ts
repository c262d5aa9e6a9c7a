import { judgeability, type Judgeability } from '../../../src/quality/judgeability';
import type { WindowQuality } from '../../../src/quality/QualityWindow';

/** The quality authority's judgement of a steady window with these figures (4 s, no gaps, a face throughout unless told). */
export const judged = (w: Partial<WindowQuality> = {}): Judgeability =>
  judgeability({ spanMs: 4000, fps: 15, longGapShare: 0, faceShare: 1, faceHeightPx: 200, ...w });
