#!/usr/bin/env bash
# bench/run.sh [TINSH] — run every benchmark script in bench/ in turn.
# Benchmarks print figures side by side with a peer; they are not tests
# and never fail on a slow machine. Those that need ../shared/corpora say
# so and skip when it is absent. Each script runs under bash (they use
# bash features such as pipefail) with TINSH as an absolute path, so the
# scripts that change folder still find the binary.
set -u
dir=$(cd "$(dirname "$0")" && pwd)
TINSH=${1:-${TINSH:-$dir/../build/tinsh}}
case $TINSH in /*) ;; *) TINSH=$(pwd)/$TINSH ;; esac
export TINSH
for b in "$dir"/*.sh; do
  case $(basename "$b") in run.sh | lib.sh) continue ;; esac
  echo "== $(basename "$b" .sh)"
  # scale.sh at 1x only here; `make bench-scale` runs 1x and 10x
  SCALES=${SCALES:-1} bash "$b" "$TINSH" || echo "(benchmark $(basename "$b") stopped with status $?)"
  echo
done
