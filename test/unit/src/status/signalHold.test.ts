import { describe, expect, it } from 'vitest';
import type { SignalView } from '../../../../src/status/LiveStatus';
import type { SignalState } from '../../../../src/status/SignalState';
import { SignalHold } from '../../../../src/status/SignalHold';

const row = (state: SignalState, detail: string = state): SignalView => ({
  id: 'lipsync',
  label: 'Lip-sync',
  state,
  detail,
});

/** Feeds one state per `stepMs` and returns the states shown. */
function shown(hold: SignalHold, states: SignalState[], stepMs = 500): SignalState[] {
  return states.map((s, i) => hold.apply([row(s)], i * stepMs)[0]!.state);
}

describe('SignalHold keeps what the strip shows readable', () => {
  it('a reading that flips between a doubt and no concerns every half second keeps the doubt on screen', () => {
    const flips: SignalState[] = Array.from({ length: 24 }, (_, i) =>
      i % 2 ? 'no-concerns' : 'inconclusive',
    );
    const out = shown(new SignalHold(), flips);
    let runStart = 0;
    for (let i = 1; i <= out.length; i++) {
      if (i === out.length || out[i] !== out[i - 1]) {
        // Every run but the last lasts at least 3 s (6 steps of 500 ms).
        if (i < out.length) expect(i - runStart).toBeGreaterThanOrEqual(6);
        runStart = i;
      }
    }
    // "No concerns" never lasts 3 s here, so the doubt stays on screen throughout.
    expect(out.every((s) => s === 'inconclusive')).toBe(true);
  });

  it('two doubts that alternate each stay on screen at least 3 s', () => {
    const flips: SignalState[] = Array.from({ length: 24 }, (_, i) => (i % 2 ? 'concerns' : 'inconclusive'));
    const hold = new SignalHold();
    hold.apply([row('inconclusive')], -10_000);
    const out = flips.map((s, i) => hold.apply([row(s)], i * 500)[0]!.state);
    // A concern shows at once; the inconclusive after it waits 3 s.
    expect(out[1]).toBe('concerns');
    expect(out.slice(1, 7).every((s) => s === 'concerns')).toBe(true);
  });

  it('"cannot judge" shows at once, as the quality authority says it, and so does a first reading', () => {
    const out = shown(new SignalHold(), [
      'not-measured',
      'cannot-judge',
      'no-concerns',
      'no-concerns',
      'cannot-judge',
    ]);
    expect(out).toEqual(['not-measured', 'cannot-judge', 'cannot-judge', 'cannot-judge', 'cannot-judge']);
    expect(shown(new SignalHold(), ['not-measured', 'inconclusive'])).toEqual([
      'not-measured',
      'inconclusive',
    ]);
  });

  it('"no concerns" is shown only once it has lasted 3 s, never flashed between doubts', () => {
    const hold = new SignalHold();
    const states: SignalState[] = [
      ...Array<SignalState>(8).fill('inconclusive'),
      'no-concerns',
      'no-concerns',
      'inconclusive',
      ...Array<SignalState>(8).fill('no-concerns'),
    ];
    const out = shown(hold, states);
    expect(out.slice(0, 11).every((s) => s === 'inconclusive')).toBe(true);
    // The second spell of no concerns starts at step 11: it shows from step 17 (3 s later).
    expect(out.indexOf('no-concerns')).toBe(17);
  });

  it('a concern shows at once, however recently the row changed', () => {
    const out = shown(new SignalHold(), ['no-concerns', 'inconclusive', 'concerns']);
    expect(out).toEqual(['no-concerns', 'no-concerns', 'concerns']);
  });

  it('a doubt replaces "no concerns" as soon as that has been on screen 3 s', () => {
    const out = shown(new SignalHold(), [
      ...Array<SignalState>(6).fill('no-concerns'),
      'cannot-judge',
      'cannot-judge',
    ]);
    expect(out.slice(6)).toEqual(['cannot-judge', 'cannot-judge']);
  });

  it('a row held keeps the words it was shown with; the same state takes the newest words', () => {
    const hold = new SignalHold();
    hold.apply([row('inconclusive', 'offset +120 ms, watching')], 0);
    expect(hold.apply([row('inconclusive', 'offset +140 ms, watching')], 500)[0]!.detail).toBe(
      'offset +140 ms, watching',
    );
    expect(hold.apply([row('no-concerns', 'in step for 12 s')], 1000)[0]).toEqual(
      row('inconclusive', 'offset +140 ms, watching'),
    );
  });
});
