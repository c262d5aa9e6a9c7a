/** What an adapter reads off one `<video>` on the call page; the DOM stays on the adapter's side. */
export interface VideoCandidate {
  /** Stable id the adapter can map back to the element. */
  id: number;
  /** Intrinsic size of the stream, px (0 before metadata). */
  videoWidth: number;
  videoHeight: number;
  /** Visible on-screen area after clipping to the viewport, CSS px². */
  visibleAreaPx: number;
  /** Playing: not paused, not ended, has current data. */
  playing: boolean;
  /** Drawn mirrored (CSS scaleX(-1) or rotateY(180deg)): how call pages draw the local camera. */
  mirrored: boolean;
  /** The platform adapter recognised it as the local self-view. */
  selfView: boolean;
}

export type PickResult = { kind: 'picked'; id: number; reason: string } | { kind: 'none'; reason: string };

/** Options for {@link pickCandidateVideo}. */
export interface PickOptions {
  /** Smallest visible area worth analysing, CSS px² (default 120 × 90: a thumbnail is too small). */
  minVisibleAreaPx?: number;
  /** The currently analysed id: kept unless another is this many times larger (default 1.5), to avoid flapping. */
  currentId?: number;
  switchRatio?: number;
}

/**
 * The candidate's video: the largest visible, playing, non-mirrored video that is not the self-view.
 * Never returns a self-view or mirrored video, even when nothing else is on the page.
 */
export function pickCandidateVideo(videos: readonly VideoCandidate[], opts: PickOptions = {}): PickResult {
  const minArea = opts.minVisibleAreaPx ?? 120 * 90;
  const switchRatio = opts.switchRatio ?? 1.5;
  let best: VideoCandidate | undefined;
  let current: VideoCandidate | undefined;
  let skippedSelf = 0;
  for (const v of videos) {
    if (v.selfView || v.mirrored) {
      skippedSelf++;
      continue;
    }
    if (!v.playing || v.videoWidth === 0 || v.visibleAreaPx < minArea) continue;
    if (v.id === opts.currentId) current = v;
    if (!best || v.visibleAreaPx > best.visibleAreaPx) best = v;
  }
  if (!best) {
    const why =
      videos.length === 0
        ? 'no video on the page'
        : skippedSelf === videos.length
          ? 'only the self-view is on the page'
          : 'no visible, playing remote video';
    return { kind: 'none', reason: why };
  }
  if (current && current !== best && best.visibleAreaPx < current.visibleAreaPx * switchRatio) {
    return { kind: 'picked', id: current.id, reason: 'kept the current tile' };
  }
  return { kind: 'picked', id: best.id, reason: 'largest visible remote video' };
}
