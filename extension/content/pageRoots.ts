/**
 * Where a call page keeps its videos: the document, the open shadow roots of the adapter's shadow
 * hosts (Zoom's <video-player>), and the same-origin frames the adapter names (Zoom's iframe#webclient).
 * And the tests that cross those boundaries: an element's ancestors (so a video inside a shadow root
 * or a frame is still known as the self-view or a shared screen by the element around it) and its
 * rectangle in the top page's viewport.
 */
import type { ElementTest, PlatformAdapter, SelectorSpec } from './adapters/PlatformAdapter';

/** A place to search: a document (the page's, or a same-origin frame's) or an open shadow root. */
export type SearchRoot = Document | ShadowRoot;

const selectorOf = (specs: readonly SelectorSpec[]) => specs.map((s) => s.css).join(',');

/** Whether an element passes a spec's extra test (true when it has none). */
export function passesTest(el: Element, test: ElementTest | undefined): boolean {
  if (!test) return true;
  if ('attrsDiffer' in test) {
    const [a, b] = test.attrsDiffer;
    const va = el.getAttribute(a);
    const vb = el.getAttribute(b);
    return va !== null && vb !== null && va !== vb;
  }
  const v = Number(el.getAttribute(test.lowBitsSet.attr));
  return Number.isSafeInteger(v) && (v & test.lowBitsSet.mask) !== 0;
}

/** The first spec that `el` itself matches (selector and test), or null. */
export function matchingSpec(el: Element, specs: readonly SelectorSpec[]): SelectorSpec | null {
  for (const s of specs) if (el.matches(s.css) && passesTest(el, s.only)) return s;
  return null;
}

/** The element that holds `node` one level up: its parent, a shadow root's host, or a frame's element. */
export function upFrom(node: Element): Element | null {
  if (node.parentElement) return node.parentElement;
  const root = node.getRootNode();
  // Duck-typed: a frame's shadow roots and documents come from its own realm, not this one's classes.
  if (root.nodeType === Node.DOCUMENT_FRAGMENT_NODE && 'host' in root) return (root as ShadowRoot).host;
  try {
    return (root as Document).defaultView?.frameElement ?? null;
  } catch {
    return null; // a cross-origin frame: nothing above it is ours to read
  }
}

/** The closest ancestor of `el` (itself included) that matches one of the specs, across shadow roots and frames. */
export function closestAcross(el: Element, specs: readonly SelectorSpec[]): Element | null {
  if (specs.length === 0) return null;
  for (let n: Element | null = el; n; n = upFrom(n)) if (matchingSpec(n, specs)) return n;
  return null;
}

/** The page's search roots: the document, the adapter's same-origin frames, and their shadow hosts' open roots. */
export function searchRoots(adapter: PlatformAdapter, doc: Document = document): SearchRoot[] {
  const docs: Document[] = [doc];
  const frameSel = selectorOf(adapter.frames);
  if (frameSel) {
    for (const f of doc.querySelectorAll<HTMLIFrameElement>(frameSel)) {
      let inner: Document | null = null;
      try {
        inner = f.contentDocument;
      } catch {
        inner = null;
      }
      if (!inner) continue; // not loaded yet, or not same-origin
      docs.push(inner);
    }
  }
  const hostSel = selectorOf(adapter.shadowHosts);
  if (!hostSel) return docs;
  const out: SearchRoot[] = [...docs];
  for (const d of docs)
    for (const host of d.querySelectorAll(hostSel)) if (host.shadowRoot) out.push(host.shadowRoot);
  return out;
}

/** Every element matching `css` in any of the roots. */
export function queryAll<E extends Element>(roots: readonly SearchRoot[], css: string): E[] {
  return css ? roots.flatMap((root) => [...root.querySelectorAll<E>(css)]) : [];
}

/** Whether any root shows one of the specs (the adapter's layout markers). */
export function anyMatch(roots: readonly SearchRoot[], specs: readonly SelectorSpec[]): boolean {
  for (const root of roots)
    for (const s of specs)
      for (const el of root.querySelectorAll(s.css)) if (passesTest(el, s.only)) return true;
  return false;
}

/** Whether the element is a <video>, whichever frame's realm it comes from. */
export const isVideo = (el: Element): el is HTMLVideoElement => el.tagName === 'VIDEO';

/** The element's rectangle in the top page's viewport (a frame's offset added), CSS px. */
export function viewportRect(el: Element): DOMRect {
  const r = el.getBoundingClientRect();
  let dx = 0;
  let dy = 0;
  let view = el.ownerDocument.defaultView;
  while (view && view !== view.parent) {
    let frame: Element | null = null;
    try {
      frame = view.frameElement;
    } catch {
      frame = null;
    }
    if (!frame) break;
    const f = frame.getBoundingClientRect();
    dx += f.left + frame.clientLeft;
    dy += f.top + frame.clientTop;
    view = frame.ownerDocument.defaultView;
  }
  return new DOMRect(r.left + dx, r.top + dy, r.width, r.height);
}
