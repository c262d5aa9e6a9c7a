// npm run package
//
// What is published: fresh production builds (dist/ for Chrome, dist-firefox/ for Firefox), zipped
// into packages/ as the Chrome Web Store upload and the Firefox add-on, and Mozilla's linter
// (web-ext lint, the checks addons.mozilla.org runs on upload) over the Firefox build. Exits non-zero
// when a build fails or the linter reports an error; warnings are printed.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (cmd, args, env = {}) =>
  execFileSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });

const { version } = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
const out = join(root, 'packages');
mkdirSync(out, { recursive: true });

run(bin('vite'), ['build']);
run(bin('vite'), ['build'], { TARGET: 'firefox' });

const made = [];
for (const [dir, target] of [
  ['dist', 'chrome'],
  ['dist-firefox', 'firefox'],
]) {
  const filename = `interview-guard-${target}-${version}.zip`;
  // Source maps stay out of what is published.
  run(bin('web-ext'), [
    'build',
    '--source-dir',
    dir,
    '--artifacts-dir',
    out,
    '--filename',
    filename,
    '--overwrite-dest',
    '--ignore-files',
    '**/*.map',
  ]);
  made.push({ file: join('packages', filename), mb: statSync(join(out, filename)).size / 1e6 });
}

// The linter exits non-zero on errors; its JSON report is read either way.
const linted = spawnSync(
  bin('web-ext'),
  ['lint', '--source-dir', 'dist-firefox', '--output', 'json', '--ignore-files', '**/*.map'],
  { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
);
const report = linted.stdout.slice(linted.stdout.indexOf('{'));
if (!report) throw new Error(`web-ext lint gave no report: ${linted.stderr}`);
const lint = JSON.parse(report);
for (const m of [...lint.errors, ...lint.warnings])
  console.info(`${m._type === 'error' ? 'ERROR' : 'warning'} ${m.code}: ${m.message} (${m.file ?? ''})`);
for (const p of made) console.info(`${p.file}  ${p.mb.toFixed(1)} MB`);
console.info(
  `web-ext lint (dist-firefox): ${lint.summary.errors} errors, ${lint.summary.warnings} warnings, ${lint.summary.notices} notices`,
);
if (lint.summary.errors > 0) process.exit(1);
