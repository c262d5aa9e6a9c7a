/**
 * PBKDF2 rounds for unit tests that set a passphrase: what they check does not depend on the cost.
 * The shipped cost (PBKDF2_ITERATIONS) is exercised once, in logCrypto's first passphrase test.
 */
export const TEST_KDF_ITERATIONS = 1_000;
