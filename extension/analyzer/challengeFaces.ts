import { say, words, type Phrase } from '../../src/text/Phrase';
/**
 * Feeds a challenge verifier that compares faces (the hand pass, the two-way movements)
 * face-recognition descriptors: keeps crops of the face the verifier offers before the movement
 * (cheap: 150 px, no network run yet), takes three once the face has been back at rest a moment, and
 * only then describes them (the latest five of those before that proved usable, and the three after),
 * one at a time, off the frame path. Whatever fails to load or run leaves the verifier with "no
 * face-recognition comparison", never a verdict on its own.
 */
import { boxInRegion, type Region } from '../../src/features/FaceRegion';
import type { FrameSample } from '../../src/challenges/Challenge';
import type { ComparesFaces, IdentityPhase } from '../../src/challenges/FaceCheck';
import { cropFace, loadDescriber } from './faceDescriber';

interface Crop {
  timestampMs: number;
  yawDeg: number;
  pitchDeg: number;
  faceHeightPx: number;
  image: ImageData;
}

/**
 * Crops offered before the movement that are kept (the latest: 64 × 0.3 s covers a 20 s response
 * window, about 90 kB each), of which the latest usable ones are described (which are usable is known
 * only once the movement is done: a candidate asked mid-movement rests first, or moves twice); crops
 * taken after it; least time between two crops, ms.
 */
const BEFORE_KEPT = 64;
const BEFORE_DESCRIBED = 5;
const AFTER_TAKEN = 3;
const MIN_GAP_MS = 300;
/** Crops of faces smaller than this (source px) say little about who it is. */
const MIN_FACE_PX = 60;

export class ChallengeFaces {
  private readonly before: Crop[] = [];
  private readonly after: Crop[] = [];
  private lastMs = -Infinity;
  private started = false;

  constructor(
    private readonly verifier: ComparesFaces,
    private readonly onError: (e: unknown) => void,
  ) {
    verifier.expectFaces();
    // Start loading now, so the network is ready when the face comes back.
    loadDescriber().catch(() => undefined);
  }

  /**
   * One analysed frame (before the verifier sees it); `bitmap` (the part `region` of the whole picture,
   * where `f`'s box is) is only read here, not kept.
   */
  add(bitmap: ImageBitmap, region: Readonly<Region>, f: FrameSample): void {
    if (this.started || !f.facePresent) return;
    const phase: IdentityPhase | null = this.verifier.identityPhase(f);
    if (!phase || f.timestampMs - this.lastMs < MIN_GAP_MS) return;
    if (f.faceHeightPx < MIN_FACE_PX) {
      // Say so now rather than let the verdict wait for a comparison that will not come.
      if (phase === 'after') {
        this.started = true;
        this.verifier.facesDone(say`the face is under ${MIN_FACE_PX} px, too small to recognise`);
      }
      return;
    }
    const crop = {
      timestampMs: f.timestampMs,
      yawDeg: f.yawDeg,
      pitchDeg: f.pitchDeg,
      faceHeightPx: f.faceHeightPx,
      image: cropFace(bitmap, boxInRegion({ x: f.bboxX, y: f.bboxY, w: f.bboxW, h: f.bboxH }, region)),
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
    let note: Phrase | undefined;
    try {
      const describe = await loadDescriber();
      const before = this.before.filter((c) => v.usableBefore(c.timestampMs)).slice(-BEFORE_DESCRIBED);
      if (before.length === 0) note = words('no clear view of the face before it began');
      const sample = async ({ image, yawDeg, pitchDeg, faceHeightPx }: Crop) => ({
        descriptor: await describe(image),
        yawDeg,
        pitchDeg,
        faceHeightPx,
      });
      for (const c of before) v.addFace('before', await sample(c));
      for (const c of this.after) v.addFace('after', await sample(c));
    } catch (e) {
      this.onError(e);
      note = words('face recognition could not run');
    } finally {
      v.facesDone(note);
    }
  }
}
