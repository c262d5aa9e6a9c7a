/**
 * The runtime channel (chrome.runtime / tabs.sendMessage, JSON): every request defined once, by the
 * direction it travels, as a schema of its fields and the type of its reply. The request's type, its
 * parser and its reply type all come from that one entry, so a sender (`request`, `sendToTab`) gets
 * the reply type of what it asked and an answerer (`Answerers`, given to `onMessage`) must return it.
 *
 *   toBackground — popup, side panel, content script, analyzer frame, offscreen document → background
 *   toContent    — background → the call tab's content script
 *   toOffscreen  — background → the offscreen document that consumes tab captures
 *   notices      — fire-and-forget broadcasts: the content script's live status
 *
 * Schemas are valibot's: small, typed, and they keep only the fields they name (a sender's extra
 * fields never reach a handler). A failed parse says which request and which field.
 */
import * as v from 'valibot';
import type { LiveStatus } from '../../src/status/LiveStatus';
import type { CandidateCard } from '../../src/prompts/CandidateCard';
import type { Phrase } from '../../src/text/Phrase';
import { CAPTURE_CHANNEL, markEntry, parseCardOrNull, parseLogOp, type LogOp } from './protocol';
import { isValidStatus } from './statusSchema';
import { parseByType, parsedBy, type Parsed } from './messageSchema';
import { isObj } from '../../src/validate/guards';

// ---------- field schemas ----------

const tabId = v.pipe(v.number('no tab id'), v.safeInteger('no tab id'));
const nonce = v.pipe(v.string('malformed nonce'), v.regex(/^[0-9a-f]{32}$/, 'malformed nonce'));
const channel = v.pipe(
  v.string('malformed capture channel'),
  v.regex(CAPTURE_CHANNEL, 'malformed capture channel'),
);
const cardOrNull = parsedBy<CandidateCard | null>(parseCardOrNull);

// ---------- the requests ----------

/** A request: the schema of its fields; `reply` is never set, it carries the reply's type. */
interface RequestDef<S extends v.GenericSchema, R> {
  readonly body: S;
  readonly reply?: R;
}
const answers =
  <R>() =>
  <E extends v.ObjectEntries>(fields: E): RequestDef<v.ObjectSchema<E, undefined>, R> => ({
    body: v.object(fields),
  });

export const toBackground = {
  /** Start watching a tab (popup, side panel). */
  'watch/start': answers<LiveStatus>()({ tabId }),
  'watch/stop': answers<LiveStatus>()({ tabId }),
  /** A tab's last live status, or null when it never sent one. */
  'status/get': answers<LiveStatus | null>()({ tabId }),
  /** The content script announces the nonce its analyzer frame will claim. */
  'analyzer/expect': answers<true>()({ nonce }),
  /** The analyzer frame claims it: true only for that tab's analyzer frame, once, before it expires. */
  'analyzer/claim': answers<boolean>()({ nonce }),
  /** A session-log write from the analyzer frame (the background owns the database). */
  'log/write': answers<true>()({ op: parsedBy<LogOp>(parseLogOp) }),
  /** A question's mark with the interviewer's note, typed in the side panel (which the call page cannot read). */
  'prompt/mark': answers<true>()({ tabId, ...markEntry }),
  /** Tab capture (Zoom's web client draws video on a canvas): the user's click in the popup or side panel. */
  'capture/start': answers<LiveStatus>()({ tabId }),
  'capture/stop': answers<true>()({ tabId }),
  /** The offscreen document's capture ended (the tab closed, the stream stopped). */
  'capture/ended': answers<true>()({
    tabId,
    reason: v.pipe(v.string('no reason'), v.maxLength(512, 'reason too long')),
  }),
  /** The candidate card for the next call: kept in memory (storage.session), never on disk. */
  'candidate/get': answers<CandidateCard | null>()({}),
  'candidate/forget': answers<true>()({}),
  /** The side panel replaces the card; true when `tabId`'s call took it at once. */
  'candidate/set': answers<boolean>()({ card: cardOrNull, tabId: v.nullable(tabId) }),
};

export const toContent = {
  'content/watch': answers<LiveStatus>()({ on: v.boolean('content/watch without on') }),
  /** A keyboard shortcut for the verification card on screen. */
  'content/command': answers<true>()({
    command: v.picklist(['prompt-asked', 'prompt-skip'], 'unknown command'),
  }),
  'content/mark': answers<true>()(markEntry),
  /** This tab's capture channel, or null when its capture ended. */
  'content/capture': answers<LiveStatus>()({ channel: v.nullable(channel) }),
  /** The card changed in the side panel during this call; true when the call uses it. */
  'content/candidate': answers<boolean>()({ card: cardOrNull }),
};

export const toOffscreen = {
  'offscreen/start': answers<true>()({
    tabId,
    streamId: v.pipe(
      v.string('no stream id'),
      v.minLength(1, 'no stream id'),
      v.maxLength(512, 'stream id too long'),
    ),
    channel,
  }),
  'offscreen/stop': answers<true>()({ tabId }),
};

const REQUESTS = { ...toBackground, ...toContent, ...toOffscreen };
type Requests = typeof REQUESTS;
export type RequestType = keyof Requests;
export type BackgroundRequestType = keyof typeof toBackground;
export type ContentRequestType = keyof typeof toContent;
export type OffscreenRequestType = keyof typeof toOffscreen;

/** The message for request `K`: its kind and type, then its fields. */
export type RequestOf<K extends RequestType> = K extends RequestType
  ? { kind: 'request'; type: K } & v.InferOutput<Requests[K]['body']>
  : never;
/** What request `K` is answered with. */
export type ReplyOf<K extends RequestType> =
  Requests[K] extends RequestDef<v.GenericSchema, infer R> ? R : never;
export type RuntimeRequest = RequestOf<RequestType>;

/** The content script's live status; receivers learn the tab from the sender, which the page cannot forge. */
export type RuntimeNotice = { kind: 'notice'; type: 'status'; status: LiveStatus };
export type RuntimeMessage = RuntimeRequest | RuntimeNotice;

/** A request's answer; an error given as a phrase (SaidError) carries it as `words`. */
export type Reply<T = unknown> = { ok: true; value: T } | { ok: false; error: string; words?: Phrase };

/** A mark for the question card on screen, with the interviewer's words. */
export type QuestionMarkEntry = v.InferOutput<v.ObjectSchema<typeof markEntry, undefined>>;

// ---------- parsing ----------

/** Each request's schema, by type, for the channel parser. */
const BODIES = Object.fromEntries(Object.entries(REQUESTS).map(([type, def]) => [type, def.body])) as {
  [K in RequestType]: Requests[K]['body'];
};

export function parseRuntimeMessage(raw: unknown): Parsed<RuntimeMessage> {
  if (!isObj(raw)) return { ok: false, error: 'not an object' };
  if (raw.kind === 'notice') {
    if (raw.type !== 'status') return { ok: false, error: `unknown notice ${String(raw.type).slice(0, 40)}` };
    if (!isValidStatus(raw.status)) return { ok: false, error: 'malformed status' };
    return { ok: true, msg: { kind: 'notice', type: 'status', status: raw.status } };
  }
  if (raw.kind !== 'request') return { ok: false, error: 'neither request nor notice' };
  const req = parseByType(
    BODIES,
    raw,
    (type) => `unknown request ${type}`,
    (type, problem) => `${type}: ${problem}`,
  );
  return req.ok ? { ok: true, msg: { kind: 'request', ...req.msg } as RuntimeRequest } : req;
}

// ---------- answering ----------

/** Handlers for a direction's requests: each must answer with its request's reply type. */
export type Answerers<K extends RequestType, S> = {
  [T in K]?: (msg: RequestOf<T>, sender: S) => ReplyOf<T> | Promise<ReplyOf<T>>;
};

/**
 * The handler for `msg` among `answerers`, or undefined when this context does not answer it (every
 * extension page hears every runtime message; only the owner of a request answers it).
 */
export function answer<K extends RequestType, S>(
  answerers: Answerers<K, S>,
  msg: RuntimeRequest,
  sender: S,
): unknown {
  const fn = (answerers as Record<string, ((m: RuntimeRequest, s: S) => unknown) | undefined>)[msg.type];
  return fn ? fn(msg, sender) : undefined;
}
