import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { rng } from '../../helpers/rng';
import {
  newCaptureChannel,
  newNonce,
  parseAnalyzerToCapture,
  parseCaptureToAnalyzer,
  parseAnalyzerToContent,
  parseContentToAnalyzer,
  parseHandshake,
} from '../../../../extension/shared/protocol';
import type { LiveStatus } from '../../../../src/status/LiveStatus';
import {
  parseRuntimeMessage,
  type ReplyOf,
  type RequestOf,
} from '../../../../extension/shared/runtimeProtocol';
import { emptyFeatureFrame } from '../../../../src/features/FeatureFrame';
import { initialStatus } from '../../../../src/status/LiveStatus';
import { signalStrip } from '../../../../src/status/signalStrip';
import { judged } from '../../helpers/quality';
import defaultBank from '../../../../src/prompts/defaultBank.json';
import { parseQuestionBank } from '../../../../src/prompts/QuestionBank';
import { PromptEngine } from '../../../../src/prompts/PromptEngine';
import { EMPTY_CARD } from '../../../../src/prompts/CandidateCard';

// Node has no ImageBitmap; a stand-in class lets the validator's instanceof check run.
class FakeBitmap {
  constructor(
    public width: number,
    public height: number,
  ) {}
  close() {}
}
beforeAll(() => {
  (globalThis as { ImageBitmap?: unknown }).ImageBitmap = FakeBitmap;
});

function junk(r: () => number, depth = 0): unknown {
  const k = Math.floor(r() * 9);
  if (depth > 3) return r();
  switch (k) {
    case 0:
      return null;
    case 1:
      return r() * 1e6 - 5e5;
    case 2:
      return 'x'.repeat(Math.floor(r() * 3000));
    case 3:
      return [junk(r, depth + 1), junk(r, depth + 1)];
    case 4:
      return {
        kind: 'request',
        type: ['watch/start', 'analyzer/claim', 'log/write', 'content/watch'][Math.floor(r() * 4)],
        tabId: junk(r, depth + 1),
        nonce: junk(r, depth + 1),
        op: junk(r, depth + 1),
        on: junk(r, depth + 1),
      };
    case 5:
      return {
        type: ['frame', 'features', 'model', 'session/start', 'event'][Math.floor(r() * 5)],
        seq: junk(r, depth + 1),
        frame: junk(r, depth + 1),
        bitmap: junk(r, depth + 1),
      };
    case 6:
      return { kind: 'notice', type: 'status', status: junk(r, depth + 1) };
    case 7:
      return { ig: 'connect', nonce: junk(r, depth + 1) };
    default:
      return undefined;
  }
}

describe('runtime messages', () => {
  it('accepts well-formed requests and notices', () => {
    const nonce = newNonce();
    expect(nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(parseRuntimeMessage({ kind: 'request', type: 'watch/start', tabId: 4 })).toEqual({
      ok: true,
      msg: { kind: 'request', type: 'watch/start', tabId: 4 },
    });
    expect(parseRuntimeMessage({ kind: 'request', type: 'analyzer/claim', nonce }).ok).toBe(true);
    const status = {
      ...initialStatus('meet'),
      signals: signalStrip({
        facePresent: true,
        faceCount: 1,
        quality: judged({ faceHeightPx: 200, fps: 15 }),
      }),
    };
    expect(parseRuntimeMessage({ kind: 'notice', type: 'status', status }).ok).toBe(true);
  });

  it('rejects malformed and unknown messages with a reason', () => {
    expect(parseRuntimeMessage({ kind: 'request', type: 'watch/start', tabId: '4' })).toEqual({
      ok: false,
      error: 'watch/start: no tab id',
    });
    expect(parseRuntimeMessage({ kind: 'request', type: 'analyzer/claim', nonce: 'abc' })).toEqual({
      ok: false,
      error: 'analyzer/claim: malformed nonce',
    });
    expect(parseRuntimeMessage({ kind: 'request', type: 'watch/start' })).toMatchObject({ ok: false });
    expect(parseRuntimeMessage({ kind: 'request', type: 'log/drop-table' })).toMatchObject({ ok: false });
    expect(parseRuntimeMessage({ kind: 'notice', type: 'status', status: { phase: 'pwned' } })).toEqual({
      ok: false,
      error: 'malformed status',
    });
    expect(parseRuntimeMessage('{"kind":"request"}')).toEqual({ ok: false, error: 'not an object' });
  });

  it('ties each request to its reply type and keeps only the fields the request defines', () => {
    // Checked by tsc (npm run typecheck): a sender gets, and an answerer must give, the request's reply type.
    expectTypeOf<ReplyOf<'status/get'>>().toEqualTypeOf<LiveStatus | null>();
    expectTypeOf<ReplyOf<'candidate/set'>>().toEqualTypeOf<boolean>();
    expectTypeOf<RequestOf<'capture/stop'>>().toMatchTypeOf<{ type: 'capture/stop'; tabId: number }>();
    expect(parseRuntimeMessage({ kind: 'request', type: 'watch/start', tabId: 4, script: 'x' })).toEqual({
      ok: true,
      msg: { kind: 'request', type: 'watch/start', tabId: 4 },
    });
    for (const tabId of [Infinity, 1.5, NaN, null])
      expect(parseRuntimeMessage({ kind: 'request', type: 'status/get', tabId }).ok).toBe(false);
    // Names inherited from Object.prototype are not requests.
    expect(parseRuntimeMessage({ kind: 'request', type: 'toString' })).toEqual({
      ok: false,
      error: 'unknown request toString',
    });
  });

  it('carries the candidate card with its own fields only, and refuses a malformed one with its reason', () => {
    const card = {
      name: 'Alex Example',
      city: 'Austin',
      country: 'United States',
      timeZone: 'America/Chicago',
      employers: [{ name: 'Acme Cloud', role: 'engineer', from: '2021', to: 'present' }],
      schools: [],
    };
    expect(
      parseRuntimeMessage({ kind: 'request', type: 'candidate/set', card: { ...card, ssn: 'x' }, tabId: 3 }),
    ).toEqual({ ok: true, msg: { kind: 'request', type: 'candidate/set', card, tabId: 3 } });
    expect(parseRuntimeMessage({ kind: 'request', type: 'content/candidate', card: null })).toEqual({
      ok: true,
      msg: { kind: 'request', type: 'content/candidate', card: null },
    });
    expect(
      parseRuntimeMessage({
        kind: 'request',
        type: 'candidate/set',
        card: { ...card, timeZone: 'Mars/X' },
        tabId: null,
      }),
    ).toEqual({
      ok: false,
      error:
        'candidate/set: candidate card malformed: "Mars/X" is not a time zone name (use one like "America/Chicago").',
    });
    expect(parseRuntimeMessage({ kind: 'request', type: 'candidate/set', card, tabId: '3' })).toEqual({
      ok: false,
      error: 'candidate/set: no tab id',
    });
    const status = { ...initialStatus('meet'), candidateCard: { state: 'offered', summary: 'Alex' } };
    expect(parseRuntimeMessage({ kind: 'notice', type: 'status', status }).ok).toBe(true);
    const forged = { ...status, candidateCard: { state: 'approved', summary: 'Alex' } };
    expect(parseRuntimeMessage({ kind: 'notice', type: 'status', status: forged }).ok).toBe(false);
  });

  it('validates log writes field by field', () => {
    const record = {
      sessionId: 's',
      t: 3,
      frames: 15,
      faceFrames: 16,
      maxFaces: 1,
      yawDeg: 1,
      pitchDeg: 1,
      rollDeg: 1,
      mouthAperture: 0.1,
      mouthApertureStd: 0,
      eyeOpenness: 0.3,
      eyeOpennessMin: 0.2,
      faceHeightPx: 200,
      landmarkConfidence: 1,
      processingMs: 18,
    };
    expect(parseRuntimeMessage({ kind: 'request', type: 'log/write', op: { op: 'second', record } })).toEqual(
      {
        ok: false,
        error: 'log/write: second record has more face frames than frames',
      },
    );
    const fixed = { ...record, faceFrames: 15 };
    expect(
      parseRuntimeMessage({ kind: 'request', type: 'log/write', op: { op: 'second', record: fixed } }).ok,
    ).toBe(true);
    // Lip-sync fields are optional (older records lack them) but checked when present.
    const withSync = {
      ...fixed,
      avOffsetMs: -240,
      syncConfidence: 0.4,
      speechFraction: 0.6,
      lipSync: 'concerns',
    };
    expect(
      parseRuntimeMessage({ kind: 'request', type: 'log/write', op: { op: 'second', record: withSync } }).ok,
    ).toBe(true);
    expect(
      parseRuntimeMessage({
        kind: 'request',
        type: 'log/write',
        op: { op: 'second', record: { ...withSync, lipSync: 'liar' } },
      }),
    ).toEqual({ ok: false, error: 'log/write: second record field lipSync malformed' });
    const flag = {
      sessionId: 's',
      tMs: 12_000,
      type: 'flag-raised',
      detail: 'Lip-sync: audio leads video by 240 ms',
      signal: 'lipsync',
      evidenceFromMs: 6000,
      confidence: 'high',
    };
    expect(
      parseRuntimeMessage({ kind: 'request', type: 'log/write', op: { op: 'event', event: flag } }).ok,
    ).toBe(true);
    expect(
      parseRuntimeMessage({
        kind: 'request',
        type: 'log/write',
        op: { op: 'event', event: { ...flag, signal: 'honesty' } },
      }),
    ).toEqual({ ok: false, error: 'log/write: event signal malformed' });
    expect(
      parseRuntimeMessage({
        kind: 'request',
        type: 'log/write',
        op: { op: 'second', record: { ...fixed, yawDeg: 'NaN' } },
      }),
    ).toEqual({
      ok: false,
      error: 'log/write: second record field yawDeg malformed',
    });
  });

  it('never throws and never accepts junk (2000 fuzzed payloads)', () => {
    const r = rng(42);
    let accepted = 0;
    for (let i = 0; i < 2000; i++) {
      const v = junk(r);
      for (const parse of [
        parseRuntimeMessage,
        parseHandshake,
        parseContentToAnalyzer,
        parseAnalyzerToContent,
        parseCaptureToAnalyzer,
        parseAnalyzerToCapture,
      ]) {
        const res = parse(v);
        if (res.ok) accepted++;
      }
    }
    // Only payload shapes that are valid by construction may pass: e.g. a request with an integer tab id
    // generated by chance. None of the junk generators produces one, so nothing passes.
    expect(accepted).toBe(0);
  });
});

describe('port messages', () => {
  it('accepts a frame only with a real bitmap of a sane size', () => {
    const frame = {
      type: 'frame',
      seq: 1,
      timestampMs: 10,
      grabMs: 1,
      sourceHeightPx: 720,
      grabStartEpochMs: 1e12,
    };
    const ok = parseContentToAnalyzer({ ...frame, bitmap: new FakeBitmap(640, 360) });
    expect(ok.ok).toBe(true);
    expect(ok.ok && 'shownAtMs' in ok.msg).toBe(false);
    // When the frame was shown: kept when a number, refused when not finite or not a number.
    const shown = parseContentToAnalyzer({ ...frame, shownAtMs: 4.5, bitmap: new FakeBitmap(640, 360) });
    expect(shown.ok && shown.msg.type === 'frame' && shown.msg.shownAtMs).toBe(4.5);
    for (const shownAtMs of [Infinity, '4', null])
      expect(parseContentToAnalyzer({ ...frame, shownAtMs, bitmap: new FakeBitmap(640, 360) })).toEqual({
        ok: false,
        error: 'frame fields malformed',
      });
    // The face's region: kept when a part of the picture, refused otherwise.
    const region = { x: 0.25, y: 0.1, w: 0.3, h: 0.5 };
    const inRegion = parseContentToAnalyzer({ ...frame, region, bitmap: new FakeBitmap(256, 256) });
    expect(inRegion.ok && inRegion.msg.type === 'frame' && inRegion.msg.region).toEqual(region);
    for (const bad of [{ ...region, x: 0.9 }, { ...region, w: -1 }, 'whole', { x: 0, y: 0 }])
      expect(parseContentToAnalyzer({ ...frame, region: bad, bitmap: new FakeBitmap(256, 256) })).toEqual({
        ok: false,
        error: 'frame fields malformed',
      });
    expect(parseContentToAnalyzer({ ...frame, bitmap: { width: 640, height: 360 } })).toEqual({
      ok: false,
      error: 'frame without an ImageBitmap',
    });
    expect(parseContentToAnalyzer({ ...frame, bitmap: new FakeBitmap(10000, 10) })).toEqual({
      ok: false,
      error: 'frame size out of range',
    });
  });

  it('keeps only the fields a message defines, and refuses a model state with a malformed part', () => {
    const viewport = { w: 1280, h: 800 };
    const tile = { x: 1, y: 2, w: 3, h: 4, script: 'x' };
    expect(parseContentToAnalyzer({ type: 'capture', channel: null, tile, viewport, extra: 1 })).toEqual({
      ok: true,
      msg: { type: 'capture', channel: null, tile: { x: 1, y: 2, w: 3, h: 4 }, viewport },
    });
    expect(parseAnalyzerToContent({ type: 'model', state: 'ready', progress: 1 }).ok).toBe(true);
    const why = { en: 'no GPU', de: 'x' };
    expect(
      parseAnalyzerToContent({
        type: 'model',
        state: 'ready',
        progress: 1,
        delegate: { delegate: 'TPU', why },
      }),
    ).toEqual({ ok: false, error: 'model fields malformed' });
    expect(parseAnalyzerToContent({ type: 'model', state: 'ready', progress: 1, error: 7 }).ok).toBe(false);
    expect(parseContentToAnalyzer({ type: 'constructor' })).toEqual({
      ok: false,
      error: 'unknown port message constructor',
    });
  });

  it('a heartbeat carries only its sequence number', () => {
    expect(parseContentToAnalyzer({ type: 'ping', seq: 3, x: 1 })).toEqual({
      ok: true,
      msg: { type: 'ping', seq: 3 },
    });
    expect(parseAnalyzerToContent({ type: 'pong', seq: 3 })).toEqual({
      ok: true,
      msg: { type: 'pong', seq: 3 },
    });
    expect(parseContentToAnalyzer({ type: 'ping', seq: 'x' }).ok).toBe(false);
    expect(parseAnalyzerToContent({ type: 'pong', seq: 1.5 }).ok).toBe(false);
  });

  it('passes a refused log write on in bounded words, and nothing else of it', () => {
    const reason = 'This session was deleted from the log: nothing more is recorded for it.';
    expect(parseAnalyzerToContent({ type: 'log-failed', reason, extra: '<img>' })).toEqual({
      ok: true,
      msg: { type: 'log-failed', reason },
    });
    expect(parseAnalyzerToContent({ type: 'log-failed', reason: 'x'.repeat(513) })).toEqual({
      ok: false,
      error: 'log-failed malformed',
    });
    expect(parseAnalyzerToContent({ type: 'log-failed' }).ok).toBe(false);
  });

  it('accepts the face box with NaN fields (no face) and rejects missing or non-numeric ones', () => {
    const frame = emptyFeatureFrame();
    const face = {
      facePresent: frame.facePresent,
      bboxX: frame.bboxX,
      bboxY: frame.bboxY,
      bboxW: frame.bboxW,
      bboxH: frame.bboxH,
    };
    const features = { type: 'features', seq: 2, landmarkerMs: 18, analyzerMs: 19, pipelineMs: 22, face };
    expect(parseAnalyzerToContent(features).ok).toBe(true);
    const { bboxW: _drop, ...partial } = face;
    expect(parseAnalyzerToContent({ ...features, face: partial })).toEqual({
      ok: false,
      error: 'features fields malformed',
    });
    expect(parseAnalyzerToContent({ ...features, face: { ...face, bboxX: '0.3' } }).ok).toBe(false);
    expect(parseAnalyzerToContent({ ...features, face: { ...face, facePresent: 1 } }).ok).toBe(false);
  });

  it('accepts only handshakes with a well-formed nonce', () => {
    expect(parseHandshake({ ig: 'connect', nonce: newNonce() }).ok).toBe(true);
    expect(parseHandshake({ ig: 'connect', nonce: 'A'.repeat(32) }).ok).toBe(false);
  });

  it('accepts speech-envelope chunks only with plausible levels, and at most 10 s of them', () => {
    const ok = { type: 'audio', startMs: 1200, levelsDb: [-40, -38.5, -70] };
    expect(parseContentToAnalyzer(ok)).toEqual({ ok: true, msg: ok });
    expect(parseContentToAnalyzer({ ...ok, levelsDb: [] })).toEqual({
      ok: false,
      error: 'audio fields malformed',
    });
    expect(parseContentToAnalyzer({ ...ok, levelsDb: new Array(501).fill(-40) }).ok).toBe(false);
    expect(parseContentToAnalyzer({ ...ok, levelsDb: [-40, NaN] })).toEqual({
      ok: false,
      error: 'audio level out of range',
    });
    expect(parseContentToAnalyzer({ ...ok, levelsDb: [-40, 1e9] }).ok).toBe(false);
    expect(parseContentToAnalyzer({ ...ok, levelsDb: ['-40'] }).ok).toBe(false);
    expect(parseContentToAnalyzer({ ...ok, startMs: 'now' }).ok).toBe(false);
  });

  it('accepts the call’s sound only as finite samples at a browser’s rate, at most 2 s per message', () => {
    const samples = Float32Array.from({ length: 4800 }, (_, i) => Math.sin(i / 10) / 2);
    const ok = { type: 'sound', startMs: 1200, sampleRateHz: 48_000, samples };
    expect(parseContentToAnalyzer(ok)).toEqual({ ok: true, msg: ok });
    expect(parseCaptureToAnalyzer(ok)).toEqual({ ok: true, msg: ok });
    const bad = (over: object) => parseContentToAnalyzer({ ...ok, ...over });
    expect(bad({ samples: [0.1, 0.2] })).toEqual({ ok: false, error: 'sound without its samples' });
    expect(bad({ samples: new Float32Array(0) })).toEqual({ ok: false, error: 'sound fields malformed' });
    expect(bad({ samples: Float32Array.of(0.1, NaN) })).toEqual({
      ok: false,
      error: 'sound sample out of range',
    });
    expect(bad({ samples: Float32Array.of(0.1, 1e6) })).toEqual({
      ok: false,
      error: 'sound sample out of range',
    });
    expect(bad({ samples: new Float32Array(96_001) })).toEqual({
      ok: false,
      error: 'sound message too long',
    });
    expect(bad({ sampleRateHz: 1e6 }).ok).toBe(false);
    expect(bad({ sampleRateHz: 44_100.5 }).ok).toBe(false);
    expect(bad({ startMs: Infinity }).ok).toBe(false);
  });

  it('accepts the speech sub-bands only as SPEECH_BAND_COUNT plausible levels per slot', () => {
    const levelsDb = [-40, -38.5];
    const bandsDb = [-50, -45, -60, -51, -44, -61];
    const ok = { type: 'audio', startMs: 1200, levelsDb, bandsDb };
    expect(parseContentToAnalyzer(ok)).toEqual({ ok: true, msg: ok });
    expect(parseCaptureToAnalyzer(ok)).toEqual({ ok: true, msg: ok });
    // Sent without bands (undefined), the message has none.
    expect(parseContentToAnalyzer({ ...ok, bandsDb: undefined })).toEqual({
      ok: true,
      msg: { type: 'audio', startMs: 1200, levelsDb },
    });
    expect(parseContentToAnalyzer({ ...ok, bandsDb: bandsDb.slice(1) })).toEqual({
      ok: false,
      error: 'audio band levels malformed',
    });
    expect(parseContentToAnalyzer({ ...ok, bandsDb: 'loud' }).ok).toBe(false);
    expect(parseContentToAnalyzer({ ...ok, bandsDb: [...bandsDb.slice(1), NaN] })).toEqual({
      ok: false,
      error: 'audio band level out of range',
    });
    expect(parseContentToAnalyzer({ ...ok, bandsDb: [...bandsDb.slice(1), 1e9] }).ok).toBe(false);
  });

  /** A live view as the analyzer sends it: the strip built from a judged window and both readings. */
  const lipsync = {
    state: 'concerns',
    reason: 'audio leads video by 240 ms for the last 6 s, confidence medium',
    offsetMs: -238,
    windowOffsetMs: null,
    confidence: 0.4,
    speechFraction: 0.7,
    driftMsPerMin: null,
  } as const;
  const faceSignals = {
    faceswap: {
      state: 'no-concerns',
      reason: 'Blend boundary: face detail in keeping with its surroundings',
    },
    liveness: { state: 'inconclusive', reason: 'Frozen or replayed feed: the picture froze for 3.1 s' },
    frozen: true,
  } as const;
  const quality = judged();
  const rows = signalStrip({
    facePresent: true,
    faceCount: 1,
    quality,
    lipsync,
    faceswap: faceSignals.faceswap,
    liveness: faceSignals.liveness,
  });
  const signals = { type: 'signals', quality, lipsync, faceSignals, rows };

  it('accepts the live view the analyzer builds, and "not yet" for each reading', () => {
    expect(parseAnalyzerToContent(signals)).toEqual({ ok: true, msg: signals });
    const none = { type: 'signals', quality: null, lipsync: null, faceSignals: null, rows: [] };
    expect(parseAnalyzerToContent(none)).toEqual({ ok: true, msg: none });
  });

  it('rejects forged or malformed lip-sync readings in the live view', () => {
    const bad = (l: unknown) => parseAnalyzerToContent({ ...signals, lipsync: l }).ok;
    expect(bad({ ...lipsync, state: 'guilty' })).toBe(false);
    expect(bad({ ...lipsync, reason: 'x'.repeat(513) })).toBe(false);
    expect(bad({ ...lipsync, confidence: undefined })).toBe(false);
    // Numbers must be finite: a structured-clone port carries Infinity, which no reading can be.
    for (const x of [Infinity, -Infinity, NaN]) expect(bad({ ...lipsync, offsetMs: x })).toBe(false);
    const status = { ...initialStatus('meet'), elapsedS: Infinity };
    expect(parseRuntimeMessage({ kind: 'notice', type: 'status', status }).ok).toBe(false);
    expect(
      parseContentToAnalyzer({ type: 'event', event: 'observation', detail: 'x', timestampMs: Infinity }).ok,
    ).toBe(false);
  });

  it('rejects forged or malformed face-swap and liveness rows in the live view', () => {
    const bad = [
      { ...faceSignals, faceswap: { state: 'impostor', reason: 'x' } },
      { ...faceSignals, liveness: { state: 'concerns', reason: 'x'.repeat(1025) } },
      { ...faceSignals, frozen: 'yes' },
      { faceswap: faceSignals.faceswap, frozen: false },
    ];
    for (const v of bad) expect(parseAnalyzerToContent({ ...signals, faceSignals: v }).ok).toBe(false);
    expect(parseAnalyzerToContent({ ...signals, faceSignals: undefined }).ok).toBe(false);
  });

  it('rejects strip rows with an unknown signal or state, and more rows than a strip has', () => {
    const row = rows[0]!;
    for (const r of [
      { ...row, id: 'honesty' },
      { ...row, state: 'guilty' },
      { ...row, detail: 7 },
    ])
      expect(parseAnalyzerToContent({ ...signals, rows: [r] }).ok).toBe(false);
    expect(parseAnalyzerToContent({ ...signals, rows: Array(17).fill(row) }).ok).toBe(false);
  });
});

describe('the co-pilot across the port', () => {
  const start = {
    type: 'session/start',
    sessionId: 's',
    platform: 'meet',
    pageHost: 'meet.google.com',
    startMs: 10,
    pageTimeOrigin: 1.7e12,
    candidate: null,
    snapshots: false,
    bank: defaultBank,
  };

  it('a session starts with a question bank checked as an import is: a bank on a protected topic is refused', () => {
    expect(parseContentToAnalyzer(start).ok).toBe(true);
    const q = defaultBank.questions[0]!;
    const forbidden = { ...defaultBank, questions: [{ ...q, text: 'How old are you?' }] };
    const p = parseContentToAnalyzer({ ...start, bank: forbidden });
    expect(p.ok).toBe(false);
    expect(!p.ok && p.error).toMatch(/^question bank malformed: /);
    expect(parseContentToAnalyzer({ ...start, bank: undefined }).ok).toBe(false);
  });

  it('takes the interviewer’s intents with their fields only', () => {
    for (const m of [
      { type: 'prompt/asked', timestampMs: 5 },
      { type: 'prompt/skip', timestampMs: 5 },
      { type: 'prompt/mark', mark: 'evasive', note: 'n', statedTime: '', timestampMs: 5 },
      { type: 'prompt/challenge', kind: 'hand-pass', timestampMs: 5 },
      { type: 'prompt/confirm', said: true },
    ])
      expect(parseContentToAnalyzer(m)).toEqual({ ok: true, msg: m });
    for (const m of [
      { type: 'prompt/asked', timestampMs: Infinity },
      { type: 'prompt/mark', mark: 'liar', note: '', statedTime: '', timestampMs: 5 },
      { type: 'prompt/mark', mark: 'evasive', note: 'x'.repeat(601), statedTime: '', timestampMs: 5 },
      { type: 'prompt/challenge', kind: 'blood-test', timestampMs: 5 },
      { type: 'prompt/confirm', said: 'yes' },
      { type: 'challenge/start', id: 'c', kind: 'hand-pass', timestampMs: 5 },
    ])
      expect(parseContentToAnalyzer(m).ok, JSON.stringify(m).slice(0, 80)).toBe(false);
  });

  it('shows the card the session sends, and refuses a forged one', () => {
    const none = { type: 'prompt', view: null, history: [] };
    expect(parseAnalyzerToContent(none)).toEqual({ ok: true, msg: none });
    // A card as the co-pilot makes one.
    const bank = parseQuestionBank(defaultBank);
    if (!bank.ok) throw new Error(bank.error);
    const card = new PromptEngine(bank.bank, EMPTY_CARD, rng(3)).challenge('hand-pass', 10);
    const view = { card, phase: 'asked', askedAtMs: 10, deadlineMs: 20_010, result: null };
    const history = [{ label: 'Profile turn', outcome: 'passed', atMs: 5 }];
    const p = parseAnalyzerToContent({ type: 'prompt', view, history });
    expect(p.ok, !p.ok ? p.error : '').toBe(true);
    expect(parseAnalyzerToContent({ type: 'prompt', view: { ...view, phase: 'accused' }, history }).ok).toBe(
      false,
    );
    expect(parseAnalyzerToContent({ type: 'prompt', view, history: Array(13).fill(history[0]) }).ok).toBe(
      false,
    );
  });
});

describe('tab capture messages', () => {
  const channel = newCaptureChannel();
  const tile = { x: 18, y: 8, w: 1244, h: 700 };
  const viewport = { w: 1280, h: 800 };

  it('accepts the capture requests with a well-formed channel and stream id only', () => {
    expect(parseRuntimeMessage({ kind: 'request', type: 'capture/start', tabId: 7 })).toEqual({
      ok: true,
      msg: { kind: 'request', type: 'capture/start', tabId: 7 },
    });
    expect(parseRuntimeMessage({ kind: 'request', type: 'content/capture', channel }).ok).toBe(true);
    expect(parseRuntimeMessage({ kind: 'request', type: 'content/capture', channel: null }).ok).toBe(true);
    // A page-chosen name could join another channel: only ig-capture-<32 hex> is a channel.
    expect(
      parseRuntimeMessage({ kind: 'request', type: 'content/capture', channel: 'ig-capture-x' }),
    ).toEqual({
      ok: false,
      error: 'content/capture: malformed capture channel',
    });
    const start = { kind: 'request', type: 'offscreen/start', tabId: 7, streamId: 'abc123', channel };
    expect(parseRuntimeMessage(start).ok).toBe(true);
    expect(parseRuntimeMessage({ ...start, streamId: '' }).ok).toBe(false);
    expect(parseRuntimeMessage({ ...start, channel: 'other' }).ok).toBe(false);
    expect(
      parseRuntimeMessage({ kind: 'request', type: 'capture/ended', tabId: 7, reason: 'x'.repeat(600) }).ok,
    ).toBe(false);
  });

  it('accepts where the tile is only as finite, sane numbers', () => {
    expect(parseContentToAnalyzer({ type: 'capture', channel, tile, viewport })).toEqual({
      ok: true,
      msg: { type: 'capture', channel, tile, viewport },
    });
    expect(
      parseContentToAnalyzer({ type: 'capture', channel: null, tile: null, viewport: { w: 0, h: 0 } }).ok,
    ).toBe(true);
    for (const bad of [
      { ...tile, w: -1 },
      { ...tile, x: Infinity },
      { ...tile, h: '700' },
      { x: 1, y: 2 },
    ])
      expect(parseContentToAnalyzer({ type: 'capture', channel, tile: bad, viewport }).ok).toBe(false);
    const pull = { type: 'pull', doneSeq: 3, tile, viewport, pageTimeOrigin: 1.7e12 };
    expect(parseAnalyzerToCapture(pull)).toEqual({ ok: true, msg: pull });
    expect(parseAnalyzerToCapture({ ...pull, doneSeq: 1.5 }).ok).toBe(false);
    expect(parseAnalyzerToCapture({ ...pull, pageTimeOrigin: NaN }).ok).toBe(false);
  });

  it('lets the capture channel carry frames, audio and its status, and nothing else', () => {
    const frame = {
      type: 'frame',
      seq: 1,
      timestampMs: 10,
      grabMs: 1,
      sourceHeightPx: 700,
      grabStartEpochMs: 1e12,
      bitmap: new FakeBitmap(640, 360),
    };
    expect(parseCaptureToAnalyzer(frame).ok).toBe(true);
    expect(parseCaptureToAnalyzer({ type: 'audio', startMs: 0, levelsDb: [-40, -38] }).ok).toBe(true);
    const status = {
      type: 'capture-status',
      audioTracks: 1,
      playback: 'running',
      frameWidth: 1280,
      frameHeight: 800,
      captureFps: 24.5,
      note: null,
    };
    expect(parseCaptureToAnalyzer(status)).toEqual({ ok: true, msg: status });
    expect(parseCaptureToAnalyzer({ ...status, playback: 'loud' }).ok).toBe(false);
    // A capture cannot start sessions, write events or ask challenges: those come from the tab's own port.
    expect(parseCaptureToAnalyzer({ type: 'session/end' })).toEqual({
      ok: false,
      error: 'unknown capture message session/end',
    });
    expect(parseAnalyzerToContent({ type: 'capture-status', status }).ok).toBe(true);
    expect(
      parseAnalyzerToContent({ type: 'capture-status', status: { ...status, audioTracks: -1 } }).ok,
    ).toBe(false);
  });
});
