/**
 * The offscreen document: consumes tab captures the interviewer started (Zoom's web client draws
 * video on a canvas and plays audio without a MediaStream, so the page has nothing else to read).
 * For each captured tab it
 *   - plays the captured sound back at once: a capture mutes the tab, and the interviewer must keep
 *     hearing the call;
 *   - hands the capture's video frames and audio blocks to a worker (captureWorker) that crops the
 *     candidate's tile, measures the voice, and talks to that tab's analyzer on the capture's
 *     BroadcastChannel — off this document's main thread, which the analyzer frames share;
 *   - reports the capture's state (sound heard and played back, frames delivered) once a second.
 * Nothing is stored or sent anywhere else.
 */
import { onMessage, request, type Sender } from '../shared/browserApi';
import type { Answerers, OffscreenRequestType } from '../shared/runtimeProtocol';
import type { CaptureToAnalyzer } from '../shared/protocol';
import type { FromCaptureWorker, ToCaptureWorker } from './captureWorker';
import { canReadTracks, trackFrames } from './readTrack';

interface Capture {
  stream: MediaStream;
  playback: AudioContext | null;
  worker: Worker;
  /** Frames the capture had delivered at the last status, and when. */
  lastRead: { frames: number; atMs: number };
  captureFps: number;
}

const captures = new Map<number, Capture>();

/** The constraints Chrome's tab capture takes (a stream id from chrome.tabCapture.getMediaStreamId). */
function tabConstraints(streamId: string): MediaStreamConstraints {
  const source = { chromeMediaSource: 'tab', chromeMediaSourceId: streamId };
  return {
    audio: { mandatory: source },
    // About a laptop screen's CSS size at the rate the analyzer takes: the tile keeps its on-screen
    // detail, and every captured pixel costs a readback (1920×1080 took ~300 ms a grab here without a
    // GPU, 1280×800 ~60 ms).
    video: { mandatory: { ...source, maxWidth: 1280, maxHeight: 800, maxFrameRate: 15 } },
  } as unknown as MediaStreamConstraints;
}

async function start(tabId: number, streamId: string, channel: string): Promise<true> {
  stop(tabId);
  if (!canReadTracks()) throw new Error('this browser cannot read a captured tab’s frames');
  const stream = await navigator.mediaDevices.getUserMedia(tabConstraints(streamId));
  const worker = new Worker(new URL('./captureWorker.ts', import.meta.url), { type: 'module' });
  const c: Capture = {
    stream,
    playback: null,
    worker,
    lastRead: { frames: 0, atMs: performance.now() },
    captureFps: 0,
  };
  captures.set(tabId, c);

  const sound = stream.getAudioTracks()[0];
  if (sound) {
    const playback = new AudioContext({ latencyHint: 'interactive' });
    playback.createMediaStreamSource(stream).connect(playback.destination);
    c.playback = playback;
    if (playback.state === 'suspended') void playback.resume();
  }
  const picture = stream.getVideoTracks()[0];
  // A couple of video frames may wait (older ones are dropped); up to a second of 10 ms audio blocks.
  const video = picture ? (trackFrames(picture, 2) as ReadableStream<VideoFrame>) : null;
  const audio = sound ? (trackFrames(sound, 100) as ReadableStream<AudioData>) : null;
  const begin: ToCaptureWorker = { type: 'start', channel, video, audio };
  worker.postMessage(
    begin,
    [video, audio].filter((s) => s !== null),
  );
  worker.onmessage = (ev: MessageEvent<FromCaptureWorker>) => {
    if (ev.data.type !== 'stats') return;
    const now = performance.now();
    c.captureFps = ((ev.data.framesRead - c.lastRead.frames) * 1000) / Math.max(1, now - c.lastRead.atMs);
    c.lastRead = { frames: ev.data.framesRead, atMs: now };
    const status: ToCaptureWorker = { type: 'status', status: statusOf(c) };
    worker.postMessage(status);
  };

  for (const track of stream.getTracks())
    track.addEventListener('ended', () => {
      if (captures.get(tabId) !== c) return;
      stop(tabId);
      // The tab closed or navigated, or Chrome stopped the capture: the background tells the content script.
      request({ kind: 'request', type: 'capture/ended', tabId, reason: 'the tab capture ended' }).catch(
        () => undefined,
      );
    });
  return true;
}

function statusOf(c: Capture): CaptureToAnalyzer {
  const state = c.playback?.state;
  const settings = c.stream.getVideoTracks()[0]?.getSettings();
  const live = c.stream.getAudioTracks().filter((t) => t.readyState === 'live').length;
  return {
    type: 'capture-status',
    audioTracks: live,
    playback: state === 'running' || state === 'suspended' || state === 'closed' ? state : 'none',
    frameWidth: settings?.width ?? 0,
    frameHeight: settings?.height ?? 0,
    captureFps: Math.round(c.captureFps * 10) / 10,
    note: live > 0 ? null : 'the captured tab has no sound',
  };
}

function stop(tabId: number): true {
  const c = captures.get(tabId);
  if (!c) return true;
  captures.delete(tabId);
  c.worker.terminate();
  for (const t of c.stream.getTracks()) t.stop();
  void c.playback?.close();
  return true;
}

// Only the background starts and stops captures (requests from a tab, content script or analyzer, are not ours).
const fromBackground = (sender: Sender): void => {
  if (sender.tabId !== undefined) throw new Error('only the background starts and stops a capture');
};
const answerers: Answerers<OffscreenRequestType, Sender> = {
  'offscreen/start': (msg, sender) => {
    fromBackground(sender);
    return start(msg.tabId, msg.streamId, msg.channel);
  },
  'offscreen/stop': (msg, sender) => {
    fromBackground(sender);
    return stop(msg.tabId);
  },
};
onMessage({ requests: answerers });
