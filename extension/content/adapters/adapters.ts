import type { PlatformAdapter } from './PlatformAdapter';

// Selectors below come from the platforms' public DOM structure as documented by open-source
// meeting tools; none could be checked against a live call from this build machine (no network),
// hence 'unverified'. The generic rules (mirrored video = self-view; largest remote video = candidate)
// hold on all three platforms and are what the finder relies on first.

export const meet: PlatformAdapter = {
  id: 'meet',
  label: 'Google Meet',
  matches: (u) => u.hostname === 'meet.google.com',
  selfView: [
    // Meet marks the local participant's tile with data-self-name / data-is-self.
    { css: '[data-self-name]', why: 'local participant tile', checked: 'unverified' },
    { css: '[data-is-self="true"]', why: 'local participant tile (newer layouts)', checked: 'unverified' },
  ],
};

export const zoom: PlatformAdapter = {
  id: 'zoom',
  label: 'Zoom (web)',
  matches: (u) => u.hostname === 'zoom.us' || u.hostname.endsWith('.zoom.us'),
  selfView: [
    { css: '.self-video-container', why: 'self-view container in the web client', checked: 'unverified' },
    { css: '[class*="self-video"]', why: 'self-view in speaker layout', checked: 'unverified' },
  ],
};

export const teams: PlatformAdapter = {
  id: 'teams',
  label: 'Microsoft Teams',
  matches: (u) => u.hostname === 'teams.microsoft.com' || u.hostname === 'teams.live.com',
  selfView: [
    { css: '[data-tid="local-video"]', why: 'local video tile', checked: 'unverified' },
    { css: '[data-cid="calling-self-video"]', why: 'self-video in the call stage', checked: 'unverified' },
  ],
};

/** The project's own demo meeting page (npm run demo). */
export const demo: PlatformAdapter = {
  id: 'demo',
  label: 'Demo call',
  matches: (u) =>
    (u.hostname === 'localhost' || u.hostname === '127.0.0.1') && u.pathname.startsWith('/call'),
  selfView: [
    { css: '[data-self-view]', why: 'the demo page marks its self-view tile', checked: '2026-11-24' },
  ],
};

/** Any other page the user enables: only the generic rules apply. */
export const generic: PlatformAdapter = {
  id: 'generic',
  label: 'Other page',
  matches: () => true,
  selfView: [],
};

export const ADAPTERS: readonly PlatformAdapter[] = [meet, zoom, teams, demo, generic];

export function adapterFor(url: URL): PlatformAdapter {
  return ADAPTERS.find((a) => a.matches(url)) ?? generic;
}
