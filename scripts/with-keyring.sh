#!/usr/bin/env bash
# Runs a command with a real Secret Service: a GNOME Keyring of its own, unlocked, on the
# current D-Bus session bus (start this under `dbus-run-session`). The keyring's files live in
# a temporary folder, so the developer's own keyrings are never touched. Used by the tests:
# Pishkhan keeps its tokens and cache key in the OS keychain.
set -euo pipefail
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
    echo "with-keyring.sh: no D-Bus session; run it under dbus-run-session" >&2
    exit 2
fi
keyring_home="$(mktemp -d)"
# The daemon is a client of the session bus and ends with it (dbus-run-session's end).
trap 'rm -rf "$keyring_home"' EXIT
# A throwaway password creates (or unlocks) the "login" collection, which is the default one.
eval "$(printf 'pishkhan-tests' | XDG_DATA_HOME="$keyring_home" gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
"$@"
