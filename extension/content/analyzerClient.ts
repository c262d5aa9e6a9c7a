/**
 * Injects the analyzer frame (extension origin) into the closed shadow root and opens the private
 * MessageChannel to it. The nonce is registered with the background first, so a page that embeds the
 * analyzer itself, or posts its own port, is refused.
 */
import { extensionUrl, frameOrigin, request } from '../shared/browserApi';
import {
  ANALYZER_PAGE,
  newNonce,
  parseAnalyzerToContent,
  type AnalyzerToContent,
  type ContentToAnalyzer,
} from '../shared/protocol';

export interface AnalyzerClient {
  port: MessagePort;
  send(msg: ContentToAnalyzer): void;
}

export async function connectAnalyzer(
  mount: ShadowRoot,
  onMessage: (msg: AnalyzerToContent) => void,
  signal: AbortSignal,
): Promise<AnalyzerClient> {
  const nonce = newNonce();
  await request({ kind: 'request', type: 'analyzer/expect', nonce });
  const url = extensionUrl(ANALYZER_PAGE);
  const iframe = document.createElement('iframe');
  iframe.src = url;
  iframe.setAttribute('aria-hidden', 'true');
  iframe.tabIndex = -1;
  // Invisible but laid out (display:none frames can be deprioritised by the browser).
  iframe.style.cssText =
    'position:fixed;left:0;top:0;width:2px;height:2px;border:0;opacity:0;pointer-events:none;z-index:-1';
  const loaded = new Promise<void>((resolve, reject) => {
    iframe.addEventListener('load', () => resolve(), { once: true });
    iframe.addEventListener('error', () => reject(new Error('the analyzer frame did not load')), {
      once: true,
    });
  });
  mount.appendChild(iframe);
  signal.addEventListener('abort', () => {
    // Give the analyzer a moment to write the session end before the frame goes.
    setTimeout(() => iframe.remove(), 800);
  });
  await loaded;
  const channel = new MessageChannel();
  channel.port1.onmessage = (ev) => {
    const parsed = parseAnalyzerToContent(ev.data);
    if (parsed.ok) onMessage(parsed.msg);
    else console.warn(`Interview Guard: dropped an analyzer message: ${parsed.error}`);
  };
  // Only the extension's own document may receive the port: a frame the page navigated elsewhere gets nothing.
  iframe.contentWindow?.postMessage({ ig: 'connect', nonce }, frameOrigin(), [channel.port2]);
  signal.addEventListener('abort', () => setTimeout(() => channel.port1.close(), 800));
  return { port: channel.port1, send: (msg) => channel.port1.postMessage(msg) };
}
