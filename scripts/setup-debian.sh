#!/usr/bin/env bash
# Installs what Pishkhan needs on Debian 12 / Ubuntu 22.04+: the system libraries Tauri builds
# against, Node.js for the UI, Rust when missing, and — with `--test` — the end-to-end test
# tools (WebKitWebDriver, Xvfb, tauri-driver, ImageMagick for screenshots, GNOME Keyring).
# Safe to run again: it installs only what is missing.
set -euo pipefail

with_test_tools=0
[ "${1:-}" = "--test" ] && with_test_tools=1
# `--package` (scripts/package.sh): rpm to read the .rpm that Tauri's bundler writes (it needs no
# rpmbuild), Xvfb to start the packaged app once.
with_package_tools=0
[ "${1:-}" = "--package" ] && with_package_tools=1

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# libssl-dev: SQLCipher (the encrypted cache) uses OpenSSL's libcrypto; libdbus-1-dev: the
# Secret Service client that keeps the keys in the OS keychain.
packages=(build-essential pkg-config curl wget file libssl-dev libdbus-1-dev libwebkit2gtk-4.1-dev
  libxdo-dev libayatana-appindicator3-dev librsvg2-dev)
if [ "$with_test_tools" -eq 1 ]; then
  # gnome-keyring: a real Secret Service for the tests (scripts/with-keyring.sh);
  # libsecret-tools: secret-tool, which the tests read the keychain with.
  # xdotool: real key presses from the X server in the keyboard end-to-end test.
  packages+=(webkit2gtk-driver xvfb xauth dbus-x11 imagemagick gnome-keyring libsecret-tools xdotool)
  # python3-venv: actionlint (from PyPI) for scripts/lint-workflows.sh; shellcheck: which
  # actionlint runs over the workflows' `run:` scripts.
  packages+=(python3-venv shellcheck)
fi
if [ "$with_package_tools" -eq 1 ]; then
  packages+=(rpm xvfb xauth)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "==> installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

# Rust (the toolchain the workspace's rust-version asks for, or newer).
if ! command -v cargo >/dev/null 2>&1; then
  [ -x "$HOME/.cargo/bin/cargo" ] || {
    echo "==> installing Rust with rustup"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
  }
  export PATH="$HOME/.cargo/bin:$PATH"
fi

# Node.js 20.19 or newer (Vite 8 needs it); Debian 12's own nodejs is 18.
node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'
}
if ! node_ok; then
  echo "==> installing Node.js 22 (NodeSource)"
  curl -fsSL https://deb.nodesource.com/setup_22.x | as_root bash -
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs
fi

if [ "$with_test_tools" -eq 1 ] && ! command -v tauri-driver >/dev/null 2>&1; then
  echo "==> installing tauri-driver"
  cargo install tauri-driver --locked
fi
# cargo-deny: licenses, bans and sources of the Rust dependency tree (scripts/supply-chain.sh).
if [ "$with_test_tools" -eq 1 ] && ! command -v cargo-deny >/dev/null 2>&1; then
  echo "==> installing cargo-deny"
  cargo install cargo-deny --locked
fi
# cargo-fuzz (scripts/fuzz.sh); libFuzzer is built by libfuzzer-sys with the C++ compiler of
# build-essential, so no clang is needed.
if [ "$with_test_tools" -eq 1 ] && ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "==> installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

# The UI's npm packages, exactly as locked.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ ! -d "$here/ui/node_modules" ] || [ "$here/ui/package-lock.json" -nt "$here/ui/node_modules/.package-lock.json" ]; then
  echo "==> installing the UI's npm packages"
  (cd "$here/ui" && npm ci --no-audit --no-fund)
fi
