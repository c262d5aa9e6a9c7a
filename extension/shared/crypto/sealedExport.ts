/**
 * An exported session sealed with a passphrase, for a file that leaves the log: the export's JSON
 * encrypted with AES-GCM under a key derived from the passphrase (PBKDF2-SHA-256, the log's own
 * iteration count), bound to this format's name. Only WebCrypto, as the rest of the log's crypto.
 *
 *   { format: 'interview-guard.session.sealed', version: 1,
 *     kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt }, iv, data }   (base64 strings)
 */
import { checkPassphrase, PBKDF2_ITERATIONS, passphraseKey, type Bytes } from './LogKeyring';
import { SaidError, words } from '../../../src/text/Phrase';

export const SEALED_EXPORT_FORMAT = 'interview-guard.session.sealed';

/** Longest sealed file read (the plain export's own limit, in base64, with room for the envelope). */
const MAX_SEALED_CHARS = 96 * 1024 * 1024;

export class WrongExportPassphraseError extends Error {
  constructor() {
    super('That passphrase does not open this file (or the file was changed).');
    this.name = 'WrongExportPassphraseError';
  }
}

const subtle = () => globalThis.crypto.subtle;
const enc = new TextEncoder();

const toBase64 = (b: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return btoa(s);
};
const fromBase64 = (s: string): Bytes => {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
};

/** Seals an export's JSON text. The passphrase needs 8 characters or more (checkPassphrase). */
export async function sealExport(
  json: string,
  passphrase: string,
  iterations = PBKDF2_ITERATIONS,
): Promise<string> {
  checkPassphrase(passphrase);
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const key = await passphraseKey(passphrase, salt, iterations);
  const data = new Uint8Array(
    await subtle().encrypt(
      { name: 'AES-GCM', iv, additionalData: enc.encode(SEALED_EXPORT_FORMAT) },
      key,
      enc.encode(json),
    ),
  );
  return JSON.stringify({
    format: SEALED_EXPORT_FORMAT,
    version: 1,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(salt) },
    iv: toBase64(iv),
    data: toBase64(data),
  });
}

/** Whether a file's text is a sealed export (read before asking for its passphrase). */
export function isSealedExport(text: string): boolean {
  if (text.length > MAX_SEALED_CHARS) return false;
  try {
    const v = JSON.parse(text) as { format?: unknown };
    return v?.format === SEALED_EXPORT_FORMAT;
  } catch {
    return false;
  }
}

/**
 * The export's JSON text from a sealed file. A malformed file says what is wrong with it; a wrong
 * passphrase (or a changed file) throws WrongExportPassphraseError.
 */
export async function openSealedExport(text: string, passphrase: string): Promise<string> {
  if (text.length > MAX_SEALED_CHARS) throw new SaidError(words('The file is too large to be an export.'));
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new SaidError(words('The file is not JSON.'));
  }
  const kdf = v.kdf as Record<string, unknown> | undefined;
  if (
    v.format !== SEALED_EXPORT_FORMAT ||
    v.version !== 1 ||
    !kdf ||
    kdf.name !== 'PBKDF2' ||
    kdf.hash !== 'SHA-256' ||
    !Number.isSafeInteger(kdf.iterations) ||
    (kdf.iterations as number) < 100_000 ||
    (kdf.iterations as number) > 10_000_000 ||
    typeof kdf.salt !== 'string' ||
    typeof v.iv !== 'string' ||
    typeof v.data !== 'string'
  )
    throw new SaidError(words('The file is not a sealed Interview Guard export (version 1).'));
  let salt: Bytes;
  let iv: Bytes;
  let data: Bytes;
  try {
    salt = fromBase64(kdf.salt);
    iv = fromBase64(v.iv);
    data = fromBase64(v.data);
  } catch {
    throw new SaidError(words('The sealed export is damaged (not base64).'));
  }
  if (salt.length !== 16 || iv.length !== 12) throw new SaidError(words('The sealed export is damaged.'));
  const key = await passphraseKey(passphrase, salt, kdf.iterations as number);
  try {
    const plain = await subtle().decrypt(
      { name: 'AES-GCM', iv, additionalData: enc.encode(SEALED_EXPORT_FORMAT) },
      key,
      data,
    );
    return new TextDecoder().decode(plain);
  } catch {
    throw new WrongExportPassphraseError();
  }
}
