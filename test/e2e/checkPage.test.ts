/**
 * `npm run check:page` on pages saved from a call: the project's page snapshots, loaded under the
 * real platforms' addresses (every request answered on this machine). What anyone with a page saved
 * from a live call gets in one command.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkPage } from '../../scripts/dev/check-page.mjs';

const page = (name: string) => readFileSync(`test/fixtures/pages/${name}.html`, 'utf8');

type Result = {
  platform: string;
  layoutRecognised: boolean;
  picked: string | null;
  selfViewBy: string;
  presentationSkipped: boolean;
  candidates: { what: string; why: string; inside: string | null }[];
  refusedByTrap: string[];
};

describe('check:page', () => {
  it('a Meet page under its real address: the candidate’s tile, the self tile known by its controls', async () => {
    const r = (await checkPage({
      url: 'https://meet.google.com/abc-defg-hij',
      html: page('meet-gallery'),
    })) as Result;
    console.info(JSON.stringify(r, null, 1));
    expect(r.platform).toBe('meet');
    expect(r.layoutRecognised).toBe(true);
    expect(r.picked).toContain('data-participant-id="spaces/a/devices/cand"');
    expect(r.selfViewBy).toBe('selector');
    const self = r.candidates.find((c) => c.inside?.includes('devices/self'));
    expect(self?.why).toBe('left: the self-view (the platform marks it)');
    // Only the page's own host reached the trap (Chromium's unrouted favicon fetch), refused there.
    expect(r.refusedByTrap.every((u) => u.startsWith('meet.google.com:'))).toBe(true);
  }, 90_000);

  it('Zoom’s client inside iframe#webclient, served from a second saved document', async () => {
    const r = (await checkPage({
      url: 'https://zoom.us/wc/8412345678/join?fromPWA=1',
      html: page('zoom-webclient').replace(
        'src="zoom-webclient-inner.html"',
        'src="/wc/8412345678/webclient"',
      ),
      also: {
        'https://zoom.us/wc/8412345678/webclient': page('zoom-webclient-inner'),
        // Saved beside it: the stylesheet that mirrors the local video.
        'https://zoom.us/wc/8412345678/snapshot.css': readFileSync(
          'test/fixtures/pages/snapshot.css',
          'utf8',
        ),
      },
    })) as Result;
    expect(r.platform).toBe('zoom');
    expect(r.layoutRecognised).toBe(true);
    expect(r.picked).toMatch(/video-avatar__avatar/);
    expect(r.picked).not.toMatch(/mirror/);
    expect(r.selfViewBy).toBe('mirror');
  }, 90_000);
});
