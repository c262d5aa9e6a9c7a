import type { PixelFrame } from '../pixels/PixelFrame';
import { median } from '../stats/quantile';

/** The part of a PixelFrame that shows what covers the face: its skin patches' colour and its detail. */
export type FaceLook = Pick<
  PixelFrame,
  | 'valid'
  | 'sharpInner'
  | 'foreheadR'
  | 'foreheadG'
  | 'foreheadB'
  | 'cheekLR'
  | 'cheekLG'
  | 'cheekLB'
  | 'cheekRR'
  | 'cheekRG'
  | 'cheekRB'
>;

/** Options for {@link OcclusionEvidence}. */
export interface OcclusionEvidenceOptions {
  /** Frames that set the resting look (default 8). */
  baselineFrames?: number;
  /**
   * One skin patch (forehead, either cheek) whose colour moved further from its resting colour than
   * another patch's did, by this share of its resting brightness, is covered (default 0.7). Turning
   * or relighting the head moves all patches; a hand covers some. Genuine clips not asked to move
   * read at most 0.53 (eval:challenges traces, rest taken at simulated asks every second).
   */
  colourShare?: number;
  /**
   * The inner face's detail (mean absolute Laplacian) fallen to this share of its resting detail or
   * less is covered by something smooth (a palm) (default 0.5). Genuine clips read at least 0.61.
   */
  detailShare?: number;
}

const PATCHES = [
  ['foreheadR', 'foreheadG', 'foreheadB'],
  ['cheekLR', 'cheekLG', 'cheekLB'],
  ['cheekRR', 'cheekRG', 'cheekRB'],
] as const;

/**
 * Pixel evidence that something passed in front of the face while the face mesh kept its place (the
 * mesh often holds a face through a hand, drawing it where it was): one skin patch's colour leaves its
 * resting colour while another's stays, or the inner face's detail halves (a palm is smoother than
 * eyes, brows and lips). A swap that keeps drawing the face over the hand shows none of this: the
 * face stays as it was.
 */
export class OcclusionEvidence {
  private readonly o: Required<OcclusionEvidenceOptions>;
  /** Resting colour per patch channel and resting detail (medians of the first frames). */
  private readonly rest = new Float64Array(10);
  private readonly base: Float64Array[];
  /** Frames of the resting look seen so far (the rest is known at `baselineFrames`). */
  private n = 0;

  constructor(opts: OcclusionEvidenceOptions = {}) {
    this.o = { baselineFrames: 8, colourShare: 0.7, detailShare: 0.5, ...opts };
    this.base = Array.from({ length: 10 }, () => new Float64Array(this.o.baselineFrames));
  }

  /** Forgets the resting look: the next `baselineFrames` frames set it again. */
  reset(): void {
    this.n = 0;
  }

  /** Feeds a frame's look; returns whether it shows the face covered (false while learning the rest). */
  add(look: FaceLook | undefined): boolean {
    if (!look?.valid) return false;
    if (this.n < this.o.baselineFrames) {
      let k = 0;
      for (const p of PATCHES) for (const c of p) this.base[k++]![this.n] = look[c];
      this.base[9]![this.n] = look.sharpInner;
      this.n++;
      if (this.n === this.o.baselineFrames) for (let i = 0; i < 10; i++) this.rest[i] = median(this.base[i]!);
      return false;
    }
    let most = 0;
    let least = Infinity;
    let k = 0;
    for (const p of PATCHES) {
      const r0 = this.rest[k]!;
      const g0 = this.rest[k + 1]!;
      const b0 = this.rest[k + 2]!;
      const luma0 = Math.max(30, 0.299 * r0 + 0.587 * g0 + 0.114 * b0);
      const d = Math.hypot(look[p[0]] - r0, look[p[1]] - g0, look[p[2]] - b0) / luma0;
      if (d > most) most = d;
      if (d < least) least = d;
      k += 3;
    }
    // One patch changed beyond another (share of brightness), or the detail against the resting detail.
    const detail = look.sharpInner / Math.max(0.5, this.rest[9]!);
    return most - least >= this.o.colourShare || detail <= this.o.detailShare;
  }
}
