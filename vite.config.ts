import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import webExtension from 'vite-plugin-web-extension';
import { prepareModelAssets } from './scripts/build/modelAssets.mjs';

const target = process.env.TARGET === 'firefox' ? 'firefox' : 'chrome';

// Model + wasm into public/vendor before anything is bundled; fails the build on a checksum mismatch.
await prepareModelAssets();

/**
 * `vite build` makes what users install (dist/, dist-firefox/). `vite build --mode test` makes
 * dist-test/, which the end-to-end tests, the bench and the evaluations load: the same extension
 * plus what only they need, kept out of the shipped one: the content script on localhost and
 * 127.0.0.1 pages (the demo call), the bench and dev pages, and the analyzer's trace hook.
 */
export default defineConfig(({ mode }) => {
  const testBuild = mode === 'test';
  const manifest = () => {
    const m = JSON.parse(readFileSync(resolve(import.meta.dirname, 'manifest.json'), 'utf8'));
    if (testBuild) m.content_scripts[0].matches.push('http://localhost/*', 'http://127.0.0.1/*');
    return m;
  };
  return {
    root: resolve(import.meta.dirname),
    publicDir: 'public',
    build: {
      outDir: testBuild ? 'dist-test' : target === 'firefox' ? 'dist-firefox' : 'dist',
      emptyOutDir: true,
      target: 'es2022',
      minify: false,
      sourcemap: true,
    },
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    plugins: [
      webExtension({
        browser: target,
        manifest,
        watchFilePaths: ['manifest.json'],
        disableAutoLaunch: true,
        // Validation downloads a JSON schema; the build must not depend on the network.
        skipManifestValidation: true,
        additionalInputs: [
          'extension/analyzer/analyzer.html',
          'extension/offscreen/offscreen.html',
          'extension/ui/review/review.html',
          ...(testBuild ? ['extension/analyzer/bench.html', 'extension/ui/dev/dev.html'] : []),
        ],
      }),
    ],
  };
});
