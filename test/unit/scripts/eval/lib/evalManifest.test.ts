import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadManifest } from '../../../../../scripts/eval/lib/evalKit.mjs';
import { ensureNoFaceClip } from '../../../../harness/demoServer.mjs';

const root = mkdtempSync(join(tmpdir(), 'ig-manifest-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(() => {
  mkdirSync(join(root, 'talking'));
  // A real file for ffprobe to read: the demo's no-face clip, 20 s of a 640 × 360 test pattern at
  // 25 frames/s with a tone.
  copyFileSync(ensureNoFaceClip(), join(root, 'talking', 'pattern.mp4'));
});

const write = (name: string, manifest: unknown): string => {
  const path = join(root, name);
  writeFileSync(path, JSON.stringify(manifest));
  return path;
};

// Each test spawns ffprobe; its first start on a fresh machine (libraries not yet in the page cache)
// took over 5 s, vitest's default, so these allow 30 s.
describe("the evaluations' manifest", { timeout: 30_000 }, () => {
  it('fills in what ffprobe reads for a clip that lacks it, keeps what the manifest says, skips absent files', () => {
    const path = write('manifest.json', {
      clips: [
        { file: 'talking/pattern.mp4', label: 'real', kind: 'talking', audio: 'own' },
        {
          file: 'talking/pattern.mp4',
          label: 'real',
          kind: 'talking',
          audio: 'own',
          fps: 30,
          hasAudio: false,
        },
        { file: 'talking/absent.mp4', label: 'real', kind: 'talking', audio: 'own' },
      ],
    });
    const { clips } = loadManifest(path);
    expect(clips).toHaveLength(2);
    const [probed, stated] = clips;
    expect(probed).toMatchObject({
      width: 640,
      height: 360,
      fps: 25,
      hasAudio: true,
      path: join(root, 'talking/pattern.mp4'),
    });
    expect(probed.durationS).toBeGreaterThan(19.9);
    expect(probed.durationS).toBeLessThan(20.2);
    expect(stated).toMatchObject({ fps: 30, hasAudio: false, width: 640, height: 360 });
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

  it('refuses a manifest none of whose clips is where it says (an evaluation of nothing prints only nulls)', () => {
    const path = write('elsewhere.json', {
      clips: [{ file: 'talking/absent.mp4', label: 'real', kind: 'talking', audio: 'own' }],
    });
    expect(() => loadManifest(path)).toThrow(/none of the 1 clips of .*elsewhere\.json is under /);
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
