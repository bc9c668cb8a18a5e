#!/usr/bin/env bash
# Runs every test: the UI's unit tests, then the whole Rust workspace — unit tests, the real
# platform over HTTP with the CLI, and the desktop app driven through WebDriver under Xvfb.
# Installs what is missing first.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup-debian.sh --test
export PATH="$HOME/.cargo/bin:$PATH"

echo "==> UI: type check, unit tests, production build"
npm --prefix ui run build
npm --prefix ui test

echo "==> Release checks: icons, workflows, supply chain"
bash scripts/icons.sh --check     # the committed icons are what icons/icon.svg makes
bash scripts/lint-workflows.sh    # .github/workflows/*.yml through actionlint
bash scripts/supply-chain.sh      # cargo-deny (licenses, bans, sources; advisories where reachable), npm audit

# Fuzzing: every cargo-fuzz target (fuzz/README.md) 15 s from its seeds alone; fails on a crash.
FUZZ_FRESH=1 bash scripts/fuzz.sh 15

echo "==> Rust: build every binary the tests start"
cargo build --workspace --bins

echo "==> Rust: tests (desktop end-to-end under Xvfb)"
export WEBKIT_DISABLE_COMPOSITING_MODE=1 WEBKIT_DISABLE_DMABUF_RENDERER=1
# A D-Bus session with a real Secret Service of its own (GNOME Keyring, unlocked, in a
# temporary folder): the app and the CLI keep their tokens and cache key in the OS keychain.
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash scripts/with-keyring.sh \
  cargo test --workspace --no-fail-fast -- --test-threads 2
