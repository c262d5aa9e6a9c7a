/**
 * Which of the faces in a frame is the candidate's. The first is the largest; after that, the face
 * that continues its track: the one nearest to where the candidate's face was, no further than a
 * face's height from it and of a like size. A face elsewhere is someone else (a colleague beside
 * the candidate, a face on a poster): while the candidate's face is hidden (a hand across it, a turn
 * away), the frame holds no candidate face, rather than the other person's. A track not seen for
 * `holdMs` is let go, and the largest face is taken again (the candidate moved, or a new picture).
 */
import { landmarkBounds } from './extractFeatures';
import type { Point2 } from './faceMetrics';

export interface CandidateFaceOptions {
  /** A track not continued for this long is let go, ms (default 2000). */
  holdMs?: number;
  /**
   * Farthest the face's centre can move between two frames in which it is seen, in the face's
   * heights (default 1: a head moves less in the 200 ms between frames at 5 frames/s).
   */
  maxJumpFaceHeights?: number;
  /** Largest ratio between the face's height in two frames in which it is seen (default 2). */
  maxScale?: number;
}

/** Where the candidate's face was, in px of the whole picture. */
interface Track {
  cx: number;
  cy: number;
  h: number;
  seenMs: number;
}

const scratch = { minX: 0, maxX: 0, minY: 0, maxY: 0, inside: 0 };

export class CandidateFace {
  private readonly holdMs: number;
  private readonly maxJump: number;
  private readonly maxScale: number;
  private readonly track: Track = { cx: 0, cy: 0, h: 0, seenMs: -Infinity };

  constructor(opts: CandidateFaceOptions = {}) {
    this.holdMs = opts.holdMs ?? 2000;
    this.maxJump = opts.maxJumpFaceHeights ?? 1;
    this.maxScale = opts.maxScale ?? 2;
  }

  /**
   * Index of the candidate's face among `faces` (landmarks normalised to the whole picture of
   * `widthPx` × `heightPx`), or -1 when none of them is. Frames must come in time order.
   */
  pick(faces: ArrayLike<ArrayLike<Point2>>, widthPx: number, heightPx: number, timestampMs: number): number {
    const t = this.track;
    const tracking = timestampMs - t.seenMs <= this.holdMs;
    let best = -1;
    let bestScore = -Infinity;
    let bestCx = 0;
    let bestCy = 0;
    let bestH = 0;
    for (let f = 0; f < faces.length; f++) {
      const b = landmarkBounds(faces[f]!, scratch);
      const h = (b.maxY - b.minY) * heightPx;
      const cx = ((b.minX + b.maxX) / 2) * widthPx;
      const cy = ((b.minY + b.maxY) / 2) * heightPx;
      let score: number;
      if (tracking) {
        const jump = Math.hypot(cx - t.cx, cy - t.cy) / t.h;
        const scale = Math.max(h / t.h, t.h / h);
        if (!(jump <= this.maxJump && scale <= this.maxScale)) continue;
        score = -jump;
      } else score = (b.maxX - b.minX) * widthPx * h;
      if (score > bestScore) {
        bestScore = score;
        best = f;
        bestCx = cx;
        bestCy = cy;
        bestH = h;
      }
    }
    if (best >= 0) {
      t.cx = bestCx;
      t.cy = bestCy;
      t.h = bestH;
      t.seenMs = timestampMs;
    }
    return best;
  }

  /** Forgets the track (a new call, another video). */
  reset(): void {
    this.track.seenMs = -Infinity;
  }
}
