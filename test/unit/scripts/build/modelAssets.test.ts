import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadModel, MODEL_SHA256 } from '../../../../scripts/build/modelAssets.mjs';

const made: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'ig-model-'));
  made.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('model source and checksum', () => {
  it('refuses a model whose sha256 does not match, naming the file and both hashes', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'face_landmarker.task'), 'not a model');
    await expect(loadModel({ GUARD_MODEL_DIR: dir })).rejects.toThrow(
      new RegExp(
        `Model checksum mismatch for .*face_landmarker.task: sha256 [0-9a-f]{64}, expected ${MODEL_SHA256}`,
      ),
    );
  });

  it('refuses a SHA256SUMS that disagrees with the pinned hash', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'face_landmarker.task'), 'x');
    writeFileSync(join(dir, 'SHA256SUMS'), `${'0'.repeat(64)}  face_landmarker.task\n`);
    await expect(loadModel({ GUARD_MODEL_DIR: dir })).rejects.toThrow(/lists 0{64} for face_landmarker.task/);
  });
});
