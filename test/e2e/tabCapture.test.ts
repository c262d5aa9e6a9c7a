/**
 * The tab-capture path end to end in Debian's Chromium, on the demo call drawn the way Zoom's web
 * client draws a call: the candidate's video painted on a <canvas> under a tile element, the sound
 * played through Web Audio, so the page exposes no <video> and no audio stream for the candidate.
 * The extension must say it needs a capture; once the interviewer captures the tab, the offscreen
 * document reads it, crops the candidate's tile, measures the voice, plays the sound back, and the
 * analyzer finds the face; lip-sync never judges the offset through a capture; stopping ends the
 * capture and closes the document.
 *
 * Chrome grants a capture only after the user invoked the extension on the tab; no test can click the
 * toolbar, so Chromium runs with --allowlisted-extension-id for the unpacked build (the request itself
 * goes from the extension's popup page, as the popup's "Capture tab" button sends it).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { median } from '../../src/stats/quantile';
import * as harness from '../harness/browser.mjs';
import { openDemoCallWatching, stopAndReadLog, watchFor } from '../harness/demoCall.mjs';
import { MEDIA_DIR } from '../harness/demoServer.mjs';
import { DIST, describe, expect, test, type ExtensionBrowser } from '../harness/fixture';
import type { StatusInEnglish } from '../harness/types';
import { until } from '../harness/until.mjs';

const SOURCE = 'talking/mt_German_20s.mp4';
const haveSource = existsSync(join(MEDIA_DIR, SOURCE));
if (!haveSource) console.warn(`\n*** ${MEDIA_DIR}/${SOURCE} is missing: TAB-CAPTURE E2E SKIPPED ***\n`);

type Status = StatusInEnglish;
type Browser = ExtensionBrowser;

let port: number;
test.beforeAll(({ demo }) => {
  port = demo.port;
});

const statusOf = async (b: Browser, tabId: number): Promise<Status> =>
  (await harness.statuses(b.worker)).find((s) => s.tabId === tabId)!;

/** Sends a request from the extension's popup page, as its buttons do. */
const fromPopup = (b: Browser, msg: Record<string, unknown>): Promise<{ ok: boolean; error?: string }> =>
  harness.requestFromPopup(b, msg) as Promise<{ ok: boolean; error?: string }>;

/** Whether the offscreen document (the capture's reader) is open. */
const offscreenOpen = (b: Browser): Promise<boolean> =>
  b.worker.evaluate(() => chrome.offscreen.hasDocument());

describe.skipIf(!haveSource)('tab capture (a call drawn on a canvas, as Zoom web does)', () => {
  test('asks for a capture, then analyses the cropped tile and the captured voice, and gives the sound back', async ({
    launch,
  }) => {
    const id = harness.unpackedExtensionId(DIST);
    const b = await launch({
      args: [`--allowlisted-extension-id=${id}`],
    });
    expect(b.extensionId, 'the computed unpacked-extension id must match the one Chromium gave').toBe(id);
    const page = await openDemoCallWatching(b, port, SOURCE, '&render=canvas');
    // Once it has looked at the page, the extension says it needs a capture.
    const before = await harness.untilStatus(b, 'the extension to ask for a capture', (s) =>
      s.capture === 'needed' && s.videoNote.includes('drawn on a canvas') && s.audio ? s : null,
    );
    // Nothing on the page can be read: the extension says so, and what to do.
    expect(before.capture).toBe('needed');
    expect(before.face).toBe('unknown');
    expect(before.videoNote).toMatch(/drawn on a canvas.*Capture tab/);
    expect(before.audio?.tracks).toBe(0);
    const tabId = before.tabId;

    // Only the extension's own pages may start a capture: not the analyzer frame inside the tab.
    const analyzer = page.frames().find((f) => f.url().includes('analyzer.html'))!;
    const refused = await analyzer.evaluate(
      (t) => chrome.runtime.sendMessage({ kind: 'request', type: 'capture/start', tabId: t }),
      tabId,
    );
    expect(refused).toEqual({
      ok: false,
      error: 'only the extension popup or side panel can start a capture',
    });

    expect(await fromPopup(b, { kind: 'request', type: 'capture/start', tabId })).toMatchObject({
      ok: true,
    });
    const seen: Status[] = [];
    for (let s = 0; s < 20; s++) {
      await watchFor(b, 1);
      seen.push(await statusOf(b, tabId));
    }
    const last = seen[seen.length - 1]!;
    console.log(
      'tab capture, per second (capture, face, fps, audio tracks, lip-sync state / offset ms):\n' +
        seen
          .map(
            (s, i) =>
              `${i + 1}s ${s.capture} ${s.face} ${s.fps.toFixed(1)} ${s.audio?.tracks ?? '-'} ${s.lipsync?.state ?? '-'} ${s.lipsync?.offsetMs?.toFixed(0) ?? '-'}`,
          )
          .join('\n'),
    );
    expect(last.capture).toBe('on');
    expect(last.videoNote).toMatch(
      /^Analysing: largest visible remote tile \(drawn on a canvas\) \(\d+×\d+ on screen\), from the tab capture$/,
    );
    // The candidate's face is found in the cropped tile, second after second.
    expect(seen.slice(5).filter((s) => s.face === 'found').length).toBeGreaterThanOrEqual(14);
    // Frames keep arriving, at whatever rate this machine holds (one busy process brought this path
    // to 1.7–3 frames/s); what follows from the rate is checked below, not the rate itself.
    expect(seen.slice(10).every((s) => s.fps > 0)).toBe(true);
    const fps = median(seen.slice(10).map((s) => s.fps));
    console.info(`tab capture: ${fps.toFixed(1)} frames/s analysed (median of the last 10 s)`);
    // Where the quality authority could not judge lip-sync (too few or uneven frames), its row says
    // "cannot judge", never anything else.
    // (A second the judgement held through, so the row and the judgement are of one evaluation.)
    const notOk = (x: Status | undefined) => x?.quality?.signals.lipsync.ok === false;
    const unjudged = seen.filter((x, i) => notOk(x) && notOk(seen[i - 1]) && x.lipsync);
    for (const s of unjudged) expect(s.lipsync!.state).toBe('cannot-judge');
    if (fps < 10) expect(unjudged.length).toBeGreaterThan(0);
    // The captured voice is heard, and played back to the interviewer (a capture mutes the tab).
    expect(last.audio).toEqual({ tracks: 1, note: null });
    // Through a capture the offset is never judged (picture and sound arrive with delays the
    // extension cannot measure): lip-sync may say it cannot judge, or that the voice follows the
    // mouth, but never raises a concern about this in-step anchor.
    expect(seen.filter((s) => s.lipsync?.state === 'concerns')).toEqual([]);
    for (const s of seen.filter((x) => x.lipsync?.state === 'no-concerns'))
      expect(s.lipsync!.reason).toMatch(/through a tab capture the offset is not judged/);
    expect(await offscreenOpen(b)).toBe(true);

    // Stopping the capture closes the offscreen document and the page is back to asking for one.
    expect(await fromPopup(b, { kind: 'request', type: 'capture/stop', tabId })).toMatchObject({
      ok: true,
    });
    await until('the offscreen document to close', async () => !(await offscreenOpen(b)));
    await until(
      'the page to ask for a capture again',
      async () => (await statusOf(b, tabId)).capture === 'needed',
    );

    // Capture again, then Stop in the overlay: watching ends and so does the capture.
    expect(await fromPopup(b, { kind: 'request', type: 'capture/start', tabId })).toMatchObject({
      ok: true,
    });
    await until('the offscreen document to open', () => offscreenOpen(b));
    const log = await stopAndReadLog(b, page);
    await until('the offscreen document to close', async () => !(await offscreenOpen(b)));

    const types = log.events.map((e) => e.type);
    expect(types.filter((t) => t === 'capture-start').length).toBe(2);
    expect(types).toContain('capture-stop');
    expect(log.seconds.filter((s) => s.faceFrames > 0).length).toBeGreaterThan(10);
    // Nothing left the machine.
    expect(harness.offMachine(b.requests)).toEqual([]);
    expect(harness.foreignEgress(b.trap.seen)).toEqual([]);
  }, 180_000);
});
