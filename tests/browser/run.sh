#!/usr/bin/env bash
# Browser tests of the web UI: installs Debian's chromium if missing and
# playwright-core from npm (package-lock.json), starts `newsdesk demo` on a
# free port of 127.0.0.1 with a temporary store, and runs ui.test.mjs with
# node's test runner. Screenshots: test-artifacts/ at the repository root.
#
# Usage: bash tests/browser/run.sh        (from anywhere; builds the debug binary)
#        NEWSDESK_BIN=target/release/newsdesk bash tests/browser/run.sh
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

if [ ! -x /usr/bin/chromium ]; then
  echo "== installing chromium (Debian)"
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
echo "== npm ci (playwright-core)"
(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)

BIN="${NEWSDESK_BIN:-}"
if [ -z "$BIN" ]; then
  echo "== cargo build -p newsdesk"
  (cd "$ROOT" && cargo build -p newsdesk --quiet)
  BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/newsdesk"
fi
case "$BIN" in /*) ;; *) BIN="$ROOT/$BIN" ;; esac

TMP="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

echo "== newsdesk demo (ingesting the sample)"
(cd "$ROOT" && exec "$BIN" demo --addr 127.0.0.1:0 --db "$TMP/store" --quiet >"$TMP/url" 2>"$TMP/log") &
SERVER_PID=$!
for _ in $(seq 1 600); do
  if [ -s "$TMP/url" ]; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then echo "newsdesk demo exited:"; cat "$TMP/log"; exit 1; fi
  sleep 0.5
done
URL="$(head -n1 "$TMP/url")"
if [ -z "$URL" ]; then echo "newsdesk demo did not start in time:"; cat "$TMP/log"; exit 1; fi
echo "== serving at $URL"

mkdir -p "$ROOT/test-artifacts"
cd "$HERE"
NEWSDESK_URL="$URL" ARTIFACTS="$ROOT/test-artifacts" node --test --test-reporter=spec ui.test.mjs
