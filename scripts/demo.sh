#!/usr/bin/env bash
# Runs Pishkhan in demo mode: installs what is missing, builds the UI and the app (release),
# and opens the window with the reference platform embedded and a generated store.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup-debian.sh
export PATH="$HOME/.cargo/bin:$PATH"
echo "==> building the UI"
npm --prefix ui run build
echo "==> building and starting the app (the first build takes a few minutes)"
exec cargo run --release -p pishkhan-app -- --demo "$@"
