import { ACCOMMODATION_NOTE } from '../../../src/consent/noticeText';
import type { LiveStatus } from '../../../src/status/LiveStatus';
import { BASE_CSS, headline, SignalStrip } from './StatusView';

export const CAVEAT =
  'Signals describe the video, not the person. Lighting, camera quality, bandwidth, eyewear or a disability can ' +
  'move them. Interview Guard never judges honesty or emotion and never recommends a hiring decision.';

/** The full live view (side panel): a pure function of the status. */
export function LiveView({ status, tabKnown }: { status: LiveStatus | null; tabKnown: boolean }) {
  if (!tabKnown || !status) {
    return (
      <div>
        <style>{BASE_CSS}</style>
        <p class="muted">Open a call tab (Google Meet, Zoom web, Teams) and press “Start watching”.</p>
      </div>
    );
  }
  return (
    <div data-phase={status.phase}>
      <style>{BASE_CSS}</style>
      <p style="font-weight:600;margin:0 0 4px" data-ig="headline">
        {headline(status)}
      </p>
      <p class="muted" style="margin:0 0 10px">
        {status.platform} ·{' '}
        {status.phase === 'watching'
          ? `${status.fps.toFixed(1)} frames/s · ${status.elapsedS} s`
          : status.videoNote}
      </p>
      {status.phase === 'loading' && <progress max={1} value={status.modelProgress} style="width:100%" />}
      {status.phase === 'watching' && <p class="muted">{status.videoNote}</p>}
      {status.signals.length > 0 && (
        <div class="card">
          <SignalStrip signals={status.signals} />
        </div>
      )}
      {status.error && <p class="error">{status.error}</p>}
      {status.perf && status.perf.frames > 0 && (
        <p class="muted" style="font-size:12px" data-ig="perf">
          Per frame: {status.perf.pipelineMsMedian.toFixed(1)} ms end to end (landmarker{' '}
          {status.perf.landmarkerMsMedian.toFixed(1)} ms), over the last {status.perf.frames} frames.
        </p>
      )}
      <p class="caveat">{CAVEAT}</p>
      <p class="caveat">{ACCOMMODATION_NOTE}</p>
    </div>
  );
}
