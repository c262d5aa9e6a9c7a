#!/usr/bin/env bash
# Sets up a fresh machine and builds everything: Debian's Chromium (for the real-browser tests; never a
# downloaded browser) and ffmpeg (test clips), the npm dependencies, and both extension builds.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]} from Debian"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-liberation >/dev/null
fi

echo "setup: npm ci"
npm ci --no-audit --no-fund --loglevel=error

echo "setup: building the Chrome extension (dist/), the Firefox build (dist-firefox/) and the test build (dist-test/)"
npm run --silent build >/dev/null
npm run --silent build:firefox >/dev/null
npm run --silent build:test >/dev/null
echo "setup: done. Load dist/ unpacked in Chrome (chrome://extensions, Developer mode, Load unpacked)."
