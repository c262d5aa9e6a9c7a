/**
 * The overlay on the call page: a closed shadow root that the page's scripts cannot read, placed
 * beside the candidate's face (src/overlay/placeOverlay) unless the interviewer dragged it, compact or
 * in full as they chose for the site, and still while they aim at it.
 */
import { h, render } from 'preact';
import { COMPACT_SITES_KEY, readCompactSites, withCompactSite } from '../../src/overlay/compactSites';
import { placeOverlay, type Rect } from '../../src/overlay/placeOverlay';
import { createStore, type Store } from '../../src/status/createStore';
import type { LiveStatus } from '../../src/status/LiveStatus';
import { localStorage } from '../shared/browserApi';
import { BASE_CSS } from '../ui/components/StatusView';
import { useStore } from '../ui/components/useStore';
import { Overlay, OVERLAY_CSS, type OverlayActions } from '../ui/overlay/Overlay';

/** What the overlay's host does itself: the compact switch and dragging. */
export type HostedActions = Omit<OverlayActions, 'onCompact' | 'onDragStart'>;

export interface OverlayHost {
  /** The closed shadow root (the analyzer's frame is inserted into it too). */
  readonly shadow: ShadowRoot;
  /** Puts the overlay on the page (once). */
  mount(): void;
  /** Where the candidate's face is on screen (null: none): the overlay keeps clear of it. */
  setFaceRect(rect: Rect | null): void;
}

/**
 * A pointer moving over the overlay holds its content still (rows that come and go must not move a
 * button away from the click) until the click is taken, the pointer leaves, or it rests this long.
 */
const AIM_HOLD_MS = 600;

/** The overlay for `status` on the site `site`; `actions` answer its buttons. */
export function createOverlayHost(
  status: Store<LiveStatus>,
  site: string,
  actions: HostedActions,
): OverlayHost {
  const host = document.createElement('interview-guard');
  host.style.cssText = 'all:initial;position:fixed;left:0;top:0;width:0;height:0;z-index:2147483647';
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = OVERLAY_CSS + BASE_CSS;
  shadow.appendChild(style);
  const mountPoint = document.createElement('div');
  shadow.appendChild(mountPoint);

  const position = createStore<{ x: number; y: number } | null>(null);
  /** The overlay as one line: the interviewer's choice for this site (src/overlay/compactSites). */
  const compact = createStore(false);
  void localStorage.get<unknown>(COMPACT_SITES_KEY).then(
    (raw) => compact.set(readCompactSites(raw).includes(site)),
    (e: unknown) => console.warn('Interview Guard: could not read the overlay setting', e),
  );

  let userPos: { x: number; y: number } | null = null;
  let faceRect: Rect | null = null;
  /** The pointer is over the overlay: it holds its place (a face moving under it must not carry a button away). */
  let pointerOver = false;
  let dragging = false;

  function overlayBox(): { w: number; h: number } {
    const r = shadow.querySelector('.ig-overlay')?.getBoundingClientRect();
    return { w: r?.width || 236, h: r?.height || 120 };
  }

  function reposition(): void {
    if (pointerOver && !dragging) return;
    const next = placeOverlay({ x: 0, y: 0, w: innerWidth, h: innerHeight }, overlayBox(), faceRect, userPos);
    const cur = position.get();
    if (!cur || Math.abs(cur.x - next.x) > 0.5 || Math.abs(cur.y - next.y) > 0.5) position.set(next);
  }

  /** Shows the overlay compact or in full, and remembers it for this site. */
  async function setCompact(on: boolean): Promise<void> {
    compact.set(on);
    requestAnimationFrame(reposition);
    const sites = readCompactSites(await localStorage.get<unknown>(COMPACT_SITES_KEY));
    await localStorage.set(COMPACT_SITES_KEY, withCompactSite(sites, site, on));
  }

  function onDragStart(e: PointerEvent): void {
    const start = position.get() ?? { x: 0, y: 0 };
    const dx = e.clientX - start.x;
    const dy = e.clientY - start.y;
    dragging = true;
    const move = (ev: PointerEvent) => {
      userPos = { x: ev.clientX - dx, y: ev.clientY - dy };
      reposition();
    };
    const up = () => {
      dragging = false;
      removeEventListener('pointermove', move);
      removeEventListener('pointerup', up);
    };
    addEventListener('pointermove', move);
    addEventListener('pointerup', up);
  }

  // What the overlay shows: the status, except while the interviewer aims at it.
  const shown = createStore<LiveStatus>(status.get());
  let aiming: ReturnType<typeof setTimeout> | undefined;
  status.subscribe(() => {
    if (aiming === undefined) shown.set(status.get());
  });
  function holdWhileAiming(): void {
    clearTimeout(aiming);
    aiming = setTimeout(showCurrent, AIM_HOLD_MS);
  }
  function showCurrent(): void {
    clearTimeout(aiming);
    aiming = undefined;
    shown.set(status.get());
  }

  const allActions: OverlayActions = {
    ...actions,
    onCompact: (on: boolean) =>
      void setCompact(on).catch((e: unknown) =>
        console.warn('Interview Guard: could not remember the overlay setting', e),
      ),
    onDragStart,
  };

  function App() {
    const s = useStore(shown);
    const p = useStore(position);
    const c = useStore(compact);
    return h(
      'div',
      {
        style: p ? `position:fixed;left:${p.x}px;top:${p.y}px` : 'visibility:hidden',
        onPointerEnter: () => (pointerOver = true),
        onPointerMove: holdWhileAiming,
        // After the click's own handlers: what it changed shows at once.
        onClick: () => setTimeout(showCurrent, 0),
        onPointerLeave: () => {
          showCurrent();
          pointerOver = false;
          reposition();
        },
      },
      h(Overlay, { status: s, compact: c, actions: allActions }),
    );
  }

  let mounted = false;
  return {
    shadow,
    mount() {
      if (mounted) return;
      mounted = true;
      document.documentElement.appendChild(host);
      render(h(App, {}), mountPoint);
      requestAnimationFrame(reposition);
      addEventListener('resize', reposition);
    },
    setFaceRect(rect) {
      faceRect = rect;
      if (rect) reposition();
    },
  };
}
