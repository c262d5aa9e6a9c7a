/** What the analysis had to go on over a recent span of the call. */
export interface WindowQuality {
  /** Span the figures cover, ms (shorter than asked at the start of the call). */
  spanMs: number;
  /**
   * Analysed frames per second over the span: the intervals between its first and last frame over
   * the time between them (a steady rate reads as itself, whatever the span's phase), or 0 with
   * fewer than two frames. A stall at the end shows in longGapShare.
   */
  fps: number;
  /**
   * Share of the span spent in gaps between analysed frames longer than `longGapMs` (0..1): a jittery
   * rate can average 10 frames/s and still miss whole syllables and blinks.
   */
  longGapShare: number;
  /** Share of the analysed frames that showed a face, 0..1. */
  faceShare: number;
  /** Median height of the face over the frames that showed one, source px (NaN with none). */
  faceHeightPx: number;
}

/** Options for {@link QualityWindow}; the defaults are the product's. */
export interface QualityWindowOptions {
  /** The span judged, ms (default 4000: the lip-sync analysis window). */
  windowMs?: number;
  /**
   * A gap between analysed frames longer than this is lost time, ms (default 200: two frames missing
   * in a row at 10 frames/s, about one syllable's opening and closing).
   */
  longGapMs?: number;
  /** Most frames per second the ring can hold over the window (default 60). */
  maxFps?: number;
}

/**
 * The analysed frames of the last few seconds (time, face, face size), in a ring allocated once: what
 * {@link judgeability} needs to say whether each signal can judge. Fed every analysed frame.
 */
export class QualityWindow {
  private readonly windowMs: number;
  private readonly longGapMs: number;
  private readonly t: Float64Array;
  private readonly faceH: Float64Array;
  private readonly scratch: Float64Array;
  private head = 0;
  private n = 0;
  private firstMs = NaN;

  constructor(opts: QualityWindowOptions = {}) {
    this.windowMs = opts.windowMs ?? 4000;
    this.longGapMs = opts.longGapMs ?? 200;
    const cap = Math.ceil((this.windowMs / 1000) * (opts.maxFps ?? 60)) + 1;
    this.t = new Float64Array(cap);
    this.faceH = new Float64Array(cap);
    this.scratch = new Float64Array(cap);
  }

  /** One analysed frame; `faceHeightPx` is NaN when it showed no face. Frames come in time order. */
  add(timestampMs: number, faceHeightPx: number): void {
    if (Number.isNaN(this.firstMs)) this.firstMs = timestampMs;
    this.t[this.head] = timestampMs;
    this.faceH[this.head] = faceHeightPx;
    this.head = (this.head + 1) % this.t.length;
    if (this.n < this.t.length) this.n++;
  }

  /** The figures over the last windowMs before `nowMs`, into `out` (reused; returned). */
  measure(nowMs: number, out: WindowQuality = emptyWindowQuality()): WindowQuality {
    const from = Math.max(nowMs - this.windowMs, this.firstMs);
    const spanMs = Number.isNaN(from) ? 0 : nowMs - from;
    let frames = 0;
    let faces = 0;
    let lost = 0;
    let prev = from;
    let first = NaN;
    // Oldest to newest.
    for (let k = this.n - 1; k >= 0; k--) {
      const i = (this.head - 1 - k + this.t.length) % this.t.length;
      const t = this.t[i]!;
      // Half-open (from, now]: a frame at the span's start opens it, as at the call's first frame.
      if (!(t > from && t <= nowMs)) continue;
      if (t - prev > this.longGapMs) lost += t - prev;
      prev = t;
      if (frames === 0) first = t;
      frames++;
      const h = this.faceH[i]!;
      if (!Number.isNaN(h)) this.scratch[faces++] = h;
    }
    if (spanMs > 0 && nowMs - prev > this.longGapMs) lost += nowMs - prev;
    out.spanMs = spanMs;
    out.fps = frames >= 2 && prev > first ? ((frames - 1) * 1000) / (prev - first) : 0;
    out.longGapShare = spanMs > 0 ? Math.min(1, lost / spanMs) : 1;
    out.faceShare = frames > 0 ? faces / frames : 0;
    if (faces === 0) out.faceHeightPx = NaN;
    else {
      const s = this.scratch.subarray(0, faces).sort();
      out.faceHeightPx = faces % 2 ? s[faces >> 1]! : (s[faces / 2 - 1]! + s[faces / 2]!) / 2;
    }
    return out;
  }
}

export function emptyWindowQuality(): WindowQuality {
  return { spanMs: 0, fps: 0, longGapShare: 1, faceShare: 0, faceHeightPx: NaN };
}
