import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FrameGrabber } from '../../../../extension/content/frameGrabber';

/**
 * The grabber on a fake clock: the video is a plain object with the fields the grabber reads, the
 * port records what is posted, and createImageBitmap resolves with a closable stand-in at once.
 */
function rig(analyzerMs: number, governed = false) {
  const posted: { seq: number; atMs: number }[] = [];
  const port = {
    postMessage: (msg: { seq: number }) => posted.push({ seq: msg.seq, atMs: Date.now() }),
  } as unknown as MessagePort;
  const grabber = new FrameGrabber(port, governed ? { targetFps: 15 } : { targetFps: 15, governor: null });
  const video = { readyState: 4, videoWidth: 640, videoHeight: 360 } as HTMLVideoElement;
  /** The analyzer answers each frame `analyzerMs` after it was posted. */
  const answer = async (untilMs: number) => {
    let answered = 0;
    while (Date.now() < untilMs) {
      await vi.advanceTimersByTimeAsync(1);
      for (const p of posted.slice(answered)) {
        if (Date.now() - p.atMs >= analyzerMs) {
          grabber.done(p.seq);
          answered++;
        } else break;
      }
    }
  };
  return { grabber, video, posted, answer };
}

// Every test runs on a fake clock, with createImageBitmap resolving at once.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });
  vi.stubGlobal('createImageBitmap', () => Promise.resolve({ close: () => {} }));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('FrameGrabber', () => {
  it('an analyzer faster than the interval gets 15 frames a second, one at a time', async () => {
    const { grabber, video, posted, answer } = rig(40);
    grabber.setVideo(video);
    await answer(Date.now() + 2000);
    grabber.stop();
    expect(posted.length).toBeGreaterThanOrEqual(29);
    expect(posted.length).toBeLessThanOrEqual(31);
    expect(grabber.stats.skippedBusy).toBe(0);
  });

  it('a round trip a little over the interval (80 ms against 67): the skipped tick is made up when the analyzer answers', async () => {
    const { grabber, video, posted, answer } = rig(80);
    grabber.setVideo(video);
    await answer(Date.now() + 2000);
    grabber.stop();
    // One frame every 80 ms (25 in 2 s), not every other tick (every 133 ms: 15 in 2 s).
    expect(posted.length).toBeGreaterThanOrEqual(23);
    expect(grabber.stats.skippedBusy).toBeGreaterThan(0);
    // Never two frames in flight: each is posted after the previous one was answered.
    for (let k = 1; k < posted.length; k++)
      expect(posted[k]!.atMs - posted[k - 1]!.atMs).toBeGreaterThanOrEqual(80);
  });

  it('after stop, an answer grabs nothing more', async () => {
    const { grabber, video, posted, answer } = rig(80);
    grabber.setVideo(video);
    await answer(Date.now() + 100); // the first frame answered at 80 ms, the second in flight
    grabber.stop();
    const n = posted.length;
    grabber.done(posted.at(-1)!.seq);
    await vi.advanceTimersByTimeAsync(500);
    expect(posted.length).toBe(n);
  });
});

describe('FrameGrabber: when the grabbed frame was shown', () => {
  /** A video that shows a frame every 40 ms (25 frames/s) through requestVideoFrameCallback, until paused. */
  function playingVideo() {
    let cb: VideoFrameRequestCallback | null = null;
    let handle = 0;
    const cancelled: number[] = [];
    const video = {
      readyState: 4,
      videoWidth: 640,
      videoHeight: 360,
      paused: false,
      requestVideoFrameCallback: (f: VideoFrameRequestCallback) => {
        cb = f;
        return ++handle;
      },
      cancelVideoFrameCallback: (h: number) => cancelled.push(h),
    };
    const show = () => {
      if (video.paused || !cb) return;
      const f = cb;
      cb = null;
      const now = performance.now();
      f(now, { expectedDisplayTime: now + 8 } as VideoFrameCallbackMetadata);
    };
    return { video: video as unknown as HTMLVideoElement & { paused: boolean }, show, cancelled };
  }

  it('sends each frame with the display time of the frame on screen, and none once that is stale', async () => {
    // Frames every 40 ms, each shown 8 ms after its callback: a grab sees the last one shown, 0–40 ms earlier.
    const seen: { seq: number; timestampMs: number; shownAtMs?: number }[] = [];
    const port = { postMessage: (m: (typeof seen)[number]) => seen.push(m) };
    const grabber = new FrameGrabber(port as unknown as MessagePort, { targetFps: 15 });
    const v = playingVideo();
    grabber.setVideo(v.video);
    const run = async (ms: number, show: boolean) => {
      for (let t = 0; t < ms; t += 40) {
        if (show) v.show();
        await vi.advanceTimersByTimeAsync(40);
        if (seen.length) grabber.done(seen.at(-1)!.seq);
      }
    };
    await run(1000, true);
    expect(seen.length).toBeGreaterThan(10);
    for (const m of seen.slice(1)) {
      expect(m.shownAtMs).toBeDefined();
      expect(m.timestampMs - m.shownAtMs!).toBeGreaterThanOrEqual(-8);
      expect(m.timestampMs - m.shownAtMs!).toBeLessThanOrEqual(40);
    }
    // Paused: the last frame's time grows old, and after 250 ms the grabs carry none.
    v.video.paused = true;
    const before = seen.length;
    await run(600, false);
    const late = seen.slice(before).filter((m) => m.timestampMs - seen[before - 1]!.timestampMs > 300);
    expect(late.length).toBeGreaterThan(0);
    for (const m of late) expect(m.shownAtMs).toBeUndefined();
    // Stopped: its frame callback is cancelled.
    grabber.stop();
    expect(v.cancelled).toHaveLength(1);
  });

  it('a busy computer (every round trip 120 ms): steps down to a rate it holds evenly, with no gap over 200 ms', async () => {
    const { grabber, video, posted, answer } = rig(120, true);
    grabber.setVideo(video);
    await answer(Date.now() + 8000);
    const settledFrom = Date.now();
    await answer(Date.now() + 3000);
    grabber.stop();
    // After the warm-up: 15 → 12 → 10 (100 ms < 120) → 8 frames/s (125 ms, which 120 fits).
    expect(grabber.targetFps).toBe(8);
    const times = posted.filter((p) => p.atMs >= settledFrom).map((p) => p.atMs);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps.length).toBeGreaterThan(20);
    for (const g of gaps) expect(g).toBeGreaterThanOrEqual(120);
    for (const g of gaps) expect(g).toBeLessThanOrEqual(130);
  });

  it('a fast analyzer keeps the full rate', async () => {
    const { grabber, video, answer } = rig(30, true);
    grabber.setVideo(video);
    await answer(Date.now() + 5000);
    grabber.stop();
    expect(grabber.targetFps).toBe(15);
  });
});
