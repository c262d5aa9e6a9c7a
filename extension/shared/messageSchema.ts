/**
 * The pieces every message definition is built from: valibot schemas for the fields messages carry
 * (finite numbers, bounded strings, rectangles), a schema from one of the core's own validators, and
 * the parser of a channel whose messages are told apart by `type`. A message's TypeScript type is
 * inferred from its schema, so the two cannot drift apart.
 */
import * as v from 'valibot';
import type { Rect } from '../../src/overlay/placeOverlay';
import { isPhrase, type Phrase } from '../../src/text/Phrase';
import { isObj } from '../../src/validate/guards';

export type Parsed<T> = { ok: true; msg: T } | { ok: false; error: string };

/** A finite number (never NaN or ±Infinity: structured clone and JSON can carry them). */
export const finite = (message: string) => v.pipe(v.number(message), v.finite(message));
export const int = (message: string) => v.pipe(v.number(message), v.safeInteger(message));
/** A string of at most `max` characters. */
export const text = (max: number, message: string) => v.pipe(v.string(message), v.maxLength(max, message));

/** A rectangle in CSS pixels: finite, under 100 000, with a non-negative size. */
export const rect = (message: string) =>
  v.object({
    x: v.pipe(finite(message), v.maxValue(1e5, message), v.minValue(-1e5, message)),
    y: v.pipe(finite(message), v.maxValue(1e5, message), v.minValue(-1e5, message)),
    w: v.pipe(finite(message), v.minValue(0, message), v.maxValue(1e5, message)),
    h: v.pipe(finite(message), v.minValue(0, message), v.maxValue(1e5, message)),
  }) satisfies v.GenericSchema<unknown, Rect>;
export const size = (message: string) =>
  v.object({
    w: v.pipe(finite(message), v.minValue(0, message), v.maxValue(1e5, message)),
    h: v.pipe(finite(message), v.minValue(0, message), v.maxValue(1e5, message)),
  });

/** Words as data (core/text), checked by the core's own guard. */
export const phrase = (message: string) => v.custom<Phrase>((x) => isPhrase(x), message);

/** A value one of the core's guards accepts, as it is (the guard checks every field the type has). */
export const guarded = <T>(guard: (x: unknown) => boolean, message: string) =>
  v.custom<T>((x) => guard(x), message);

/** A schema from one of the core's own parsers: its value when it accepts, its reason when it refuses. */
export const parsedBy = <T>(parse: (x: unknown) => Parsed<T>) =>
  v.pipe(
    v.unknown(),
    v.rawTransform<unknown, T>(({ dataset, addIssue, NEVER }) => {
      const p = parse(dataset.value);
      if (p.ok) return p.msg;
      addIssue({ message: p.error });
      return NEVER;
    }),
  );

/** A channel's messages: for each `type`, the schema of the other fields. */
export type MessageDefs = Record<string, v.GenericSchema<unknown, object>>;
/** The union of a channel's messages, each with its `type` and the fields its schema gives. */
export type MessageOf<D extends MessageDefs> = {
  [K in keyof D & string]: { type: K } & v.InferOutput<D[K]>;
}[keyof D & string];

/**
 * Parses a message of a channel told apart by `type`: unknown types (and names inherited from
 * Object.prototype) are refused with `unknown(type)`, a malformed message with its first problem
 * (as `malformed(type, problem)` words it, by default the problem alone). Only the fields the schema
 * names are kept.
 */
export function parseByType<D extends MessageDefs>(
  defs: D,
  raw: unknown,
  unknown: (type: string) => string,
  malformed: (type: string, problem: string) => string = (_type, problem) => problem,
): Parsed<MessageOf<D>> {
  if (!isObj(raw)) return { ok: false, error: 'not an object' };
  const type = raw.type;
  if (typeof type !== 'string' || !Object.hasOwn(defs, type))
    return { ok: false, error: unknown(String(type).slice(0, 40)) };
  const body = v.safeParse(defs[type]!, raw, { abortEarly: true });
  if (!body.success) return { ok: false, error: malformed(type, body.issues[0].message) };
  return { ok: true, msg: { type, ...body.output } as MessageOf<D> };
}
