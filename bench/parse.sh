#!/usr/bin/env bash
# bench/parse.sh — parser throughput over a real corpus, next to peers.
#
# Usage: bench/parse.sh [TINSH] [ARCHIVE]
#   TINSH    the binary (default: $TINSH, else ./build/tinsh)
#   ARCHIVE  corpus archive (default: ../shared/corpora/baomoi-35k.tar.xz)
# Unpacks the archive into a scratch folder (removed at exit), then times,
# median of 3 runs each, one core (files handed over by one xargs), in CPU
# seconds (user + system of the processes: the figure does not depend on
# what else the machine runs; wall-clock time is printed next to it):
#   wc -l                          reading the bytes
#   rg -c .                        reading + line matching (if installed)
#   tinsh parse --no-facts         normalise + segment + classify + JSON
#   tinsh parse                    the same plus fact extraction
# all with output to /dev/null, and prints MB/s. A benchmark, not a test:
# it prints figures and never fails on a slow machine.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
TINSH=${1:-${TINSH:-$src/build/tinsh}}
archive=${2:-$src/../shared/corpora/baomoi-35k.tar.xz}
[ -f "$archive" ] || { echo "bench/parse.sh: $archive: no such corpus (skipped)"; exit 0; }
[ -x "$TINSH" ] || { echo "bench/parse.sh: $TINSH: not executable" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xJf "$archive" -C "$work"
find "$work" -type f -name '*.txt' | sort >"$work/list"
files=$(wc -l <"$work/list")
bytes=$(xargs -d '\n' cat <"$work/list" | wc -c)
mb=$(echo "scale=1; $bytes / 1000000" | bc)
echo "corpus: $(basename "$archive"): $files files, $mb MB"
xargs -d '\n' cat <"$work/list" >/dev/null # warm the page cache

# median of 3 runs of a command reading the file list: "CPU WALL" seconds
median3() {
  local t=()
  for _ in 1 2 3; do
    local s e cpu
    s=$(date +%s.%N)
    cpu=$({ TIMEFORMAT='%U %S'; time xargs -d '\n' "$@" <"$work/list" \
      >/dev/null 2>&1 || true; } 2>&1 | awk '{print $1 + $2}')
    e=$(date +%s.%N)
    t+=("$cpu $(echo "$e - $s" | bc)")
  done
  printf '%s\n' "${t[@]}" | sort -n | sed -n 2p
}

row() { # row LABEL "CPU WALL"
  local cpu=${2% *} wall=${2#* }
  [ "$(echo "$cpu > 0" | bc)" = 1 ] || cpu=0.001 # below the clock's tick
  printf '  %-32s %8.3f s CPU %7.1f MB/s   (wall %.3f s)\n' "$1" "$cpu" \
    "$(echo "scale=1; $mb / $cpu" | bc)" "$wall"
}

row "wc -l" "$(median3 wc -l)"
if command -v rg >/dev/null; then row "rg -c ." "$(median3 rg -c .)"; fi
row "tinsh parse --no-facts" "$(median3 "$TINSH" parse --no-facts)"
row "tinsh parse" "$(median3 "$TINSH" parse)"
