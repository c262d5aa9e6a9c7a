// Types of what the harness reads out of the extension, for the e2e tests (the harness itself is
// plain ESM that the evaluation scripts share; its JSDoc points here).
import type { SessionExportV1 } from '../../src/session/parseSessionExport';
import type { LiveStatus } from '../../src/status/LiveStatus';
import type { Phrase } from '../../src/text/Phrase';

/** `T` with every sentence given as data (a phrase) said in English, as the harness's `inEnglish` does. */
export type InEnglish<T> = T extends Phrase
  ? string
  : T extends readonly (infer U)[]
    ? InEnglish<U>[]
    : T extends object
      ? { [K in keyof T]: InEnglish<T[K]> }
      : T;

/** A watched tab's live status as the background holds it, its sentences in English. */
export type StatusInEnglish = InEnglish<LiveStatus> & { tabId: number };

/** Everything in the session log, as the review page exports it, plus one raw row per store. */
export interface SessionLogRead {
  sessions: SessionExportV1['session'][];
  seconds: SessionExportV1['seconds'];
  events: SessionExportV1['events'];
  snapshots: NonNullable<SessionExportV1['snapshots']>;
  /** One raw IndexedDB row per store, as JSON: what is at rest (null before it was read). */
  raw: string | null;
}
