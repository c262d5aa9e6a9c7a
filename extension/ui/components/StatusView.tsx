import type { LiveStatus, SignalState, SignalView } from '../../../src/status/LiveStatus';

export const STATE_TEXT: Record<SignalState, string> = {
  'no-concerns': 'no concerns',
  inconclusive: 'inconclusive',
  concerns: 'concerns',
  'cannot-judge': 'cannot judge',
  'not-measured': 'not measured',
};

export function headline(s: LiveStatus): string {
  switch (s.phase) {
    case 'idle':
      return 'Not watching';
    case 'loading':
      return `Loading face model… ${Math.round(s.modelProgress * 100)}%`;
    case 'error':
      return 'Stopped: error';
    case 'watching':
      return s.face === 'found'
        ? 'Watching · face found'
        : s.face === 'none'
          ? 'Watching · no face'
          : 'Watching…';
  }
}

export function SignalStrip({ signals, compact }: { signals: SignalView[]; compact?: boolean }) {
  return (
    <ul class={compact ? 'ig-strip ig-compact' : 'ig-strip'} aria-label="Signals">
      {signals.map((s) => (
        <li
          key={s.id}
          class={`ig-sig ig-${s.state}`}
          title={`${s.label}: ${STATE_TEXT[s.state]} — ${s.detail}`}
          data-signal={s.id}
          data-state={s.state}
        >
          <span class="ig-dot" aria-hidden="true" />
          <span class="ig-sig-label">{s.label}</span>
          {!compact && (
            <span class="ig-sig-detail">
              {STATE_TEXT[s.state]} — {s.detail}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Shared look for the overlay, side panel and review page (state colours are never the only cue). */
export const BASE_CSS = `
.ig-strip{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:4px}
.ig-strip.ig-compact{flex-direction:row;flex-wrap:wrap;gap:6px}
.ig-sig{display:flex;align-items:center;gap:6px;font-size:12px}
.ig-dot{width:9px;height:9px;border-radius:50%;flex:none;background:#9aa0a6;border:1px solid rgba(0,0,0,.25)}
.ig-no-concerns .ig-dot{background:#1e8e3e}
.ig-inconclusive .ig-dot{background:#f9ab00}
.ig-concerns .ig-dot{background:#d93025}
.ig-cannot-judge .ig-dot{background:transparent;border:2px dashed #5f6368}
.ig-not-measured .ig-dot{background:#dadce0}
.ig-sig-detail{color:#5f6368}
`;
