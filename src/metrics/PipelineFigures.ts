import type { PerfFigures } from '../status/LiveStatus';
import { RateMeter } from './RateMeter';
import { RollingWindow } from './RollingWindow';

/** One analysed frame's timings as the page sees them, ms. */
export interface FrameTimings {
  /** Grab start to features ready in the analyzer (null: not known, a reply no longer awaited). */
  pipelineMs: number | null;
  /** The analyzer's own time (arrival to reply) and the landmarker's share of it. */
  analyzerMs: number;
  landmarkerMs: number;
  /** The page's grab (createImageBitmap) and the reply's return, when the page grabbed the frame. */
  grab: { grabMs: number; roundTripMs: number } | null;
}

/** What the frame grabber reports of its own work (absent through a tab capture). */
export interface GrabberFigures {
  grabbed: number;
  regions: number;
  skippedBusy: number;
  targetFps: number;
}

export interface PipelineFiguresOptions {
  /** Frames the medians and 95th percentiles cover (the most recent). Default 300. */
  windowFrames?: number;
  /** Span the frame rate is measured over, ms. Default 2000. */
  rateWindowMs?: number;
}

/**
 * The analysis pipeline's speed as the overlay's details and the bench show it: frames analysed per
 * second, and per-frame medians of the pipeline, its parts and the round trip over recent frames.
 */
export class PipelineFigures {
  private readonly fps: RateMeter;
  private readonly pipelineMs: RollingWindow;
  private readonly landmarkerMs: RollingWindow;
  private readonly roundTripMs: RollingWindow;
  private readonly grabMs: RollingWindow;
  private readonly transferMs: RollingWindow;
  private framesTotal = 0;

  constructor({ windowFrames = 300, rateWindowMs = 2000 }: PipelineFiguresOptions = {}) {
    this.fps = new RateMeter(rateWindowMs);
    this.pipelineMs = new RollingWindow(windowFrames);
    this.landmarkerMs = new RollingWindow(windowFrames);
    this.roundTripMs = new RollingWindow(windowFrames);
    this.grabMs = new RollingWindow(windowFrames);
    this.transferMs = new RollingWindow(windowFrames);
  }

  /** A frame's timings, as its reply arrives at `nowMs`. */
  add(t: FrameTimings, nowMs: number): void {
    const grabMs = t.grab?.grabMs ?? 0;
    if (t.grab) {
      this.roundTripMs.push(t.grab.roundTripMs);
      this.grabMs.push(grabMs);
    }
    if (t.pipelineMs !== null) {
      this.pipelineMs.push(t.pipelineMs);
      this.transferMs.push(Math.max(0, t.pipelineMs - grabMs - t.analyzerMs));
    }
    this.landmarkerMs.push(t.landmarkerMs);
    this.framesTotal++;
    this.fps.mark(nowMs);
  }

  /** Frames analysed per second at `nowMs`. */
  rate(nowMs: number): number {
    return this.fps.rate(nowMs);
  }

  /**
   * The figures so far (null before a frame's pipeline time is known). Through a tab capture the
   * grabber's rate and regions do not apply (`viaCapture`).
   */
  figures(grabber: GrabberFigures | null, viaCapture: boolean): PerfFigures | null {
    if (this.pipelineMs.size === 0) return null;
    return {
      frames: this.pipelineMs.size,
      framesTotal: this.framesTotal,
      pipelineMsMedian: this.pipelineMs.quantile(0.5),
      pipelineMsP95: this.pipelineMs.quantile(0.95),
      roundTripMsMedian: this.roundTripMs.quantile(0.5),
      grabMsMedian: this.grabMs.quantile(0.5),
      transferMsMedian: this.transferMs.quantile(0.5),
      landmarkerMsMedian: this.landmarkerMs.quantile(0.5),
      landmarkerMsP95: this.landmarkerMs.quantile(0.95),
      skippedBusy: grabber?.skippedBusy ?? 0,
      targetFps: viaCapture ? null : (grabber?.targetFps ?? null),
      regionShare: viaCapture || !grabber?.grabbed ? null : grabber.regions / grabber.grabbed,
    };
  }
}
