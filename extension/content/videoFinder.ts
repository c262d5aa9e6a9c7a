/**
 * Reads the page's <video> elements into VideoCandidates for the pure picker, and keeps the pick up to
 * date as the layout changes (tiles added/removed, pinning, resize).
 */
import { pickCandidateVideo, type PickResult, type VideoCandidate } from '../../src/video/pickCandidateVideo';
import type { PlatformAdapter } from './adapters/PlatformAdapter';

const ids = new WeakMap<HTMLVideoElement, number>();
let nextId = 1;
const idOf = (v: HTMLVideoElement): number => {
  let id = ids.get(v);
  if (id === undefined) {
    id = nextId++;
    ids.set(v, id);
  }
  return id;
};

/** True when the element or a close ancestor is flipped horizontally, as call pages draw the local camera. */
export function isMirrored(el: Element): boolean {
  let node: Element | null = el;
  for (let depth = 0; node && depth < 4; depth++, node = node.parentElement) {
    const t = getComputedStyle(node).transform;
    if (t && t !== 'none') {
      const m = new DOMMatrixReadOnly(t);
      if (m.a < 0 || m.m11 < 0) return true;
    }
  }
  return false;
}

/** Whether `el` sits inside one of the adapter's self-view containers (the local camera). */
export function inSelfView(adapter: PlatformAdapter, el: Element): boolean {
  const sel = adapter.selfView.map((s) => s.css).join(',');
  return sel !== '' && el.closest(sel) !== null;
}

/** Whether `el` sits inside one of the adapter's shared-screen containers. */
export function inScreenShare(adapter: PlatformAdapter, el: Element): boolean {
  const sel = adapter.screenShare.map((s) => s.css).join(',');
  return sel !== '' && el.closest(sel) !== null;
}

function visibleArea(r: DOMRect): number {
  const w = Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0));
  const h = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
  return w * h;
}

export function describeVideos(
  adapter: PlatformAdapter,
  demoted: ReadonlySet<HTMLVideoElement> = new Set(),
): {
  candidates: VideoCandidate[];
  byId: Map<number, HTMLVideoElement>;
} {
  const byId = new Map<number, HTMLVideoElement>();
  const candidates: VideoCandidate[] = [];
  for (const v of document.querySelectorAll('video')) {
    const id = idOf(v);
    byId.set(id, v);
    const style = getComputedStyle(v);
    const hidden = style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0;
    candidates.push({
      id,
      videoWidth: v.videoWidth,
      videoHeight: v.videoHeight,
      visibleAreaPx: hidden ? 0 : visibleArea(v.getBoundingClientRect()),
      playing: !v.paused && !v.ended && v.readyState >= 2,
      mirrored: isMirrored(v),
      selfView: inSelfView(adapter, v),
      screenShare: inScreenShare(adapter, v),
      demoted: demoted.has(v),
    });
  }
  return { candidates, byId };
}

export interface FinderUpdate {
  video: HTMLVideoElement | null;
  result: PickResult;
}

/** What the content script can tell the finder while it watches. */
export interface FinderControl {
  /**
   * The analysed video has shown no face for a while (a screen share the adapter missed, a slide, an
   * avatar): let any other eligible video go first for `forMs`.
   */
  demote(video: HTMLVideoElement, forMs: number): void;
}

/**
 * Watches the page and calls `onChange` whenever the picked video changes (or none is found).
 * Re-checks on DOM mutations, resize and media events, and once a second as a safety net.
 */
export function watchCandidateVideo(
  adapter: PlatformAdapter,
  onChange: (u: FinderUpdate) => void,
  signal: AbortSignal,
): FinderControl {
  let current: HTMLVideoElement | null = null;
  let lastReason = '';
  let scheduled = false;
  const demotedUntil = new Map<HTMLVideoElement, number>();
  const demoted = new Set<HTMLVideoElement>();
  const check = () => {
    scheduled = false;
    const now = performance.now();
    demoted.clear();
    for (const [v, until] of demotedUntil) {
      if (until > now && v.isConnected) demoted.add(v);
      else demotedUntil.delete(v);
    }
    const { candidates, byId } = describeVideos(adapter, demoted);
    const result = pickCandidateVideo(candidates, current ? { currentId: idOf(current) } : {});
    const next = result.kind === 'picked' ? (byId.get(result.id) ?? null) : null;
    if (next !== current || (next === null && result.reason !== lastReason)) {
      current = next;
      lastReason = result.reason;
      onChange({ video: next, result });
    }
  };
  const schedule = () => {
    if (scheduled || signal.aborted) return;
    scheduled = true;
    setTimeout(check, 100);
  };
  const mo = new MutationObserver(schedule);
  mo.observe(document.documentElement, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['class', 'style'],
  });
  addEventListener('resize', schedule, { signal });
  for (const ev of ['playing', 'pause', 'loadedmetadata', 'emptied', 'ended']) {
    document.addEventListener(ev, schedule, { capture: true, signal });
  }
  const timer = setInterval(check, 1000);
  signal.addEventListener('abort', () => {
    mo.disconnect();
    clearInterval(timer);
  });
  check();
  return {
    demote(video, forMs) {
      demotedUntil.set(video, performance.now() + forMs);
      schedule();
    },
  };
}
