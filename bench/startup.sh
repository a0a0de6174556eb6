#!/usr/bin/env bash
# bench/startup.sh TINSH — start-up time and memory of `tinsh -e ''`
# next to the stock `lua5.4 -e ''`: median of 30 runs each, and peak RSS.
# docs/design.md budget: <= 10 ms and <= 20 MB, whatever the corpus size
# (documents load lazily; the database is not even opened here).
TINSH=${1:-${TINSH:-build/tinsh}}
LUA=$(command -v lua5.4)
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
runs() { # runs CMD... : wall ms of 30 runs, median
  for i in $(seq 30); do
    s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N)
    echo $(( (e - s) / 1000 ))
  done | median
}
rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
t=$(runs "$TINSH" -e '')
l=$(runs "$LUA" -e '')
printf '%-26s %10s %10s\n' "" "tinsh" "lua5.4"
awk -v t="$t" -v l="$l" 'BEGIN { printf "%-26s %8.2f ms %7.2f ms   ratio %.2f\n",
  "start-up, median of 30", t / 1000, l / 1000, t / l }'
if [ -x /usr/bin/time ]; then
  printf '%-26s %7s KB %7s KB\n' "peak RSS" "$(rss "$TINSH" -e '')" "$(rss "$LUA" -e '')"
fi
if [ -n "${TINSH_DB:-}" ]; then
  printf '%-26s %7s KB   (corpus %s, #corpus)\n' "peak RSS, corpus opened" \
    "$(rss "$TINSH" -e 'local n = #corpus')" "$TINSH_DB"
fi
