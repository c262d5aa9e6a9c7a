import { SaidError, words } from '../../../src/text/Phrase';
/**
 * The session log's keys. Writes must work during a call without the passphrase (the background may
 * be evicted and restarted at any time), reads need the owner. So the log has an ECDH P-256 key pair:
 *
 *   public key   stored as is; anyone who writes can seal a session key to it (see sessionSealing.ts)
 *   private key  stored only sealed with AES-GCM, by one of
 *                  'device'     a non-extractable AES key generated in this browser profile (default)
 *                  'passphrase' a key derived from the user's passphrase (PBKDF2-SHA-256, 600 000 rounds)
 *
 * A wrong passphrase fails AES-GCM authentication: a clear error, and nothing is written or deleted.
 * Uses only WebCrypto (browsers and Node 20 alike), no storage: callers persist the KeyringRecord.
 */

/** PBKDF2-SHA-256 iterations: OWASP's 2023 recommendation for this hash. */
export const PBKDF2_ITERATIONS = 600_000;

/** Bytes backed by a plain ArrayBuffer (what WebCrypto accepts). */
export type Bytes = Uint8Array<ArrayBuffer>;

export interface SealedBytes {
  iv: Bytes;
  data: Bytes;
}

export type KeyringRecord =
  | {
      version: 1;
      mode: 'device';
      publicKeyJwk: JsonWebKey;
      deviceKey: CryptoKey;
      sealedPrivateKey: SealedBytes;
    }
  | {
      version: 1;
      mode: 'passphrase';
      publicKeyJwk: JsonWebKey;
      salt: Bytes;
      iterations: number;
      sealedPrivateKey: SealedBytes;
    };

export class WrongPassphraseError extends SaidError {
  constructor() {
    super(words('That passphrase does not unlock this log. Nothing was changed.'));
    this.name = 'WrongPassphraseError';
  }
}

const subtle = () => globalThis.crypto.subtle;
const random = (n: number) => globalThis.crypto.getRandomValues(new Uint8Array(n));
const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;

async function seal(key: CryptoKey, plain: Bytes, aad: string): Promise<SealedBytes> {
  const iv = random(12);
  const data = await subtle().encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(aad) },
    key,
    plain,
  );
  return { iv, data: new Uint8Array(data) };
}

async function unseal(key: CryptoKey, sealed: SealedBytes, aad: string): Promise<Bytes> {
  const plain = await subtle().decrypt(
    { name: 'AES-GCM', iv: sealed.iv, additionalData: new TextEncoder().encode(aad) },
    key,
    sealed.data,
  );
  return new Uint8Array(plain);
}

const PRIVATE_KEY_AAD = 'interview-guard/log-private-key/v1';

/** An AES-GCM key from a passphrase (PBKDF2-SHA-256); the log's keyring and sealed exports use it. */
export async function passphraseKey(passphrase: string, salt: Bytes, iterations: number): Promise<CryptoKey> {
  const base = await subtle().importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return subtle().deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** Refuses a passphrase under 8 characters (the log's and a sealed export's alike). */
export function checkPassphrase(passphrase: string): void {
  if (passphrase.length < 8) throw new SaidError(words('A passphrase needs at least 8 characters.'));
}

/** A fresh key pair: the public key as JWK, the private key's PKCS#8 bytes (the caller zeroes them). */
async function newKeyPair(): Promise<{ publicKeyJwk: JsonWebKey; pkcs8: Bytes }> {
  const pair = (await subtle().generateKey(ECDH, true, ['deriveKey', 'deriveBits'])) as CryptoKeyPair;
  return {
    publicKeyJwk: await subtle().exportKey('jwk', pair.publicKey),
    pkcs8: new Uint8Array(await subtle().exportKey('pkcs8', pair.privateKey)),
  };
}

/** The private key from its PKCS#8 bytes, non-extractable: it can derive keys, never leave. */
const importPrivateKey = (pkcs8: Bytes) =>
  subtle().importKey('pkcs8', pkcs8, ECDH, false, ['deriveKey', 'deriveBits']);

async function deviceRecord(publicKeyJwk: JsonWebKey, pkcs8: Bytes): Promise<KeyringRecord> {
  const deviceKey = await subtle().generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  return {
    version: 1,
    mode: 'device',
    publicKeyJwk,
    deviceKey,
    sealedPrivateKey: await seal(deviceKey, pkcs8, PRIVATE_KEY_AAD),
  };
}

async function passphraseRecord(
  publicKeyJwk: JsonWebKey,
  pkcs8: Bytes,
  passphrase: string,
  iterations: number,
): Promise<KeyringRecord> {
  const salt = random(16);
  const key = await passphraseKey(passphrase, salt, iterations);
  return {
    version: 1,
    mode: 'passphrase',
    publicKeyJwk,
    salt,
    iterations,
    sealedPrivateKey: await seal(key, pkcs8, PRIVATE_KEY_AAD),
  };
}

/** A new keyring protected by a fresh non-extractable device key. */
export async function createDeviceKeyring(): Promise<KeyringRecord> {
  const { publicKeyJwk, pkcs8 } = await newKeyPair();
  try {
    return await deviceRecord(publicKeyJwk, pkcs8);
  } finally {
    pkcs8.fill(0);
  }
}

async function privateKeyBytes(rec: KeyringRecord, passphrase?: string): Promise<Bytes> {
  if (rec.mode === 'device') return unseal(rec.deviceKey, rec.sealedPrivateKey, PRIVATE_KEY_AAD);
  if (passphrase === undefined)
    throw new SaidError(words('This log is protected by a passphrase: enter it to open it.'));
  const key = await passphraseKey(passphrase, rec.salt, rec.iterations);
  try {
    return await unseal(key, rec.sealedPrivateKey, PRIVATE_KEY_AAD);
  } catch {
    throw new WrongPassphraseError();
  }
}

/** The log's private key (non-extractable), for reading. Throws WrongPassphraseError on a wrong passphrase. */
export async function unlockKeyring(rec: KeyringRecord, passphrase?: string): Promise<CryptoKey> {
  const bytes = await privateKeyBytes(rec, passphrase);
  try {
    return await importPrivateKey(bytes);
  } finally {
    bytes.fill(0);
  }
}

/**
 * A keyring with a new key pair, and the old private key that opens the sessions' keys so they can be
 * wrapped again to the new public key (LogReader's re-key does that and replaces the record in one
 * transaction). A new pair, not the old one under a new lock: a copy of the profile taken before
 * keeps opening only what was written before. `nextPrivateKey` (non-extractable) reads the log
 * afterwards without deriving the passphrase's key again.
 */
export interface Rekeyed {
  next: KeyringRecord;
  previousPrivateKey: CryptoKey;
  nextPrivateKey: CryptoKey;
}

/**
 * Protects the log with a passphrase (or a new one), under a new key pair. `current` is needed when
 * it is already passphrase-protected; a wrong one throws WrongPassphraseError. `iterations` is the
 * new key's PBKDF2 cost (default PBKDF2_ITERATIONS; the record keeps it, so reading needs no option):
 * unit tests pass a small one.
 */
export async function rekeyWithPassphrase(
  rec: KeyringRecord,
  passphrase: string,
  current?: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<Rekeyed> {
  checkPassphrase(passphrase);
  const previousPrivateKey = await unlockKeyring(rec, current);
  const { publicKeyJwk, pkcs8 } = await newKeyPair();
  try {
    return {
      next: await passphraseRecord(publicKeyJwk, pkcs8, passphrase, iterations),
      previousPrivateKey,
      nextPrivateKey: await importPrivateKey(pkcs8),
    };
  } finally {
    pkcs8.fill(0);
  }
}

/** Goes back to a device key, under a new key pair (the passphrase is needed once more to do it). */
export async function rekeyToDevice(rec: KeyringRecord, current: string): Promise<Rekeyed> {
  const previousPrivateKey = await unlockKeyring(rec, current);
  const { publicKeyJwk, pkcs8 } = await newKeyPair();
  try {
    return {
      next: await deviceRecord(publicKeyJwk, pkcs8),
      previousPrivateKey,
      nextPrivateKey: await importPrivateKey(pkcs8),
    };
  } finally {
    pkcs8.fill(0);
  }
}

/** Whether two public keys are the same key (a writer checks it still wraps to the log's current key). */
export function samePublicKey(a: JsonWebKey, b: JsonWebKey): boolean {
  return a.kty === b.kty && a.crv === b.crv && a.x === b.x && a.y === b.y;
}
