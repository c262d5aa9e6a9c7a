import type { PickResult, VideoCandidate } from './pickCandidateVideo';

/** Why one video (or canvas tile) was taken or left, for the self-check and `npm run check:page`. */
export interface CandidateWhy {
  id: number;
  taken: boolean;
  why: string;
}

/** How the self-view was told apart on this page: an adapter selector, the mirror rule, or not at all. */
export type SelfViewBy = 'selector' | 'mirror' | 'none';

/**
 * Each candidate with why the picker took or left it (the same rules, in its order), and how the
 * self-view was recognised. `minVisibleAreaPx` as pickCandidateVideo's default.
 */
export function explainPick(
  videos: readonly VideoCandidate[],
  result: PickResult,
  minVisibleAreaPx = 120 * 90,
): { candidates: CandidateWhy[]; selfViewBy: SelfViewBy } {
  const candidates = videos.map((v): CandidateWhy => {
    const taken = result.kind === 'picked' && result.id === v.id;
    const why = taken
      ? `taken: ${result.reason}`
      : v.selfView
        ? 'left: the self-view (the platform marks it)'
        : v.mirrored
          ? 'left: the self-view (drawn mirrored)'
          : v.screenShare
            ? 'left: a shared screen'
            : !v.playing
              ? 'left: not playing'
              : v.videoWidth === 0
                ? 'left: no picture yet'
                : v.visibleAreaPx < minVisibleAreaPx
                  ? 'left: too small or off screen'
                  : v.demoted
                    ? 'left: showed no face lately'
                    : 'left: smaller than the one taken';
    return { id: v.id, taken, why };
  });
  const selfViewBy: SelfViewBy = videos.some((v) => v.selfView)
    ? 'selector'
    : videos.some((v) => v.mirrored)
      ? 'mirror'
      : 'none';
  return { candidates, selfViewBy };
}
