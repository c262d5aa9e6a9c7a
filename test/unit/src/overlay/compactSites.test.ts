import { describe, expect, it } from 'vitest';
import { COMPACT_SITES_MAX, readCompactSites, withCompactSite } from '../../../../src/overlay/compactSites';

describe('compact overlay per site', () => {
  it('remembers a site, forgets it when expanded again, and keeps the others', () => {
    const one = withCompactSite([], 'meet.google.com', true);
    const two = withCompactSite(one, 'teams.microsoft.com', true);
    expect(two).toEqual(['meet.google.com', 'teams.microsoft.com']);
    expect(withCompactSite(two, 'meet.google.com', false)).toEqual(['teams.microsoft.com']);
    // Compact again: once, moved to the newest.
    expect(withCompactSite(two, 'meet.google.com', true)).toEqual(['teams.microsoft.com', 'meet.google.com']);
  });

  it('keeps the newest sites only', () => {
    let sites: string[] = [];
    for (let i = 0; i < COMPACT_SITES_MAX + 5; i++) sites = withCompactSite(sites, `s${i}.example`, true);
    expect(sites).toHaveLength(COMPACT_SITES_MAX);
    expect(sites[0]).toBe('s5.example');
  });

  it('reads a corrupt or foreign value as no site (the overlay opens expanded), keeping the good entries', () => {
    expect(readCompactSites(undefined)).toEqual([]);
    expect(readCompactSites('meet.google.com')).toEqual([]);
    expect(readCompactSites({ 'meet.google.com': true })).toEqual([]);
    expect(readCompactSites(['meet.google.com', 3, null, '', 'x'.repeat(300), 'zoom.us'])).toEqual([
      'meet.google.com',
      'zoom.us',
    ]);
  });
});
