import { describe, expect, it } from 'vitest';
import { intersects, placeOverlay } from '../../../../src/overlay/placeOverlay';
import { mapNormalisedBox, videoContentRect } from '../../../../src/overlay/videoContentRect';
import { pickCandidateVideo, type VideoCandidate } from '../../../../src/video/pickCandidateVideo';

const video = (over: Partial<VideoCandidate>): VideoCandidate => ({
  id: 1,
  videoWidth: 1280,
  videoHeight: 720,
  visibleAreaPx: 800 * 450,
  playing: true,
  mirrored: false,
  selfView: false,
  ...over,
});

describe('pickCandidateVideo', () => {
  it('picks the largest visible playing remote video', () => {
    const r = pickCandidateVideo([
      video({ id: 1, visibleAreaPx: 300 * 200 }),
      video({ id: 2, visibleAreaPx: 900 * 500 }),
      video({ id: 3, visibleAreaPx: 1200 * 700, playing: false }),
    ]);
    expect(r).toMatchObject({ kind: 'picked', id: 2 });
  });

  it('never picks the self-view, even when it is the largest or the only video', () => {
    const self = video({ id: 9, visibleAreaPx: 1200 * 700, selfView: true });
    const mirrored = video({ id: 8, visibleAreaPx: 1000 * 600, mirrored: true });
    expect(pickCandidateVideo([self, mirrored, video({ id: 2 })])).toMatchObject({ kind: 'picked', id: 2 });
    expect(pickCandidateVideo([self, mirrored])).toMatchObject({
      kind: 'none',
      reason: 'only the self-view is on the page',
    });
  });

  it('weighs a tile drawn on a canvas like a video, says so, and never picks a self-view tile', () => {
    const drawn = video({ id: 4, visibleAreaPx: 900 * 500, drawnOnCanvas: true });
    const selfTile = video({ id: 5, visibleAreaPx: 1200 * 700, drawnOnCanvas: true, selfView: true });
    expect(pickCandidateVideo([video({ id: 2, visibleAreaPx: 300 * 200 }), drawn, selfTile])).toMatchObject({
      kind: 'picked',
      id: 4,
      reason: 'largest visible remote tile (drawn on a canvas)',
    });
  });

  it('ignores thumbnails and videos without a stream', () => {
    const r = pickCandidateVideo([video({ id: 1, visibleAreaPx: 80 * 60 }), video({ id: 2, videoWidth: 0 })]);
    expect(r).toMatchObject({ kind: 'none', reason: 'no visible, playing remote video' });
    expect(pickCandidateVideo([])).toMatchObject({ kind: 'none', reason: 'no video on the page' });
  });

  it('keeps the current tile unless another is clearly larger', () => {
    const a = video({ id: 1, visibleAreaPx: 100_000 });
    const b = video({ id: 2, visibleAreaPx: 120_000 });
    expect(pickCandidateVideo([a, b], { currentId: 1 })).toMatchObject({ id: 1 });
    const c = video({ id: 3, visibleAreaPx: 200_000 });
    expect(pickCandidateVideo([a, c], { currentId: 1 })).toMatchObject({ id: 3 });
  });

  it('passes over a shared screen, however large, and says so', () => {
    const screen = video({ id: 5, visibleAreaPx: 1600 * 900, screenShare: true });
    expect(pickCandidateVideo([screen, video({ id: 2, visibleAreaPx: 320 * 180 })])).toMatchObject({
      kind: 'picked',
      id: 2,
      reason: 'largest visible remote video, passing over a shared screen',
    });
    expect(pickCandidateVideo([screen, video({ id: 9, selfView: true })])).toMatchObject({
      kind: 'none',
      reason: 'only the self-view and a shared screen are on the page',
    });
  });

  it('lets a tile without a face give way, even the current one, but uses it when it is all there is', () => {
    const faceless = video({ id: 1, visibleAreaPx: 900 * 500, demoted: true });
    const small = video({ id: 2, visibleAreaPx: 300 * 200 });
    expect(pickCandidateVideo([faceless, small], { currentId: 1 })).toMatchObject({
      id: 2,
      reason: 'largest visible remote video, passing over a tile without a face',
    });
    expect(pickCandidateVideo([faceless])).toMatchObject({
      id: 1,
      reason: 'largest visible remote video (none has shown a face lately)',
    });
  });
});

describe('placeOverlay', () => {
  const viewport = { x: 0, y: 0, w: 1280, h: 800 };
  const box = { w: 236, h: 140 };

  it('defaults to the top-right corner when no face is known', () => {
    expect(placeOverlay(viewport, box, null, null)).toEqual({ x: 1280 - 236 - 12, y: 12 });
  });

  it('moves away from a face in the top-right corner', () => {
    const face = { x: 1000, y: 20, w: 200, h: 220 };
    const p = placeOverlay(viewport, box, face, null);
    expect(intersects({ ...p, ...box }, face)).toBe(false);
  });

  it('keeps a dragged position that is clear of the face, and clamps it into the viewport', () => {
    const face = { x: 500, y: 200, w: 250, h: 300 };
    expect(placeOverlay(viewport, box, face, { x: 40, y: 600 })).toEqual({ x: 40, y: 600 });
    expect(placeOverlay(viewport, box, null, { x: 5000, y: -50 })).toEqual({ x: 1280 - 236 - 12, y: 12 });
  });

  it('never covers the face for any face position on a grid, when a clear corner exists', () => {
    for (let x = 0; x < 1280 - 300; x += 80) {
      for (let y = 0; y < 800 - 300; y += 80) {
        const face = { x, y, w: 300, h: 300 };
        const p = placeOverlay(viewport, box, face, { x: x + 10, y: y + 10 });
        expect(intersects({ ...p, ...box }, face)).toBe(false);
      }
    }
  });
});

describe('videoContentRect', () => {
  const box = { x: 100, y: 50, w: 1000, h: 500 };
  it('letterboxes with contain', () => {
    // A 512x512 video in a 1000x500 box: 500x500 centred → x = 100 + 250.
    expect(videoContentRect(box, 512, 512, 'contain')).toEqual({ x: 350, y: 50, w: 500, h: 500 });
  });
  it('crops with cover and stretches with fill', () => {
    expect(videoContentRect(box, 512, 512, 'cover')).toEqual({ x: 100, y: -200, w: 1000, h: 1000 });
    expect(videoContentRect(box, 512, 512, 'fill')).toEqual(box);
  });
  it('maps a normalised face box, mirrored or not', () => {
    const c = { x: 0, y: 0, w: 200, h: 100 };
    expect(mapNormalisedBox(c, 0.1, 0.2, 0.3, 0.4)).toEqual({ x: 20, y: 20, w: 60, h: 40 });
    expect(mapNormalisedBox(c, 0.1, 0.2, 0.3, 0.4, true).x).toBeCloseTo(120, 9);
  });
});
