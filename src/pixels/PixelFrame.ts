/**
 * Per-frame pixel statistics of the candidate's face, measured in the analyzer from a small crop
 * around the face (see measureFacePixels). Only these numbers leave the analyzer's frame handler:
 * no pixels are kept. Every field is NaN when the frame had no face or the crop was unusable.
 */
export interface PixelFrame {
  timestampMs: number;
  /** Whether the statistics below were measured on this frame. */
  valid: boolean;
  /** Face oval height in crop pixels: how much detail the statistics rest on. */
  faceHeightCropPx: number;
  /**
   * Mean absolute Laplacian of luma (0–255 scale) in four bands of the face oval, by the ratio ρ of a
   * pixel's distance from the oval's centre to the oval's radius in that direction: inner (ρ < 0.65),
   * inner edge (0.75–0.95), outer edge (1.05–1.25) and outside (1.3–1.6: hair, neck, background).
   */
  sharpInner: number;
  sharpInnerEdge: number;
  sharpOuterEdge: number;
  sharpOutside: number;
  /** Mean luma of the inner face and of the outside band, 0–255. */
  lumaInner: number;
  lumaOutside: number;
  /** Mean chroma (BT.601 Cb, Cr, centred on 0) just inside and just outside the oval's edge. */
  cbInnerEdge: number;
  crInnerEdge: number;
  cbOuterEdge: number;
  crOuterEdge: number;
  /** Mean R, G, B (0–255) of the forehead and of each cheek: the rPPG regions. */
  foreheadR: number;
  foreheadG: number;
  foreheadB: number;
  cheekLR: number;
  cheekLG: number;
  cheekLB: number;
  cheekRR: number;
  cheekRG: number;
  cheekRB: number;
}

/** A record with every statistic empty. */
export function emptyPixelFrame(): PixelFrame {
  return {
    timestampMs: 0,
    valid: false,
    faceHeightCropPx: NaN,
    sharpInner: NaN,
    sharpInnerEdge: NaN,
    sharpOuterEdge: NaN,
    sharpOutside: NaN,
    lumaInner: NaN,
    lumaOutside: NaN,
    cbInnerEdge: NaN,
    crInnerEdge: NaN,
    cbOuterEdge: NaN,
    crOuterEdge: NaN,
    foreheadR: NaN,
    foreheadG: NaN,
    foreheadB: NaN,
    cheekLR: NaN,
    cheekLG: NaN,
    cheekLB: NaN,
    cheekRR: NaN,
    cheekRG: NaN,
    cheekRB: NaN,
  };
}

/** Field names of the statistics, in a fixed order (for traces and validation). */
export const PIXEL_KEYS = Object.keys(emptyPixelFrame()).filter(
  (k) => k !== 'timestampMs' && k !== 'valid',
) as (keyof PixelFrame)[];
