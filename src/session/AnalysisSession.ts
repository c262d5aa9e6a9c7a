import type { FeatureFrame } from '../features/FeatureFrame';
import type { VisualFrame } from '../signals/VisualFrame';
import { FaceSignals } from '../fusion/FaceSignals';
import type { FusionResult } from '../fusion/FaceRiskFusion';
import { signalRows, type RowState } from '../fusion/signalRows';
import { FACE_SIGNAL_WORDS, readingWords } from '../signals/SignalReading';
import { LipSyncTracker } from '../lipsync/LipSyncTracker';
import type { LipSyncReading } from '../lipsync/LipSyncReading';
import { lipSyncView } from '../lipsync/lipSyncView';
import { VisemeClassifier, type parseVisemeModel } from '../audio/VisemeClassifier';
import {
  CHALLENGE_WORDS,
  VERDICT_WORDS,
  type ChallengeKind,
  type ChallengeVerifier,
  type FrameDetail,
} from '../challenges/Challenge';
import { createVerifier } from '../challenges/createVerifier';
import { comparesFaces, type ComparesFaces } from '../challenges/FaceCheck';
import { RandomPhraseVerifier } from '../challenges/RandomPhraseVerifier';
import type { Judgeability } from '../quality/judgeability';
import { PromptEngine, type EngineSignals } from '../prompts/PromptEngine';
import { PromptFlow, type PromptOutcome, type PromptView, type QuestionMark } from '../prompts/PromptFlow';
import type { CandidateCard } from '../prompts/CandidateCard';
import type { QuestionBank } from '../prompts/QuestionBank';
import { mostRowsCannotJudge } from '../status/headline';
import { signalStrip } from '../status/signalStrip';
import { SignalHold } from '../status/SignalHold';
import type { FaceSignalsView, LipSyncView, SignalView } from '../status/LiveStatus';
import { english, joined, named, say, words, type Phrase } from '../text/Phrase';
import { isWithdrawal, overallState } from './overallState';
import type { Overall } from './Overall';
import type { SecondRecord } from './SecondRecord';
import { SecondSummarizer } from './SecondSummarizer';
import type { SessionEvent } from './SessionRecord';

/** What a session writes to its log: a second, an event, or the overall state when it changed. */
export type SessionWrite =
  | { op: 'second'; record: SecondRecord }
  | { op: 'event'; event: SessionEvent }
  | { op: 'overall'; overall: Overall };

/** The live judgement as the overlay shows it: the strip's rows and the readings behind them. */
export interface SignalsView {
  quality: Judgeability | null;
  lipsync: LipSyncView | null;
  faceSignals: FaceSignalsView | null;
  rows: SignalView[];
}

/** Where a session's results go (the analyzer: the log, the content script, the snapshot budget). */
export interface SessionSink {
  write(w: SessionWrite): void;
  /** The strip changed or was re-evaluated (at most every `stripEveryMs`, and at each evaluation). */
  view(v: SignalsView): void;
  /** The card on screen and the cards done (the verification co-pilot's view). */
  prompt(view: PromptView | null, history: readonly PromptOutcome[]): void;
  /**
   * A challenge that compares faces, asked with the candidate's agreement: feed it face crops
   * (`ComparesFaces`) until it is decided or cancelled (null).
   */
  compareFaces(id: string, verifier: ComparesFaces | null): void;
  /** A moment worth an evidence snapshot (kept only if the interviewer turned snapshots on). */
  snapshot(source: string, reason: Phrase): void;
  /** The evaluation trace (`npm run eval:lipsync`): called only while `tracing()` says so. */
  trace?(entry: unknown): void;
  tracing?(): boolean;
}

export interface AnalysisSessionOptions {
  /** Session start, on the clock of the frames' timestamps, ms. */
  startMs: number;
  /** The questions the co-pilot draws from, and this call's candidate card (EMPTY_CARD: none). */
  bank: QuestionBank;
  candidate: CandidateCard;
  /** Uniform numbers in [0, 1) for the co-pilot's picks: a CSPRNG, so a candidate cannot predict the next card. */
  random: () => number;
  /** Whether lip-sync judges the audio/video offset (not through a tab capture). Default true. */
  judgeOffset?: boolean;
  /** How often quality, lip-sync and the face signals are evaluated, ms. Default 1000. */
  evaluateEveryMs?: number;
  /** How often the strip is rebuilt between evaluations (and whenever the face comes or goes), ms. Default 500. */
  stripEveryMs?: number;
  /** At most this many challenges at once (a bug must not grow the map). Default 4. */
  maxChallenges?: number;
  /** The clock the viseme classifier's cost is measured on, ms. Default `performance.now`. */
  clockMs?: () => number;
}

/** One analysed frame: its features, what the face signals see, and the visible mouth. */
export interface AnalysedFrame {
  /** The frame's features and pixel statistics (`visual.feature` is the frame; reused records). */
  visual: VisualFrame;
  /** When the frame was on screen (else grabbed), page clock, ms: lip-sync is about what was shown. */
  shownMs: number;
  /** Whether the mouth can be read (lip-sync's gate) and its shape (`mouthFeatures`), if seen. */
  mouthReadable: boolean;
  mouthShape: ArrayLike<number>;
  mouthShapeSeen: boolean;
  /** What challenges see besides the features (null: no face). */
  detail: FrameDetail | null;
}

const LIPSYNC = words('Lip-sync');
const r3 = (x: number) => Math.round(x * 1000) / 1000;
/** A row's state as the log keeps it ('not measured' is kept as null). */
const shownState = (s: RowState): SecondRecord['lipSync'] => (s === 'not-measured' ? null : s);

/**
 * One watched call, from frames and sound to what the log keeps and the overlay shows: the
 * evaluation cadence, the quality authority's judgement that every signal follows, lip-sync, the
 * face-swap and liveness signals, the challenges in progress, one record per second, the events
 * (flags raised and cleared, verdicts, the interviewer's own), the overall state, and the strip.
 * It runs wherever frames are analysed; what it decides leaves through its {@link SessionSink}.
 */
export class AnalysisSession {
  private readonly startMs: number;
  private readonly evaluateEveryMs: number;
  private readonly stripEveryMs: number;
  private readonly maxChallenges: number;
  private readonly clockMs: () => number;
  private readonly summarizer: SecondSummarizer;
  private readonly lipsync: LipSyncTracker;
  private readonly face: FaceSignals;
  private readonly hold = new SignalHold();
  private visemes: VisemeClassifier | null = null;
  /** The classifier's cost: time spent in it, and the sound it was given, ms. */
  private readonly visemeCost = { spentMs: 0, soundMs: 0 };
  private lastEvalMs: number;
  /** Display time of the last frame given to lip-sync, ms (a frame grabbed twice counts once). */
  private lastLipFrameMs = -Infinity;
  private lastFace: boolean | null = null;
  private lastReading: LipSyncReading | null = null;
  private lastMouthWithoutVoice = false;
  private lastFusion: FusionResult | null = null;
  private quality: Judgeability | null = null;
  private lipsyncView: LipSyncView | null = null;
  private faceView: FaceSignalsView | null = null;
  private stripFace: Pick<FeatureFrame, 'facePresent' | 'faceCount'> | null = null;
  private lastStripMs = -Infinity;
  /** The rows last shown (the co-pilot escalates on what the interviewer sees). */
  private shownRows: SignalView[] = [];
  /** Challenges asked and not yet decided, by card id; those now waiting for the interviewer's word. */
  private readonly challenges = new Map<string, ChallengeVerifier>();
  private readonly awaiting = new Set<string>();
  /** Whether the interviewer confirmed the candidate agreed to the notice: faces are compared only then. */
  private consent = false;
  /** What the overall state is computed from: every second, and the flags and verdicts. */
  private readonly seconds: SecondRecord[] = [];
  private readonly keyEvents: SessionEvent[] = [];
  private lastOverall = '';
  private ended = false;
  /** The verification co-pilot: one card at a time, its challenges verified here. */
  private readonly prompts: PromptFlow;
  /** The time of the interviewer's latest action, for what the co-pilot logs of it, ms. */
  private actionMs: number;

  constructor(
    readonly id: string,
    private readonly sink: SessionSink,
    opts: AnalysisSessionOptions,
  ) {
    this.startMs = opts.startMs;
    this.evaluateEveryMs = opts.evaluateEveryMs ?? 1000;
    this.stripEveryMs = opts.stripEveryMs ?? 500;
    this.maxChallenges = opts.maxChallenges ?? 4;
    this.clockMs = opts.clockMs ?? (() => performance.now());
    this.lastEvalMs = opts.startMs;
    this.summarizer = new SecondSummarizer(id, opts.startMs);
    this.lipsync = new LipSyncTracker({ judgeOffset: opts.judgeOffset ?? true });
    this.face = new FaceSignals(opts.startMs);
    this.actionMs = opts.startMs;
    this.prompts = new PromptFlow(
      new PromptEngine(opts.bank, opts.candidate, opts.random),
      {
        log: (type, said, data) => this.log(this.actionMs - this.startMs, { type, words: said, data }),
        startChallenge: (card, atMs) => this.startChallenge(card.id, card.challenge, atMs),
        cancelChallenge: (id) => this.cancelChallenge(id),
        confirmChallenge: (id, said) => this.confirmChallenge(id, said),
        show: (view, history) => this.sink.prompt(view, history),
      },
      opts.candidate,
    );
  }

  /** The viseme model is in: the call's sound now feeds lip-sync's mouth-shape cue. */
  useVisemeModel(model: ReturnType<typeof parseVisemeModel>): void {
    this.visemes ??= new VisemeClassifier(model, (tMs, p) => {
      this.lipsync.addVisemes(tMs, p);
      if (this.tracing())
        this.trace({ k: 'vis', t: tMs, p: Array.from(p, (x) => Math.round(x * 1e4) / 1e4) });
    });
  }

  /** Through a tab capture, picture and sound arrive by paths of unknown delay: the offset is not judged. */
  setJudgeOffset(on: boolean): void {
    this.lipsync.setJudgeOffset(on);
  }

  /** One analysed frame, in order of their timestamps. */
  addFrame(f: AnalysedFrame): void {
    const frame = f.visual.feature;
    const tMs = frame.timestampMs;
    this.face.add(f.visual);
    if (f.shownMs > this.lastLipFrameMs) {
      this.lastLipFrameMs = f.shownMs;
      this.lipsync.addFrame(f.shownMs, frame.mouthAperture, f.mouthReadable, frame.mouthMotion);
      this.lipsync.addMouthShape(f.shownMs, f.mouthShape, f.mouthReadable && f.mouthShapeSeen);
    }
    if (tMs - this.lastEvalMs >= this.evaluateEveryMs) this.evaluate(tMs);
    this.verifyChallenges(tMs, frame, f.detail);
    this.record(frame);
    if (
      !this.stripFace ||
      this.stripFace.facePresent !== frame.facePresent ||
      tMs - this.lastStripMs > this.stripEveryMs
    )
      this.showStrip(tMs, frame);
  }

  /** The candidate's speech envelope (20 ms levels, dBFS, and optionally their sub-bands). */
  addAudio(startMs: number, levelsDb: ArrayLike<number>, bandsDb?: ArrayLike<number>): void {
    this.lipsync.addAudio(startMs, levelsDb, bandsDb);
    for (const v of this.challenges.values())
      if (v instanceof RandomPhraseVerifier) v.addAudio(startMs, levelsDb);
  }

  /** The call's sound, to the viseme classifier (never kept); ignored until its model is in. */
  addSound(startMs: number, samples: Float32Array, sampleRateHz: number): void {
    if (!this.visemes) return;
    const t0 = this.clockMs();
    this.visemes.add(startMs, samples, sampleRateHz);
    this.visemeCost.spentMs += this.clockMs() - t0;
    this.visemeCost.soundMs += (samples.length * 1000) / sampleRateHz;
  }

  /**
   * An event the interviewer's side logged (notice, consent, a card, the video picked…), at `atMs`
   * on the frames' clock. Consent, once given, lets later challenges compare faces.
   */
  note(event: Omit<SessionEvent, 'sessionId' | 'tMs'>, atMs: number): void {
    if (event.type === 'consent-confirmed') this.consent = true;
    this.write({ ...event, sessionId: this.id, tMs: atMs - this.startMs });
  }

  // ---------- the interviewer's intents (times on the frames' clock, ms) ----------

  /** Every few seconds: the co-pilot offers the next card when none is on screen (or an escalation). */
  tick(nowMs: number): void {
    this.prompts.tick(nowMs, this.engineSignals());
  }

  /** The interviewer asked the card on screen. */
  asked(nowMs: number): void {
    this.actionMs = nowMs;
    this.prompts.asked(nowMs);
  }

  /** The interviewer skipped the card on screen (or cancelled its challenge). */
  skip(nowMs: number): void {
    this.actionMs = nowMs;
    this.prompts.skip(nowMs);
  }

  /** The interviewer's mark for the question asked (and the local time the candidate stated). */
  mark(mark: QuestionMark, note: string, nowMs: number, statedTime = ''): void {
    this.actionMs = nowMs;
    this.prompts.mark(mark, note, nowMs, statedTime);
  }

  /** The interviewer wants this challenge now. */
  requestChallenge(kind: ChallengeKind, nowMs: number): void {
    this.actionMs = nowMs;
    this.prompts.requestChallenge(kind, nowMs);
  }

  /** The interviewer's word on the challenge that asks for it (were the words read?). */
  confirm(said: boolean): void {
    this.prompts.confirm(said);
  }

  /** This call's candidate card from now on (EMPTY_CARD: none). */
  setCandidate(card: CandidateCard): void {
    this.prompts.setCandidate(card);
  }

  /** The card on screen, if any. */
  get prompt(): PromptView | null {
    return this.prompts.current;
  }

  /**
   * The call ends: the second in progress and the final overall state, for the caller to write in
   * this order before closing the session. Nothing is accepted after.
   */
  end(): SessionWrite[] {
    if (this.ended) return [];
    this.ended = true;
    const out: SessionWrite[] = [];
    const last = this.summarizer.flush();
    if (last) {
      const rec = this.withSignals(last);
      this.seconds.push(rec);
      out.push({ op: 'second', record: rec });
    }
    // Kept in English (the sessions list shows it); the review says it again from the events.
    const { state, reasons } = overallState(this.seconds, this.keyEvents);
    out.push({ op: 'overall', overall: { state, reasons } });
    return out;
  }

  // ---------- inside ----------

  private tracing(): boolean {
    return this.sink.tracing?.() ?? false;
  }

  private trace(entry: unknown): void {
    this.sink.trace?.(entry);
  }

  /** Logs an event; flags, verdicts and withdrawals move the overall state. */
  private write(event: SessionEvent): void {
    if (this.ended) return;
    this.sink.write({ op: 'event', event });
    if (event.type !== 'flag-raised' && event.type !== 'challenge-verdict' && !isWithdrawal(event)) return;
    this.keyEvents.push(event);
    this.refreshOverall(event.tMs + this.startMs);
  }

  /** An event said as data: its English `detail` is made from the same words. */
  private log(
    tMs: number,
    event: Omit<SessionEvent, 'sessionId' | 'tMs' | 'detail' | 'words'> & { words: Phrase },
  ): void {
    this.write({ ...event, sessionId: this.id, tMs, detail: english(event.words).slice(0, 512) });
  }

  /** Writes the overall state when it changed (the sessions list shows and filters it). */
  private refreshOverall(nowMs: number): void {
    const { state, reasons } = overallState(this.seconds, this.keyEvents);
    if (this.tracing()) this.trace({ k: 'o', t: nowMs, state, reasons });
    const key = JSON.stringify({ state, reasons });
    if (key === this.lastOverall) return;
    this.lastOverall = key;
    this.sink.write({ op: 'overall', overall: { state, reasons } });
  }

  /**
   * The quality authority judges the recent video once, and every signal follows that judgement (a
   * signal it cannot judge raises no flag and shows "cannot judge" with the Quality row's words).
   */
  private evaluate(nowMs: number): void {
    this.lastEvalMs = nowMs;
    const quality = this.face.judge(nowMs);
    this.quality = quality;
    if (this.tracing()) {
      const w = quality.measured;
      this.trace({
        k: 'q',
        t: nowMs,
        fps: r3(w.fps),
        gap: r3(w.longGapShare),
        fh: Math.round(w.faceHeightPx),
      });
    }
    this.evaluateLipSync(nowMs, quality);
    this.evaluateFace(nowMs, quality);
    if (this.tracing()) this.refreshOverall(nowMs);
    this.lastStripMs = -Infinity; // the strip follows every evaluation
  }

  private evaluateFace(nowMs: number, quality: Judgeability): void {
    const r = this.face.evaluate(nowMs, quality);
    this.lastFusion = r;
    this.faceView = { ...signalRows(r), frozen: r.flags.some((f) => f.signal === 'replay') };
    if (this.tracing())
      this.trace({
        k: 's',
        t: nowMs,
        state: r.state,
        risk: r.risk,
        flags: r.flags.map((f) => f.signal),
        signals: Object.fromEntries(
          r.readings.map((x) => [
            x.signal,
            { score: x.score, confidence: x.confidence, value: x.value, reason: x.reason },
          ]),
        ),
      });
    for (const { kind, flag } of r.changes) {
      const why = readingWords(flag);
      if (kind === 'raised') this.sink.snapshot(flag.signal, named(FACE_SIGNAL_WORDS[flag.signal], why));
      this.log(nowMs - this.startMs, {
        type: kind === 'raised' ? 'flag-raised' : 'flag-cleared',
        words: named(
          FACE_SIGNAL_WORDS[flag.signal],
          kind === 'raised' ? why : say`back to ordinary (was: ${why})`,
        ),
        signal: flag.signal,
        evidenceFromMs: Math.max(0, flag.sinceMs - this.startMs),
        confidence: flag.confidence,
      });
    }
  }

  private evaluateLipSync(nowMs: number, quality: Judgeability): void {
    const r = this.lipsync.evaluate(quality.signals.lipsync);
    this.lastReading = r;
    const view = lipSyncView(r);
    this.lipsyncView = view;
    if (this.tracing()) this.traceLipSync(nowMs, r, view);
    const tMs = nowMs - this.startMs;
    if (r.change?.kind === 'withdrawn') {
      // The readings disagreed: the flag no longer stands (the overall state discounts it).
      this.log(tMs, {
        type: 'flag-cleared',
        words: named(
          LIPSYNC,
          say`withdrawn, ${r.unstable?.words ?? words('readings unstable')} (was: ${r.change.flag.words})`,
        ),
        signal: 'lipsync',
        evidenceFromMs: Math.max(0, (r.unstable?.sinceMs ?? nowMs) - this.startMs),
        data: { withdrawn: true },
      });
    } else if (r.change) {
      const { flag } = r.change;
      // A flag that now stands for another finding is logged as a new flag, with its own evidence.
      const raised = r.change.kind !== 'cleared';
      if (raised) {
        this.sink.snapshot('lipsync', named(LIPSYNC, flag.words));
        for (const v of this.challenges.values())
          if (v instanceof RandomPhraseVerifier) v.noteLipSyncFlag(flag.words);
      }
      this.log(tMs, {
        type: raised ? 'flag-raised' : 'flag-cleared',
        words: named(LIPSYNC, raised ? flag.words : say`back in step (was: ${flag.words})`),
        signal: 'lipsync',
        evidenceFromMs: Math.max(0, flag.sinceMs - this.startMs),
        confidence: flag.confidence,
      });
    }
    if (r.mouthWithoutVoice !== this.lastMouthWithoutVoice) {
      this.lastMouthWithoutVoice = r.mouthWithoutVoice;
      if (r.mouthWithoutVoice)
        this.log(tMs, {
          type: 'observation',
          words: named(
            LIPSYNC,
            words('the mouth moves but no voice is heard (a muted microphone also does this)'),
          ),
          signal: 'lipsync',
        });
    }
  }

  private traceLipSync(nowMs: number, r: LipSyncReading, view: LipSyncView): void {
    this.trace({
      k: 'r',
      t: nowMs,
      ...view,
      flag: r.flag,
      evidence: r.latest.evidence,
      windowEndMs: r.latest.endMs,
      speechMs: r.speechMs,
      // The mean lag curve behind the state: how many windows, and its peak over its median.
      windows: r.evidence.spans,
      evidenceConfidence: r.evidence.confidence,
      // The mouth-shape cue (reported, not yet flagged on): its z, lag and evidence.
      shape: r.mouthShape && {
        evidence: r.mouthShape.evidence,
        score: r.mouthShape.score,
        lagMs: r.mouthShape.lagMs,
        coverage: r.mouthShape.coverage,
      },
      // The viseme classifier's cost, ms of analysis per second of sound, over the session so far.
      visemeMsPerS:
        this.visemeCost.soundMs > 0 ? (1000 * this.visemeCost.spentMs) / this.visemeCost.soundMs : null,
    });
  }

  /** The live signals' states, for the co-pilot's escalation. */
  private engineSignals(): EngineSignals {
    const rows = this.shownRows;
    const state = (id: string) => rows.find((x) => x.id === id)?.state;
    return {
      lipsync: state('lipsync'),
      faceswap: state('faceswap'),
      liveness: state('liveness'),
      frozen: this.faceView?.frozen ?? false,
      mostCannotJudge: mostRowsCannotJudge(this.stripFace?.facePresent ?? false, rows),
    };
  }

  /**
   * A challenge asked at `atMs`. One that compares faces is fed face crops when the candidate agreed
   * to the notice; without agreement its verdict says why there is no comparison.
   */
  private startChallenge(id: string, kind: ChallengeKind, atMs: number): void {
    if (this.challenges.size >= this.maxChallenges || this.challenges.has(id)) return;
    const v = createVerifier(kind, atMs, { stillMouthStd: this.lipsync.stillMouthStd });
    this.challenges.set(id, v);
    if (!comparesFaces(v)) return;
    if (this.consent) {
      this.sink.compareFaces(id, v);
      return;
    }
    v.expectFaces();
    v.facesDone(words("the candidate's agreement to the notice was not confirmed"));
  }

  private cancelChallenge(id: string): void {
    if (this.challenges.delete(id)) this.sink.compareFaces(id, null);
    this.awaiting.delete(id);
  }

  /** The interviewer's word on a challenge that asked for it (any other is ignored). */
  private confirmChallenge(id: string, said: boolean): void {
    if (this.awaiting.has(id)) this.challenges.get(id)?.confirm?.(said);
  }

  /** Feeds this frame to every challenge in progress and reports those that have a verdict. */
  private verifyChallenges(nowMs: number, frame: FeatureFrame, detail: FrameDetail | null): void {
    for (const [id, v] of this.challenges) {
      v.addFrame(frame, frame.facePresent ? (detail ?? undefined) : undefined);
      const wait = this.awaiting.has(id) ? null : (v.awaiting?.(nowMs) ?? null);
      if (wait) {
        this.awaiting.add(id);
        this.prompts.awaiting(id, wait);
      }
      const result = v.verdict(nowMs);
      if (!result) continue;
      this.challenges.delete(id);
      this.awaiting.delete(id);
      this.sink.compareFaces(id, null);
      this.prompts.verdict(id, result);
      if (result.verdict === 'failed')
        this.sink.snapshot(
          `challenge:${result.kind}`,
          say`${CHALLENGE_WORDS[result.kind]} failed: ${result.reasonWords?.[0] ?? result.reasons[0] ?? ''}`,
        );
      this.log(nowMs - this.startMs, {
        type: 'challenge-verdict',
        words: named(
          CHALLENGE_WORDS[result.kind],
          say`${VERDICT_WORDS[result.verdict]} — ${joined(result.reasonWords ?? result.reasons)}`,
        ),
        signal: 'challenge',
        evidenceFromMs: Math.max(0, result.fromMs - this.startMs),
        data: {
          cardId: id,
          challenge: result.kind,
          verdict: result.verdict,
          feedBroke: result.feedBroke,
          ...Object.fromEntries(
            Object.entries(result.measured)
              .slice(0, 10)
              .map(([k, x]) => [k, r3(x)]),
          ),
        },
      });
    }
  }

  /** Face found or lost, and each completed second with the latest readings. */
  private record(frame: FeatureFrame): void {
    const tMs = frame.timestampMs - this.startMs;
    if (this.lastFace !== frame.facePresent) {
      if (this.lastFace !== null || !frame.facePresent)
        this.log(tMs, {
          type: frame.facePresent ? 'face-found' : 'face-lost',
          words: !frame.facePresent
            ? words('no face in the candidate video')
            : frame.faceCount === 1
              ? words('one face in view')
              : say`${frame.faceCount} faces in view`,
        });
      this.lastFace = frame.facePresent;
    }
    for (const done of this.summarizer.add(frame)) {
      // A second that got no frame carries no reading: the signals' figures belong to seconds analysed.
      const rec = done.frames > 0 ? this.withSignals(done) : done;
      this.sink.write({ op: 'second', record: rec });
      this.seconds.push(rec);
      if (rec.t % 10 === 0) this.refreshOverall(frame.timestampMs);
    }
  }

  /** The second's record with the lip-sync and face-signal figures of the latest evaluations. */
  private withSignals(rec: SecondRecord): SecondRecord {
    const fusion = this.lastFusion;
    // The rows the last evaluation made of that fusion (set together with it).
    const rows = this.faceView;
    const withFace =
      fusion && rows
        ? {
            ...rec,
            faceRisk: r3(fusion.risk),
            faceSwap: shownState(rows.faceswap.state),
            liveness: shownState(rows.liveness.state),
          }
        : rec;
    const r = this.lastReading;
    if (!r) return withFace;
    const w = r.latest;
    return {
      ...withFace,
      audioLevelDb: Number.isFinite(w.levelDb) ? w.levelDb : null,
      speechFraction: w.evidence === 'no-audio' ? null : w.speechFraction,
      avOffsetMs: r.offsetMs,
      syncConfidence: w.evidence === 'enough' ? w.confidence : null,
      lipSync: r.state,
    };
  }

  /** The strip from the latest judgement and readings and this frame's face, each row held long enough to read. */
  private showStrip(nowMs: number, frame: FeatureFrame): void {
    this.lastStripMs = nowMs;
    this.stripFace = { facePresent: frame.facePresent, faceCount: frame.faceCount };
    const rows = signalStrip({
      facePresent: frame.facePresent,
      faceCount: frame.faceCount,
      quality: this.quality,
      lipsync: this.lipsyncView,
      faceswap: this.faceView?.faceswap,
      liveness: this.faceView?.liveness,
    });
    this.shownRows = this.hold.apply(rows, nowMs);
    this.sink.view({
      quality: this.quality,
      lipsync: this.lipsyncView,
      faceSignals: this.faceView,
      rows: this.shownRows,
    });
  }
}
