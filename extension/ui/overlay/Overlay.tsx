import type { LiveStatus } from '../../../src/status/LiveStatus';
import { headline, SignalStrip } from '../components/StatusView';

export interface OverlayActions {
  onStart(): void;
  onStop(): void;
  /** Copies the candidate notice to the clipboard (and logs that it was given). */
  onNotice(): void;
  /** Pointer down on the drag handle. */
  onDragStart(e: PointerEvent): void;
}

/** The small on-call overlay: a pure function of the live status. */
export function Overlay({ status, actions }: { status: LiveStatus; actions: OverlayActions }) {
  const watching = status.phase === 'watching' || status.phase === 'loading';
  return (
    <section
      class="ig-overlay"
      data-ig="overlay"
      role="status"
      aria-live="polite"
      aria-label="Interview Guard"
      data-phase={status.phase}
      data-face={status.face}
    >
      <header
        class="ig-head"
        onPointerDown={(e) => actions.onDragStart(e as unknown as PointerEvent)}
        title="Drag to move"
      >
        <span class="ig-logo" aria-hidden="true">
          ◆
        </span>
        <strong class="ig-title">Interview Guard</strong>
        {status.phase === 'watching' && (
          <span class="ig-fps" data-ig="fps">
            {status.fps.toFixed(0)} fps
          </span>
        )}
      </header>
      <div class="ig-line" data-ig="headline">
        {headline(status)}
      </div>
      {status.phase === 'loading' && (
        <progress class="ig-progress" max={1} value={status.modelProgress} aria-label="Model loading" />
      )}
      {status.phase === 'watching' && <SignalStrip signals={status.signals} compact />}
      {status.phase === 'watching' && <div class="ig-note">{status.videoNote}</div>}
      {status.error && <div class="ig-error">{status.error}</div>}
      {status.info && <div class="ig-note">{status.info}</div>}
      <div class="ig-actions">
        <button
          type="button"
          data-ig="notice"
          onClick={actions.onNotice}
          title="Copy the candidate notice to paste in the chat or read aloud"
        >
          Copy notice
        </button>
        {watching ? (
          <button type="button" data-ig="stop" onClick={actions.onStop}>
            Stop
          </button>
        ) : (
          <button type="button" data-ig="start" onClick={actions.onStart}>
            Start watching
          </button>
        )}
      </div>
    </section>
  );
}

export const OVERLAY_CSS = `
:host{all:initial}
.ig-overlay{position:fixed;z-index:2147483647;width:236px;box-sizing:border-box;padding:8px 10px;border-radius:10px;
  background:rgba(255,255,255,.96);color:#202124;font:13px/1.35 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
  box-shadow:0 2px 10px rgba(0,0,0,.3);user-select:none}
.ig-head{display:flex;align-items:center;gap:6px;cursor:grab;margin-bottom:4px}
.ig-logo{color:#1a73e8}
.ig-title{flex:1;font-size:12px}
.ig-fps{font-size:11px;color:#5f6368;font-variant-numeric:tabular-nums}
.ig-line{font-weight:600;margin-bottom:6px}
.ig-progress{width:100%;height:6px}
.ig-note{font-size:11px;color:#5f6368;margin-top:6px}
.ig-error{font-size:12px;color:#b3261e;margin-top:6px}
.ig-actions{margin-top:8px;display:flex;gap:6px}
.ig-actions button{font:inherit;font-size:12px;padding:3px 10px;border-radius:6px;border:1px solid #dadce0;background:#fff;cursor:pointer}
.ig-actions button:focus-visible{outline:2px solid #1a73e8}
`;
