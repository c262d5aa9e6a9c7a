/** Deterministic fake data for the dev page and UI tests: a 90 s session with a look-away and a face loss. */
import type { SecondRecord } from '../../../src/session/SecondRecord';
import type { SessionEvent, SessionRecord } from '../../../src/session/SessionRecord';
import { initialStatus, type LiveStatus } from '../../../src/status/LiveStatus';
import { signalStrip } from '../../../src/status/signalStrip';
import { videoNote } from '../../../src/status/videoNote';
import { judgeability } from '../../../src/quality/judgeability';
import { NEXT_STEP, SWAPS_NOT_DETECTED } from '../../../src/fusion/signalRows';
import { offsetWords } from '../../../src/lipsync/lipSyncWords';
import { FACE_SIGNAL_WORDS } from '../../../src/signals/SignalReading';
import { because, CHALLENGE_WORDS, VERDICT_WORDS } from '../../../src/challenges/Challenge';
import { MARK_WORDS } from '../../../src/prompts/PromptFlow';
import { challengeCardWords } from '../../../src/prompts/PromptEngine';
import { english, named, said, say, verbatim, words, type Phrase } from '../../../src/text/Phrase';

/** The note for a video on the page (as the content script says it). */
const ANALYSING = videoNote({
  found: true,
  why: words('largest visible remote video'),
  size: '1280×720',
  capture: false,
  canvasOnly: false,
});
const CANVAS = (capture: boolean) =>
  videoNote({
    found: true,
    why: words('largest visible remote tile (drawn on a canvas)'),
    size: say`${460}×${259} on screen`,
    capture,
    canvasOnly: !capture,
  });

/** Lip-sync in step, 20 ms apart. */
const IN_STEP = said(say`voice follows the mouth; ${offsetWords(20)}`);
/** The liveness row once the replay signal has judged a natural picture. */
const NO_REPLAY = said(words('no frozen or replayed feed: the picture changes naturally'));
/** Lip-sync flagged: audio 240 ms ahead. */
const LEAD = said(
  say`${offsetWords(-240)} for the last ${20} s, confidence ${words('high')} (tolerance: ${90} ms leading, ${185} ms lagging)`,
);

/** The quality authority's judgement of 4 steady seconds at this rate and face height (NaN: no face). */
const steady = (fps: number, faceHeightPx: number, longGapShare = 0) =>
  judgeability({
    spanMs: 4000,
    fps,
    longGapShare,
    faceShare: Number.isNaN(faceHeightPx) ? 0 : 1,
    faceHeightPx,
  });

/** The face-swap row with nothing flagged: it says what it cannot see, never "no concerns". */
const QUIET_SWAP = {
  state: 'not-measured' as const,
  ...said(say`no swap artefact seen, but ${SWAPS_NOT_DETECTED}`),
};

/** The strip rows of a call whose picture froze (a liveness doubt from the replay signal). */
const FROZEN_ROWS = {
  faceswap: QUIET_SWAP,
  liveness: {
    state: 'inconclusive' as const,
    ...said(
      say`${say`${FACE_SIGNAL_WORDS.replay}: ${say`the picture froze for ${'4.2'} s (identical frames)`} (${words('high confidence')})`} — next: ${NEXT_STEP.replay}`,
    ),
  },
};

const TIME_WHY = words('The candidate’s local time should match the claimed time zone.');

export function fakeStatuses(): { label: string; status: LiveStatus }[] {
  const base = initialStatus('meet');
  return [
    { label: 'Idle', status: base },
    { label: 'Loading', status: { ...base, phase: 'loading', modelProgress: 0.42 } },
    {
      label: 'Watching, face found',
      status: {
        ...base,
        phase: 'watching',
        face: 'found',
        fps: 15,
        elapsedS: 312,
        sessionId: 'fake',
        videoNote: ANALYSING,
        signals: signalStrip({
          facePresent: true,
          faceCount: 1,
          quality: steady(15, 220),
          lipsync: { state: 'no-concerns', ...IN_STEP },
        }),
        audio: { tracks: 1, note: null },
        candidateCard: { state: 'offered', summary: 'Alex Example · Austin, United States · Acme Cloud' },
        lipsync: {
          state: 'no-concerns',
          ...IN_STEP,
          offsetMs: 22,
          windowOffsetMs: 31,
          confidence: 0.38,
          speechFraction: 0.64,
          driftMsPerMin: null,
        },
      },
    },
    {
      label: 'Watching on a busy computer',
      status: {
        ...base,
        phase: 'watching',
        face: 'found',
        fps: 6,
        elapsedS: 200,
        sessionId: 'fake',
        videoNote: ANALYSING,
        quality: steady(6, 210, 0.3),
        signals: signalStrip({
          facePresent: true,
          faceCount: 1,
          quality: steady(6, 210, 0.3),
          faceswap: QUIET_SWAP,
          lipsync: { state: 'concerns', reason: 'shown only when the video can be judged' },
        }),
        audio: { tracks: 1, note: null },
      },
    },
    {
      label: 'Watching, a small face',
      status: {
        ...base,
        phase: 'watching',
        face: 'found',
        fps: 15,
        elapsedS: 40,
        sessionId: 'fake',
        videoNote: ANALYSING,
        quality: steady(15, 77),
        signals: signalStrip({
          facePresent: true,
          faceCount: 1,
          quality: steady(15, 77),
          faceswap: QUIET_SWAP,
        }),
      },
    },
    {
      label: 'Random phrase: were the words read?',
      status: {
        ...base,
        phase: 'watching',
        face: 'found',
        fps: 15,
        elapsedS: 130,
        sessionId: 'fake',
        videoNote: ANALYSING,
        quality: steady(15, 220),
        signals: signalStrip({
          facePresent: true,
          faceCount: 1,
          quality: steady(15, 220),
          faceswap: QUIET_SWAP,
          lipsync: { state: 'no-concerns', ...IN_STEP },
          liveness: { state: 'no-concerns', ...NO_REPLAY },
        }),
        prompt: {
          card: {
            kind: 'challenge',
            id: 'challenge-random-phrase-3',
            challenge: 'random-phrase',
            ...challengeCardWords(
              say`${words('Ask the candidate to read these words aloud:')} “${'amber lantern seven quietly orbit'}”`,
              named(CHALLENGE_WORDS['random-phrase'], words('Asked for by the interviewer.')),
            ),
            phrase: ['amber', 'lantern', 'seven', 'quietly', 'orbit'],
          },
          phase: 'confirm',
          askedAtMs: 120_000,
          deadlineMs: 140_000,
          result: {
            kind: 'random-phrase',
            verdict: 'passed',
            ...because([
              say`a reading began ${'1.4'} s after the ask, after a pause, and lasted ${'2.6'} s`,
              words('the mouth moved with the voice'),
            ]),
            feedBroke: false,
            fromMs: 120_000,
            toMs: 125_000,
            measured: {},
          },
        },
      },
    },
    {
      label: 'Question asked: the time where they are',
      status: {
        ...base,
        phase: 'watching',
        face: 'found',
        fps: 15,
        elapsedS: 210,
        sessionId: 'fake',
        videoNote: ANALYSING,
        quality: steady(15, 220),
        signals: signalStrip({
          facePresent: true,
          faceCount: 1,
          quality: steady(15, 220),
          faceswap: QUIET_SWAP,
          lipsync: { state: 'no-concerns', ...IN_STEP },
          liveness: { state: 'no-concerns', ...NO_REPLAY },
        }),
        prompt: {
          card: {
            kind: 'question',
            id: 'question-tz-now-4',
            questionId: 'tz-now',
            category: 'time-zone',
            text: 'What time is it where you are right now?',
            lookFor: 'a quick answer that matches Austin (America/Chicago)',
            sources: ['candidate card'],
            why: english(TIME_WHY),
            words: { why: TIME_WHY },
          },
          phase: 'asked',
          askedAtMs: 200_000,
          deadlineMs: null,
          result: null,
        },
      },
    },
    {
      label: 'Watching, lip-sync concerns',
      status: {
        ...base,
        phase: 'watching',
        face: 'found',
        fps: 15,
        elapsedS: 95,
        sessionId: 'fake',
        videoNote: ANALYSING,
        signals: signalStrip({
          facePresent: true,
          faceCount: 1,
          quality: steady(15, 220),
          lipsync: { state: 'concerns', ...LEAD },
        }),
        audio: { tracks: 1, note: null },
        lipsync: {
          state: 'concerns',
          ...LEAD,
          offsetMs: -238,
          windowOffsetMs: -251,
          confidence: 0.41,
          speechFraction: 0.71,
          driftMsPerMin: null,
        },
      },
    },
    {
      label: 'Watching, a frozen feed flagged',
      status: {
        ...base,
        phase: 'watching',
        face: 'found',
        fps: 14,
        elapsedS: 140,
        sessionId: 'fake',
        videoNote: ANALYSING,
        signals: signalStrip({
          facePresent: true,
          faceCount: 1,
          quality: steady(14, 240),
          ...FROZEN_ROWS,
        }),
        faceSignals: { ...FROZEN_ROWS, frozen: true },
      },
    },
    {
      label: 'Watching, no face',
      status: {
        ...base,
        phase: 'watching',
        face: 'none',
        fps: 14.6,
        elapsedS: 20,
        sessionId: 'fake',
        videoNote: ANALYSING,
        signals: signalStrip({ facePresent: false, faceCount: 0, quality: steady(14.6, NaN) }),
      },
    },
    {
      label: 'Zoom web: the call is drawn on a canvas, a capture is needed',
      status: {
        ...initialStatus('zoom'),
        phase: 'watching',
        elapsedS: 6,
        sessionId: 'fake',
        capture: 'needed',
        layoutNote: say`${'Zoom (web)'} layout recognised`,
        videoNote: CANVAS(false),
        audio: {
          tracks: 0,
          note: words(
            'no candidate audio found on this page (its audio is not a media stream the extension can read)',
          ),
        },
      },
    },
    {
      label: 'Zoom web: reading the tab capture',
      status: {
        ...initialStatus('zoom'),
        phase: 'watching',
        face: 'found',
        fps: 14,
        elapsedS: 48,
        sessionId: 'fake',
        capture: 'on',
        layoutNote: say`${'Zoom (web)'} layout recognised`,
        videoNote: CANVAS(true),
        signals: signalStrip({
          facePresent: true,
          faceCount: 1,
          quality: steady(14, 180),
          lipsync: {
            state: 'no-concerns',
            ...said(
              say`voice follows the mouth (measured ${offsetWords(-310)}; through a tab capture the offset is not judged: sound and picture arrive with delays the extension cannot measure)`,
            ),
          },
        }),
        audio: { tracks: 1, note: null },
      },
    },
    {
      label: 'Error',
      status: { ...base, phase: 'error', error: say`Could not start the analyzer: ${'out of memory'}` },
    },
  ];
}

export function fakeSession(): { session: SessionRecord; seconds: SecondRecord[]; events: SessionEvent[] } {
  const id = 'fake-session';
  const seconds: SecondRecord[] = [];
  for (let t = 0; t < 90; t++) {
    const gone = t >= 50 && t < 56;
    const yaw = t >= 30 && t < 36 ? 40 * Math.sin(((t - 30) / 6) * Math.PI) : 4 * Math.sin(t / 7);
    seconds.push({
      sessionId: id,
      t,
      frames: 15,
      faceFrames: gone ? 0 : 15,
      maxFaces: gone ? 0 : 1,
      yawDeg: gone ? null : yaw,
      pitchDeg: gone ? null : 3 * Math.cos(t / 5),
      rollDeg: gone ? null : 2 * Math.sin(t / 11),
      mouthAperture: gone ? null : 0.12 + 0.1 * Math.abs(Math.sin(t / 2)),
      mouthApertureStd: gone ? null : 0.04 + 0.03 * Math.abs(Math.sin(t / 3)),
      eyeOpenness: gone ? null : 0.3,
      eyeOpennessMin: gone ? null : t % 4 === 0 ? 0.08 : 0.27,
      faceHeightPx: gone ? null : 210,
      landmarkConfidence: gone ? null : 1,
      processingMs: 19,
      audioLevelDb: -32 + 4 * Math.sin(t / 3),
      speechFraction: t < 8 ? null : 0.5 + 0.3 * Math.sin(t / 9),
      avOffsetMs: t < 12 ? null : t >= 62 && t < 80 ? -240 : 20,
      syncConfidence: t < 12 ? null : 0.35,
      lipSync: t < 12 || gone ? 'cannot-judge' : t >= 66 && t < 86 ? 'concerns' : 'no-concerns',
      // The Face-swap row cannot rule a live swap in or out from the picture alone (see signalRows).
      faceSwap: t < 10 ? null : 'cannot-judge',
      liveness: t < 10 ? null : gone ? 'cannot-judge' : 'no-concerns',
    });
  }
  const ev = (tMs: number, type: SessionEvent['type'], w: Phrase, more: Partial<SessionEvent> = {}) => ({
    sessionId: id,
    tMs,
    type,
    detail: english(w),
    words: w,
    ...more,
  });
  const lead = say`${offsetWords(-240)} for the last ${4} s, confidence ${words('medium')} (tolerance: ${90} ms leading, ${185} ms lagging)`;
  const events: SessionEvent[] = [
    ev(0, 'watch-start', say`watching on ${'Google Meet'}`),
    ev(120, 'video-picked', say`${words('largest visible remote video')} (${'1280×720'})`),
    ev(30_000, 'challenge-asked', say`${CHALLENGE_WORDS['profile-turn']} asked`, {
      data: { cardId: 'c1', challenge: 'profile-turn' },
    }),
    ev(
      36_200,
      'challenge-verdict',
      named(
        CHALLENGE_WORDS['profile-turn'],
        say`${VERDICT_WORDS.passed} — ${say`performed both ways and held (${say`${words('one side')} ${'41°'}, ${words('the other side')} ${'43°'}`}); the video stayed intact`}`,
      ),
      { data: { cardId: 'c1', challenge: 'profile-turn', verdict: 'passed' } },
    ),
    ev(
      44_000,
      'question-marked',
      named(
        MARK_WORDS['answered-well'],
        say`${verbatim('What is the time where you are now?')}; ${say`local time ${say`matches the claimed time zone (${'14:02'} in ${'America/Chicago'})`}`}`,
      ),
      { data: { cardId: 'q1', questionId: 'tz-now', mark: 'answered-well' } },
    ),
    ev(50_100, 'face-lost', words('no face in the candidate video')),
    ev(56_000, 'face-found', words('one face in view')),
    ev(60_400, 'egress-blocked', say`${'connect-src'} blocked ${'https://odml.pa.googleapis.com/v1/log'}`),
    ev(66_000, 'flag-raised', named(words('Lip-sync'), lead), {
      signal: 'lipsync',
      evidenceFromMs: 61_500,
      confidence: 'medium',
    }),
    ev(86_000, 'flag-cleared', named(words('Lip-sync'), say`back in step (was: ${lead})`), {
      signal: 'lipsync',
    }),
  ];
  const start = Date.UTC(2026, 10, 24, 15, 0, 0);
  return {
    session: {
      id,
      platform: 'meet',
      pageHost: 'meet.google.com',
      startedAt: start,
      endedAt: start + 90_000,
      lastWrittenAt: start + 90_000,
      seconds: 90,
      modelVersion: 'face_landmarker float16/1',
      codeVersion: '0.1.0',
    },
    seconds,
    events,
  };
}
