/**
 * Reads the page's <video> elements, and the participant tiles a platform draws on a <canvas> (Zoom's
 * web client; see PlatformAdapter.canvasTiles), into VideoCandidates for the pure picker, and keeps
 * the pick up to date as the layout changes (tiles added/removed, pinning, resize). A canvas tile can
 * only be analysed through a tab capture, which the content script asks the interviewer for.
 */
import { pickCandidateVideo, type PickResult, type VideoCandidate } from '../../src/video/pickCandidateVideo';
import { explainPick, type SelfViewBy } from '../../src/video/explainPick';
import type { PlatformAdapter } from './adapters/PlatformAdapter';
import {
  closestAcross,
  isVideo,
  queryAll,
  searchRoots,
  upFrom,
  viewportRect,
  type SearchRoot,
} from './pageRoots';

/** What the finder picks: a <video>, or a participant tile drawn on a canvas (an HTMLElement). */
export type Target = HTMLVideoElement | HTMLElement;

const ids = new WeakMap<Element, number>();
let nextId = 1;
const idOf = (v: Element): number => {
  let id = ids.get(v);
  if (id === undefined) {
    id = nextId++;
    ids.set(v, id);
  }
  return id;
};

/**
 * True when the element or a close ancestor (across a shadow root: Zoom's player flips its host) is
 * flipped horizontally, as call pages draw the local camera.
 */
export function isMirrored(el: Element): boolean {
  let node: Element | null = el;
  for (let depth = 0; node && depth < 4; depth++, node = upFrom(node)) {
    const t = (node.ownerDocument.defaultView ?? window).getComputedStyle(node).transform;
    if (t && t !== 'none') {
      const m = new DOMMatrixReadOnly(t);
      if (m.a < 0 || m.m11 < 0) return true;
    }
  }
  return false;
}

/** Whether `el` sits inside one of the adapter's self-view containers (the local camera), across shadow roots and frames. */
export function inSelfView(adapter: PlatformAdapter, el: Element): boolean {
  return closestAcross(el, adapter.selfView) !== null;
}

/** Whether `el` sits inside one of the adapter's shared-screen containers, across shadow roots and frames. */
export function inScreenShare(adapter: PlatformAdapter, el: Element): boolean {
  return closestAcross(el, adapter.screenShare) !== null;
}

function visibleArea(r: DOMRect): number {
  const w = Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0));
  const h = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
  return w * h;
}

const hiddenByStyle = (el: Element): boolean => {
  const style = (el.ownerDocument.defaultView ?? window).getComputedStyle(el);
  return style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0;
};

/**
 * The adapter's canvas-drawn participant tiles that lie over a visible canvas. Their "video size" is
 * their on-screen size (the stream's own size is not in the DOM), and they count as playing while the
 * canvas under them is on screen.
 */
function describeCanvasTiles(
  adapter: PlatformAdapter,
  roots: readonly SearchRoot[],
  demoted: ReadonlySet<Element>,
  byId: Map<number, Target>,
  out: VideoCandidate[],
): void {
  const sel = adapter.canvasTiles.map((s) => s.css).join(',');
  if (sel === '') return;
  const canvases = queryAll<HTMLCanvasElement>(roots, 'canvas')
    .filter((c) => !hiddenByStyle(c))
    .map(viewportRect);
  for (const el of queryAll<HTMLElement>(roots, sel)) {
    // A tile with a real <video> (in it, or in its shadow root) is described as that video.
    if (el.querySelector('video') || el.shadowRoot?.querySelector('video')) continue;
    const r = viewportRect(el);
    const overCanvas = canvases.some(
      (c) => c.left < r.right && r.left < c.right && c.top < r.bottom && r.top < c.bottom,
    );
    if (!overCanvas) continue;
    const id = idOf(el);
    byId.set(id, el);
    out.push({
      id,
      videoWidth: Math.round(r.width),
      videoHeight: Math.round(r.height),
      visibleAreaPx: hiddenByStyle(el) ? 0 : visibleArea(r),
      playing: true,
      mirrored: isMirrored(el),
      selfView: inSelfView(adapter, el),
      screenShare: inScreenShare(adapter, el),
      demoted: demoted.has(el),
      drawnOnCanvas: true,
    });
  }
}

export function describeVideos(
  adapter: PlatformAdapter,
  demoted: ReadonlySet<Element> = new Set(),
): {
  candidates: VideoCandidate[];
  byId: Map<number, Target>;
} {
  const byId = new Map<number, Target>();
  const candidates: VideoCandidate[] = [];
  const roots = searchRoots(adapter);
  for (const v of queryAll<HTMLVideoElement>(roots, 'video')) {
    if (!isVideo(v)) continue;
    const id = idOf(v);
    byId.set(id, v);
    const hidden = hiddenByStyle(v);
    candidates.push({
      id,
      videoWidth: v.videoWidth,
      videoHeight: v.videoHeight,
      visibleAreaPx: hidden ? 0 : visibleArea(viewportRect(v)),
      playing: !v.paused && !v.ended && v.readyState >= 2,
      mirrored: isMirrored(v),
      selfView: inSelfView(adapter, v),
      screenShare: inScreenShare(adapter, v),
      demoted: demoted.has(v),
    });
  }
  describeCanvasTiles(adapter, roots, demoted, byId, candidates);
  return { candidates, byId };
}

export interface FinderUpdate {
  target: Target | null;
  result: PickResult;
  /** How the self-view was told apart, and each video or tile with why it was taken or left. */
  report: { selfViewBy: SelfViewBy; candidates: { what: string; why: string }[] };
}

/** A video or tile in a few words: "video 640×360", "tile 462×261 on a canvas", where it sits. */
function describe(el: Target, c: VideoCandidate): string {
  const where =
    el.getRootNode().nodeType === Node.DOCUMENT_FRAGMENT_NODE
      ? ' in a shadow root'
      : el.ownerDocument !== document
        ? ' in a frame'
        : '';
  return c.drawnOnCanvas
    ? `tile ${c.videoWidth}×${c.videoHeight} on a canvas${where}`
    : `video ${c.videoWidth}×${c.videoHeight}${where}`;
}

/** What the content script can tell the finder while it watches. */
export interface FinderControl {
  /**
   * The analysed video has shown no face for a while (a screen share the adapter missed, a slide, an
   * avatar): let any other eligible video go first for `forMs`.
   */
  demote(target: Target, forMs: number): void;
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
  let current: Target | null = null;
  let lastReason = '';
  let scheduled = false;
  const demotedUntil = new Map<Target, number>();
  const demoted = new Set<Target>();
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
      const why = explainPick(candidates, result);
      onChange({
        target: next,
        result,
        report: {
          selfViewBy: why.selfViewBy,
          candidates: candidates.slice(0, 32).map((c, i) => ({
            what: describe(byId.get(c.id)!, c),
            why: why.candidates[i]!.why,
          })),
        },
      });
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
