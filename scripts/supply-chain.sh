#!/usr/bin/env bash
# Supply-chain checks of what Pishkhan is built from (the test command runs this):
#
#   1. cargo deny check licenses bans sources (deny.toml): every crate's license is on the
#      allow-list, no crate comes from anywhere but crates.io, duplicate versions are listed
#   2. no crates.io dependency of a workspace crate asks for a wildcard version ("*")
#   3. cargo deny check advisories: the RustSec advisory database, fetched from GitHub
#   4. npm audit of ui/: the shipped packages (--omit=dev) must have no advisory; the whole tree,
#      build tools included, is reported for information
#
# 3 and 4 need the advisory sources: RustSec's database is cloned from GitHub, and npm audit
# POSTs to the registry's advisory endpoint. Where those cannot be reached (the development
# machines reach package registries only, and only to download), each says plainly that it was
# NOT checked, and the script goes on. With PISHKHAN_ONLINE_AUDITS=1 (the supply-chain job of
# .github/workflows/ci.yml) an advisory source that cannot be reached is a failure.
# The node programs below are single-quoted on purpose (their ${...} are JavaScript's).
# shellcheck disable=SC2016
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"
online="${PISHKHAN_ONLINE_AUDITS:-0}"
out="target/supply-chain"
mkdir -p "$out"
not_checked=()

command -v cargo-deny >/dev/null 2>&1 || { echo "supply-chain: cargo-deny is missing (scripts/setup-debian.sh --test installs it)" >&2; exit 1; }

echo "==> cargo deny check licenses bans sources ($(cargo deny --version))"
if ! cargo deny check --hide-inclusion-graph licenses bans sources >"$out/cargo-deny.log" 2>&1; then
  cat "$out/cargo-deny.log"
  echo "supply-chain: cargo deny failed (details above; policy in deny.toml)" >&2
  exit 1
fi
tail -n1 "$out/cargo-deny.log"
cargo deny list -f json -l license -t 0.93 2>/dev/null | node -e '
  let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
    const { licenses } = JSON.parse(s);
    console.log("licenses in the tree (a crate under several is dual-licensed): " +
      licenses.map(([name, crates]) => `${name} (${crates.length})`).join(", "));
  });'
cargo deny --format json check bans 2>&1 | node -e '
  let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
    const dupes = [], wild = [];
    for (const line of s.split("\n")) {
      let d; try { d = JSON.parse(line); } catch { continue; }
      const f = d.fields || {};
      const krates = (f.graphs || []).map((g) => g.Krate || {});
      if (f.code === "duplicate") dupes.push(`${krates[0].name} ${krates.map((k) => k.version).join("/")}`);
      if (f.code === "wildcard") wild.push(krates[0].name);
    }
    console.log(`duplicate versions (warnings, ${dupes.length}): ${dupes.join(", ")}`);
    if (wild.length) console.log(`path dependencies without a version (warnings, in ${wild.join(", ")}): ` +
      "these crates lack publish = false, without which cargo-deny counts a workspace path dependency as a wildcard");
  });'

echo "==> no wildcard versions on crates.io dependencies"
cargo metadata --format-version 1 --no-deps | node -e '
  let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
    const bad = [];
    for (const p of JSON.parse(s).packages)
      for (const d of p.dependencies)
        if (d.source && d.req.trim() === "*") bad.push(`${p.name} -> ${d.name} = "*"`);
    if (bad.length) { console.error("wildcard versions: " + bad.join(", ")); process.exit(1); }
    console.log("none");
  });'

echo "==> cargo deny check advisories"
if cargo deny fetch db >"$out/advisory-db-fetch.log" 2>&1; then
  cargo deny check --hide-inclusion-graph advisories
else
  reason="$(grep -m1 -o 'fatal: .*\|Could not resolve host: [^ ]*' "$out/advisory-db-fetch.log" || tail -n1 "$out/advisory-db-fetch.log")"
  if [ "$online" = "1" ]; then
    cat "$out/advisory-db-fetch.log"
    echo "supply-chain: the RustSec advisory database could not be fetched" >&2
    exit 1
  fi
  echo "NOT CHECKED: the RustSec advisory database could not be fetched from GitHub ($reason)."
  echo "             The CI workflow on GitHub runs this check (.github/workflows/ci.yml)."
  not_checked+=("cargo deny check advisories")
fi

# npm audit --json prints either the report or {"error": {...}} when the endpoint fails.
npm_audit() {
  local label="$1"; shift
  (cd ui && npm audit --json "$@" 2>/dev/null) >"$out/npm-audit-$label.json" || true
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8") || "{}");
    if (r.error || !r.metadata) {
      const why = r.message || (r.error && (r.error.summary || r.error.code)) || "no report";
      console.log("UNREACHABLE " + String(why).split("\n")[0]);
      process.exit(0);
    }
    const v = r.metadata.vulnerabilities;
    const names = Object.values(r.vulnerabilities || {}).map((x) => `${x.name} (${x.severity})`);
    console.log(`${v.total} ${Object.entries(v).filter(([k]) => k !== "total").map(([k, n]) => `${k} ${n}`).join(", ")}` +
      (names.length ? `: ${names.join(", ")}` : ""));
  ' "$out/npm-audit-$label.json"
}
echo "==> npm audit (ui/)"
shipped="$(npm_audit shipped --omit=dev)"
everything="$(npm_audit all)"
if [[ "$shipped" == UNREACHABLE* ]]; then
  if [ "$online" = "1" ]; then
    echo "supply-chain: npm audit could not reach the registry's advisory endpoint: ${shipped#UNREACHABLE }" >&2
    exit 1
  fi
  echo "NOT CHECKED: npm audit could not reach the registry's advisory endpoint (${shipped#UNREACHABLE })."
  echo "             The CI workflow on GitHub runs this check (.github/workflows/ci.yml)."
  not_checked+=("npm audit")
else
  echo "shipped packages (--omit=dev): ${shipped}"
  echo "whole tree, build and test tools included (information): ${everything#UNREACHABLE }"
  if [ "${shipped%% *}" != "0" ]; then
    echo "supply-chain: a package the app ships has a known advisory; update it (npm --prefix ui update NAME)" >&2
    exit 1
  fi
fi

if [ "${#not_checked[@]}" -gt 0 ]; then
  echo "supply-chain: licenses, bans and sources ok; NOT CHECKED here: ${not_checked[*]}"
else
  echo "supply-chain: ok (licenses, bans, sources, advisories, npm audit)"
fi
