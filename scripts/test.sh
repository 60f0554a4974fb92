#!/usr/bin/env bash
# The project's test command (README, .ci/run): every Rust test of the
# workspace, then the browser tests of the web UI in headless Chromium
# (tests/browser/run.sh installs Debian's chromium and playwright-core if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace
echo "== browser tests"
bash tests/browser/run.sh
