#!/usr/bin/env bash
# `npm test`: lint and format check, typecheck, vitest (unit + integration on DATABASE_URL or embedded PGlite,
# plus the PostgreSQL-only project when DATABASE_URL is set), then Playwright on the built app.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "lint and format"
npx eslint .
npx prettier --check . --log-level warn

step "typecheck"
npx tsc --noEmit

step "vitest (${DATABASE_URL:+PostgreSQL}${DATABASE_URL:-embedded PGlite})"
npx vitest run

step "browser for end-to-end tests"
if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "${CHROMIUM_PATH}" ]; then
  echo "using CHROMIUM_PATH=${CHROMIUM_PATH}"
elif [ -x /usr/bin/chromium ]; then
  export CHROMIUM_PATH=/usr/bin/chromium
  echo "using /usr/bin/chromium"
elif timeout 300 npx playwright install chromium >/dev/null 2>&1; then
  echo "using Playwright's own Chromium"
else
  echo "No browser for the end-to-end tests: install one with 'sudo apt-get install -y chromium' (or set CHROMIUM_PATH)." >&2
  exit 1
fi

step "build"
npx remix build

step "playwright"
npx playwright test
