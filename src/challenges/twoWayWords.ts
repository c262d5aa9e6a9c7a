/**
 * The words of a two-way movement verdict: how far each way went, and what was missing. The
 * verifier (TwoWayMovementVerifier) decides; these say it.
 */
import { joined, say, type Phrase } from '../text/Phrase';
import type { TwoWaySpec } from './TwoWaySpec';

/** A measure for people: degrees, or for size "+43 %" closer (way 0) / "−30 %" back (way 1). */
export function measureWords(spec: TwoWaySpec, x: number, way = 0): string {
  if (spec.measure !== 'size') return `${Math.round(x)}°`;
  return way === 0
    ? `+${Math.round((Math.exp(x) - 1) * 100)} %`
    : `−${Math.round((1 - Math.exp(-x)) * 100)} %`;
}

/**
 * How both ways were performed: each way's peak ("closer +47 %, back −32 %"), and how long the face
 * was out of the tracker's reach on a way, where it was.
 */
export function performedWords(
  spec: TwoWaySpec,
  peaks: readonly [number, number],
  outOfReachMs: readonly [number, number],
): Phrase {
  const reach = outOfReachMs.flatMap((ms, i) =>
    ms > 0 ? [say`${(ms / 1000).toFixed(1)} s (${spec.ways[i]!})`] : [],
  );
  const both = say`${spec.ways[0]} ${measureWords(spec, peaks[0])}, ${spec.ways[1]} ${measureWords(spec, peaks[1], 1)}`;
  return reach.length
    ? say`${both}; the face was out of the tracker's reach for ${reach.length === 2 ? say`${reach[0]!} and ${reach[1]!}` : reach[0]!}, and found again there`
    : both;
}

/** The ways not seen within the window, each with how far it went and how long it was held. */
export function notSeenWords(
  spec: TwoWaySpec,
  missing: readonly { way: number; peak: number; heldMs: number }[],
): Phrase {
  const each = missing.map(
    (m) =>
      say`${spec.ways[m.way]!} (reached ${measureWords(spec, m.peak, m.way)}, held ${(m.heldMs / 1000).toFixed(1)} s)`,
  );
  return say`not seen within ${Math.round(spec.windowMs / 1000)} s: ${joined(each)}; needed ${measureWords(spec, spec.threshold)} held ${(spec.holdMs / 1000).toFixed(1)} s each way`;
}
