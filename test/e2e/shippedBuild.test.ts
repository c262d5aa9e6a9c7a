/**
 * What users install (dist/, dist-firefox/) carries nothing that only the tests, the bench and the
 * evaluations need; the test build (dist-test/) carries it. Reads the builds `npm test` just made.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const jsFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.js'))
    .map((e) => join(e.parentPath, e.name));
const manifest = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    content_scripts: { matches: string[] }[];
    web_accessible_resources: { resources: string[]; use_dynamic_url?: boolean }[];
  };
/** The trace hook's code: the array the evaluation sets on the analyzer frame, read as a property. */
const traceHook = (dir: string) => jsFiles(dir).some((f) => /\.igTrace\b/.test(readFileSync(f, 'utf8')));

describe('the shipped builds and the test build', () => {
  for (const name of ['dist', 'dist-firefox']) {
    const dir = resolve(name);
    it.skipIf(!existsSync(dir))(`${name}: no localhost pages, no bench or dev page, no trace hook`, () => {
      const m = manifest(dir);
      expect(
        m.content_scripts.flatMap((c) => c.matches).filter((u) => /localhost|127\.0\.0\.1/.test(u)),
      ).toEqual([]);
      expect(existsSync(join(dir, 'extension/analyzer/bench.html'))).toBe(false);
      expect(existsSync(join(dir, 'extension/ui/dev/dev.html'))).toBe(false);
      expect(traceHook(dir)).toBe(false);
    });
  }

  it('dist: the analyzer frame is web-accessible only at the dynamic address', () => {
    expect(manifest(resolve('dist')).web_accessible_resources.every((w) => w.use_dynamic_url === true)).toBe(
      true,
    );
  });

  it('dist-test: the demo call on 127.0.0.1, the bench and dev pages and the trace hook are there', () => {
    const dir = resolve('dist-test');
    expect(manifest(dir).content_scripts[0]!.matches).toContain('http://127.0.0.1/*');
    expect(existsSync(join(dir, 'extension/analyzer/bench.html'))).toBe(true);
    expect(existsSync(join(dir, 'extension/ui/dev/dev.html'))).toBe(true);
    expect(traceHook(dir)).toBe(true);
  });
});
