import type { Phrase } from '../text/Phrase';
import type { CandidateCard } from '../prompts/CandidateCard';
import type { Overall } from './Overall';
import type { SessionEventType, SignalId } from './SessionEvent';

/** One watched call. */
export interface SessionRecord {
  id: string;
  platform: string;
  pageHost: string;
  /** Wall-clock start and end, epoch ms. `endedAt` stays null if the tab closed abruptly. */
  startedAt: number;
  endedAt: number | null;
  /** Last time a record was written, epoch ms: the end of a session that was cut off. */
  lastWrittenAt: number;
  /** Seconds recorded so far. */
  seconds: number;
  modelVersion: string;
  codeVersion: string;
  /** What the candidate claims (the interviewer's card), if one was filled in. */
  candidate?: CandidateCard | null;
  /** The call's overall state as last computed during the call (the review page recomputes it from the log). */
  overall?: Overall | null;
  /**
   * How many events and snapshots the writer stored, counted in the same transaction as each row (each
   * row is bound to its number): the reader tells a row removed or repeated from a complete log.
   * Absent on sessions written before it was kept.
   */
  written?: WrittenCounts;
}

export interface WrittenCounts {
  events: number;
  snapshots: number;
}

/** Something that happened, at a time relative to the session start. */
export interface SessionEvent {
  sessionId: string;
  tMs: number;
  type: SessionEventType;
  /** What happened, in English (for exports and older readers). */
  detail: string;
  /**
   * `detail` as data, so the review says it in the reader's language (absent in logs written before
   * it existed). A signal's or challenge's name leads as "{0}: {1}", the name and what it says.
   */
  words?: Phrase;
  /** For flags and observations: which signal. */
  signal?: SignalId;
  /** For flags: when the evidence starts, ms since the session start (the flag is raised at tMs). */
  evidenceFromMs?: number;
  /** For flags: how sure, in words the recruiter sees. */
  confidence?: 'medium' | 'high';
  /**
   * Structured details of challenges and questions (e.g. challenge, verdict, questionId, mark, note):
   * at most 16 keys, each a short string, a finite number or a boolean.
   */
  data?: Record<string, string | number | boolean>;
}

export type { SessionEventType };
