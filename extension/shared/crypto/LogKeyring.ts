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

export class WrongPassphraseError extends Error {
  constructor() {
    super('That passphrase does not unlock this log. Nothing was changed.');
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

async function passphraseKey(passphrase: string, salt: Bytes, iterations: number): Promise<CryptoKey> {
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

function checkPassphrase(passphrase: string): void {
  if (passphrase.length < 8) throw new Error('A passphrase needs at least 8 characters.');
}

/** A new keyring protected by a fresh non-extractable device key. */
export async function createDeviceKeyring(): Promise<KeyringRecord> {
  const pair = (await subtle().generateKey(ECDH, true, ['deriveKey', 'deriveBits'])) as CryptoKeyPair;
  const deviceKey = await subtle().generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  const pkcs8 = new Uint8Array(await subtle().exportKey('pkcs8', pair.privateKey));
  return {
    version: 1,
    mode: 'device',
    publicKeyJwk: await subtle().exportKey('jwk', pair.publicKey),
    deviceKey,
    sealedPrivateKey: await seal(deviceKey, pkcs8, PRIVATE_KEY_AAD),
  };
}

async function privateKeyBytes(rec: KeyringRecord, passphrase?: string): Promise<Bytes> {
  if (rec.mode === 'device') return unseal(rec.deviceKey, rec.sealedPrivateKey, PRIVATE_KEY_AAD);
  if (passphrase === undefined)
    throw new Error('This log is protected by a passphrase: enter it to open it.');
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
    return await subtle().importKey('pkcs8', bytes, ECDH, false, ['deriveKey', 'deriveBits']);
  } finally {
    bytes.fill(0);
  }
}

/**
 * Protects the keyring with a passphrase instead (or a new passphrase). `current` is needed when it is
 * already passphrase-protected. Returns a new record; the caller replaces the old one in one write.
 */
export async function setPassphrase(
  rec: KeyringRecord,
  passphrase: string,
  current?: string,
): Promise<KeyringRecord> {
  checkPassphrase(passphrase);
  const bytes = await privateKeyBytes(rec, current);
  try {
    const salt = random(16);
    const key = await passphraseKey(passphrase, salt, PBKDF2_ITERATIONS);
    return {
      version: 1,
      mode: 'passphrase',
      publicKeyJwk: rec.publicKeyJwk,
      salt,
      iterations: PBKDF2_ITERATIONS,
      sealedPrivateKey: await seal(key, bytes, PRIVATE_KEY_AAD),
    };
  } finally {
    bytes.fill(0);
  }
}

/** Goes back to the device key (the passphrase is needed once more to do it). */
export async function removePassphrase(rec: KeyringRecord, current: string): Promise<KeyringRecord> {
  const bytes = await privateKeyBytes(rec, current);
  try {
    const deviceKey = await subtle().generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
    return {
      version: 1,
      mode: 'device',
      publicKeyJwk: rec.publicKeyJwk,
      deviceKey,
      sealedPrivateKey: await seal(deviceKey, bytes, PRIVATE_KEY_AAD),
    };
  } finally {
    bytes.fill(0);
  }
}
