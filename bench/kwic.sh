#!/usr/bin/env bash
# bench/kwic.sh — the concordance over the 35k baomoi corpus beside NLTK
# (the KWIC part of bench/corpus.sh, which runs it; it also runs alone):
#   1. corpus:kwic("phát triển"): the first call of a process (it loads
#      the segmenter's lexicon) apart, then the median of RUNS calls, wall
#      and CPU time; rendering at width 100 apart; NLTK
#      Text.concordance_list on the same texts, its index build and its
#      query timed apart (the query after gc.freeze(), median of 5);
#      The same calls with the hits found in the texts (kwic.from_maps =
#      false: every block of the matching documents searched and segmented
#      again, the path before the token position maps) beside them;
#   2. growth: a rare, a medium and a frequent word, lines and time per
#      line (flat time per line: time linear in the lines, not the corpus).
# The machine's load average is printed with the figures: the timings are
# wall clock and a shared machine slows both sides alike.
#
#   TINSH=build/tinsh RUNS=5 bench/kwic.sh
#
# Uses $BENCH_DIR (default /tmp/tinsh-bench-corpus, shared with
# bench/corpus.sh): unpacks ../shared/corpora/baomoi-35k.tar.xz there and
# ingests it with the tinsh under test when absent; skips (exit 0) when
# the archive is absent.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
TINSH=${TINSH:-$src/build/tinsh}
TINSH=$(cd "$(dirname "$TINSH")" && pwd)/$(basename "$TINSH")
RUNS=${RUNS:-5}
BENCH_DIR=${BENCH_DIR:-/tmp/tinsh-bench-corpus}
PY=/usr/bin/python3 # Debian's, where python3-nltk is installed
. "$here/lib.sh"
bench_corpus

# ---- 1. "phát triển" beside NLTK
lua_kwic=$(mktemp)
cat >"$lua_kwic" <<'LUA'
local clock = require("tinsh.core").clock
local q, runs = arg[1], tonumber(arg[2])
if arg[3] == "texts" then require("corpus.kwic").from_maps = false end
local t, c = clock(), os.clock()
local k = corpus:kwic(q)
print(string.format("first %.6f %.6f", clock() - t, os.clock() - c))
for _ = 1, runs do
  t, c = clock(), os.clock()
  k = corpus:kwic(q)
  local t1, c1 = clock() - t, os.clock() - c
  t = clock()
  local s = k:render{ width = 100 }
  print(string.format("run %.6f %d %.6f %.6f", t1, #k, clock() - t, c1))
end
LUA
# tinsh before and after NLTK, the medians over both: a load that changes
# during the run weighs on both sides alike
load=$(cut -d' ' -f1-3 /proc/loadavg)
out=$("$TINSH" --db "$db" "$lua_kwic" "phát triển" "$RUNS")
nltk_runs=$(( RUNS < 3 ? RUNS : 3 ))
pyout=$("$PY" "$here/corpus_peer.py" kwic "$BENCH_DIR/data" "$nltk_runs")
out="$out"$'\n'$("$TINSH" --db "$db" "$lua_kwic" "phát triển" "$RUNS")
texts=$("$TINSH" --db "$db" "$lua_kwic" "phát triển" "$RUNS" texts)
t_texts=$(echo "$texts" | awk '$1=="run"{print $2}' | median)
c_texts=$(echo "$texts" | awk '$1=="run"{print $5}' | median)
load="$load, then $(cut -d' ' -f1-3 /proc/loadavg)"
first=$(echo "$out" | awk '$1=="first"{print $2}' | median)
t_kwic=$(echo "$out" | awk '$1=="run"{print $2}' | median)
c_kwic=$(echo "$out" | awk '$1=="run"{print $5}' | median)
t_render=$(echo "$out" | awk '$1=="run"{print $4}' | median)
l_kwic=$(echo "$out" | awk '$1=="run"{print $3; exit}')
t_nb=$(echo "$pyout" | awk '{print $1}' | median)
t_nq=$(echo "$pyout" | awk '{print $2}' | median)
c_nq=$(echo "$pyout" | awk '{print $4}' | median)
l_n=$(echo "$pyout" | head -1 | awk '{print $3}')
awk -v a="$t_kwic" -v cpu="$c_kwic" -v f="$first" -v r="$t_render" -v la="$l_kwic" -v b="$t_nb" \
  -v q="$t_nq" -v cq="$c_nq" -v ln="$l_n" -v load="$load" -v tt="$t_texts" -v ct="$c_texts" 'BEGIN {
  printf "KWIC \"phát triển\" (load average %s)\n", load
  printf "  tinsh corpus:kwic        %8.3f s  %6d lines (CPU %.3f s; first call of the process %.3f s:\n", a, la, cpu, f
  printf "                                            the lexicon loaded; render at width 100: %.3f s)\n", r
  printf "  tinsh, hits from texts   %8.3f s          (CPU %.3f s; kwic.from_maps = false)\n", tt, ct
  printf "  NLTK concordance_list    %8.3f s  %6d lines (CPU %.3f s; query alone, index built, heap frozen)\n", q, ln, cq
  printf "  NLTK index build         %8.3f s  (read, tokenize, index; timed apart)\n", b
  printf "  ratio NLTK query/tinsh   %.2fx wall, %.2fx CPU; with NLTK index build %.2fx\n", q / a, cq / cpu, (q + b) / a
}'

# ---- 2. growth with the number of lines
out=
for w in "Móng Cái" "Đà Nẵng" "phát triển"; do
  o=$("$TINSH" --db "$db" "$lua_kwic" "$w" "$RUNS")
  t=$(echo "$o" | awk '$1=="run"{print $2}' | median)
  l=$(echo "$o" | awk '$1=="run"{print $3; exit}')
  out="$out$w|$l|$t"$'\n'
done
rm -f "$lua_kwic"
echo "$out" | grep . | awk -F'|' 'BEGIN { printf "KWIC growth (median of runs; time per line flat = linear in the lines)\n" }
  { printf "  %-12s %6d lines %8.3f s  %6.1f us/line\n", $1, $2, $3, $3 / ($2 > 0 ? $2 : 1) * 1e6 }'
