/**
 * The offscreen document's worker: everything a capture does per frame, off the main thread the
 * offscreen document shares with the analyzer frames (one extension process, one main thread — a
 * busy analyzer held every capture frame back by up to its whole run). It reads the capture's video
 * frames and audio blocks (streams transferred from the document), crops the candidate's tile
 * (TileReader), measures the voice (AudioReader), and talks to the tab's analyzer on the capture's
 * BroadcastChannel.
 */
import { CaptureClock } from '../../src/capture/CaptureClock';
import { captureCrop } from '../../src/capture/captureCrop';
import { parseAnalyzerToCapture, type AnalyzerToCapture, type CaptureToAnalyzer } from '../shared/protocol';
import { AudioReader } from './AudioReader';
import { TileReader } from './TileReader';

/** The document → its worker (never reachable by a page: a dedicated worker hears only its document). */
export type ToCaptureWorker =
  | {
      type: 'start';
      channel: string;
      video: ReadableStream<VideoFrame> | null;
      audio: ReadableStream<AudioData> | null;
    }
  | { type: 'status'; status: CaptureToAnalyzer };

/** The worker → its document, once a second: frames the capture delivered so far. */
export interface FromCaptureWorker {
  type: 'stats';
  framesRead: number;
}

const ac = new AbortController();
let layout: Omit<AnalyzerToCapture, 'type' | 'doneSeq'> | null = null;
let channel: BroadcastChannel | null = null;

/** This worker's clock → the call page's, ms (null until the analyzer has said where the page's is). */
const toPageClock = (): number | null => (layout ? performance.timeOrigin - layout.pageTimeOrigin : null);

function start(msg: Extract<ToCaptureWorker, { type: 'start' }>): void {
  const ch = new BroadcastChannel(msg.channel);
  channel = ch;
  const post = (m: CaptureToAnalyzer) => ch.postMessage(m);
  // The video's and the audio's capture timestamps have different origins: one clock each.
  const tiles = new TileReader(
    new CaptureClock(),
    (frame) => {
      // A BroadcastChannel copies the bitmap; ours is freed at once.
      post(frame);
      frame.bitmap.close();
    },
    (w, h) =>
      layout?.tile ? captureCrop(layout.tile, layout.viewport, { w, h }, { maxLongSidePx: 480 }) : null,
    toPageClock,
  );
  const audio = new AudioReader(
    new CaptureClock(),
    toPageClock,
    (chunk) =>
      post({ type: 'audio', startMs: chunk.startMs, levelsDb: chunk.levelsDb, bandsDb: chunk.bandsDb }),
    (s) => post({ type: 'sound', startMs: s.startMs, sampleRateHz: s.sampleRateHz, samples: s.samples }),
  );
  ch.onmessage = (ev) => {
    const p = parseAnalyzerToCapture(ev.data);
    if (!p.ok) return;
    const { doneSeq, ...where } = p.msg;
    layout = where;
    if (doneSeq !== null) tiles.done(doneSeq);
  };
  if (msg.video) void tiles.run(msg.video, ac.signal);
  if (msg.audio) void audio.run(msg.audio, ac.signal);
  const stats = setInterval(() => {
    const m: FromCaptureWorker = { type: 'stats', framesRead: tiles.stats.read };
    postMessage(m);
  }, 1000);
  ac.signal.addEventListener('abort', () => clearInterval(stats));
}

addEventListener('message', (ev: MessageEvent<ToCaptureWorker>) => {
  const msg = ev.data;
  if (msg.type === 'start' && !channel) start(msg);
  else if (msg.type === 'status') channel?.postMessage(msg.status);
});
