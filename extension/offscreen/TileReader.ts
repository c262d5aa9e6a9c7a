/**
 * Reads a captured tab's video frames as they arrive and hands the candidate's tile on to the
 * analyzer: at most `targetFps`, at most two frames in flight, each stamped with the time the tab's picture
 * was captured rather than the time we got to it.
 *
 * Why not a <video> and a timer, as the content script grabs a call's <video>: a capture's frames
 * reach this document late, and later still when the machine is busy. Stamped on arrival, a picture
 * 400 ms old reads as "audio leads video by 400 ms" — a false lip-sync flag. A VideoFrame carries its
 * capture time, which the track's CaptureClock puts on this document's clock.
 */
import type { CaptureClock } from '../../src/capture/CaptureClock';
import type { CaptureCrop } from '../../src/capture/captureCrop';
import type { FrameMessage } from '../shared/protocol';
import { readFrames } from './readTrack';

/** Options for {@link TileReader}. */
export interface TileReaderOptions {
  /** Frames per second to hand on at most (default 15). */
  targetFps?: number;
  /** Give up waiting for the analyzer after this long, ms (default 1000). */
  inFlightTimeoutMs?: number;
  /**
   * Frames handed on and not yet analysed, at most (default 2): the next tile is cut out here while
   * the analyzer works on the last one, on another thread.
   */
  maxInFlight?: number;
}

export class TileReader {
  /** Frames the capture delivered (the offscreen document reports the rate). */
  readonly stats = { read: 0 };
  /** Frames handed on and not yet done: their seq and when they were taken. */
  private readonly inFlight = new Map<number, number>();
  private lastSentMs = -Infinity;
  private seq = 0;
  private readonly intervalMs: number;
  private readonly timeoutMs: number;
  private readonly maxInFlight: number;

  constructor(
    private readonly clock: CaptureClock,
    private readonly sink: (msg: FrameMessage) => void,
    /** Where the tile is in a frame of this size (null: skip the frame). */
    private readonly crop: (frameWidth: number, frameHeight: number) => CaptureCrop | null,
    /** Added to this context's clock to get the call page's (null until the page's clock is known). */
    private readonly toPageClockMs: () => number | null,
    opts: TileReaderOptions = {},
  ) {
    this.intervalMs = 1000 / (opts.targetFps ?? 15);
    this.timeoutMs = opts.inFlightTimeoutMs ?? 1000;
    this.maxInFlight = opts.maxInFlight ?? 2;
  }

  /** Reads the track's frames until they end or `signal` aborts. */
  run(frames: ReadableStream<VideoFrame>, signal: AbortSignal): Promise<void> {
    return readFrames(frames, (vf) => this.take(vf), signal);
  }

  /** The analyzer finished frame `seq`: the next one may go. */
  done(seq: number): void {
    this.inFlight.delete(seq);
  }

  private take(vf: VideoFrame): void {
    const arrivedMs = performance.now();
    this.stats.read++;
    const capturedMs = vf.timestamp / 1000;
    this.clock.note(capturedMs, arrivedMs);
    for (const [seq, sinceMs] of this.inFlight)
      if (arrivedMs - sinceMs > this.timeoutMs) this.inFlight.delete(seq);
    const toPage = this.toPageClockMs();
    const c = toPage === null ? null : this.crop(vf.displayWidth, vf.displayHeight);
    if (!c || toPage === null || arrivedMs - this.lastSentMs < this.intervalMs * 0.9) {
      vf.close();
      return;
    }
    if (this.inFlight.size >= this.maxInFlight) {
      vf.close();
      return;
    }
    const seq = ++this.seq;
    this.inFlight.set(seq, arrivedMs);
    this.lastSentMs = arrivedMs;
    const timestampMs = this.clock.toLocal(capturedMs) + toPage;
    const resize = c.outW !== c.sw || c.outH !== c.sh;
    const grab = resize
      ? createImageBitmap(vf, c.sx, c.sy, c.sw, c.sh, {
          resizeWidth: c.outW,
          resizeHeight: c.outH,
          resizeQuality: 'low',
        })
      : createImageBitmap(vf, c.sx, c.sy, c.sw, c.sh);
    grab.then(
      (bitmap) => {
        vf.close();
        if (!this.inFlight.has(seq)) {
          bitmap.close();
          return;
        }
        this.sink({
          type: 'frame',
          seq,
          timestampMs,
          bitmap,
          grabMs: performance.now() - arrivedMs,
          sourceHeightPx: c.sh,
          grabStartEpochMs: performance.timeOrigin + arrivedMs,
        });
      },
      () => {
        vf.close();
        this.inFlight.delete(seq);
      },
    );
  }
}
