import { describe, expect, it } from 'vitest';
import {
  createDeviceKeyring,
  PBKDF2_ITERATIONS,
  removePassphrase,
  setPassphrase,
  unlockKeyring,
  WrongPassphraseError,
} from '../../extension/shared/crypto/LogKeyring';
import {
  importSessionKey,
  newSessionKey,
  openRecord,
  openSessionKey,
  sealRecord,
} from '../../extension/shared/crypto/sessionSealing';

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

  it('a passphrase protects the same log; a wrong one is a clear error and changes nothing', async () => {
    const ring = await createDeviceKeyring();
    const { key, header } = await newSessionKey(ring.publicKeyJwk, 's1');
    const sealed = await sealRecord(key, 's1/events/1', { type: 'face-lost' });

    const locked = await setPassphrase(ring, 'correct horse battery');
    expect(locked.mode).toBe('passphrase');
    expect(locked.mode === 'passphrase' && locked.iterations).toBe(PBKDF2_ITERATIONS);
    expect(locked.publicKeyJwk).toEqual(ring.publicKeyJwk); // writers need nothing new
    const snapshot = structuredClone(locked);

    await expect(unlockKeyring(locked)).rejects.toThrow(/protected by a passphrase/);
    await expect(unlockKeyring(locked, 'correct horse battery!')).rejects.toBeInstanceOf(
      WrongPassphraseError,
    );
    await expect(unlockKeyring(locked, 'wrong')).rejects.toThrow(
      'That passphrase does not unlock this log. Nothing was changed.',
    );
    expect(locked).toEqual(snapshot);

    const priv = await unlockKeyring(locked, 'correct horse battery');
    expect(await openRecord(await openSessionKey(priv, header, 's1'), 's1/events/1', sealed)).toEqual({
      type: 'face-lost',
    });
  }, 30_000);

  it('changing or removing the passphrase needs the current one; sessions stay readable', async () => {
    const ring = await setPassphrase(await createDeviceKeyring(), 'first passphrase');
    const { key, header } = await newSessionKey(ring.publicKeyJwk, 's9');
    const sealed = await sealRecord(key, 's9/sessions', { platform: 'meet' });

    await expect(setPassphrase(ring, 'second passphrase')).rejects.toThrow(/enter it/);
    await expect(setPassphrase(ring, 'second passphrase', 'not it')).rejects.toBeInstanceOf(
      WrongPassphraseError,
    );
    await expect(setPassphrase(ring, 'short', 'first passphrase')).rejects.toThrow(/at least 8/);
    const changed = await setPassphrase(ring, 'second passphrase', 'first passphrase');
    await expect(unlockKeyring(changed, 'first passphrase')).rejects.toBeInstanceOf(WrongPassphraseError);

    const device = await removePassphrase(changed, 'second passphrase');
    expect(device.mode).toBe('device');
    const priv = await unlockKeyring(device);
    expect(await openRecord(await openSessionKey(priv, header, 's9'), 's9/sessions', sealed)).toEqual({
      platform: 'meet',
    });
  }, 60_000);
});
