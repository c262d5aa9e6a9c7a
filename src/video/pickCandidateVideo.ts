import { said, say, words, type Phrase } from '../text/Phrase';
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
  /** The platform adapter recognised it as a shared screen or presentation (never the candidate). */
  screenShare?: boolean;
  /** It showed no face for a while (a screen, a slide, an avatar): any other eligible video goes first. */
  demoted?: boolean;
  /** A participant tile the platform draws on a canvas (Zoom's web client), not a <video>: read through a tab capture. */
  drawnOnCanvas?: boolean;
}

/** A pick and why, in English (`reason`) and as data (`words`). */
export type PickResult =
  | { kind: 'picked'; id: number; reason: string; words: Phrase }
  | { kind: 'none'; reason: string; words: Phrase };

/** Options for {@link pickCandidateVideo}. */
export interface PickOptions {
  /** Smallest visible area worth analysing, CSS px² (default 120 × 90: a thumbnail is too small). */
  minVisibleAreaPx?: number;
  /** The currently analysed id: kept unless another is this many times larger (default 1.5), to avoid flapping. */
  currentId?: number;
  switchRatio?: number;
}

/**
 * The candidate's video: the largest visible, playing, non-mirrored video that is neither the self-view
 * nor a shared screen, preferring videos that have shown a face. Never returns a self-view or mirrored
 * video, even when nothing else is on the page.
 */
export function pickCandidateVideo(videos: readonly VideoCandidate[], opts: PickOptions = {}): PickResult {
  const minArea = opts.minVisibleAreaPx ?? 120 * 90;
  const switchRatio = opts.switchRatio ?? 1.5;
  let best: VideoCandidate | undefined;
  let current: VideoCandidate | undefined;
  let skippedSelf = 0;
  let skippedShare = 0;
  // Better: not demoted, then larger.
  const better = (a: VideoCandidate, b: VideoCandidate) =>
    !a.demoted !== !b.demoted ? !a.demoted : a.visibleAreaPx > b.visibleAreaPx;
  for (const v of videos) {
    if (v.selfView || v.mirrored) {
      skippedSelf++;
      continue;
    }
    if (v.screenShare) {
      skippedShare++;
      continue;
    }
    if (!v.playing || v.videoWidth === 0 || v.visibleAreaPx < minArea) continue;
    if (v.id === opts.currentId) current = v;
    if (!best || better(v, best)) best = v;
  }
  if (!best) {
    const why =
      videos.length === 0
        ? words('no video on the page')
        : skippedSelf === videos.length
          ? words('only the self-view is on the page')
          : skippedSelf + skippedShare === videos.length
            ? words('only the self-view and a shared screen are on the page')
            : words('no visible, playing remote video');
    return { kind: 'none', ...said(why) };
  }
  if (best.demoted)
    return {
      kind: 'picked',
      id: best.id,
      ...said(words('largest visible remote video (none has shown a face lately)')),
    };
  if (current?.demoted) current = undefined;
  if (current && current !== best && best.visibleAreaPx < current.visibleAreaPx * switchRatio) {
    return { kind: 'picked', id: current.id, ...said(words('kept the current tile')) };
  }
  const share = skippedShare > 0;
  const faceless = demotedCount(videos) > 0;
  const passed =
    share && faceless
      ? words('a shared screen and a tile without a face')
      : share
        ? words('a shared screen')
        : faceless
          ? words('a tile without a face')
          : null;
  const what = best.drawnOnCanvas
    ? words('largest visible remote tile (drawn on a canvas)')
    : words('largest visible remote video');
  return {
    kind: 'picked',
    id: best.id,
    ...said(passed ? say`${what}, passing over ${passed}` : what),
  };
}

function demotedCount(videos: readonly VideoCandidate[]): number {
  let n = 0;
  for (const v of videos) if (v.demoted && !v.selfView && !v.mirrored && !v.screenShare) n++;
  return n;
}
