/** Deterministic fake data for the dev page and UI tests: a 90 s session with a look-away and a face loss. */
import type { SecondRecord } from '../../../src/session/SecondRecord';
import type { SessionEvent, SessionRecord } from '../../../src/session/SessionRecord';
import { initialStatus, type LiveStatus } from '../../../src/status/LiveStatus';
import { CAPTURE_HINT } from '../../../src/status/selfCheck';
import { signalStrip } from '../../../src/status/signalStrip';
import { judgeability } from '../../../src/quality/judgeability';
import { SWAPS_NOT_DETECTED } from '../../../src/fusion/signalRows';

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
  reason: `no swap artefact seen, but ${SWAPS_NOT_DETECTED}`,
};

/** The strip rows of a call whose picture froze (a liveness doubt from the replay signal). */
const FROZEN_ROWS = {
  faceswap: QUIET_SWAP,
  liveness: {
    state: 'inconclusive' as const,
    reason:
      'Frozen or replayed feed: the picture froze for 4.2 s (identical frames) (high confidence) — next: ask the candidate to wave a hand across the face',
  },
};

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
        videoNote: 'Analysing: largest visible remote video',
        signals: signalStrip({
          facePresent: true,
          faceCount: 1,
          quality: steady(15, 220),
          lipsync: { state: 'no-concerns', reason: 'voice follows the mouth; audio lags video by 20 ms' },
        }),
        audio: { tracks: 1, note: null },
        candidateCard: { state: 'offered', summary: 'Alex Example · Austin, United States · Acme Cloud' },
        lipsync: {
          state: 'no-concerns',
          reason: 'voice follows the mouth; audio lags video by 20 ms',
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
        videoNote: 'Analysing: largest visible remote video',
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
        videoNote: 'Analysing: largest visible remote video',
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
        videoNote: 'Analysing: largest visible remote video',
        quality: steady(15, 220),
        signals: signalStrip({
          facePresent: true,
          faceCount: 1,
          quality: steady(15, 220),
          faceswap: QUIET_SWAP,
          lipsync: { state: 'no-concerns', reason: 'voice follows the mouth; audio lags video by 20 ms' },
          liveness: { state: 'no-concerns', reason: 'no frozen or replayed feed' },
        }),
        prompt: {
          card: {
            kind: 'challenge',
            id: 'challenge-random-phrase-3',
            challenge: 'random-phrase',
            text: 'Ask the candidate to read these words aloud: “amber lantern seven quietly orbit”',
            phrase: ['amber', 'lantern', 'seven', 'quietly', 'orbit'],
            why: 'Asked for by the interviewer.',
          },
          phase: 'confirm',
          askedAtMs: 120_000,
          deadlineMs: 140_000,
          result: {
            kind: 'random-phrase',
            verdict: 'passed',
            reasons: [
              'a reading began 1.4 s after the ask, after a pause, and lasted 2.6 s',
              'the mouth moved with the voice',
            ],
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
        videoNote: 'Analysing: largest visible remote video',
        quality: steady(15, 220),
        signals: signalStrip({
          facePresent: true,
          faceCount: 1,
          quality: steady(15, 220),
          faceswap: QUIET_SWAP,
          lipsync: { state: 'no-concerns', reason: 'voice follows the mouth; audio lags video by 20 ms' },
          liveness: { state: 'no-concerns', reason: 'no frozen or replayed feed' },
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
            why: 'Checks the claimed location against the clock.',
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
        videoNote: 'Analysing: largest visible remote video',
        signals: signalStrip({
          facePresent: true,
          faceCount: 1,
          quality: steady(15, 220),
          lipsync: {
            state: 'concerns',
            reason:
              'audio leads video by 240 ms for the last 20 s, confidence high (tolerance: 90 ms leading, 185 ms lagging)',
          },
        }),
        audio: { tracks: 1, note: null },
        lipsync: {
          state: 'concerns',
          reason:
            'audio leads video by 240 ms for the last 20 s, confidence high (tolerance: 90 ms leading, 185 ms lagging)',
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
        videoNote: 'Analysing: largest visible remote video',
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
        videoNote: 'Analysing: largest visible remote video',
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
        layoutNote: 'Zoom (web) layout recognised',
        videoNote: `Found: largest visible remote tile (drawn on a canvas) (460×259 on screen), but ${CAPTURE_HINT}`,
        audio: {
          tracks: 0,
          note: 'no candidate audio found on this page (its audio is not a media stream the extension can read)',
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
        layoutNote: 'Zoom (web) layout recognised',
        videoNote:
          'Analysing: largest visible remote tile (drawn on a canvas) (460×259 on screen), from the tab capture',
        signals: signalStrip({
          facePresent: true,
          faceCount: 1,
          quality: steady(14, 180),
          lipsync: {
            state: 'no-concerns',
            reason:
              'voice follows the mouth (measured audio leads video by 310 ms; through a tab capture the offset is not judged: sound and picture arrive with delays the extension cannot measure)',
          },
        }),
        audio: { tracks: 1, note: null },
      },
    },
    {
      label: 'Error',
      status: { ...base, phase: 'error', error: 'The face model failed to load: out of memory' },
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
  const events: SessionEvent[] = [
    { sessionId: id, tMs: 0, type: 'watch-start', detail: 'watching on Google Meet' },
    { sessionId: id, tMs: 120, type: 'video-picked', detail: 'largest visible remote video (1280×720)' },
    {
      sessionId: id,
      tMs: 30_000,
      type: 'challenge-asked',
      detail: 'Profile turn asked',
      data: { cardId: 'c1', challenge: 'profile-turn' },
    },
    {
      sessionId: id,
      tMs: 36_200,
      type: 'challenge-verdict',
      detail: 'Profile turn: passed — reached 41°, the face held its proportions',
      data: { cardId: 'c1', challenge: 'profile-turn', verdict: 'passed' },
    },
    {
      sessionId: id,
      tMs: 44_000,
      type: 'question-marked',
      detail:
        'Answered well: What is the time where you are now?; local time matches (14:02 in America/Chicago)',
      data: { cardId: 'q1', questionId: 'tz-now', mark: 'answered-well' },
    },
    { sessionId: id, tMs: 50_100, type: 'face-lost', detail: 'no face in the candidate video' },
    { sessionId: id, tMs: 56_000, type: 'face-found', detail: '1 face(s) in view' },
    {
      sessionId: id,
      tMs: 60_400,
      type: 'egress-blocked',
      detail: 'connect-src blocked https://odml.pa.googleapis.com/v1/log',
    },
    {
      sessionId: id,
      tMs: 66_000,
      type: 'flag-raised',
      detail:
        'Lip-sync: audio leads video by 240 ms for the last 4 s, confidence medium (tolerance: 90 ms leading, 185 ms lagging)',
      signal: 'lipsync',
      evidenceFromMs: 61_500,
      confidence: 'medium',
    },
    {
      sessionId: id,
      tMs: 86_000,
      type: 'flag-cleared',
      detail: 'Lip-sync: back in step',
      signal: 'lipsync',
    },
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
