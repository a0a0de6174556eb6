#!/bin/sh
# bench/run.sh TINSH — run every benchmark script in bench/ in turn.
# Benchmarks print figures side by side with a peer; they are not tests
# and never fail on a slow machine. Those that need ../shared/corpora say
# so and skip when it is absent.
TINSH=${1:-build/tinsh}
export TINSH
dir=$(dirname "$0")
for b in "$dir"/*.sh; do
  case $(basename "$b") in run.sh | lib.sh) continue ;; esac
  echo "== $(basename "$b" .sh)"
  sh "$b" "$TINSH" || echo "(benchmark $(basename "$b") stopped with status $?)"
  echo
done
