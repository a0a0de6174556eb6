#!/usr/bin/env bash
# bench/parse.sh — parser throughput over a real corpus, next to peers.
#
# Usage: bench/parse.sh [TINSH] [ARCHIVE]
#   TINSH    the binary (default: $TINSH, else ./build/tinsh)
#   ARCHIVE  corpus archive (default: ../shared/corpora/baomoi-35k.tar.xz)
# Unpacks the archive into a scratch folder (removed at exit), then times,
# on one core (files handed over by one xargs), in CPU seconds (user +
# system of the processes; wall-clock time is printed next to it):
#   wc -l                          reading the bytes
#   rg -c .                        reading + line matching (if installed)
#   tinsh parse --no-facts         normalise + segment + classify + JSON
#   tinsh parse                    the same plus fact extraction
# all with output to /dev/null, in ROUNDS rounds (default 3) of every
# command once, and prints medians in MB/s with each command's median
# ratio to `wc -l` of the same round. CPU seconds still move with the
# machine (a virtual machine's speed drifts, a busy neighbour shares the
# caches): the ratio, taken minute by minute, is the steadier figure. A
# benchmark, not a test: it prints figures and never fails on a slow
# machine.
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

# The machine's speed drifts from minute to minute, so the tools run in
# rounds: each round times every command once, back to back, and a
# command's figure is its median over the rounds, next to the median of
# its per-round ratio to `wc -l` (both sides measured in the same minute).
ROUNDS=${ROUNDS:-3}
# time1 CMD...: "CPU WALL" seconds of one run over the file list
time1() {
  local s e cpu
  s=$(date +%s.%N)
  cpu=$({ TIMEFORMAT='%U %S'; time xargs -d '\n' "$@" <"$work/list" \
    >/dev/null 2>&1 || true; } 2>&1 | awk '{print $1 + $2}')
  e=$(date +%s.%N)
  [ "$(echo "$cpu > 0" | bc)" = 1 ] || cpu=0.001 # below the clock's tick
  echo "$cpu $(echo "$e - $s" | bc)"
}

labels=("wc -l")
cmds=("wc -l")
if command -v rg >/dev/null; then labels+=("rg -c ."); cmds+=("rg -c ."); fi
labels+=("tinsh parse --no-facts" "tinsh parse")
cmds+=("$TINSH parse --no-facts" "$TINSH parse")
: >"$work/times" # lines: round index cpu wall
for r in $(seq "$ROUNDS"); do
  for i in "${!cmds[@]}"; do
    # shellcheck disable=SC2086 # a command and its arguments
    echo "$r $i $(time1 ${cmds[$i]})" >>"$work/times"
  done
done

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); $ROUNDS rounds, medians"
for i in "${!cmds[@]}"; do
  awk -v i="$i" -v mb="$mb" -v label="${labels[$i]}" '
    $2 == 0 { wc[$1] = $3 }
    $2 == i { cpu[++n] = $3; wall[n] = $4; r[n] = $1 }
    function med(a, k,   j, t, m, x) { # median of a[1..k] (sorted copy)
      for (j = 1; j <= k; j++) x[j] = a[j]
      for (j = 2; j <= k; j++) { t = x[j]; for (m = j - 1; m > 0 && x[m] > t; m--) x[m + 1] = x[m]; x[m + 1] = t }
      return k % 2 ? x[(k + 1) / 2] : (x[k / 2] + x[k / 2 + 1]) / 2 }
    END {
      for (j = 1; j <= n; j++) ratio[j] = cpu[j] / wc[r[j]]
      c = med(cpu, n)
      printf "  %-24s %7.3f s CPU %7.1f MB/s  (wall %.3f s)", label, c, mb / c, med(wall, n)
      if (i > 0) printf "  %.2fx wc -l", med(ratio, n)
      printf "\n" }' "$work/times"
done
