import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheName } from '../../../../../scripts/eval/lib/evalKit.mjs';

const root = mkdtempSync(join(tmpdir(), 'ig-evalcache-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const clipAt = (rel: string, bytes: string): { path: string } => {
  const path = join(root, rel);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, bytes);
  return { path };
};

describe("the evaluations' cache of derived clips", () => {
  it('gives two clips of one name, in two folders, two names, and one clip the same name each time', () => {
    const a = clipAt('talking/a/clip.mp4', 'first clip');
    const b = clipAt('talking/b/clip.mp4', 'first clip');
    expect(cacheName(a)).toMatch(/^clip-[0-9a-f]{10}$/);
    expect(cacheName(a)).not.toBe(cacheName(b));
    expect(cacheName(a)).toBe(cacheName({ path: a.path }));
  });

  it('names a file replaced in place afresh, so nothing derived from the old one is reused', () => {
    const c = clipAt('talking/c.webm', 'old footage');
    const before = cacheName(c);
    writeFileSync(c.path, 'new footage, longer');
    expect(cacheName(c)).not.toBe(before);
    // Same size, only a newer modification time: still a new name.
    const d = clipAt('talking/d.mp4', 'aaaa');
    const dBefore = cacheName(d);
    writeFileSync(d.path, 'bbbb');
    utimesSync(d.path, new Date(), new Date(Date.now() + 5000));
    expect(cacheName(d)).not.toBe(dBefore);
  });
});
