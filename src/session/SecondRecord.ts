import type { LipSyncState } from '../lipsync/LipSyncReading';

/**
 * One second of a watched call, as written to the session log. Means are over the frames with a face;
 * they are null when no frame in the second had one (JSON and IndexedDB both keep null, unlike NaN).
 */
export interface SecondRecord {
  sessionId: string;
  /** Whole seconds since the session started. */
  t: number;
  /** Frames analysed in this second, and how many of them had a face. */
  frames: number;
  faceFrames: number;
  /** Most faces seen in any one frame of this second. */
  maxFaces: number;
  yawDeg: number | null;
  pitchDeg: number | null;
  rollDeg: number | null;
  mouthAperture: number | null;
  /** Spread of the mouth aperture within the second: a proxy for talking. */
  mouthApertureStd: number | null;
  eyeOpenness: number | null;
  /** Lowest eye openness in the second (a blink shows as a dip). */
  eyeOpennessMin: number | null;
  faceHeightPx: number | null;
  landmarkConfidence: number | null;
  /** Mean landmarker time per frame, ms. */
  processingMs: number | null;
  /**
   * Lip-sync at the end of the second (null when not measured: no audio path, or a record written
   * before lip-sync existed). Files from before these fields were added lack them; readers take null.
   */
  /** Mean speech-band level of the candidate's audio over the analysis window, dBFS. */
  audioLevelDb?: number | null;
  /** Share of the analysis window that was speech, 0..1. */
  speechFraction?: number | null;
  /** Audio/video offset over the tracked confident windows, ms, positive when audio lags. */
  avOffsetMs?: number | null;
  /** Sync confidence of the latest window (peak minus median of the lag curve). */
  syncConfidence?: number | null;
  /** Face-swap and liveness risk of the fused signals at the end of the second, 0..1 (not a verdict). */
  faceRisk?: number | null;
  /** The lip-sync state shown at that second. */
  lipSync?: LipSyncState | null;
  /** The Face-swap row's state at that second (absent in files written before it was kept). */
  faceSwap?: LipSyncState | null;
  /** The Liveness row's state at that second (as for faceSwap). */
  liveness?: LipSyncState | null;
}
