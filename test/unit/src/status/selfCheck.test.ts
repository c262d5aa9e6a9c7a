import { describe, expect, it } from 'vitest';
import { initialStatus, type LiveStatus } from '../../../../src/status/LiveStatus';
import { selfCheck } from '../../../../src/status/selfCheck';
import { signalStrip } from '../../../../src/status/signalStrip';
import { judged } from '../../helpers/quality';

const watching = (over: Partial<LiveStatus> = {}): LiveStatus => ({
  ...initialStatus('meet'),
  phase: 'watching',
  face: 'found',
  fps: 14,
  videoNote: 'Analysing: largest visible remote video (1280×720)',
  layoutNote: 'Google Meet layout recognised',
  audio: { tracks: 1, note: null },
  signals: signalStrip({ facePresent: true, faceCount: 1, quality: judged({ faceHeightPx: 220, fps: 14 }) }),
  ...over,
});

describe('selfCheck', () => {
  it('says yes with what it rests on when a face is analysed well', () => {
    const c = selfCheck(watching());
    expect(c.answer).toBe('yes');
    expect(c.headline).toBe('Yes: the candidate’s face is analysed at 14 frames/s.');
    expect(c.facts).toEqual([
      'Google Meet layout recognised',
      'Analysing: largest visible remote video (1280×720)',
      'Never the self-view: mirrored videos and the platform’s own self-view tile are skipped.',
      'Candidate audio: 1 track heard.',
    ]);
  });

  it('says partly when the video has no face or is too poor to judge', () => {
    expect(selfCheck(watching({ face: 'none' })).answer).toBe('partly');
    const small = watching({
      signals: signalStrip({
        facePresent: true,
        faceCount: 1,
        quality: judged({ faceHeightPx: 60, fps: 14 }),
      }),
    });
    expect(selfCheck(small).headline).toBe(
      'Partly: the candidate’s face is seen, but not every signal can judge — lip-sync, face-swap and liveness: face is 60 px tall (needs 100).',
    );
  });

  it('says no, and why, without a candidate video or before watching', () => {
    const none = selfCheck(watching({ videoNote: 'No candidate video: only the self-view is on the page' }));
    expect(none).toMatchObject({ answer: 'no', headline: 'No: only the self-view is on the page.' });
    expect(selfCheck(initialStatus('zoom')).headline).toMatch(/^No: not watching/);
    const unknown = selfCheck(
      watching({
        layoutNote: 'Zoom (web) layout not recognised (the page may have changed): using the generic rules',
      }),
    );
    expect(unknown.facts[0]).toMatch(/not recognised/);
  });

  it('asks for a tab capture when the candidate is drawn on a canvas, and says when one runs', () => {
    const needed = selfCheck(
      watching({
        capture: 'needed',
        face: 'unknown',
        videoNote: 'Found: largest visible remote tile (drawn on a canvas)',
      }),
    );
    expect(needed.answer).toBe('no');
    expect(needed.headline).toMatch(
      /^No: this page draws the candidate’s video itself .* Press “Capture tab”/,
    );
    const on = selfCheck(watching({ capture: 'on' }));
    expect(on.answer).toBe('yes');
    expect(on.facts).toContain(
      'Reading the tab capture you started, cropped to the candidate’s tile; the call’s sound is played back to you.',
    );
  });
});
