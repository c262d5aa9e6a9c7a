import { describe, expect, it } from 'vitest';
import { ADAPTERS, adapterFor } from '../../../../../extension/content/adapters/adapters';
import { passesTest } from '../../../../../extension/content/pageRoots';

describe('platform adapters', () => {
  it('keeps every selector as data with what it finds and when it was checked', () => {
    for (const a of ADAPTERS)
      for (const s of [
        ...a.selfView,
        ...a.screenShare,
        ...a.layout,
        ...a.canvasTiles,
        ...a.shadowHosts,
        ...a.frames,
      ]) {
        expect(s.css.trim().length).toBeGreaterThan(0);
        expect(s.why.length).toBeGreaterThan(5);
        expect(s.checked).toMatch(/^(snapshot )?\d{4}-\d{2}-\d{2}/);
      }
    // The three platforms say which layout they expect, so an unrecognised page can be reported.
    for (const id of ['meet', 'zoom', 'teams'])
      expect(ADAPTERS.find((a) => a.id === id)!.layout.length).toBeGreaterThan(0);
  });

  it('picks the adapter by address; ?platform= works only for local page snapshots', () => {
    expect(adapterFor(new URL('https://meet.google.com/abc-defg-hij')).id).toBe('meet');
    expect(adapterFor(new URL('https://us02web.zoom.us/wc/123/join')).id).toBe('zoom');
    expect(adapterFor(new URL('https://teams.microsoft.com/v2/')).id).toBe('teams');
    expect(adapterFor(new URL('https://teams.cloud.microsoft/v2/')).id).toBe('teams');
    expect(adapterFor(new URL('http://127.0.0.1:8737/call?clip=x.mp4')).id).toBe('demo');
    expect(
      adapterFor(new URL('http://127.0.0.1:8737/call/snapshot/meet-gallery.html?platform=zoom')).id,
    ).toBe('zoom');
    // A real site cannot choose another platform's adapter, nor can a local page outside the snapshots.
    expect(adapterFor(new URL('https://meet.google.com/x?platform=teams')).id).toBe('meet');
    expect(adapterFor(new URL('https://evil.example/call/snapshot/a.html?platform=meet')).id).toBe('generic');
    expect(adapterFor(new URL('http://127.0.0.1:8737/call?platform=meet')).id).toBe('demo');
  });

  it('tells a presentation and a screen-share player from a camera by the tests CSS cannot make', () => {
    const el = (attrs: Record<string, string>) =>
      ({ getAttribute: (k: string) => attrs[k] ?? null }) as Element;
    const [meetShare] = ADAPTERS.find((a) => a.id === 'meet')!.screenShare;
    const camera = {
      'data-participant-id': 'spaces/x/devices/7',
      'data-tile-media-id': 'spaces/x/devices/7',
    };
    const presentation = { ...camera, 'data-tile-media-id': 'spaces/x/devices/9' };
    expect(passesTest(el(camera), meetShare!.only)).toBe(false);
    expect(passesTest(el(presentation), meetShare!.only)).toBe(true);
    const [zoomShare] = ADAPTERS.find((a) => a.id === 'zoom')!.screenShare;
    // A participant's camera player has node-id = user id << 10; a share sets a low bit.
    expect(passesTest(el({ 'node-id': String(16778240) }), zoomShare!.only)).toBe(false);
    expect(passesTest(el({ 'node-id': String(16778240 + 2) }), zoomShare!.only)).toBe(true);
    expect(passesTest(el({ 'node-id': 'not a number' }), zoomShare!.only)).toBe(false);
  });
});
