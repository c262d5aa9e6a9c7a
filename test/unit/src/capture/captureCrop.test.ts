import { describe, expect, it } from 'vitest';
import { captureCrop } from '../../../../src/capture/captureCrop';

// Golden values worked by hand from the mapping: scale = min(frameW / viewportW, frameH / viewportH),
// the picture centred (pad = (frame − viewport × scale) / 2), the tile clipped to the viewport, its
// corners mapped and rounded outwards, the output scaled so its long side is at most 640.
describe('captureCrop', () => {
  it('cuts the tile out 1:1 when the capture has the viewport’s size', () => {
    expect(captureCrop({ x: 100, y: 50, w: 400, h: 300 }, { w: 1280, h: 800 }, { w: 1280, h: 800 })).toEqual({
      sx: 100,
      sy: 50,
      sw: 400,
      sh: 300,
      outW: 400,
      outH: 300,
    });
  });

  it('follows the scale and the pillarbox bars of a capture of another shape', () => {
    // 1280×800 into 1920×1080: scale min(1.5, 1.35) = 1.35, picture 1728 wide, bars of 96 px each side.
    // x: 100 × 1.35 + 96 = 231 … 500 × 1.35 + 96 = 771; y: 67.5 → 67 … 472.5 → 473.
    expect(captureCrop({ x: 100, y: 50, w: 400, h: 300 }, { w: 1280, h: 800 }, { w: 1920, h: 1080 })).toEqual(
      {
        sx: 231,
        sy: 67,
        sw: 540,
        sh: 406,
        outW: 540,
        outH: 406,
      },
    );
  });

  it('scales a large tile down to at most 640 px on its long side', () => {
    expect(captureCrop({ x: 0, y: 0, w: 1280, h: 800 }, { w: 1280, h: 800 }, { w: 1280, h: 800 })).toEqual({
      sx: 0,
      sy: 0,
      sw: 1280,
      sh: 800,
      outW: 640,
      outH: 400,
    });
    const small = captureCrop(
      { x: 0, y: 0, w: 1280, h: 800 },
      { w: 1280, h: 800 },
      { w: 1280, h: 800 },
      { maxLongSidePx: 256 },
    );
    expect([small?.outW, small?.outH]).toEqual([256, 160]);
  });

  it('keeps only the part of a tile that is on screen', () => {
    expect(captureCrop({ x: -50, y: 700, w: 200, h: 200 }, { w: 1280, h: 800 }, { w: 1280, h: 800 })).toEqual(
      {
        sx: 0,
        sy: 700,
        sw: 150,
        sh: 100,
        outW: 150,
        outH: 100,
      },
    );
  });

  it('gives nothing for a tile off screen, too small, or an empty frame', () => {
    expect(
      captureCrop({ x: 1300, y: 0, w: 200, h: 200 }, { w: 1280, h: 800 }, { w: 1280, h: 800 }),
    ).toBeNull();
    expect(captureCrop({ x: 10, y: 10, w: 20, h: 20 }, { w: 1280, h: 800 }, { w: 1280, h: 800 })).toBeNull();
    expect(captureCrop({ x: 10, y: 10, w: 200, h: 200 }, { w: 1280, h: 800 }, { w: 0, h: 0 })).toBeNull();
  });
});
