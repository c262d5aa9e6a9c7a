/**
 * The live status and the views inside it, as schemas checked against the core's types: each schema
 * `satisfies` the type it validates, so tsc fails when a required field of the type has no check
 * here, or is checked as something else. String lengths and list sizes are bounds on what another
 * context may hand us; the status is data from the call page's content script, so it is untrusted.
 */
import * as v from 'valibot';
import { isSaid, type Said } from '../../src/text/Phrase';
import type {
  FaceSignalsView,
  LipSyncView,
  LiveStatus,
  PerfFigures,
  SignalView,
} from '../../src/status/LiveStatus';
import { JUDGED_SIGNALS, type Judgeability, type Judgement } from '../../src/quality/judgeability';
import type { WindowQuality } from '../../src/quality/QualityWindow';
import { CHALLENGE_KINDS, type ChallengeResult } from '../../src/challenges/Challenge';
import type { PromptOutcome, PromptView } from '../../src/prompts/PromptFlow';
import type { PromptCard } from '../../src/prompts/PromptEngine';
import { QUESTION_CATEGORIES } from '../../src/prompts/QuestionBank';
import { finite, phrase, text } from './messageSchema';

const BAD = 'malformed status';
const num = finite(BAD);
const str = (max: number) => text(max, BAD);
const said = (max: number) => v.custom<Said>((x) => isSaid(x, max), BAD);
const aPhrase = phrase(BAD);
/** A figure that is NaN where nothing was measured: NaN through structured clone, null through JSON. */
const notMeasuredOr = v.custom<number>((x) => x === null || typeof x === 'number', BAD);
const numOrNull = v.nullable(num);
const SIGNAL_STATES = ['no-concerns', 'inconclusive', 'concerns', 'cannot-judge', 'not-measured'] as const;
const signalState = v.picklist(SIGNAL_STATES, BAD);

export const signalViewSchema = v.object({
  id: v.picklist(['face', 'quality', 'lipsync', 'faceswap', 'liveness'], BAD),
  label: str(64),
  state: signalState,
  detail: str(512),
  words: v.optional(aPhrase),
}) satisfies v.GenericSchema<unknown, SignalView>;

export const lipSyncViewSchema = v.object({
  state: signalState,
  reason: str(512),
  words: v.optional(aPhrase),
  offsetMs: numOrNull,
  windowOffsetMs: numOrNull,
  confidence: num,
  speechFraction: num,
  driftMsPerMin: numOrNull,
}) satisfies v.GenericSchema<unknown, LipSyncView>;

const fusedRow = v.object({ state: signalState, reason: str(1024), words: v.optional(aPhrase) });
export const faceSignalsViewSchema = v.object({
  faceswap: fusedRow,
  liveness: fusedRow,
  frozen: v.boolean(BAD),
}) satisfies v.GenericSchema<unknown, FaceSignalsView>;

const judgement = v.variant('ok', [
  v.object({ ok: v.literal(true, BAD) }),
  v.object({
    ok: v.literal(false, BAD),
    shortfall: v.picklist(
      ['starting', 'frame-rate', 'uneven-frames', 'no-face', 'face-missing', 'face-small'],
      BAD,
    ),
    reason: str(300),
    words: v.optional(aPhrase),
  }),
]) satisfies v.GenericSchema<unknown, Judgement>;
export const judgeabilitySchema = v.object({
  measured: v.object({
    spanMs: num,
    fps: num,
    longGapShare: num,
    faceShare: num,
    faceHeightPx: notMeasuredOr,
  }) satisfies v.GenericSchema<unknown, WindowQuality>,
  signals: v.object(
    Object.fromEntries(JUDGED_SIGNALS.map((id) => [id, judgement])) as Record<
      (typeof JUDGED_SIGNALS)[number],
      typeof judgement
    >,
  ),
}) satisfies v.GenericSchema<unknown, Judgeability>;

export const challengeResultSchema = v.object({
  kind: v.picklist(CHALLENGE_KINDS, BAD),
  verdict: v.picklist(['passed', 'failed', 'not-performed', 'cannot-judge'], BAD),
  reasons: v.pipe(v.array(str(400), BAD), v.maxLength(8, BAD)),
  reasonWords: v.optional(v.pipe(v.array(aPhrase, BAD), v.maxLength(8, BAD))),
  feedBroke: v.boolean(BAD),
  fromMs: num,
  toMs: num,
  measured: v.pipe(
    v.record(v.string(BAD), num, BAD),
    v.check((m) => Object.keys(m).length <= 16, BAD),
  ),
}) satisfies v.GenericSchema<unknown, ChallengeResult>;

const promptCard = v.variant('kind', [
  v.object({
    kind: v.literal('question', BAD),
    id: str(80),
    questionId: str(80),
    category: v.picklist(QUESTION_CATEGORIES, BAD),
    text: str(800),
    followUp: v.optional(str(800)),
    lookFor: v.optional(str(800)),
    sources: v.pipe(v.array(str(300), BAD), v.maxLength(50, BAD)),
    why: str(400),
    words: v.optional(v.object({ why: aPhrase })),
  }),
  v.object({
    kind: v.literal('challenge', BAD),
    id: str(80),
    challenge: v.picklist(CHALLENGE_KINDS, BAD),
    text: str(800),
    phrase: v.optional(v.pipe(v.array(str(40), BAD), v.maxLength(12, BAD))),
    why: str(400),
    words: v.optional(v.object({ text: aPhrase, why: aPhrase })),
  }),
]) satisfies v.GenericSchema<unknown, PromptCard>;
export const promptViewSchema = v.object({
  card: promptCard,
  phase: v.picklist(['suggested', 'asked', 'confirm', 'verdict'], BAD),
  askedAtMs: numOrNull,
  deadlineMs: numOrNull,
  result: v.nullable(challengeResultSchema),
}) satisfies v.GenericSchema<unknown, PromptView>;

const promptOutcome = v.object({
  label: str(600),
  outcome: str(800),
  atMs: num,
  words: v.optional(v.object({ label: said(600), outcome: aPhrase })),
}) satisfies v.GenericSchema<unknown, PromptOutcome>;

const perf = v.object({
  frames: num,
  framesTotal: num,
  pipelineMsMedian: num,
  pipelineMsP95: num,
  // Not measured through a tab capture (no grab on the page).
  roundTripMsMedian: notMeasuredOr,
  grabMsMedian: notMeasuredOr,
  transferMsMedian: notMeasuredOr,
  landmarkerMsMedian: num,
  landmarkerMsP95: num,
  skippedBusy: num,
  targetFps: numOrNull,
  regionShare: numOrNull,
}) satisfies v.GenericSchema<unknown, PerfFigures>;

export const delegateSchema = v.object({
  delegate: v.picklist(['CPU', 'GPU'], BAD),
  why: said(300),
});

export const liveStatusSchema = v.object({
  phase: v.picklist(['idle', 'loading', 'watching', 'error'], BAD),
  modelProgress: num,
  face: v.picklist(['found', 'none', 'unknown'], BAD),
  fps: num,
  videoNote: said(512),
  layoutNote: v.nullable(said(512)),
  platform: str(64),
  sessionId: v.nullable(str(64)),
  elapsedS: num,
  signals: v.pipe(v.array(signalViewSchema, BAD), v.maxLength(16, BAD)),
  error: v.nullable(said(1024)),
  info: v.nullable(said(512)),
  consent: v.boolean(BAD),
  candidateCard: v.nullable(v.object({ state: v.picklist(['offered', 'in-use'], BAD), summary: str(512) })),
  perf: v.nullable(perf),
  audio: v.nullable(
    v.object({
      tracks: v.pipe(num, v.safeInteger(BAD)),
      note: v.nullable(said(512)),
    }),
  ),
  capture: v.picklist(['off', 'needed', 'on'], BAD),
  delegate: v.nullable(delegateSchema),
  quality: v.nullable(judgeabilitySchema),
  lipsync: v.nullable(lipSyncViewSchema),
  faceSignals: v.nullable(faceSignalsViewSchema),
  prompt: v.nullable(promptViewSchema),
  promptHistory: v.pipe(v.array(promptOutcome, BAD), v.maxLength(12, BAD)),
  pick: v.nullable(
    v.object({
      selfViewBy: v.picklist(['selector', 'mirror', 'none'], BAD),
      candidates: v.pipe(v.array(v.object({ what: str(200), why: said(300) }), BAD), v.maxLength(32, BAD)),
    }),
  ),
}) satisfies v.GenericSchema<unknown, LiveStatus>;

export const isValidStatus = (x: unknown): x is LiveStatus => v.is(liveStatusSchema, x);
export const isLipSyncView = (x: unknown): x is LipSyncView => v.is(lipSyncViewSchema, x);
export const isFaceSignalsView = (x: unknown): x is FaceSignalsView => v.is(faceSignalsViewSchema, x);
export const isJudgeability = (x: unknown): x is Judgeability => v.is(judgeabilitySchema, x);
export const isChallengeResult = (x: unknown): x is ChallengeResult => v.is(challengeResultSchema, x);
export const isPromptView = (x: unknown): x is PromptView => v.is(promptViewSchema, x);
export const isPromptOutcome = (x: unknown): x is PromptOutcome => v.is(promptOutcome, x);
export const isDelegate = (x: unknown): x is { delegate: 'CPU' | 'GPU'; why: Said } =>
  v.is(delegateSchema, x);
