import type { FeatureFrame } from '../features/FeatureFrame';
import type { SecondRecord } from './SecondRecord';

const NONE: readonly SecondRecord[] = [];

/**
 * Folds feature frames into one record per second of session time. Accumulates running sums in
 * place: adding a frame allocates nothing; a record object is made once per completed second.
 * A second between two frames that got none (the analyzer starved, the video gone) is written too,
 * with no frames, so the log says the call went unanalysed then instead of leaving a hole that the
 * coverage figures would not count.
 */
export class SecondSummarizer {
  private second = -1;
  private frames = 0;
  private faceFrames = 0;
  private maxFaces = 0;
  private yaw = 0;
  private pitch = 0;
  private roll = 0;
  private mouth = 0;
  private mouthSq = 0;
  private eye = 0;
  private eyeMin = Infinity;
  private faceH = 0;
  private conf = 0;
  private procMs = 0;
  private poseFrames = 0;

  /**
   * @param sessionId the session the records belong to
   * @param startMs session start on the same clock as FeatureFrame.timestampMs
   */
  constructor(
    private readonly sessionId: string,
    private readonly startMs: number,
  ) {}

  /**
   * Adds a frame. When the frame starts a new second, returns the records it completes: the previous
   * second's, then one with no frames for each second skipped since (in time order); otherwise none.
   */
  add(f: FeatureFrame): readonly SecondRecord[] {
    const s = Math.max(0, Math.floor((f.timestampMs - this.startMs) / 1000));
    let done: readonly SecondRecord[] = NONE;
    if (s !== this.second) {
      const last = this.flush();
      if (last) {
        const out = [last];
        // Frames arrive in time order; a late one (s < this.second) just opens its own second.
        for (let t = last.t + 1; t < s; t++) out.push(this.empty(t));
        done = out;
      }
      this.second = s;
    }
    this.frames++;
    this.procMs += f.processingMs;
    if (f.faceCount > this.maxFaces) this.maxFaces = f.faceCount;
    if (f.facePresent) {
      this.faceFrames++;
      this.mouth += f.mouthAperture;
      this.mouthSq += f.mouthAperture * f.mouthAperture;
      const e = (f.eyeOpennessL + f.eyeOpennessR) / 2;
      this.eye += e;
      if (e < this.eyeMin) this.eyeMin = e;
      this.faceH += f.faceHeightPx;
      this.conf += f.landmarkConfidence;
      if (Number.isFinite(f.yawDeg)) {
        this.poseFrames++;
        this.yaw += f.yawDeg;
        this.pitch += f.pitchDeg;
        this.roll += f.rollDeg;
      }
    }
    return done;
  }

  /** A record of a second in which no frame was analysed. */
  private empty(t: number): SecondRecord {
    return {
      sessionId: this.sessionId,
      t,
      frames: 0,
      faceFrames: 0,
      maxFaces: 0,
      yawDeg: null,
      pitchDeg: null,
      rollDeg: null,
      mouthAperture: null,
      mouthApertureStd: null,
      eyeOpenness: null,
      eyeOpennessMin: null,
      faceHeightPx: null,
      landmarkConfidence: null,
      processingMs: null,
      audioLevelDb: null,
      speechFraction: null,
      avOffsetMs: null,
      syncConfidence: null,
      faceRisk: null,
      lipSync: null,
    };
  }

  /** Returns the record of the second in progress (if it has frames) and starts afresh. */
  flush(): SecondRecord | null {
    if (this.frames === 0) return null;
    const n = this.faceFrames;
    const p = this.poseFrames;
    const mean = (sum: number, count: number) => (count > 0 ? sum / count : null);
    const mouthMean = n > 0 ? this.mouth / n : 0;
    const rec: SecondRecord = {
      sessionId: this.sessionId,
      t: this.second,
      frames: this.frames,
      faceFrames: n,
      maxFaces: this.maxFaces,
      yawDeg: mean(this.yaw, p),
      pitchDeg: mean(this.pitch, p),
      rollDeg: mean(this.roll, p),
      mouthAperture: mean(this.mouth, n),
      mouthApertureStd: n > 0 ? Math.sqrt(Math.max(0, this.mouthSq / n - mouthMean * mouthMean)) : null,
      eyeOpenness: mean(this.eye, n),
      eyeOpennessMin: n > 0 ? this.eyeMin : null,
      faceHeightPx: mean(this.faceH, n),
      landmarkConfidence: mean(this.conf, n),
      processingMs: this.procMs / this.frames,
      audioLevelDb: null,
      speechFraction: null,
      avOffsetMs: null,
      syncConfidence: null,
      faceRisk: null,
      lipSync: null,
    };
    this.frames = this.faceFrames = this.maxFaces = this.poseFrames = 0;
    this.yaw = this.pitch = this.roll = this.mouth = this.mouthSq = this.eye = 0;
    this.faceH = this.conf = this.procMs = 0;
    this.eyeMin = Infinity;
    return rec;
  }
}
