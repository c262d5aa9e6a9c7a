import { describe, expect, it } from 'vitest';
import { linePath } from '../../../../src/plot/linePath';
import { createStore } from '../../../../src/status/createStore';

describe('linePath', () => {
  it('scales values into the plot area (y grows downwards)', () => {
    expect(linePath([0, 1, 2], { widthPx: 100, heightPx: 10, yMin: 0, yMax: 2 })).toBe(
      'M0.0,10.0L50.0,5.0L100.0,0.0',
    );
  });
  it('breaks the line at missing values', () => {
    expect(linePath([1, null, 1, 1], { widthPx: 30, heightPx: 10, yMin: 0, yMax: 2 })).toBe(
      'M0.0,5.0M20.0,5.0L30.0,5.0',
    );
  });
  it('returns an empty path when there is nothing to draw', () => {
    expect(linePath([null, null], { widthPx: 10, heightPx: 10 })).toBe('');
  });
});

describe('createStore', () => {
  it('notifies subscribers of changes only', () => {
    const s = createStore(1);
    const seen: number[] = [];
    const off = s.subscribe((v) => seen.push(v));
    s.set(1);
    s.set((v) => v + 1);
    off();
    s.set(5);
    expect(seen).toEqual([2]);
    expect(s.get()).toBe(5);
  });
});
