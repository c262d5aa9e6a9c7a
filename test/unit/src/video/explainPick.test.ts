import { describe, expect, it } from 'vitest';
import { explainPick } from '../../../../src/video/explainPick';
import { pickCandidateVideo, type VideoCandidate } from '../../../../src/video/pickCandidateVideo';

const v = (id: number, over: Partial<VideoCandidate> = {}): VideoCandidate => ({
  id,
  videoWidth: 640,
  videoHeight: 360,
  visibleAreaPx: 400 * 225,
  playing: true,
  mirrored: false,
  selfView: false,
  ...over,
});

describe('explainPick says why each video was taken or left', () => {
  it('in the picker’s own order: the self-view by its marker before its mirror, then shares, then size', () => {
    const videos = [
      v(1, { selfView: true, mirrored: true, visibleAreaPx: 900 * 500 }),
      v(2, { screenShare: true, visibleAreaPx: 1200 * 700 }),
      v(3),
      v(4, { visibleAreaPx: 200 * 112 }),
      v(5, { visibleAreaPx: 100 * 56 }),
      v(6, { playing: false }),
    ];
    const result = pickCandidateVideo(videos);
    const { candidates, selfViewBy } = explainPick(videos, result);
    expect(candidates.map((c) => c.why)).toEqual([
      'left: the self-view (the platform marks it)',
      'left: a shared screen',
      'taken: largest visible remote video, passing over a shared screen',
      'left: smaller than the one taken',
      'left: too small or off screen',
      'left: not playing',
    ]);
    expect(selfViewBy).toBe('selector');
  });

  it('names the mirror rule when no marker found the self-view, and none when nothing did', () => {
    const mirrored = [v(1, { mirrored: true }), v(2)];
    expect(explainPick(mirrored, pickCandidateVideo(mirrored)).selfViewBy).toBe('mirror');
    const plain = [v(1), v(2, { visibleAreaPx: 1 })];
    expect(explainPick(plain, pickCandidateVideo(plain)).selfViewBy).toBe('none');
  });
});
