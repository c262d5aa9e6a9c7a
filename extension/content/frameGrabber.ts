/**
 * Hands frames of the candidate's <video> to the analyzer at a steady rate. Pixels are read only with
 * createImageBitmap (never captureStream(), which is known to break the call's remote feed), scaled
 * down on the way so at most `maxLongSidePx` crosses the channel, and transferred (not copied).
 * One frame is in flight at a time: if the analyzer is busy the tick is skipped, so a slow machine
 * lowers the rate instead of queueing memory. A tick skipped that way is made up as soon as the
 * analyzer answers (one grab, not a burst). When round trips keep outgrowing the interval (a busy
 * computer), a RateGovernor steps the rate down to one the machine holds evenly: uneven frames
 * cannot be judged, fewer even ones can. Once the analyzer has found the face, only the face's region
 * is read and sent (a FaceRegion decides where, and sends the whole picture every second and whenever
 * the face was not found): a fraction of the pixels to read, transfer and analyse.
 */
import type { ContentToAnalyzer } from '../shared/protocol';
import { RateGovernor } from '../../src/metrics/RateGovernor';
import {
  FaceRegion,
  REGION_MAX_SIDE_PX,
  regionPixels,
  type Region,
  type RegionPixels,
} from '../../src/features/FaceRegion';
import type { FaceBox } from '../../src/features/FaceZoom';

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
  /**
   * Decides when only the face's region is sent (default: a FaceRegion with its defaults); null
   * always sends the whole picture.
   */
  region?: FaceRegion | null;
  /**
   * Largest side of a region's bitmap, px (default REGION_MAX_SIDE_PX). A region is sent at most at the scale the
   * whole picture would have (`maxLongSidePx`), and at least 128 px across (the face detector's input).
   */
  maxRegionSidePx?: number;
}

export interface GrabStats {
  grabbed: number;
  skippedBusy: number;
  errors: number;
  /** Of `grabbed`, the frames sent as the face's region rather than the whole picture. */
  regions: number;
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
  private readonly region: FaceRegion | null;
  private readonly maxRegionSide: number;
  private readonly nextRegion: Region = { x: 0, y: 0, w: 1, h: 1 };
  private readonly pixels: RegionPixels = { sx: 0, sy: 0, sw: 0, sh: 0, outW: 0, outH: 0, worthIt: false };
  readonly stats: GrabStats = { grabbed: 0, skippedBusy: 0, errors: 0, regions: 0 };
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
    this.region = opts.region === undefined ? new FaceRegion() : opts.region;
    this.maxRegionSide = opts.maxRegionSidePx ?? REGION_MAX_SIDE_PX;
  }

  setVideo(v: HTMLVideoElement | null): void {
    if (this.frameCallback && this.frameCallback.video !== v) this.unwatchFrames();
    if (v !== this.video) this.region?.reset();
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

  /**
   * The analyzer answered frame `seq` with what it found (`face`, normalised to the whole picture);
   * returns the round-trip (grab + transfer + analysis) in ms.
   */
  done(seq: number, face?: FaceBox): number | null {
    if (!this.inFlight || this.inFlight.seq !== seq) return null;
    const now = performance.now();
    const ms = now - this.inFlight.startMs;
    if (face) this.region?.seen(this.inFlight.startMs, face);
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

  /** Grabs the video's current frame (or the face's region of it) and posts it to the analyzer (the one frame in flight). */
  private grab(v: HTMLVideoElement, now: number): void {
    const vw = v.videoWidth;
    const vh = v.videoHeight;
    if (v.readyState < 2 || vw === 0) return;
    const scale = Math.min(1, this.maxLong / Math.max(vw, vh));
    const r = this.nextRegion;
    const p = this.pixels;
    const inRegion =
      (this.region?.next(now, vw, vh, r) ?? false) &&
      regionPixels(r, vw, vh, this.maxLong, this.maxRegionSide, p).worthIt;
    const seq = ++this.seq;
    this.inFlight = { seq, startMs: now };
    // The frame on screen now, if its display time is known and recent (a paused video keeps an old one).
    const shownAtMs = now - this.shownAtMs < 250 && this.shownAtMs - now < 50 ? this.shownAtMs : undefined;
    let grab: Promise<ImageBitmap>;
    let region: Region | undefined;
    if (inRegion) {
      region = { x: r.x, y: r.y, w: r.w, h: r.h };
      grab = createImageBitmap(v, p.sx, p.sy, p.sw, p.sh, {
        resizeWidth: p.outW,
        resizeHeight: p.outH,
        resizeQuality: 'low',
      });
    } else {
      const w = Math.max(1, Math.round(vw * scale));
      const h = Math.max(1, Math.round(vh * scale));
      // Scale only when needed: a resize is an extra pass over the pixels.
      grab =
        scale < 1
          ? createImageBitmap(v, { resizeWidth: w, resizeHeight: h, resizeQuality: 'low' })
          : createImageBitmap(v);
    }
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
          sourceHeightPx: vh,
          ...(region ? { region } : {}),
          grabStartEpochMs: performance.timeOrigin + now,
          ...(shownAtMs !== undefined ? { shownAtMs } : {}),
        };
        this.port.postMessage(msg, [bitmap]);
        this.stats.grabbed++;
        if (region) this.stats.regions++;
      },
      () => {
        this.stats.errors++;
        if (this.inFlight?.seq === seq) this.inFlight = null;
      },
    );
  }
}
