/**
 * Hands frames of the candidate's <video> to the analyzer at a steady rate. Pixels are read only with
 * createImageBitmap (never captureStream(), which is known to break the call's remote feed), scaled
 * down on the way so at most `maxLongSidePx` crosses the channel, and transferred (not copied).
 * One frame is in flight at a time: if the analyzer is busy the tick is skipped, so a slow machine
 * lowers the rate instead of queueing memory. A tick skipped that way is made up as soon as the
 * analyzer answers (one grab, not a burst). When round trips keep outgrowing the interval (a busy
 * computer), a RateGovernor steps the rate down to one the machine holds evenly: uneven frames
 * cannot be judged, fewer even ones can.
 */
import type { ContentToAnalyzer } from '../shared/protocol';
import { RateGovernor } from '../../src/metrics/RateGovernor';

/** Options for {@link FrameGrabber}. */
export interface GrabberOptions {
  /** Frames per second to aim for (default 15). */
  targetFps?: number;
  /**
   * Chooses a lower rate the machine can hold steadily when round trips no longer fit the interval
   * (default: a RateGovernor whose fastest rate is targetFps); null holds targetFps whatever happens.
   */
  governor?: RateGovernor | null;
  /** Long side of the bitmap sent to the analyzer, px (default 640; MediaPipe works at 256 px inside). */
  maxLongSidePx?: number;
  /** Give up waiting for a result after this long, ms (default 1000). */
  inFlightTimeoutMs?: number;
}

export interface GrabStats {
  grabbed: number;
  skippedBusy: number;
  errors: number;
}

export class FrameGrabber {
  private video: HTMLVideoElement | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private nextDueMs = 0;
  private seq = 0;
  private inFlight: { seq: number; startMs: number } | null = null;
  /** A tick found the analyzer busy: grab once it answers. */
  private owed = false;
  private intervalMs: number;
  private fps: number;
  private readonly governor: RateGovernor | null;
  private readonly maxLong: number;
  private readonly timeoutMs: number;
  readonly stats: GrabStats = { grabbed: 0, skippedBusy: 0, errors: 0 };
  /** Time the last createImageBitmap took, ms. */
  lastGrabMs = 0;
  /** When the video's newest frame was put on screen (requestVideoFrameCallback), page clock, ms; NaN when unknown. */
  private shownAtMs = NaN;
  /** The pending requestVideoFrameCallback, to cancel when the video changes. */
  private frameCallback: { video: HTMLVideoElement; handle: number } | null = null;

  constructor(
    private readonly port: MessagePort,
    opts: GrabberOptions = {},
  ) {
    const target = opts.targetFps ?? 15;
    this.fps = target;
    this.intervalMs = 1000 / target;
    this.governor =
      opts.governor === undefined
        ? new RateGovernor({ ladder: [15, 12, 10, 8, 6, 5].filter((f) => f <= target) })
        : opts.governor;
    this.maxLong = opts.maxLongSidePx ?? 640;
    this.timeoutMs = opts.inFlightTimeoutMs ?? 1000;
  }

  setVideo(v: HTMLVideoElement | null): void {
    if (this.frameCallback && this.frameCallback.video !== v) this.unwatchFrames();
    this.video = v;
    if (v && !this.frameCallback) this.watchFrames(v);
    if (v && this.timer === undefined) {
      this.nextDueMs = performance.now();
      this.tick();
    }
  }

  /** The rate the grabber aims for now, frames/s (lower than asked when the machine cannot hold it). */
  get targetFps(): number {
    return this.fps;
  }

  /** The analyzer answered frame `seq`; returns the round-trip (grab + transfer + analysis) in ms. */
  done(seq: number): number | null {
    if (!this.inFlight || this.inFlight.seq !== seq) return null;
    const now = performance.now();
    const ms = now - this.inFlight.startMs;
    this.inFlight = null;
    if (this.governor) {
      this.fps = this.governor.add(ms, now);
      this.intervalMs = 1000 / this.fps;
    }
    if (this.owed && this.video) {
      this.owed = false;
      this.grab(this.video, performance.now());
    }
    return ms;
  }

  stop(): void {
    this.unwatchFrames();
    clearTimeout(this.timer);
    this.timer = undefined;
    this.video = null;
  }

  private tick = (): void => {
    this.timer = undefined;
    const v = this.video;
    if (!v) return;
    const now = performance.now();
    // Steady cadence: the next tick is due one interval after the last due time, not after this one ran.
    this.nextDueMs = Math.max(this.nextDueMs + this.intervalMs, now);
    this.timer = setTimeout(this.tick, Math.max(0, this.nextDueMs - now));
    if (this.inFlight && now - this.inFlight.startMs > this.timeoutMs) this.inFlight = null;
    if (this.inFlight) {
      this.stats.skippedBusy++;
      this.owed = true;
      return;
    }
    this.owed = false;
    this.grab(v, now);
  };

  /**
   * Follows when each frame of `v` is put on screen. A grab reads the frame on screen, which was shown
   * up to a frame interval before the grab (40 ms at 25 frames/s): lip-sync needs when it was shown.
   */
  private watchFrames(v: HTMLVideoElement): void {
    if (typeof v.requestVideoFrameCallback !== 'function') return;
    const onFrame: VideoFrameRequestCallback = (_now, meta) => {
      if (this.frameCallback?.video !== v) return;
      this.shownAtMs = meta.expectedDisplayTime;
      this.frameCallback.handle = v.requestVideoFrameCallback(onFrame);
    };
    this.frameCallback = { video: v, handle: v.requestVideoFrameCallback(onFrame) };
  }

  private unwatchFrames(): void {
    if (this.frameCallback) this.frameCallback.video.cancelVideoFrameCallback?.(this.frameCallback.handle);
    this.frameCallback = null;
    this.shownAtMs = NaN;
  }

  /** Grabs the video's current frame and posts it to the analyzer (the one frame in flight). */
  private grab(v: HTMLVideoElement, now: number): void {
    if (v.readyState < 2 || v.videoWidth === 0) return;
    const scale = Math.min(1, this.maxLong / Math.max(v.videoWidth, v.videoHeight));
    const w = Math.max(1, Math.round(v.videoWidth * scale));
    const h = Math.max(1, Math.round(v.videoHeight * scale));
    const seq = ++this.seq;
    this.inFlight = { seq, startMs: now };
    const sourceHeightPx = v.videoHeight;
    // The frame on screen now, if its display time is known and recent (a paused video keeps an old one).
    const shownAtMs = now - this.shownAtMs < 250 && this.shownAtMs - now < 50 ? this.shownAtMs : undefined;
    // Scale only when needed: a resize is an extra pass over the pixels.
    const grab =
      scale < 1
        ? createImageBitmap(v, { resizeWidth: w, resizeHeight: h, resizeQuality: 'low' })
        : createImageBitmap(v);
    grab.then(
      (bitmap) => {
        if (this.inFlight?.seq !== seq) {
          bitmap.close();
          return;
        }
        const grabMs = performance.now() - now;
        this.lastGrabMs = grabMs;
        const msg: ContentToAnalyzer = {
          type: 'frame',
          seq,
          timestampMs: now,
          bitmap,
          grabMs,
          sourceHeightPx,
          grabStartEpochMs: performance.timeOrigin + now,
          ...(shownAtMs !== undefined ? { shownAtMs } : {}),
        };
        this.port.postMessage(msg, [bitmap]);
        this.stats.grabbed++;
      },
      () => {
        this.stats.errors++;
        if (this.inFlight?.seq === seq) this.inFlight = null;
      },
    );
  }
}
