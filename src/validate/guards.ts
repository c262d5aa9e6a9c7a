/** Small type guards for validating untrusted messages and records. */
export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isInt = (v: unknown): v is number => Number.isSafeInteger(v);
/** A finite number (never NaN or ±Infinity: every validator takes numbers through this). */
export const isFiniteNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/** A string of at most `max` characters. */
export const isStr = (v: unknown, max = 256): v is string => typeof v === 'string' && v.length <= max;
