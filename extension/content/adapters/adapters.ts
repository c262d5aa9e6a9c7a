import type { PlatformAdapter } from './PlatformAdapter';

// None of these selectors could be checked against a live call from this build machine (no network
// beyond the package registries): each says where its structure is documented, and "snapshot
// 2026-11-25" means it was checked against this project's page snapshots built to that structure
// (test/fixtures/pages/). The generic rules (a mirrored video is the self-view; the largest remote
// video is the candidate; a tile with no face for seconds gives way to another) hold on all three
// platforms and keep working when a selector goes stale; the self-check tells the user which applied.
const SNAPSHOT = 'snapshot 2026-11-25 (unverified live)';
const SNAPSHOT_CANVAS = 'snapshot 2026-11-30 (unverified live)';

export const meet: PlatformAdapter = {
  id: 'meet',
  label: 'Google Meet',
  matches: (u) => u.hostname === 'meet.google.com',
  layout: [
    // Each participant tile carries its participant id (documented by open-source Meet tools, 2023–2025).
    { css: '[data-participant-id]', why: 'participant tiles', checked: SNAPSHOT },
    { css: '[data-requested-participant-id]', why: 'participant tiles (grid)', checked: SNAPSHOT },
  ],
  selfView: [
    // Meet marks the local participant's tile with data-self-name / data-is-self.
    { css: '[data-self-name]', why: 'local participant tile', checked: SNAPSHOT },
    { css: '[data-is-self="true"]', why: 'local participant tile (newer layouts)', checked: SNAPSHOT },
  ],
  canvasTiles: [],
  screenShare: [
    // A presentation tile; Meet names its region "Presentation" in English only, hence the attribute first.
    { css: '[data-is-presentation="true"]', why: 'presentation tile', checked: SNAPSHOT },
    {
      css: '[role="region"][aria-label="Presentation"]',
      why: 'presentation region (English UI)',
      checked: SNAPSHOT,
    },
  ],
};

export const zoom: PlatformAdapter = {
  id: 'zoom',
  label: 'Zoom (web)',
  matches: (u) => u.hostname === 'zoom.us' || u.hostname.endsWith('.zoom.us'),
  layout: [
    // The web client's video tiles (app.zoom.us/wc): avatar containers around each participant's video.
    { css: '.video-avatar__avatar', why: 'participant tiles of the web client', checked: SNAPSHOT },
    { css: '#wc-container-left', why: "the web client's meeting area", checked: SNAPSHOT },
  ],
  selfView: [
    { css: '.self-video-container', why: 'self-view container in the web client', checked: SNAPSHOT },
    { css: '[class*="self-video"]', why: 'self-view in speaker layout', checked: SNAPSHOT },
  ],
  canvasTiles: [
    // The web client draws every participant's video on one <canvas> and lays a tile element over
    // each participant's part of it (the Video SDK's gallery sample has the same canvas + avatar
    // structure). Read through a tab capture cropped to the tile.
    { css: '.video-avatar__avatar', why: 'participant tile over the video canvas', checked: SNAPSHOT_CANVAS },
    // Newer Video-SDK-based clients: one <video-player> element per participant.
    { css: 'video-player', why: 'participant video element of newer clients', checked: SNAPSHOT_CANVAS },
  ],
  screenShare: [
    { css: '#sharee-container', why: 'shared-screen viewer', checked: SNAPSHOT },
    { css: '[class*="sharee-container"]', why: 'shared-screen viewer (class form)', checked: SNAPSHOT },
  ],
};

export const teams: PlatformAdapter = {
  id: 'teams',
  label: 'Microsoft Teams',
  matches: (u) => u.hostname === 'teams.microsoft.com' || u.hostname === 'teams.live.com',
  layout: [
    // Teams marks its call stage and tiles with data-tid / data-cid test ids.
    { css: '[data-tid="calling-stage"]', why: 'the call stage', checked: SNAPSHOT },
    { css: '[data-cid="calling-participant-stream"]', why: 'participant video tiles', checked: SNAPSHOT },
  ],
  selfView: [
    { css: '[data-tid="local-video"]', why: 'local video tile', checked: SNAPSHOT },
    { css: '[data-cid="calling-self-video"]', why: 'self-video in the call stage', checked: SNAPSHOT },
  ],
  canvasTiles: [],
  screenShare: [
    { css: '[data-cid="calling-screen-share"]', why: 'a shared screen on the stage', checked: SNAPSHOT },
    { css: '[data-tid="screen-sharing-stage"]', why: 'screen-sharing stage', checked: SNAPSHOT },
  ],
};

/** The project's own demo meeting page (npm run demo). */
export const demo: PlatformAdapter = {
  id: 'demo',
  label: 'Demo call',
  matches: (u) =>
    (u.hostname === 'localhost' || u.hostname === '127.0.0.1') && u.pathname.startsWith('/call'),
  layout: [],
  selfView: [
    { css: '[data-self-view]', why: 'the demo page marks its self-view tile', checked: '2026-11-24' },
  ],
  canvasTiles: [
    {
      css: '[data-canvas-tile]',
      why: 'the demo page in ?render=canvas draws the candidate on a canvas, as Zoom web does',
      checked: '2026-11-30',
    },
  ],
  screenShare: [
    { css: '[data-screen-share]', why: 'the demo page marks a shared screen', checked: '2026-11-25' },
  ],
};

/** Any other page the user enables: only the generic rules apply. */
export const generic: PlatformAdapter = {
  id: 'generic',
  label: 'Other page',
  matches: () => true,
  layout: [],
  selfView: [],
  canvasTiles: [],
  screenShare: [],
};

export const ADAPTERS: readonly PlatformAdapter[] = [meet, zoom, teams, demo, generic];

/**
 * The adapter for a page. Page snapshots served on this machine (http://localhost or 127.0.0.1 under
 * /call/snapshot/) name the platform they copy with ?platform=: a test hook that only local pages can
 * use, so a real site can never pick another platform's adapter.
 */
export function adapterFor(url: URL): PlatformAdapter {
  if (demo.matches(url) && url.pathname.startsWith('/call/snapshot/')) {
    const named = ADAPTERS.find((a) => a.id === url.searchParams.get('platform'));
    if (named) return named;
  }
  return ADAPTERS.find((a) => a.matches(url)) ?? generic;
}

/** Whether the page shows the adapter's call layout (always true for adapters without markers). */
export function recognisesLayout(adapter: PlatformAdapter, root: ParentNode): boolean {
  return adapter.layout.length === 0 || adapter.layout.some((s) => root.querySelector(s.css) !== null);
}
