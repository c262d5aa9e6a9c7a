import { TEST_KDF_ITERATIONS } from '../../../helpers/kdf';
import { describe, expect, it } from 'vitest';
import {
  createDeviceKeyring,
  PBKDF2_ITERATIONS,
  rekeyToDevice,
  rekeyWithPassphrase,
  unlockKeyring,
  WrongPassphraseError,
} from '../../../../../extension/shared/crypto/LogKeyring';
import {
  importSessionKey,
  newSessionKey,
  openRecord,
  openSessionKey,
  rewrapSessionKey,
  sealRecord,
} from '../../../../../extension/shared/crypto/sessionSealing';

const second = { sessionId: 's1', t: 42, frames: 15, faceFrames: 15, yawDeg: 3.5, mouthAperture: null };

describe('log keyring and session sealing', () => {
  it('round-trips records: written with the public key only, read with the unlocked private key', async () => {
    const ring = await createDeviceKeyring();
    expect(ring.mode).toBe('device');
    expect(ring.mode === 'device' && ring.deviceKey.extractable).toBe(false);
    // The writer: public key only.
    const { key, rawKey, header } = await newSessionKey(ring.publicKeyJwk, 's1');
    const sealed = await sealRecord(key, 's1/seconds/42', second);
    expect(new TextDecoder().decode(sealed.data)).not.toContain('yawDeg');
    // The same key rebuilt from its raw bytes (after a worker restart) still writes readable records.
    const sealed2 = await sealRecord(await importSessionKey(rawKey), 's1/seconds/43', { ...second, t: 43 });
    // The reader.
    const priv = await unlockKeyring(ring);
    expect(priv.extractable).toBe(false);
    const sessionKey = await openSessionKey(priv, header, 's1');
    expect(await openRecord(sessionKey, 's1/seconds/42', sealed)).toEqual(second);
    expect(await openRecord(sessionKey, 's1/seconds/43', sealed2)).toMatchObject({ t: 43 });
  });

  it('binds each record to its place and detects any changed bit', async () => {
    const ring = await createDeviceKeyring();
    const { key, header } = await newSessionKey(ring.publicKeyJwk, 's1');
    const sealed = await sealRecord(key, 's1/seconds/42', second);
    await expect(openRecord(key, 's1/seconds/41', sealed)).rejects.toThrow();
    const flipped = { iv: sealed.iv, data: sealed.data.slice() };
    flipped.data[3]! ^= 1;
    await expect(openRecord(key, 's1/seconds/42', flipped)).rejects.toThrow();
    // A session key header cannot be moved to another session.
    await expect(openSessionKey(await unlockKeyring(ring), header, 's2')).rejects.toThrow();
  });

  it('a passphrase protects the log under a new key pair; a wrong one is a clear error and changes nothing', async () => {
    const ring = await createDeviceKeyring();
    const { key, header } = await newSessionKey(ring.publicKeyJwk, 's1');
    const sealed = await sealRecord(key, 's1/events/1', { type: 'face-lost' });

    const { next: locked, previousPrivateKey } = await rekeyWithPassphrase(ring, 'correct horse battery');
    expect(locked.mode).toBe('passphrase');
    expect(locked.mode === 'passphrase' && locked.iterations).toBe(PBKDF2_ITERATIONS);
    // A new pair: a copy of the profile taken before (the device-key ring) opens nothing wrapped after.
    expect(locked.publicKeyJwk.x).not.toBe(ring.publicKeyJwk.x);
    const snapshot = structuredClone(locked);

    await expect(unlockKeyring(locked)).rejects.toThrow(/protected by a passphrase/);
    await expect(unlockKeyring(locked, 'correct horse battery!')).rejects.toBeInstanceOf(
      WrongPassphraseError,
    );
    await expect(unlockKeyring(locked, 'wrong')).rejects.toThrow(
      'That passphrase does not unlock this log. Nothing was changed.',
    );
    expect(locked).toEqual(snapshot);

    // The session's key, wrapped again to the new public key, opens the records written before.
    const rewrapped = await rewrapSessionKey(previousPrivateKey, header, 's1', locked.publicKeyJwk);
    const priv = await unlockKeyring(locked, 'correct horse battery');
    expect(await openRecord(await openSessionKey(priv, rewrapped, 's1'), 's1/events/1', sealed)).toEqual({
      type: 'face-lost',
    });
    await expect(openSessionKey(priv, header, 's1')).rejects.toThrow();
    await expect(openSessionKey(await unlockKeyring(ring), rewrapped, 's1')).rejects.toThrow();
  }, 30_000);

  it('changing or removing the passphrase needs the current one, and makes a new pair each time', async () => {
    const { next: ring } = await rekeyWithPassphrase(
      await createDeviceKeyring(),
      'first passphrase',
      undefined,
      TEST_KDF_ITERATIONS,
    );
    const { key, header } = await newSessionKey(ring.publicKeyJwk, 's9');
    const sealed = await sealRecord(key, 's9/sessions', { platform: 'meet' });

    await expect(rekeyWithPassphrase(ring, 'second passphrase')).rejects.toThrow(/enter it/);
    await expect(rekeyWithPassphrase(ring, 'second passphrase', 'not it')).rejects.toBeInstanceOf(
      WrongPassphraseError,
    );
    await expect(rekeyWithPassphrase(ring, 'short', 'first passphrase')).rejects.toThrow(/at least 8/);
    const changed = await rekeyWithPassphrase(
      ring,
      'second passphrase',
      'first passphrase',
      TEST_KDF_ITERATIONS,
    );
    await expect(unlockKeyring(changed.next, 'first passphrase')).rejects.toBeInstanceOf(
      WrongPassphraseError,
    );
    const h2 = await rewrapSessionKey(changed.previousPrivateKey, header, 's9', changed.next.publicKeyJwk);

    await expect(rekeyToDevice(changed.next, 'not it')).rejects.toBeInstanceOf(WrongPassphraseError);
    const device = await rekeyToDevice(changed.next, 'second passphrase');
    expect(device.next.mode).toBe('device');
    expect(device.next.publicKeyJwk.x).not.toBe(changed.next.publicKeyJwk.x);
    const h3 = await rewrapSessionKey(device.previousPrivateKey, h2, 's9', device.next.publicKeyJwk);
    const priv = await unlockKeyring(device.next);
    expect(await openRecord(await openSessionKey(priv, h3, 's9'), 's9/sessions', sealed)).toEqual({
      platform: 'meet',
    });
  }, 60_000);
});
