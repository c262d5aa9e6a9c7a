import { english, joined, say, type Phrase } from '../../../../src/text/Phrase';
import { isValidStatus } from '../../../../extension/shared/statusSchema';
import { describe, expect, it } from 'vitest';
import { headline } from '../../../../src/status/headline';
import { initialStatus, type LiveStatus } from '../../../../src/status/LiveStatus';
import { signalStrip, type StripInput } from '../../../../src/status/signalStrip';
import { stripNotes } from '../../../../src/status/stripNotes';
import { SWAPS_NOT_DETECTED } from '../../../../src/fusion/signalRows';
import { judged } from '../../helpers/quality';

/** A watching status whose strip is built from these rows and this judgement, as the content script builds it. */
const watching = (rows: Partial<StripInput> = {}): LiveStatus => {
  const input: StripInput = { facePresent: true, faceCount: 1, quality: judged(), ...rows };
  return {
    ...initialStatus('meet'),
    phase: 'watching',
    face: 'found',
    fps: input.quality?.measured.fps ?? 0,
    quality: input.quality,
    signals: signalStrip(input),
  };
};
const quietSwap = {
  state: 'not-measured' as const,
  reason: `no swap artefact seen, but ${SWAPS_NOT_DETECTED}`,
};

describe('headline', () => {
  it('a face swap clip whose face is 77 px: not "face found" but "most signals cannot judge", why, and a movement challenge', () => {
    const h = headline(watching({ quality: judged({ faceHeightPx: 77 }), faceswap: quietSwap }));
    expect(h).toMatchObject({
      text: 'Most signals cannot judge',
      reason: 'Lip-sync: face is 77 px tall (needs 100)',
      next: 'ask a profile turn or a hand across the face (Check now)',
    });
    // The same as data for other languages: messages of the locale files, and the row's reason as a phrase.
    expect(h.words).toMatchObject({ text: { key: 'hlMostCannot' }, next: { key: 'hlNextMove' } });
    expect(english(h.words.reason as Phrase)).toBe(h.reason);
  });

  it('a busy computer is named, with what to do', () => {
    const h = headline(watching({ quality: judged({ fps: 6 }) }));
    expect(h).toMatchObject({
      text: 'Analysing 6 frames/s: this computer may be too busy',
      reason: 'signals that need 10 steady frames/s cannot judge',
      next: 'close other tabs or programs',
    });
    expect(h.words.text).toEqual({ key: 'hlBusy', n: 6 });
  });

  it('a concern comes first, with its reason; all clear is plain', () => {
    const h = headline(
      watching({ lipsync: { state: 'concerns', reason: 'the voice has not followed the visible mouth' } }),
    );
    expect(h.text).toBe('Check: Lip-sync');
    expect(h.words.text).toEqual({ key: 'hlCheck', ids: ['lipsync'] });
    expect(h.reason).toBe('the voice has not followed the visible mouth');
    const clear = headline(
      watching({
        lipsync: { state: 'no-concerns', reason: 'voice follows the mouth' },
        faceswap: { state: 'no-concerns', reason: 'x' },
        liveness: { state: 'no-concerns', reason: 'no frozen or replayed feed' },
      }),
    );
    expect(clear).toMatchObject({ text: 'Watching · face found', reason: null, next: null });
  });
});

describe('stripNotes', () => {
  it('every row that is not "no concerns" has its reason in words; rows with one reason share a line; Quality is not repeated', () => {
    const s = watching({ quality: judged({ fps: 8 }), faceswap: quietSwap });
    expect(stripNotes(s.signals)).toMatchObject([
      {
        labels: ['Lip-sync', 'Face-swap', 'Liveness'],
        ids: ['lipsync', 'faceswap', 'liveness'],
        state: 'cannot-judge',
        detail: 'analysing 8 frames/s (needs 10)',
      },
    ]);
    const one = watching({
      lipsync: { state: 'inconclusive', reason: 'audio and video may be out of step; watching' },
      faceswap: quietSwap,
      liveness: { state: 'no-concerns', reason: 'no frozen or replayed feed' },
    });
    expect(stripNotes(one.signals).map((n) => [n.labels.join(), n.state])).toEqual([
      ['Lip-sync', 'inconclusive'],
      ['Face-swap', 'not-measured'],
    ]);
  });

  it('the row the headline gives the reason of is not said again below it; rows that share its line stay', () => {
    const one = watching({
      lipsync: { state: 'inconclusive', reason: 'audio and video may be out of step; watching' },
      faceswap: quietSwap,
      liveness: { state: 'no-concerns', reason: 'no frozen or replayed feed' },
    });
    const h = headline(one);
    expect(h.reasonRow).toBe('lipsync');
    expect(stripNotes(one.signals, h.reasonRow).map((n) => n.labels.join())).toEqual(['Face-swap']);
    const busy = watching({ quality: judged({ fps: 8 }), faceswap: quietSwap });
    expect(stripNotes(busy.signals, 'lipsync')).toMatchObject([{ ids: ['faceswap', 'liveness'] }]);
  });
});

describe('signalStrip', () => {
  it('a reason longer than the status carries is cut in English, and the row stays valid data', () => {
    const long = joined(
      Array.from({ length: 12 }, (_, i) => say`a long reason part ${i} of many, said at length`),
    );
    const rows = signalStrip({
      facePresent: true,
      faceCount: 1,
      quality: judged({ faceHeightPx: 220, fps: 14 }),
      liveness: { state: 'inconclusive', reason: english(long), words: long },
    });
    const live = rows.find((r) => r.id === 'liveness')!;
    expect(english(long).length).toBeGreaterThan(512);
    expect(live.detail.length).toBe(512);
    expect(live.words).toEqual(long);
    expect(isValidStatus({ ...initialStatus('meet'), signals: rows })).toBe(true);
  });
});
