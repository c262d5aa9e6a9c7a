/**
 * A hostile page during a watched call, in Debian's Chromium. The extension's analyzer frame sits in
 * a closed shadow root, so the page cannot list it (window.frames has no entry for it); the page can
 * embed its own copy of the web-accessible analyzer.html, and floods that, every frame it can list
 * and its own window with fuzzed messages — junk values, forged handshakes with fresh ports, forged
 * port traffic (session starts, frames, log writes) — and dispatches fake media events on the tile.
 * The analysis must carry on, nothing may answer, and the log must hold one session with only the
 * extension's own records.
 */
import { SESSION_EVENT_TYPES } from '../../src/session/SessionEvent';
import * as harness from '../harness/browser.mjs';
import { openDemoCallWatching, stopAndReadLog, watchFor } from '../harness/demoCall.mjs';
import { describe, expect, test } from '../harness/fixture';

let port: number;
test.beforeAll(({ demo }) => {
  port = demo.port;
});

describe('hostile traffic during a call', () => {
  test('fuzzed messages to every frame neither stop the analysis nor reach the log', async ({ launch }) => {
    const b = await launch();
    const page = await openDemoCallWatching(b, port, 'generated/noface.mp4');
    const before = await harness.untilStatus(b, 'analysed frames', (s) => (s.fps > 0 ? s : null));

    const sent = await page.evaluate(async (extensionId: string) => {
      const listed = window.frames.length;
      const own = document.createElement('iframe');
      own.src = `chrome-extension://${extensionId}/extension/analyzer/analyzer.html`;
      await new Promise((r) => {
        own.addEventListener('load', r, { once: true });
        document.body.appendChild(own);
        setTimeout(r, 10_000);
      });
      // Seeded so a failure replays (mulberry32).
      let seed = 20261125;
      const rnd = () => {
        seed = (seed + 0x6d2b79f5) | 0;
        let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
      const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
      const junk = (depth = 0): unknown =>
        depth > 2
          ? pick([null, 1e308, -0, NaN, '', 'x'.repeat(5000), true, [], {}])
          : pick([
              () => ({ ig: 'connect', nonce: pick(['', '0'.repeat(32), 'z'.repeat(32), 42]) }),
              () => ({
                type: pick([
                  'frame',
                  'session/start',
                  'session/end',
                  'audio',
                  'event',
                  'prompt/asked',
                  'prompt/mark',
                  'candidate',
                  'log/write',
                ]),
                x: junk(depth + 1),
              }),
              () => ({
                kind: 'request',
                type: pick(['log/write', 'analyzer/claim', 'watch/stop']),
                op: junk(depth + 1),
              }),
              () => ({ __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } }),
              () => [junk(depth + 1), junk(depth + 1)],
              () => pick(['ig', 'connect', '{"ig":"connect"}', 0, null, undefined]),
            ])();
      let count = 0;
      for (let round = 0; round < 40; round++) {
        for (let i = 0; i < window.frames.length; i++) {
          for (let k = 0; k < 20; k++) {
            const ch = new MessageChannel();
            ch.port1.onmessage = () => {
              (window as unknown as { igReplies?: number }).igReplies =
                ((window as unknown as { igReplies?: number }).igReplies ?? 0) + 1;
            };
            try {
              window.frames[i]!.postMessage(junk(), '*', rnd() < 0.5 ? [ch.port2] : []);
            } catch {
              // Unclonable junk is the page's own problem.
            }
            ch.port1.postMessage(junk());
            count++;
          }
        }
        window.postMessage(junk(), '*');
        document
          .getElementById('candidate')!
          .dispatchEvent(new Event(pick(['pause', 'emptied', 'ended', 'playing'])));
        await new Promise((r) => setTimeout(r, 50));
      }
      // Long enough for any answer to arrive: none may.
      await new Promise((r) => setTimeout(r, 2000));
      return {
        count,
        listed,
        frames: window.frames.length,
        replies: (window as unknown as { igReplies?: number }).igReplies ?? 0,
      };
    }, b.extensionId);
    // The call goes on: three more seconds of it analysed.
    const after = await watchFor(b, 3);
    console.info(
      `hostile traffic: ${sent.count} messages to ${sent.frames} frame(s); fps ${before.fps.toFixed(1)} → ${after.fps.toFixed(1)}`,
    );
    // The extension's own analyzer frame is not listed to the page; the page's own embed was hit.
    expect(sent.listed).toBe(0);
    expect(sent.frames).toBe(1);
    expect(sent.count).toBeGreaterThan(500);
    expect(sent.replies).toBe(0);
    // Still watching the same session, still analysing at a usable rate, no error.
    expect(after).toMatchObject({ phase: 'watching', sessionId: before.sessionId, error: null });
    expect(after.fps).toBeGreaterThan(5);

    const log = await stopAndReadLog(b, page);
    expect(log.sessions.map((s) => s.id)).toEqual([before.sessionId]);
    expect(log.sessions[0]!.platform).toBe('demo');
    // Every record is the extension's own: our session, a known kind, nothing the page's junk carried.
    const foreign = log.events.filter(
      (e) =>
        e.sessionId !== before.sessionId ||
        !(SESSION_EVENT_TYPES as readonly string[]).includes(e.type) ||
        /polluted|x{100}|connect/.test(e.detail),
    );
    expect(foreign).toEqual([]);
  }, 120_000);
});
