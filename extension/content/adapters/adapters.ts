import type { PlatformAdapter } from './PlatformAdapter';

// Each selector says what it finds and where that structure was seen, with the date. None could be
// checked against a live call from the build machine (no network beyond the package registries); the
// sources are public projects that must keep working on the live sites (meeting bots, recorders,
// caption extensions) and pages saved from live calls, read on 2026-12-06 (issue 28 lists them).
// The project's page snapshots (test/fixtures/pages) are rebuilt to those structures. The generic
// rules (a mirrored video is the self-view; the largest remote video is the candidate; a tile with
// no face for seconds gives way to another) hold on all three platforms and keep working when a
// selector goes stale; the self-check tells the user which applied.
const SEEN = '2026-12-06 (public sources, not a live call)';

export const meet: PlatformAdapter = {
  id: 'meet',
  label: 'Google Meet',
  matches: (u) => u.hostname === 'meet.google.com',
  layout: [
    // Every tile carries its participant id: a page saved from a live call (May 2026) and a page body
    // captured in Aug 2026 (MIT test fixture, adexh/remove-bots test/meet-real-body.js).
    { css: '[data-participant-id]', why: 'participant tiles', checked: SEEN },
    { css: '[data-requested-participant-id]', why: 'participant tiles (requested streams)', checked: SEEN },
  ],
  selfView: [
    // Meet has no self marker on the tile (data-self-name is absent from today's page). Only the local
    // tile carries the self-view controls: "Reframe" (jsname nsKqzb, icon frame_person) and
    // "Backgrounds and effects" (jsname Ac69Jc, icon visual_effects). The local <video> is also
    // mirrored by a page stylesheet, which the generic rule catches on its own.
    {
      css: '[data-participant-id]:has([jsname="nsKqzb"])',
      why: 'the tile with the Reframe control (local camera only)',
      checked: SEEN,
    },
    {
      css: '[data-participant-id]:has([jsname="Ac69Jc"])',
      why: 'the tile with the Backgrounds and effects control (local camera only)',
      checked: SEEN,
    },
  ],
  canvasTiles: [],
  screenShare: [
    // A presentation is a tile of its own: it carries the presenter's participant id and a media id
    // (data-tile-media-id) that differs from it, where a camera tile's two ids are the same.
    {
      css: '[data-participant-id][data-tile-media-id]',
      why: 'a presentation tile (its media id is not its participant id)',
      checked: SEEN,
      only: { attrsDiffer: ['data-participant-id', 'data-tile-media-id'] },
    },
  ],
  shadowHosts: [],
  frames: [],
};

export const zoom: PlatformAdapter = {
  id: 'zoom',
  label: 'Zoom (web)',
  matches: (u) => u.hostname === 'zoom.us' || u.hostname.endsWith('.zoom.us'),
  layout: [
    // Participant tiles of the web client (name in .video-avatar__avatar-footer span): meeting bots
    // checked in live calls, mid-2026.
    { css: '.video-avatar__avatar', why: 'participant tiles of the web client', checked: SEEN },
    // Newer clients: one <video-player node-id=N> per participant (Video SDK based clients, 2026).
    { css: 'video-player', why: 'participant players of newer clients', checked: SEEN },
  ],
  // No current source shows a self-view marker (#wc-container-left and .self-video-container have
  // none): the local camera is kept out by the mirror rule and by size, with the self-check saying so.
  selfView: [],
  canvasTiles: [
    // The web client draws participants on a <canvas> and lays a tile element over each one.
    { css: '.video-avatar__avatar', why: 'participant tile over the video canvas', checked: SEEN },
    // A <video-player> whose picture is a <canvas> in its shadow root (a child <video> is read directly).
    { css: 'video-player', why: 'participant player drawn on a canvas', checked: SEEN },
  ],
  screenShare: [
    // A <video-player> whose node-id has any of its low 10 bits set shows a screen share.
    {
      css: 'video-player[node-id]',
      why: 'a screen-share player (node-id with low bits set)',
      checked: SEEN,
      only: { lowBitsSet: { attr: 'node-id', mask: 0x3ff } },
    },
  ],
  // The player keeps its <canvas> or <video> in an open shadow root.
  shadowHosts: [
    { css: 'video-player', why: 'participant players keep their picture in a shadow root', checked: SEEN },
  ],
  // The meeting may sit in a same-origin iframe (zoom.us/wc/<id>/join?fromPWA=1), or at top level on app.zoom.us/wc.
  frames: [{ css: 'iframe#webclient', why: 'the web client inside the zoom.us page', checked: SEEN }],
};

export const teams: PlatformAdapter = {
  id: 'teams',
  label: 'Microsoft Teams',
  matches: (u) =>
    u.hostname === 'teams.microsoft.com' ||
    u.hostname === 'teams.live.com' ||
    u.hostname === 'teams.cloud.microsoft',
  layout: [
    // The new client's tiles (data-tid holds the display name): meeting bots and caption tools, 2025–2026.
    { css: '[data-stream-type="Video"]', why: 'participant video tiles (new client)', checked: SEEN },
    {
      css: '[data-cid="calling-participant-stream"]',
      why: 'participant video tiles (old client)',
      checked: SEEN,
    },
  ],
  selfView: [
    // The local camera's container: meeting bots wait for it to know they were admitted, and
    // extensions rank videos inside it last. Old client: the <calling-myself-video> element.
    { css: '[data-tid="myself-video"]', why: 'the local camera (new client)', checked: SEEN },
    { css: 'calling-myself-video', why: 'the local camera (old client)', checked: SEEN },
  ],
  canvasTiles: [],
  screenShare: [
    { css: '[data-stream-type="ScreenSharing"]', why: 'a shared screen (new client)', checked: SEEN },
  ],
  shadowHosts: [],
  frames: [],
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
  shadowHosts: [],
  frames: [],
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
  shadowHosts: [],
  frames: [],
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
