import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AnalysisSession,
  type SessionSink,
  type SessionWrite,
  type SignalsView,
} from '../../../../src/session/AnalysisSession';
import type { ComparesFaces } from '../../../../src/challenges/FaceCheck';
import { EMPTY_CARD } from '../../../../src/prompts/CandidateCard';
import type { PromptOutcome, PromptView } from '../../../../src/prompts/PromptFlow';
import { parseQuestionBank, type QuestionBank } from '../../../../src/prompts/QuestionBank';
import defaultBank from '../../../../src/prompts/defaultBank.json';
import { rng } from '../../helpers/rng';
import { MOUTH_FEATURES } from '../../../../src/lipsync/visemeMouthMap';
import { english, type Phrase } from '../../../../src/text/Phrase';
import { visualFrame, type VisualOverrides } from '../../helpers/visualFrames';

/**
 * The anchor recorded on the demo call (test/fixtures/lipsync-mix-traces.json, see its note): his
 * mouth per analysed frame [t, aperture, mouth motion, usable] and 20 ms speech levels, and the
 * voices of three other speakers from the same runs.
 */
const mix = JSON.parse(
  readFileSync(new URL('../../../fixtures/lipsync-mix-traces.json', import.meta.url), 'utf8'),
) as {
  anchor: {
    frames: [number, number | null, number | null, number][];
    audio: [number, number[], number[]?][];
  };
  otherVoices: Record<string, [number, number[], number[]?][]>;
};

/** Everything a session sent out, in order. */
class Recorder implements SessionSink {
  writes: SessionWrite[] = [];
  views: SignalsView[] = [];
  prompts: { view: PromptView | null; history: readonly PromptOutcome[] }[] = [];
  /** Challenges fed face crops now, by card id. */
  faces = new Map<string, ComparesFaces>();
  snapshots: { source: string; reason: Phrase }[] = [];
  write(w: SessionWrite): void {
    this.writes.push(w);
  }
  view(v: SignalsView): void {
    this.views.push(v);
  }
  prompt(view: PromptView | null, history: readonly PromptOutcome[]): void {
    this.prompts.push({ view, history });
  }
  compareFaces(id: string, v: ComparesFaces | null): void {
    if (v) this.faces.set(id, v);
    else this.faces.delete(id);
  }
  snapshot(source: string, reason: Phrase): void {
    this.snapshots.push({ source, reason });
  }
  events() {
    return this.writes.flatMap((w) => (w.op === 'event' ? [w.event] : []));
  }
  seconds() {
    return this.writes.flatMap((w) => (w.op === 'second' ? [w.record] : []));
  }
  row(id: string) {
    return this.views.at(-1)?.rows.find((r) => r.id === id);
  }
}

const START_MS = 1000;
const parsed = parseQuestionBank(defaultBank);
if (!parsed.ok) throw new Error(parsed.error);
const BANK: QuestionBank = parsed.bank;
/** A session as the analyzer starts one, with a seeded random source for the co-pilot. */
const newSession = (out: Recorder, id = 's-1') =>
  new AnalysisSession(id, out, { startMs: START_MS, bank: BANK, candidate: EMPTY_CARD, random: rng(7) });
const noShape = new Float64Array(MOUTH_FEATURES.length);

/**
 * Replays the anchor's recorded frames (a genuine-looking face around his recorded mouth) with
 * recorded speech through a session, as the analyzer feeds it: audio up to 100 ms past each frame.
 */
function replay(
  audio: [number, number[], number[]?][],
  opts: {
    at?: (tMs: number) => VisualOverrides;
    beforeFrame?: (s: AnalysisSession, tMs: number) => void;
  } = {},
): { session: AnalysisSession; out: Recorder; endWrites: SessionWrite[] } {
  const out = new Recorder();
  const session = newSession(out);
  let a = 0;
  for (const [t0, m, v, u] of mix.anchor.frames) {
    const t = t0 + START_MS;
    while (a < audio.length && audio[a]![0] + START_MS <= t + 100) {
      session.addAudio(audio[a]![0] + START_MS, audio[a]![1], audio[a]![2]);
      a++;
    }
    opts.beforeFrame?.(session, t);
    const o = opts.at?.(t - START_MS) ?? {};
    const visual = visualFrame(t, {
      ...o,
      feature: { mouthAperture: m ?? NaN, mouthMotion: v ?? NaN, ...o.feature },
    });
    session.addFrame({
      visual,
      shownMs: t,
      mouthReadable: u === 1,
      mouthShape: noShape,
      mouthShapeSeen: false,
      detail: { shape: visual.motion, look: visual.pixels },
    });
  }
  return { session, out, endWrites: session.end() };
}

describe('AnalysisSession on a recorded call (real face movement, real voice)', () => {
  it('the anchor with his own voice: a record for every second, no flag, the strip in step with the log', () => {
    const { out, endWrites } = replay(mix.anchor.audio);
    const lastFrameS = Math.floor(mix.anchor.frames.at(-1)![0] / 1000);
    const seconds = [...out.seconds(), ...endWrites.flatMap((w) => (w.op === 'second' ? [w.record] : []))];
    expect(seconds.map((r) => r.t)).toEqual(Array.from({ length: lastFrameS + 1 }, (_, i) => i));
    expect(out.events().filter((e) => e.type === 'flag-raised')).toEqual([]);
    expect(out.snapshots).toEqual([]);
    // The seconds after the first evaluations carry its readings, as the strip shows them.
    expect(seconds.at(-1)!.lipSync).toBe('no-concerns');
    expect(out.row('lipsync')?.state).toBe('no-concerns');
    expect(out.row('face')?.state).toBe('no-concerns');
    expect(out.views.at(-1)!.lipsync?.state).toBe('no-concerns');
    const overall = endWrites.at(-1);
    expect(overall?.op).toBe('overall');
    expect(overall?.op === 'overall' && overall.overall.state).not.toBe('concerns');
  });

  it('his mouth with another voice (pcavs 00086): one lip-sync flag, with its evidence, snapshot and overall state', () => {
    const { out, endWrites } = replay(mix.otherVoices['pcavs 00086 (man)']!);
    const flags = out.events().filter((e) => e.type === 'flag-raised');
    expect(flags.map((e) => e.signal)).toEqual(['lipsync']);
    const f = flags[0]!;
    expect(f.detail).toMatch(/^Lip-sync: /);
    expect(f.evidenceFromMs).toBeGreaterThanOrEqual(0);
    expect(f.evidenceFromMs).toBeLessThan(f.tMs);
    expect(out.snapshots.map((s) => s.source)).toEqual(['lipsync']);
    expect(english(out.snapshots[0]!.reason)).toBe(f.detail);
    // The overall state moved when the flag was logged, and one signal alone is never "concerns".
    const overallWrites = out.writes.flatMap((w) => (w.op === 'overall' ? [w.overall] : []));
    expect(overallWrites.length).toBeGreaterThan(0);
    const final = endWrites.find((w) => w.op === 'overall');
    expect(final?.op === 'overall' && final.overall.state).toBe('inconclusive');
    expect(final?.op === 'overall' && final.overall.reasons.join(' ')).toMatch(/Lip-sync/);
    // The strip's lip-sync row says what the flag says, at the moment it was raised.
    const raisedAt = out.views.findIndex((v) => v.rows.find((r) => r.id === 'lipsync')?.state === 'concerns');
    expect(raisedAt).toBeGreaterThan(0);
  });

  it('a face too small to judge: every signal says "cannot judge", and no flag is raised even with another voice', () => {
    const small = { feature: { faceHeightPx: 40, bboxH: 0.08, bboxW: 0.06 } };
    const { out } = replay(mix.otherVoices['pcavs 00086 (man)']!, { at: () => small });
    expect(out.events().filter((e) => e.type === 'flag-raised')).toEqual([]);
    for (const id of ['quality', 'lipsync', 'faceswap', 'liveness'])
      expect(out.row(id)?.state, id).toBe('cannot-judge');
    expect(out.seconds().at(-1)!.lipSync).toBe('cannot-judge');
  });
});

describe('AnalysisSession challenges and the interviewer’s events', () => {
  /** Yaw for a profile turn to 50° each way, held 2 s, starting `fromMs` into the call. */
  const turn = (fromMs: number) => (t: number) => {
    const x = t - fromMs;
    if (x < 500 || x > 6700) return 2;
    if (x < 1200) return (50 * (x - 500)) / 700;
    if (x < 3200) return 50;
    if (x < 4600) return 50 - (100 * (x - 3200)) / 1400;
    if (x < 6000) return -50;
    return -50 + (50 * (x - 6000)) / 700;
  };

  it('a profile turn the interviewer asks for mid-call is verified from the frames that follow, shown on its card and logged with it', () => {
    let asked = false;
    const { out } = replay(mix.anchor.audio, {
      at: (t) => ({ feature: { yawDeg: turn(3000)(t) } }),
      beforeFrame: (s, t) => {
        if (!asked && t >= START_MS + 3000) {
          asked = true;
          s.requestChallenge('profile-turn', t - 200);
          expect(s.prompt?.phase).toBe('suggested');
          s.asked(t);
        }
      },
    });
    // No agreement to the notice: no face comparison, and the verdict says why.
    expect(out.faces.size).toBe(0);
    const card = out.prompts.find((p) => p.view?.phase === 'verdict')?.view;
    expect(card?.card.kind).toBe('challenge');
    expect(card?.result?.verdict).toBe('passed');
    const askedEvent = out.events().find((e) => e.type === 'challenge-asked');
    // Logged at the interviewer's press: the first frame at 3 s or after (frames are about 70 ms apart).
    expect(askedEvent!.tMs).toBeGreaterThanOrEqual(3000);
    expect(askedEvent!.tMs).toBeLessThan(3100);
    expect(askedEvent?.data).toMatchObject({ cardId: card!.card.id, challenge: 'profile-turn' });
    const logged = out.events().filter((e) => e.type === 'challenge-verdict');
    expect(logged).toHaveLength(1);
    expect(logged[0]!.data).toMatchObject({
      cardId: card!.card.id,
      challenge: 'profile-turn',
      verdict: 'passed',
    });
    expect(logged[0]!.detail).toMatch(/agreement to the notice was not confirmed/);
  });

  it('once the interviewer logs the candidate’s agreement, a challenge that compares faces gets face crops until it is skipped', () => {
    const out = new Recorder();
    const s = newSession(out, 's-2');
    s.requestChallenge('profile-turn', START_MS + 100);
    s.asked(START_MS + 150);
    expect(out.faces.size).toBe(0);
    s.skip(START_MS + 180);
    s.note(
      { type: 'consent-confirmed', detail: 'the interviewer confirmed that the candidate agreed' },
      START_MS + 200,
    );
    s.requestChallenge('look-up-down', START_MS + 300);
    s.asked(START_MS + 350);
    const id = s.prompt!.card.id;
    expect([...out.faces.keys()]).toEqual([id]);
    s.skip(START_MS + 400);
    expect(out.faces.size).toBe(0);
    expect(s.prompt).toBeNull();
    // A challenge that compares no faces never gets crops.
    s.requestChallenge('random-phrase', START_MS + 500);
    s.asked(START_MS + 550);
    expect(out.faces.size).toBe(0);
    expect(out.events().map((e) => [e.type, e.tMs])).toEqual([
      ['challenge-asked', 150],
      ['prompt-skipped', 180],
      ['consent-confirmed', 200],
      ['challenge-asked', 350],
      ['prompt-skipped', 400],
      ['challenge-asked', 550],
    ]);
  });

  it('after the end nothing more is written, and the end is said once', () => {
    const { session, out } = replay(mix.anchor.audio);
    const n = out.writes.length;
    session.note({ type: 'observation', detail: 'late' }, START_MS + 99_000);
    expect(out.writes).toHaveLength(n);
    expect(session.end()).toEqual([]);
  });
});
