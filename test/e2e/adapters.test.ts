/**
 * Platform adapters against page snapshots in Debian's Chromium. Each snapshot (test/fixtures/pages)
 * copies the structure public sources document for Meet, Zoom web or Teams in one layout, and plays a
 * canvas stream of its own resolution in every tile, so the analysed video is known by its size. The
 * extension must pick the candidate's tile, never the self-view (marked or mirrored), pass over
 * screen shares (marked, or unmarked but faceless), follow a participant switch, and say when it does
 * not recognise a layout.
 */
import type { Page } from 'playwright-core';
import * as harness from '../harness/browser.mjs';
import { DIST, describe, expect, test, type ExtensionBrowser } from '../harness/fixture';
import { until } from '../harness/until.mjs';

type Status = {
  phase: string;
  videoNote: string;
  layoutNote: string | null;
  platform: string;
  pick: { selfViewBy: string; candidates: { what: string; why: string }[] } | null;
};

// One browser for the file: each case opens its own tab.
let port: number;
let b: ExtensionBrowser;
test.beforeAll(async ({ demo }) => {
  port = demo.port;
  b = await harness.launchWithExtension(DIST);
}, 60_000);
test.afterAll(async () => {
  await b?.close();
});

/** Opens a snapshot, presses Start, and returns a reader of the tab's live status. */
async function open(name: string, platform: string): Promise<{ page: Page; status: () => Promise<Status> }> {
  const seen = new Set((await harness.statuses(b.worker)).map((s) => s.tabId));
  const page = await b.context.newPage();
  await page.goto(`http://127.0.0.1:${port}/call/snapshot/${name}.html?platform=${platform}`);
  await page.waitForFunction(() =>
    [...document.querySelectorAll('video')].every((v) => (v as HTMLVideoElement).readyState >= 2),
  );
  await page.bringToFront();
  await harness.clickInClosedShadow(page, 'data-ig', 'start');
  // Our tab's status is the one whose tab had none before this page opened (the worker cannot read
  // tab URLs without the tabs permission, which the extension does not ask for).
  let tabId: number | null = null;
  const status = async () => {
    const all = (await harness.statuses(b.worker)) as (Status & { tabId: number })[];
    tabId ??= all.find((s) => !seen.has(s.tabId))?.tabId ?? null;
    return all.find((s) => s.tabId === tabId)!;
  };
  return { page, status };
}

/** Polls the status until `ok` holds (or fails with the last status seen). */
function statusUntil(
  status: () => Promise<Status>,
  ok: (s: Status) => boolean,
  ms = 30_000,
): Promise<Status> {
  return until(
    'the status to meet the case',
    async () => {
      const s = await status();
      return s && ok(s) ? s : null;
    },
    { timeoutMs: ms, describe: async () => JSON.stringify(await status()) },
  );
}

const analysing = (s: Status) => s.phase === 'watching' && s.videoNote.startsWith('Analysing');

describe('platform adapters on page snapshots', () => {
  const cases: [name: string, platform: string, size: string, reason: RegExp, selfViewBy: string][] = [
    // The self tile is the largest stream and not mirrored: only its Reframe / effects controls mark it.
    ['meet-gallery', 'meet', '640×360', /^Analysing: largest visible remote video \(640×360\)$/, 'selector'],
    ['meet-pinned', 'meet', '960×540', /largest visible remote video \(960×540\)/, 'selector'],
    // The presentation tile is known by its media id differing from its participant id.
    ['meet-screenshare', 'meet', '640×360', /passing over a shared screen \(640×360\)/, 'selector'],
    ['zoom-gallery', 'zoom', '640×360', /largest visible remote video \(640×360\)/, 'mirror'],
    // <video-player> elements with their <video> in a shadow root; the share by its node-id's low bits.
    ['zoom-video-player', 'zoom', '640×360', /passing over a shared screen \(640×360\)/, 'mirror'],
    // The whole client in a same-origin iframe#webclient.
    ['zoom-webclient', 'zoom', '640×360', /largest visible remote video \(640×360\)/, 'mirror'],
    ['teams-screenshare', 'teams', '640×360', /passing over a shared screen \(640×360\)/, 'selector'],
  ];
  for (const [name, platform, size, reason, selfViewBy] of cases) {
    test(`${name}: analyses the candidate's ${size} tile, recognises the layout, never the self-view`, async () => {
      const { page, status } = await open(name, platform);
      try {
        const s = await statusUntil(status, analysing);
        expect(s.platform).toBe(platform);
        expect(s.videoNote).toMatch(reason);
        expect(s.videoNote).not.toContain('1280×720'); // the self-view's stream
        expect(s.layoutNote).toMatch(/layout recognised$/);
        expect(s.pick?.selfViewBy).toBe(selfViewBy);
        const self = s.pick!.candidates.find((c) => c.what.includes('1280×720'));
        expect(self?.why).toMatch(/^left: the self-view/);
      } finally {
        await page.close();
      }
    }, 60_000);
  }

  test('teams-switch: follows a participant switch mid-call to the new tile', async () => {
    const { page, status } = await open('teams-switch', 'teams');
    try {
      await statusUntil(status, analysing);
      const s = await statusUntil(status, (x) => x.videoNote.includes('(800×450)'), 20_000);
      expect(s.videoNote).not.toContain('1280×720');
    } finally {
      await page.close();
    }
  }, 60_000);

  test('meet-german-unmarked-screenshare: a screen share the selectors miss gives way once it shows no face', async () => {
    const { page, status } = await open('meet-german-unmarked-screenshare', 'meet');
    try {
      const first = await statusUntil(status, analysing);
      console.info(`German Meet, unmarked presentation: first ${first.videoNote}`);
      const s = await statusUntil(
        status,
        (x) => /passing over a tile without a face \(640×360\)/.test(x.videoNote),
        30_000,
      );
      expect(s.videoNote).not.toContain('1280×720');
    } finally {
      await page.close();
    }
  }, 60_000);

  test('zoom-canvas: finds the active speaker’s tile drawn on a canvas, says no self-view marker exists there, and asks for a tab capture', async () => {
    const { page, status } = await open('zoom-canvas', 'zoom');
    try {
      const s = (await statusUntil(
        status,
        (x) => x.phase === 'watching' && x.videoNote.startsWith('Found'),
      )) as Status & {
        capture: string;
      };
      // The active speaker's tile is 900×506 plus its 1 px border on screen; the self tile in the bar is smaller.
      expect(s.videoNote).toMatch(
        /^Found: largest visible remote tile \(drawn on a canvas\) \(902×508 on screen\), but this page draws the candidate’s video itself/,
      );
      // Nothing marks the self-view on a canvas-drawn page, and the pick says so.
      expect(s.pick?.selfViewBy).toBe('none');
      expect(s.capture).toBe('needed');
      expect(s.layoutNote).toMatch(/layout recognised$/);
    } finally {
      await page.close();
    }
  }, 60_000);

  test('meet-unrecognised: says it does not recognise the layout, falls back, and skips the mirrored self-view', async () => {
    const { page, status } = await open('meet-unrecognised', 'meet');
    try {
      const s = await statusUntil(status, analysing);
      expect(s.layoutNote).toMatch(/^Google Meet layout not recognised/);
      expect(s.videoNote).toMatch(/\(640×360\)$/);
    } finally {
      await page.close();
    }
  }, 60_000);
});
