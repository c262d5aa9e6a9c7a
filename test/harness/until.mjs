// @ts-check
// The one way the harness and the tests wait: poll a condition, never sleep a fixed time.

/**
 * Calls `probe` every `everyMs` until it returns something truthy and returns that. After `timeoutMs`
 * it throws "timed out after … waiting for <what>", with `describe()` of the last value when given.
 * @template T
 * @param {string} what
 * @param {() => Promise<T | null | undefined | false | 0 | ''> | T | null | undefined | false | 0 | ''} probe
 * @param {{ timeoutMs?: number, everyMs?: number, describe?: () => Promise<string> | string }} [opts]
 * @returns {Promise<T>}
 */
export async function until(what, probe, opts = {}) {
  const { timeoutMs = 30_000, everyMs = 250 } = opts;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await probe();
    if (got) return got;
    if (Date.now() > deadline) {
      const seen = opts.describe ? `; last seen: ${await opts.describe()}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${seen}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
