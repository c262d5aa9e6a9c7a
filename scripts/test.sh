#!/usr/bin/env bash
# Every check the project has, in the order that fails fastest: types, lint and format, unit tests,
# a fresh build, then the end-to-end tests in Debian's Chromium. Ends with one "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results
status=0
step() {
  echo "== $1"
  shift
  "$@" || status=1
}

step "typecheck (core without DOM, then everything)" npm run --silent typecheck
step "lint and format" npm run --silent lint
step "unit tests" npx vitest run --config vitest.config.ts --reporter=default --reporter=json --outputFile=test-results/unit.json
step "build (Chrome, Firefox, and the test build the end-to-end tests load)" bash -c 'npm run --silent build >/dev/null && npm run --silent build:firefox >/dev/null && npm run --silent build:test >/dev/null'
step "end-to-end tests in Chromium" npx vitest run --config vitest.e2e.config.ts --reporter=default --reporter=json --outputFile=test-results/e2e.json

node -e '
  const fs = require("fs");
  let passed = 0, failed = 0, skipped = 0;
  for (const f of ["test-results/unit.json", "test-results/e2e.json"]) {
    if (!fs.existsSync(f)) { failed++; console.log(`missing ${f}: that suite did not run`); continue; }
    const r = JSON.parse(fs.readFileSync(f, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + (r.numTodoTests || 0);
  }
  console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
  process.exit(failed > 0 ? 1 : 0);
' || status=1
exit $status
