#!/usr/bin/env bash
# Builds the benchmark harness in release mode and runs its review suite: the orders list,
# filters, search, counts, dashboard and export over a generated cache (a million orders by
# default, kept in target/bench/review and reused while the schema and seed are unchanged),
# with the OFFSET and LIKE-scan baselines measured in the same run.
#
#   scripts/bench.sh                              # 1,000,000 orders, 200 runs per case
#   scripts/bench.sh --orders 100000 --runs 50    # quicker
#   scripts/bench.sh --rebuild                    # build the cache anew
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"
cargo build --release -p pishkhan-bench
exec target/release/pishkhan-bench review "$@"
