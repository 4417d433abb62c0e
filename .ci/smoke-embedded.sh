#!/usr/bin/env bash
# The embedded default as a new user gets it: the built app without DATABASE_URL on a fresh
# data directory seeds demo data, answers /healthz, and lets the demo manager sign in.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${SMOKE_PORT:-3210}
DATA_DIR=$(mktemp -d)/pglite
COOKIES=$(mktemp)
LOG=$(mktemp)
BASE="http://127.0.0.1:$PORT"

[ -f build/index.js ] || npx remix build
# Its own process group, so stopping it also stops the node process tsx starts.
env -u DATABASE_URL NODE_ENV=production PORT=$PORT DATA_DIR="$DATA_DIR" APP_URL="http://localhost:$PORT" \
  setsid node_modules/.bin/tsx app/server.ts >"$LOG" 2>&1 &
SERVER=$!
trap 'kill -- -$SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT

for _ in $(seq 1 120); do
  curl -fsS "$BASE/healthz" >/dev/null 2>&1 && break
  kill -0 $SERVER 2>/dev/null || { cat "$LOG"; echo "server exited during start-up"; exit 1; }
  sleep 1
done
curl -fsS "$BASE/healthz" >/dev/null || { cat "$LOG"; echo "server did not become healthy"; exit 1; }
grep -q "manager@vendor.example" "$LOG" || { cat "$LOG"; echo "start-up log lacks the demo sign-ins"; exit 1; }

status=$(curl -sS -o /dev/null -w '%{http_code}' -c "$COOKIES" -b "$COOKIES" \
  --data-urlencode "intent=sign-in" --data-urlencode "email=manager@vendor.example" \
  --data-urlencode "password=partner-demo" "$BASE/login")
[ "$status" = 302 ] || [ "$status" = 303 ] || { echo "sign-in answered $status"; cat "$LOG"; exit 1; }

home=$(curl -fsS -b "$COOKIES" "$BASE/manager")
grep -q "Morgan" <<<"$home" || { echo "manager home did not greet the demo manager"; exit 1; }
clock=$(curl -sS -o /dev/null -w '%{http_code}' "$BASE/dev/clock")
[ "$clock" = 404 ] || { echo "the test clock endpoint answered $clock in production"; exit 1; }
echo "embedded default: healthy, seeded, demo manager signed in and saw the home page"
