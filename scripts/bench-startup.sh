#!/usr/bin/env bash
# Start-up and memory of the release app, measured under Xvfb through tauri-driver +
# WebKitWebDriver (crates/bench/src/startup.rs): launch to the first orders of a cached store of
# 10,000 orders beside launch to the sign-in screen on an empty data folder (7 launches each,
# interleaved, after one warm-up each), the memory of the app's whole process tree idle and
# after scrolling a store of 100,000 orders to its last order, and the sizes of the release
# binary and of the .deb (scripts/package.sh builds it). Targets (PASS/MISS, never a failure):
# first orders within 1.5 s, under 300 MB in all, binary under 30 MB.
#
#   scripts/bench-startup.sh                          # everything, as in the README
#   scripts/bench-startup.sh --runs 3 --scroll-orders 0   # quicker: no 100,000-order scroll
#
# Installs what is missing (scripts/setup-debian.sh --test), builds the UI when its sources are
# newer than ui/dist, the app in release (alone, as it ships), then the platform, the CLI and the
# benchmark. The platform's generated stores are kept in target/bench/startup/platform-N and
# reused; the app's data folders are synced anew by the CLI each run (the keychain of
# with-keyring.sh is temporary): about a minute or two for 100,000 orders.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup-debian.sh --test
export PATH="$HOME/.cargo/bin:$PATH"

if [ ! -f ui/dist/index.html ] || [ -n "$(find ui/src ui/public ui/index.html ui/package.json ui/vite.config.* \
    -newer ui/dist/index.html -print -quit 2>/dev/null)" ]; then
  echo "==> UI: production build"
  npm --prefix ui run build
fi
echo "==> the app in release (a first build takes about 13 minutes on two cores)"
cargo build --release -p pishkhan-app
echo "==> the platform, the CLI and the benchmark in release"
cargo build --release -p pishkhan-platform -p pishkhan-cli -p pishkhan-bench

echo "==> measuring under Xvfb, with a keychain of its own"
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash scripts/with-keyring.sh \
  target/release/pishkhan-bench startup "$@"
