/** Chrome's MediaStreamTrackProcessor (no TypeScript types yet): a track's frames as a stream. */
type TrackProcessorCtor = new (init: { track: MediaStreamTrack; maxBufferSize?: number }) => {
  readable: ReadableStream<unknown>;
};

/** Whether this browser can read a track frame by frame (Chrome can; the Firefox build never gets here). */
export const canReadTracks = (): boolean => 'MediaStreamTrackProcessor' in globalThis;

/**
 * The frames of `track` (VideoFrame or AudioData) as a stream that can be transferred to a worker.
 * At most `queue` frames wait while the reader is busy; older ones are dropped by the browser, never
 * piled up.
 */
export function trackFrames(track: MediaStreamTrack, queue: number): ReadableStream<unknown> {
  const Processor = (globalThis as unknown as { MediaStreamTrackProcessor: TrackProcessorCtor })
    .MediaStreamTrackProcessor;
  return new Processor({ track, maxBufferSize: queue }).readable;
}

/** Hands each frame of `frames` to `take`, which must close it, until the stream ends or `signal` aborts. */
export async function readFrames<F>(
  frames: ReadableStream<F>,
  take: (frame: F) => void,
  signal: AbortSignal,
): Promise<void> {
  const reader = frames.getReader();
  signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined), { once: true });
  for (;;) {
    const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
    if (done || value === undefined) return;
    take(value);
  }
}
