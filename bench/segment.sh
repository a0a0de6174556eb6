#!/usr/bin/env bash
# bench/segment.sh — word segmentation throughput, next to `wc -w`.
#
# Usage: bench/segment.sh [TINSH] [ARCHIVE]
#   TINSH    the binary (default: $TINSH, else ./build/tinsh)
#   ARCHIVE  corpus archive for the second input (default:
#            ../shared/corpora/baomoi-35k.tar.xz; skipped when absent;
#            not unpacked when $BENCH_DIR/data holds a copy)
# Inputs: the example corpus (examples/corpus, concatenated 100 times so
# the run is long enough to time) and a 20 MB sample of the 35k corpus
# (its first files in name order, concatenated). For each, the median of
# 3 runs of `wc -w FILE` and of `tinsh segment FILE` (output to
# /dev/null), as user CPU seconds (one core; the machine may be shared,
# so CPU time is the fairer figure) and MB/s; the load of the lexicon is
# included. A benchmark, not a test: it prints figures, never fails.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
TINSH=${1:-${TINSH:-$src/build/tinsh}}
archive=${2:-$src/../shared/corpora/baomoi-35k.tar.xz}
[ -x "$TINSH" ] || { echo "bench/segment.sh: $TINSH: not executable" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# median of 3 user-CPU times of a command
median3() {
  local t=()
  for _ in 1 2 3; do
    /usr/bin/env time -f %U -o "$work/time" "$@" >/dev/null 2>&1 || true
    t+=("$(tail -1 "$work/time")")
  done
  printf '%s\n' "${t[@]}" | sort -n | sed -n 2p
}

# one input: its size, wc -w, tinsh segment
bench() {
  local name=$1 file=$2 bytes mb tw ts words
  bytes=$(wc -c <"$file")
  mb=$(echo "scale=2; $bytes / 1000000" | bc)
  words=$("$TINSH" segment --json "$file" | grep -o '"from"' | wc -l)
  tw=$(median3 wc -w "$file")
  ts=$(median3 "$TINSH" segment "$file")
  printf '%-22s %7s MB  %9s words\n' "$name" "$mb" "$words"
  printf '  %-20s %6s s user  %8s MB/s\n' "wc -w" "$tw" \
    "$(echo "scale=1; $mb / ($tw + 0.005)" | bc)"
  printf '  %-20s %6s s user  %8s MB/s\n' "tinsh segment" "$ts" \
    "$(echo "scale=1; $mb / ($ts + 0.005)" | bc)"
}

command -v time >/dev/null 2>&1 || [ -x /usr/bin/time ] ||
  { echo "bench/segment.sh: needs GNU time (apt-get install time)"; exit 0; }
for _ in $(seq 100); do cat "$src"/examples/corpus/*.txt; done >"$work/examples.txt"
bench "examples x100" "$work/examples.txt"

# an unpacked copy (bench/ingest.sh keeps one in $BENCH_DIR/data) saves
# unpacking the archive again
unpacked=${BENCH_DIR:-/tmp/tinsh-bench}/data
if [ -d "$unpacked" ] || [ -f "$archive" ]; then
  if [ ! -d "$unpacked" ]; then
    tar -xJf "$archive" -C "$work"
    unpacked=$work
  fi
  find "$unpacked" -type f -name '*.txt' ! -name examples.txt | sort |
    xargs -d '\n' cat 2>/dev/null | head -c 20000000 >"$work/sample.txt" || true
  bench "$(basename "$archive" .tar.xz) 20MB" "$work/sample.txt"
else
  echo "bench/segment.sh: $archive: no such corpus (35k sample skipped)"
fi
