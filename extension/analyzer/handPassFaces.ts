/**
 * Feeds a hand-pass verifier face-recognition descriptors: keeps a few crops of the face at rest
 * before the pass (cheap: 150 px, no network run yet), takes three once the face has been back a
 * moment, and only then describes them, one at a time, off the frame path. Whatever fails to load or
 * run leaves the verifier with "no face-recognition comparison", never a verdict on its own.
 */
import type { FrameSample } from '../../src/challenges/Challenge';
import type { HandPassVerifier, IdentityPhase } from '../../src/challenges/HandPassVerifier';
import { cropFace, loadDescriber } from './faceDescriber';

interface Crop {
  timestampMs: number;
  yawDeg: number;
  pitchDeg: number;
  image: ImageData;
}

/** Crops at rest kept (the latest) and taken after the pass; least time between two crops, ms. */
const BEFORE_KEPT = 5;
const AFTER_TAKEN = 3;
const MIN_GAP_MS = 300;
/** Crops of faces smaller than this (source px) say little about who it is. */
const MIN_FACE_PX = 60;

export class HandPassFaces {
  private readonly before: Crop[] = [];
  private readonly after: Crop[] = [];
  private lastMs = -Infinity;
  private started = false;

  constructor(
    private readonly verifier: HandPassVerifier,
    private readonly onError: (e: unknown) => void,
  ) {
    verifier.expectFaces();
    // Start loading now, so the network is ready when the face comes back.
    loadDescriber().catch(() => undefined);
  }

  /** One analysed frame (before the verifier sees it); `bitmap` is only read here, not kept. */
  add(bitmap: ImageBitmap, f: FrameSample): void {
    if (this.started || !f.facePresent) return;
    const phase: IdentityPhase | null = this.verifier.identityPhase(f);
    if (!phase || f.timestampMs - this.lastMs < MIN_GAP_MS) return;
    if (f.faceHeightPx < MIN_FACE_PX) {
      // Say so now rather than let the verdict wait for a comparison that will not come.
      if (phase === 'after') {
        this.started = true;
        this.verifier.facesDone(`the face is under ${MIN_FACE_PX} px, too small to recognise`);
      }
      return;
    }
    const crop = {
      timestampMs: f.timestampMs,
      yawDeg: f.yawDeg,
      pitchDeg: f.pitchDeg,
      image: cropFace(bitmap, { x: f.bboxX, y: f.bboxY, w: f.bboxW, h: f.bboxH }),
    };
    this.lastMs = f.timestampMs;
    if (phase === 'before') {
      this.before.push(crop);
      if (this.before.length > BEFORE_KEPT) this.before.shift();
      return;
    }
    this.after.push(crop);
    if (this.after.length >= AFTER_TAKEN) {
      this.started = true;
      void this.describe();
    }
  }

  private async describe(): Promise<void> {
    const v = this.verifier;
    let note = '';
    try {
      const describe = await loadDescriber();
      const before = this.before.filter((c) => v.usableBefore(c.timestampMs));
      if (before.length === 0) note = 'no clear view of the face before the hand';
      for (const c of before) v.addFace('before', await describe(c.image), c.yawDeg, c.pitchDeg);
      for (const c of this.after) v.addFace('after', await describe(c.image), c.yawDeg, c.pitchDeg);
    } catch (e) {
      this.onError(e);
      note = 'face recognition could not run';
    } finally {
      v.facesDone(note);
    }
  }
}
