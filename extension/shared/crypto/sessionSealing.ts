/**
 * Per-session encryption of log records. The writer makes a random AES-GCM session key and wraps it to
 * the log's public key with an ephemeral ECDH agreement (ECIES-style), so writing never needs the
 * private key or the passphrase. Each record is sealed with a fresh 96-bit IV and bound, as additional
 * data, to where it belongs (session, store, key), so records cannot be swapped between places unnoticed.
 */
import type { Bytes, SealedBytes } from './LogKeyring';

export interface SessionKeyHeader {
  version: 1;
  ephemeralPublicKeyJwk: JsonWebKey;
  wrappedKey: SealedBytes;
}

const subtle = () => globalThis.crypto.subtle;
const random = (n: number) => globalThis.crypto.getRandomValues(new Uint8Array(n));
const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;
const enc = new TextEncoder();
const dec = new TextDecoder();

async function agreementKey(
  privateKey: CryptoKey,
  publicKey: CryptoKey,
  sessionId: string,
): Promise<CryptoKey> {
  const shared = await subtle().deriveBits({ name: 'ECDH', public: publicKey }, privateKey, 256);
  const hkdf = await subtle().importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return subtle().deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: enc.encode(sessionId),
      info: enc.encode('interview-guard/session-key/v1'),
    },
    hkdf,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** Wraps a raw session key to the log's public key, with a fresh ephemeral key pair. */
async function wrapSessionKey(
  logPublicKeyJwk: JsonWebKey,
  sessionId: string,
  rawKey: Bytes,
): Promise<SessionKeyHeader> {
  const logPublic = await subtle().importKey('jwk', logPublicKeyJwk, ECDH, false, []);
  const eph = (await subtle().generateKey(ECDH, true, ['deriveBits'])) as CryptoKeyPair;
  const wrapKey = await agreementKey(eph.privateKey, logPublic, sessionId);
  const iv = random(12);
  const wrapped = await subtle().encrypt(
    { name: 'AES-GCM', iv, additionalData: enc.encode(sessionId) },
    wrapKey,
    rawKey,
  );
  return {
    version: 1,
    ephemeralPublicKeyJwk: await subtle().exportKey('jwk', eph.publicKey),
    wrappedKey: { iv, data: new Uint8Array(wrapped) },
  };
}

/** The raw session key from its header, with the log's private key. */
async function unwrapSessionKey(
  logPrivateKey: CryptoKey,
  header: SessionKeyHeader,
  sessionId: string,
): Promise<Bytes> {
  const eph = await subtle().importKey('jwk', header.ephemeralPublicKeyJwk, ECDH, false, []);
  const wrapKey = await agreementKey(logPrivateKey, eph, sessionId);
  const raw = await subtle().decrypt(
    { name: 'AES-GCM', iv: header.wrappedKey.iv, additionalData: enc.encode(sessionId) },
    wrapKey,
    header.wrappedKey.data,
  );
  return new Uint8Array(raw);
}

/** A new session key and the header that lets the log's owner recover it. */
export async function newSessionKey(
  logPublicKeyJwk: JsonWebKey,
  sessionId: string,
): Promise<{ key: CryptoKey; rawKey: Bytes; header: SessionKeyHeader }> {
  const rawKey = random(32);
  return {
    key: await importSessionKey(rawKey),
    rawKey,
    header: await wrapSessionKey(logPublicKeyJwk, sessionId, rawKey),
  };
}

/** The session key from its raw bytes (kept in memory-only session storage while a call runs). */
export function importSessionKey(rawKey: Bytes): Promise<CryptoKey> {
  return subtle().importKey('raw', rawKey, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/** Recovers a session key with the log's private key (see unlockKeyring). */
export async function openSessionKey(
  logPrivateKey: CryptoKey,
  header: SessionKeyHeader,
  sessionId: string,
): Promise<CryptoKey> {
  const raw = await unwrapSessionKey(logPrivateKey, header, sessionId);
  try {
    return await importSessionKey(raw);
  } finally {
    raw.fill(0);
  }
}

/**
 * The same session key wrapped to another public key (a re-key of the log): the records stay as they
 * are; only the header changes. Throws if `previousPrivateKey` does not open the header.
 */
export async function rewrapSessionKey(
  previousPrivateKey: CryptoKey,
  header: SessionKeyHeader,
  sessionId: string,
  nextPublicKeyJwk: JsonWebKey,
): Promise<SessionKeyHeader> {
  const raw = await unwrapSessionKey(previousPrivateKey, header, sessionId);
  try {
    return await wrapSessionKey(nextPublicKeyJwk, sessionId, raw);
  } finally {
    raw.fill(0);
  }
}

/** Seals a JSON-serialisable value; `place` names where it is stored (e.g. "s1/seconds/42"). */
export async function sealRecord(key: CryptoKey, place: string, value: unknown): Promise<SealedBytes> {
  const iv = random(12);
  const data = await subtle().encrypt(
    { name: 'AES-GCM', iv, additionalData: enc.encode(place) },
    key,
    enc.encode(JSON.stringify(value)),
  );
  return { iv, data: new Uint8Array(data) };
}

/** Opens a sealed record; throws if the key, the place or a single bit is wrong. */
export async function openRecord<T>(key: CryptoKey, place: string, sealed: SealedBytes): Promise<T> {
  const plain = await subtle().decrypt(
    { name: 'AES-GCM', iv: sealed.iv, additionalData: enc.encode(place) },
    key,
    sealed.data,
  );
  return JSON.parse(dec.decode(plain)) as T;
}
