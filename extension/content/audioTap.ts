/**
 * Listens to the candidate's voice without changing what the interviewer hears. Call pages play
 * remote audio from MediaStreams (Meet and Teams in <audio> elements, the demo in the candidate's
 * <video>); we read the same tracks into our own AudioContext — the page's playback is untouched,
 * nothing is rerouted or muted, and our graph outputs silence. A speech-band filter (two biquads,
 * 300–3400 Hz) feeds an AnalyserNode that a timer reads; EnvelopeSampler turns each read into
 * 20 ms levels on the page clock, so gaps in the timer never shift the envelope in time. Each speech
 * sub-band (SPEECH_BANDS_HZ) has its own pair of biquads and analyser, read at the same moment, so its
 * levels fall on the same slots (the chunk's `bandsDb`). One more analyser, unfiltered, gives the
 * sound itself (SoundSampler: the samples rendered since the last read, on the page clock) for the
 * analyzer's viseme classifier; it is handed on, never kept.
 *
 * Pages whose audio never reaches a MediaStream (Zoom's web client renders audio itself) report
 * "no audio" until the interviewer captures the tab (extension/offscreen reads the capture then).
 */
import {
  EnvelopeSampler,
  appendChunk,
  interleaveBands,
  type EnvelopeChunk,
} from '../../src/audio/EnvelopeSampler';
import { SoundSampler, type SoundChunk } from '../../src/audio/SoundSampler';
import { SPEECH_BANDS_HZ } from '../../src/audio/speechBands';
import { words, type Phrase } from '../../src/text/Phrase';

const NO_AUDIO = words(
  'no candidate audio found on this page (its audio is not a media stream the extension can read)',
);

/** Options for {@link startAudioTap}. */
export interface AudioTapOptions {
  /** How often the analyser is read, ms (default 40; its buffer holds ~85 ms at 48 kHz). */
  readEveryMs?: number;
  /** How often collected envelope slots are handed on, ms (default 200). */
  flushEveryMs?: number;
  /** How often the page is searched for new or ended audio tracks, ms (default 1000). */
  rescanEveryMs?: number;
}

export interface AudioTapStatus {
  /** Live audio tracks being listened to. */
  tracks: number;
  /** Why there are none, in plain words (null when listening). */
  note: Phrase | null;
}

/** The live remote audio tracks on the page: every media element playing a MediaStream, except the self-view. */
export function remoteAudioTracks(
  isSelfView: (el: Element) => boolean,
  roots: readonly ParentNode[] = [document],
): MediaStreamTrack[] {
  const out: MediaStreamTrack[] = [];
  const media = roots.flatMap((r) => [...r.querySelectorAll<HTMLMediaElement>('audio, video')]);
  for (const el of media) {
    // Duck-typed: a stream in a same-origin frame is of that frame's MediaStream class.
    const src = el.srcObject as MediaStream | null;
    if (!src || typeof src.getAudioTracks !== 'function' || isSelfView(el)) continue;
    for (const t of src.getAudioTracks()) if (t.readyState === 'live' && !out.includes(t)) out.push(t);
  }
  return out;
}

export function startAudioTap(
  findTracks: () => MediaStreamTrack[],
  onChunk: (chunk: EnvelopeChunk) => void,
  onSound: (chunk: SoundChunk) => void,
  onStatus: (s: AudioTapStatus) => void,
  signal: AbortSignal,
  opts: AudioTapOptions = {},
): void {
  const ctx = new AudioContext({ latencyHint: 'interactive' });
  const hp = new BiquadFilterNode(ctx, { type: 'highpass', frequency: 300, Q: 0.707 });
  const lp = new BiquadFilterNode(ctx, { type: 'lowpass', frequency: 3400, Q: 0.707 });
  const analyser = new AnalyserNode(ctx, { fftSize: 4096, smoothingTimeConstant: 0 });
  const silence = new GainNode(ctx, { gain: 0 });
  hp.connect(lp).connect(analyser).connect(silence).connect(ctx.destination);
  // The sub-bands: each its own high- and low-pass from the same input, and its own analyser.
  const bands = SPEECH_BANDS_HZ.map(([lowHz, highHz]) => {
    const bandHp = new BiquadFilterNode(ctx, { type: 'highpass', frequency: lowHz, Q: 0.707 });
    const bandLp = new BiquadFilterNode(ctx, { type: 'lowpass', frequency: highHz, Q: 0.707 });
    const bandAnalyser = new AnalyserNode(ctx, { fftSize: analyser.fftSize, smoothingTimeConstant: 0 });
    bandHp.connect(bandLp).connect(bandAnalyser).connect(silence);
    return { input: bandHp, analyser: bandAnalyser, sampler: new EnvelopeSampler() };
  });
  // The sound as it is (8192 frames: 170 ms at 48 kHz, so reads 40 ms apart lose nothing).
  const soundAnalyser = new AnalyserNode(ctx, { fftSize: 8192, smoothingTimeConstant: 0 });
  soundAnalyser.connect(silence);
  const soundBuf = new Float32Array(soundAnalyser.fftSize);
  const soundSampler = new SoundSampler();
  const sources = new Map<MediaStreamTrack, MediaStreamAudioSourceNode>();
  const buf = new Float32Array(analyser.fftSize);
  const sampler = new EnvelopeSampler();
  let pending: EnvelopeChunk | null = null;
  let lastNote: Phrase | null | undefined;

  const rescan = () => {
    const tracks = findTracks();
    for (const [t, node] of sources)
      if (!tracks.includes(t) || t.readyState !== 'live') {
        node.disconnect();
        sources.delete(t);
      }
    for (const t of tracks)
      if (!sources.has(t)) {
        const node = ctx.createMediaStreamSource(new MediaStream([t]));
        node.connect(hp);
        node.connect(soundAnalyser);
        for (const b of bands) node.connect(b.input);
        sources.set(t, node);
      }
    const note = sources.size > 0 ? null : NO_AUDIO;
    if (ctx.state === 'suspended') void ctx.resume();
    if (note !== lastNote || sources.size === 0) {
      lastNote = note;
      onStatus({ tracks: sources.size, note });
    }
  };

  /** Page-clock time just after the last sample the analyser holds. */
  const bufferEndMs = (): number => {
    const ts = ctx.getOutputTimestamp?.();
    if (ts && ts.contextTime !== undefined && ts.performanceTime !== undefined && ts.performanceTime > 0)
      return ts.performanceTime + (ctx.currentTime - ts.contextTime) * 1000;
    return performance.now();
  };

  const read = () => {
    if (sources.size === 0 || ctx.state !== 'running') return;
    const endMs = bufferEndMs();
    // The frame just after the analysers' last sample: the audio clock, in whole render quanta.
    const endFrame = Math.round(ctx.currentTime * ctx.sampleRate);
    soundAnalyser.getFloatTimeDomainData(soundBuf);
    const sound = soundSampler.read(soundBuf, endFrame, endMs, ctx.sampleRate);
    if (sound) onSound(sound);
    analyser.getFloatTimeDomainData(buf);
    const chunk = sampler.read(buf, endMs, ctx.sampleRate);
    // Every band's sampler reads the same span at the same end time, so it emits the same slots.
    const bandChunks = bands.map((b) => {
      b.analyser.getFloatTimeDomainData(buf);
      return b.sampler.read(buf, endMs, ctx.sampleRate);
    });
    if (!chunk) return;
    const bandsDb = interleaveBands(chunk, bandChunks);
    if (bandsDb) chunk.bandsDb = bandsDb;
    if (!appendChunk(pending, chunk, sampler.slotMs)) {
      flush();
      pending = chunk;
    }
  };
  const flush = () => {
    if (pending && pending.levelsDb.length > 0) onChunk(pending);
    pending = null;
    const sound = soundSampler.flush();
    if (sound) onSound(sound);
  };

  const timers = [
    setInterval(read, opts.readEveryMs ?? 40),
    setInterval(flush, opts.flushEveryMs ?? 200),
    setInterval(rescan, opts.rescanEveryMs ?? 1000),
  ];
  rescan();
  signal.addEventListener('abort', () => {
    for (const t of timers) clearInterval(t);
    for (const node of sources.values()) node.disconnect();
    sources.clear();
    void ctx.close();
  });
}
