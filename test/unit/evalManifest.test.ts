import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
// @ts-expect-error plain ESM script without types
import { loadManifest } from '../../scripts/lib/evalKit.mjs';

const root = mkdtempSync(join(tmpdir(), 'ig-manifest-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(() => {
  mkdirSync(join(root, 'talking'));
  // A real file for ffprobe to read: 2 s of a test pattern, 160 × 120 at 10 frames/s, with a tone.
  const r = spawnSync(
    'ffmpeg',
    [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=160x120:rate=10:duration=2',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:duration=2',
      '-c:v',
      'libx264',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-shortest',
      join(root, 'talking', 'pattern.mp4'),
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`ffmpeg failed: ${r.stderr}`);
});

const write = (name: string, manifest: unknown): string => {
  const path = join(root, name);
  writeFileSync(path, JSON.stringify(manifest));
  return path;
};

describe("the evaluations' manifest", () => {
  it('fills in what ffprobe reads for a clip that lacks it, keeps what the manifest says, skips absent files', () => {
    const path = write('manifest.json', {
      clips: [
        { file: 'talking/pattern.mp4', label: 'real', kind: 'talking', audio: 'own' },
        {
          file: 'talking/pattern.mp4',
          label: 'real',
          kind: 'talking',
          audio: 'own',
          fps: 25,
          hasAudio: false,
        },
        { file: 'talking/absent.mp4', label: 'real', kind: 'talking', audio: 'own' },
      ],
    });
    const { clips } = loadManifest(path);
    expect(clips).toHaveLength(2);
    const [probed, stated] = clips;
    expect(probed).toMatchObject({
      width: 160,
      height: 120,
      fps: 10,
      hasAudio: true,
      path: join(root, 'talking/pattern.mp4'),
    });
    expect(probed.durationS).toBeGreaterThan(1.9);
    expect(probed.durationS).toBeLessThan(2.2);
    expect(stated).toMatchObject({ fps: 25, hasAudio: false, width: 160, height: 120 });
  });

  it('leaves out, with a warning, a clip ffprobe cannot read, and keeps the others', () => {
    writeFileSync(join(root, 'talking', 'corrupt.mp4'), 'not a video');
    const path = write('with-corrupt.json', {
      clips: [
        { file: 'talking/corrupt.mp4', label: 'real', kind: 'talking', audio: 'own' },
        { file: 'talking/pattern.mp4', label: 'real', kind: 'talking', audio: 'own' },
      ],
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const { clips } = loadManifest(path);
      expect(clips.map((c: { file: string }) => c.file)).toEqual(['talking/pattern.mp4']);
      expect(warn).toHaveBeenCalledWith(
        expect.stringMatching(/^left out talking\/corrupt\.mp4: ffprobe .* failed/),
      );
    } finally {
      warn.mockRestore();
    }
  });

  it('refuses a manifest without a clips list, or a clip without a file, naming the file', () => {
    expect(() => loadManifest(write('broken.json', { files: [] }))).toThrow(
      /broken\.json has no "clips" list/,
    );
    expect(() => loadManifest(write('nofile.json', { clips: [{ label: 'real' }] }))).toThrow(
      /nofile\.json: clip 0 has no "file"/,
    );
  });
});
