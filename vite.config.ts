import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import webExtension from 'vite-plugin-web-extension';
// @ts-expect-error plain ESM script without types
import { prepareModelAssets } from './scripts/modelAssets.mjs';

const target = process.env.TARGET === 'firefox' ? 'firefox' : 'chrome';

// Model + wasm into public/vendor before anything is bundled; fails the build on a checksum mismatch.
await prepareModelAssets();

export default defineConfig({
  root: resolve(import.meta.dirname),
  publicDir: 'public',
  build: {
    outDir: target === 'firefox' ? 'dist-firefox' : 'dist',
    emptyOutDir: true,
    target: 'es2022',
    minify: false,
    sourcemap: true,
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  plugins: [
    webExtension({
      browser: target,
      manifest: 'manifest.json',
      disableAutoLaunch: true,
      // Validation downloads a JSON schema; the build must not depend on the network.
      skipManifestValidation: true,
      additionalInputs: [
        'extension/analyzer/analyzer.html',
        'extension/analyzer/bench.html',
        'extension/offscreen/offscreen.html',
        'extension/ui/review/review.html',
        'extension/ui/dev/dev.html',
      ],
    }),
  ],
});
