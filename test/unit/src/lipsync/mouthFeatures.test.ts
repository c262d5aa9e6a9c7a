import { describe, expect, it } from 'vitest';
import { mouthFeatures } from '../../../../src/lipsync/mouthFeatures';
import { MOUTH_FEATURES } from '../../../../src/lipsync/visemeMouthMap';

describe('mouthFeatures', () => {
  it('puts the aperture first and sums each left/right pair into its feature', () => {
    const out = new Float64Array(MOUTH_FEATURES.length);
    const ok = mouthFeatures(
      0.12,
      [
        { categoryName: 'jawOpen', score: 0.4 },
        { categoryName: 'mouthSmileLeft', score: 0.25 },
        { categoryName: 'mouthSmileRight', score: 0.5 },
        { categoryName: 'eyeBlinkLeft', score: 0.9 }, // not a mouth feature
        { categoryName: 'mouthPress', score: 0.3 }, // a pair's name without a side: counted too
      ],
      out,
    );
    expect(ok).toBe(true);
    const at = (f: (typeof MOUTH_FEATURES)[number]) => out[MOUTH_FEATURES.indexOf(f)];
    expect(at('aperture')).toBe(0.12);
    expect(at('jawOpen')).toBe(0.4);
    expect(at('mouthSmile')).toBe(0.75);
    expect(at('mouthPress')).toBe(0.3);
    expect(at('mouthClose')).toBe(0);
  });

  it('has nothing to give without blendshapes or without an aperture', () => {
    const out = new Float64Array(MOUTH_FEATURES.length);
    expect(mouthFeatures(0.1, undefined, out)).toBe(false);
    expect(mouthFeatures(0.1, [], out)).toBe(false);
    expect(mouthFeatures(NaN, [{ categoryName: 'jawOpen', score: 1 }], out)).toBe(false);
  });
});
