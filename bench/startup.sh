#!/usr/bin/env bash
# bench/startup.sh TINSH — start-up time and memory of `tinsh -e ''`
# next to the stock `lua5.4 -e ''`: median of 30 runs each (wall, and the
# CPU time user + sys, which a loaded machine disturbs less), and peak RSS.
# docs/design.md budget: <= 10 ms CPU and <= 20 MB, whatever the corpus
# size (documents load lazily; the database is not even opened here).
#
# With TINSH_DB set, also `#corpus` (the corpus opened, its document count
# read from meta) and one `tinsh search --limit 20 QUERY` (QUERY, default
# "ô tô"), the whole process, next to the sqlite3 CLI opening the same
# file and running `SELECT 1` (the floor of any process that opens it).
TINSH=${1:-${TINSH:-build/tinsh}}
LUA=$(command -v lua5.4)
RUNS=${RUNS:-30}
QUERY=${QUERY:-ô tô}
# times CMD...: "wall_ms cpu_ms", medians of RUNS runs
times() {
  python3 - "$RUNS" "$@" <<'PY'
import os, statistics, subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
wall, cpu = [], []
null = os.open(os.devnull, os.O_WRONLY)
for _ in range(runs):
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=null, stderr=null)
    _, _, ru = os.wait4(p.pid, 0)
    wall.append((time.perf_counter() - t0) * 1000)
    cpu.append((ru.ru_utime + ru.ru_stime) * 1000)
print("%.2f %.2f" % (statistics.median(wall), statistics.median(cpu)))
PY
}
rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
row() { # row LABEL WALL CPU [PEER_WALL PEER_CPU [RATIO_LABEL]]
  awk -v n="$1" -v w="$2" -v c="$3" -v pw="${4:-}" -v pc="${5:-}" \
    -v rl="${6-cpu ratio}" 'BEGIN {
    printf "%-30s %7.2f ms %6.2f ms", n, w, c
    if (pc != "") printf "   %7.2f ms %6.2f ms", pw, pc
    if (pc != "" && rl != "") printf "   %s %.2f", rl, c / pc
    printf "\n" }'
}
printf '%-30s %10s %9s   %10s %9s\n' "median of $RUNS" "tinsh wall" "cpu" \
  "peer wall" "cpu"
if [ -n "$LUA" ]; then
  row "tinsh -e '' / lua5.4 -e ''" $(times "$TINSH" -e '') \
    $(times "$LUA" -e '')
else # the peer is missing (make bench-deps installs it): tinsh alone
  row "tinsh -e '' (no lua5.4)" $(times "$TINSH" -e '')
fi
if [ -n "${TINSH_DB:-}" ]; then
  row "#corpus (TINSH_DB)" $(times "$TINSH" -e 'local n = #corpus')
  peer=
  command -v sqlite3 >/dev/null && peer=$(times sqlite3 "$TINSH_DB" 'SELECT 1')
  row "search / sqlite3 SELECT 1" \
    $(times "$TINSH" --db "$TINSH_DB" search --limit 20 "$QUERY") $peer ''
fi
if [ -x /usr/bin/time ]; then
  printf '%-30s %7s KB %17s KB\n' "peak RSS (-e '')" "$(rss "$TINSH" -e '')" \
    "$([ -n "$LUA" ] && rss "$LUA" -e '' || echo -)"
  if [ -n "${TINSH_DB:-}" ]; then
    printf '%-30s %7s KB   (corpus %s, #corpus)\n' "peak RSS, corpus opened" \
      "$(rss "$TINSH" -e 'local n = #corpus')" "$TINSH_DB"
  fi
fi
