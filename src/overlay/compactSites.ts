/**
 * Which sites the interviewer keeps the overlay compact on (one line: the state, frames/s and the one
 * thing to do now), remembered per site in the extension's storage.
 */

/** Storage key of the per-site choice. */
export const COMPACT_SITES_KEY = 'overlayCompactSites';

/** Sites remembered at most (the oldest choice is dropped first). */
export const COMPACT_SITES_MAX = 50;

/** Sites whose overlay is compact, from storage; anything else there (corrupt, another shape) reads as none. */
export function readCompactSites(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter((s): s is string => typeof s === 'string' && s.length > 0 && s.length <= 253);
}

/** The list with `site` compact or not (newest last, at most COMPACT_SITES_MAX). */
export function withCompactSite(sites: readonly string[], site: string, compact: boolean): string[] {
  const rest = sites.filter((s) => s !== site);
  if (compact) rest.push(site);
  return rest.slice(-COMPACT_SITES_MAX);
}
