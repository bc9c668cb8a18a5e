#!/usr/bin/env bash
# Builds the benchmark harness in release mode and runs one of its suites (the review suite
# when no suite is named):
#
# review: the orders list, filters, search, counts, dashboard and export over a generated cache
# (a million orders by default, kept in target/bench/review and reused while the schema and
# seed are unchanged), with the OFFSET and LIKE-scan baselines measured in the same run.
#
#   scripts/bench.sh                              # 1,000,000 orders, 200 runs per case
#   scripts/bench.sh --orders 100000 --runs 50    # quicker
#   scripts/bench.sh --rebuild                    # build the cache anew
#   scripts/bench.sh review --orders 100000       # the same, suite named
#
# sync: a store's first sync from the platform on loopback (the app side in its own process:
# wall time, records/s, peak memory) beside the straight insert of the same rows into the same
# schema, for 10k, 100k and 1M orders by default. --keep-platform keeps the generated platform
# databases in target/bench/sync for the next run (a million orders take minutes to generate).
#
#   scripts/bench.sh sync                         # 10,000, 100,000 and 1,000,000 orders
#   scripts/bench.sh sync --orders 10000,100000 --keep-platform
#
# image: the ID card image pipeline on a 12-megapixel phone photo with EXIF (orientation, GPS),
# beside ImageMagick doing the same job (-auto-orient -strip -resize 2000x2000> -quality 85) in
# the same run; needs ImageMagick (apt-get install imagemagick).
#
#   scripts/bench.sh image --runs 20
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"
suite=review
case "${1:-}" in
  review|sync|image) suite=$1; shift ;;
esac
cargo build --release -p pishkhan-bench
exec target/release/pishkhan-bench "$suite" "$@"
