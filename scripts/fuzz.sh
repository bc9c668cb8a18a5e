#!/usr/bin/env bash
# Fuzzes the code that reads what comes from outside (fuzz/README.md lists the targets and what
# each asserts) with cargo-fuzz and libFuzzer: builds the targets (installing cargo-fuzz when
# missing), runs each for SECONDS from its seeds in fuzz/corpus/<target>, and prints for each
# the executions run and the crashes found. Exits non-zero when a target crashed; the input
# that did it is in fuzz/artifacts/<target>/ and the fuzzer's output in
# fuzz/target/fuzz-logs/<time>-<pid>/<target>.log (one folder per run: runs may overlap).
#
#   scripts/fuzz.sh                    every target, 10 s each (what scripts/test.sh runs, longer)
#   scripts/fuzz.sh 600                every target, 10 minutes each
#   scripts/fuzz.sh 60 kyc_form        one target (several may be named)
#
# The seeds are only read: inputs the fuzzer adds go to fuzz/target/fuzz-corpus/<target>
# (ignored by git), kept between runs so that a long run starts from what earlier runs found.
# FUZZ_FRESH=1 starts from the seeds alone, in a temporary folder.
#
# Settings: FUZZ_SANITIZER (address, the default, or none: faster, fewer bugs seen),
# FUZZ_RSS_LIMIT_MB (memory a run may use, default 2048: the image limits must keep the image
# pipeline under it), FUZZ_TIMEOUT (seconds one input may take before it counts as a hang,
# default 60).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"

seconds="${1:-10}"
[ "$#" -gt 0 ] && shift
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
  echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2
  exit 2
fi
sanitizer="${FUZZ_SANITIZER:-address}"
rss_limit="${FUZZ_RSS_LIMIT_MB:-2048}"
timeout="${FUZZ_TIMEOUT:-60}"

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "==> installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi
# cargo-fuzz passes the sanitizer as -Zsanitizer=…, a nightly flag; this machine has the stable
# toolchain only, which takes it when RUSTC_BOOTSTRAP=1 (libFuzzer itself is built by
# libfuzzer-sys with the system's C++ compiler; no clang needed).
export RUSTC_BOOTSTRAP=1

if [ "$#" -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo fuzz list)
fi
known="$(cargo fuzz list)"
for t in "${targets[@]}"; do
  grep -qx "$t" <<<"$known" || { echo "unknown fuzz target: $t (known: $(echo $known))" >&2; exit 2; }
done

echo "==> fuzz: building ${#targets[@]} target(s) (sanitizer: $sanitizer)"
if [ "$#" -gt 0 ]; then
  for t in "${targets[@]}"; do cargo fuzz build -s "$sanitizer" "$t"; done
else
  cargo fuzz build -s "$sanitizer"
fi

logs="fuzz/target/fuzz-logs/$(date +%Y%m%d-%H%M%S)-$$"
mkdir -p "$logs"
fresh=""
if [ "${FUZZ_FRESH:-0}" = 1 ]; then
  fresh="$(mktemp -d)"
  trap 'rm -rf "$fresh"' EXIT
fi

failed=0
summary=()
for t in "${targets[@]}"; do
  if [ -n "$fresh" ]; then
    work="$fresh/$t"
  else
    work="fuzz/target/fuzz-corpus/$t"
  fi
  mkdir -p "$work" "fuzz/artifacts/$t"
  seeds="fuzz/corpus/$t"
  [ -d "$seeds" ] || seeds=""
  log="$logs/$t.log"
  echo "==> fuzz: $t for ${seconds} s"
  set +e
  # The first corpus folder is where libFuzzer writes; the seeds come second, only read.
  cargo fuzz run -s "$sanitizer" "$t" "$work" ${seeds:+"$seeds"} -- \
    -max_total_time="$seconds" -rss_limit_mb="$rss_limit" -timeout="$timeout" \
    -print_final_stats=1 >"$log" 2>&1
  rc=$?
  set -e
  execs="$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$log" | tail -1)"
  if [ -z "$execs" ]; then
    execs="$(sed -n 's/^#\([0-9]*\)[[:space:]].*/\1/p' "$log" | tail -1)"
  fi
  crashes="$(grep -c '^Test unit written to\|^artifact_prefix=.*Test unit written to' "$log" || true)"
  if [ "$rc" -ne 0 ] && [ "$crashes" -eq 0 ]; then
    crashes=1
  fi
  if [ "$crashes" -gt 0 ]; then
    failed=1
    kind="$(grep -o 'ERROR: libFuzzer: [a-z -]*\|ERROR: [A-Za-z]*Sanitizer: [a-z-]*' "$log" | head -1)"
    artifact="$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | head -1)"
    line="$t: ${execs:-?} executions, $crashes crash(es) (${kind:-exit $rc}) ${artifact:+-> $artifact}"
    echo "    $line"
    # What the target asserted, and where.
    grep -m5 -A3 "panicked at\|^==[0-9]*==ERROR" "$log" | sed 's/^/      /' || true
  else
    line="$t: ${execs:-?} executions, 0 crashes"
    echo "    $line"
  fi
  summary+=("$line")
done

echo "==> fuzz summary (${seconds} s per target; logs in $logs/)"
printf '    %s\n' "${summary[@]}"
exit "$failed"
