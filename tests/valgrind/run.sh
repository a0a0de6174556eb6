#!/usr/bin/env bash
# run.sh BUILD_DIR — the C unit tests and a representative set of tinsh
# runs under valgrind memcheck (`make test-valgrind`).
#
# Every run: --leak-check=full --errors-for-leak-kinds=definite
# --error-exitcode=1, suppressions from tests/valgrind/tinsh.supp (third-
# party libraries only). A run fails on any memory error or definite leak.
# Prints one line per run (with its wall time) and a total: runs, errors,
# bytes definitely and possibly lost (the figures in docs/robustness.md).
# The unit tests run side by side, the slowest first; the runs of the
# binary share one database and run in order, as one job beside them;
# VALGRIND_JOBS jobs at a time (default: the number of cores, plus one). Set VALGRIND_QUICK=1 to skip the slow
# C tests (test_*_seeds, test_store).
set -u
build=${1:?usage: run.sh BUILD_DIR}
build=$(cd "$build" && pwd)
src=$(cd "$(dirname "$0")/../.." && pwd)
command -v valgrind >/dev/null || { echo "valgrind not installed" >&2; exit 2; }
T=$build/tinsh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TINSH_SRC=$src NO_COLOR=1 TINSH_CACHE_DIR=$work/cache HOME=$work
unset TINSH_DB
VG=(valgrind --leak-check=full --errors-for-leak-kinds=definite
  --show-leak-kinds=definite --error-exitcode=99 --num-callers=30
  --suppressions="$src/tests/valgrind/tinsh.supp")
# one job more than the cores: the binary's chain of runs is one of them
jobs_max=${VALGRIND_JOBS:-$(($(nproc 2>/dev/null || echo 2) + 1))}
seq=0

# vg ID NAME CMD... — one run under valgrind, from the source folder.
# Writes its verdict to $work/res.ID (ID: the order the runs start in): a
# line "ok|FAIL rc errors definite possible seconds", then the name, then
# for a failure the first lines of valgrind's report.
vg() {
  local id=$1 name=$2 rc d p e t0 t1
  local log="$work/vg.$id.log" res="$work/res.$id"
  shift 2
  t0=$(date +%s.%N)
  (cd "$src" && "${VG[@]}" --log-file="$log" "$@" >"$work/out.$id" 2>&1 </dev/null)
  rc=$?
  t1=$(date +%s.%N)
  d=$(grep -h "definitely lost:" "$log" | awk '{gsub(",", "", $4); s += $4} END {print s + 0}')
  p=$(grep -h "possibly lost:" "$log" | awk '{gsub(",", "", $4); s += $4} END {print s + 0}')
  e=$(grep -h "ERROR SUMMARY:" "$log" | awk '{s += $4} END {print s + 0}')
  local verdict=ok
  { [ $rc -eq 99 ] || [ "$e" -gt 0 ]; } && verdict=FAIL
  {
    echo "$verdict $rc $e $d $p $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}')"
    echo "$name"
    [ $verdict = FAIL ] && grep -E "^==[0-9]+== (Invalid|Conditional|Use of|Mismatched|Source|[0-9,]+ bytes in [0-9,]+ blocks are definitely)|^==[0-9]+==    (at|by) " \
      "$log" | head -30 | sed 's/^/    /'
  } >"$res"
}

# slot — wait until fewer than jobs_max runs are going
slot() {
  while [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; do wait -n; done
}

# run NAME CMD... — the next run of the binary, in this shell
run() {
  seq=$((seq + 1))
  vg "$seq" "$@"
}

# binary_runs — the runs of the binary, in order (they share $db)
binary_runs() {
  # ---- the binary ----
  db=$work/c.db
  run "parse" "$T" parse examples/corpus/000_2fce505e32026a8d.txt
  run "parse --pretty" "$T" parse --pretty examples/corpus/004_0b387ba625cc4086.txt
  python3 "$src/tests/badinput/make_corpus.py" "$work/bad" --tiny 50 --big-mb 1 >/dev/null
  run "parse bad inputs" "$T" parse "$work"/bad/bad/*.txt
  run "ingest" "$T" --db "$db" ingest --quiet --threads 2 examples/corpus "$work/bad/bad"
  run "ingest again (unchanged)" "$T" --db "$db" ingest --quiet examples/corpus
  run "ingest --reparse" "$T" --db "$db" ingest --quiet --reparse
  run "search" "$T" --db "$db" search "mong cai"
  run "search --json" "$T" --db "$db" search --json --limit 3 "Đảng bộ"
  run "search hostile query" "$T" --db "$db" search '"unclosed NEAR( ^ * -'
  run "sql" "$T" --db "$db" sql "SELECT id, title FROM documents LIMIT 5"
  run "sql refused write" "$T" --db "$db" sql "DELETE FROM documents"
  run "lua: corpus API" "$T" --db "$db" -e \
    'print(#corpus) for d in corpus:docs() do local _ = d.title, d.text end
     print(#corpus:search("mong cai"), #corpus:figures(), #corpus:people())
     print(corpus:kwic("Móng Cái", {width = 60}))'
  run "query" "$T" --db "$db" query '"đồng chí" [person title = /Bí thư/] | [figure unit = "tỷ đồng"]'
  run "query --json, regex" "$T" --db "$db" query --json --limit 5 '[word = /[0-9][0-9.,]*/] [syl = "tỷ"]'
  run "query bad pattern" "$T" --db "$db" query '[figure value > '
  run "lua: words, matches, duplicates" "$T" --db "$db" -e \
    'local m = corpus:query("[figure] within answer") print(#m, m:count{by = "match"})
     print(m:sort{"right", 1}:kwic{words = 3}) print(corpus:trend("phát triển"))
     print(#corpus:freq{top = 5}, #corpus:duplicates(0.8)) print(m:dispersion():svg():sub(1, 5))'
  run "lua: sandbox refusals" "$T" --db "$db" --sandbox --out "$work/out" -e \
    'print(pcall(string.dump, print)) print(pcall(os.execute, "true"))
     print(io.open("/etc/x", "w")) print(pcall(corpus.sql, corpus, "DELETE FROM documents"))'
  TINSH_SANDBOX_MEM=20000000 run "lua: sandbox memory limit" "$T" --sandbox \
    --out "$work/out" -e 'local t = {} for i = 1, 1e7 do t[i] = {} end'
  TINSH_SANDBOX_STEPS=100000 run "lua: sandbox step limit" "$T" --sandbox \
    --out "$work/out" -e 'pcall(function() while true do end end)'
  run "lua: frame test" "$T" tests/lua/test_frame.lua
  run "lua: runtime error" "$T" -e 'error("boom")'
}

# The binary's runs start first, in a subshell of
# their own whose ids count on from 1000; the C tests take 1, 2, ... and
# fill the other slots.
seq=1000
binary_runs &
seq=0

# ---- C unit tests (the slowest under valgrind first) ----
slow="test_wordstats_flush test_store test_kwic"
for t in $(printf "$build/%s\n" $slow) $(ls "$build"/test_* | grep -Ev "/($(echo $slow | tr ' ' '|'))\$"); do
  [ -x "$t" ] || continue
  n=$(basename "$t")
  case $n in *_seeds | test_store)
    [ "${VALGRIND_QUICK:-0}" = 1 ] && continue ;;
  esac
  slot
  seq=$((seq + 1))
  vg "$seq" "c/$n" "$t" &
done

wait

runs=0 failures=0 def=0 pos=0 errs=0 failed_names=""
for id in $(cd "$work" && ls res.* | sed 's/^res\.//' | sort -n); do
  f=$work/res.$id
  read -r verdict rc e d p secs <"$f"
  name=$(sed -n 2p "$f")
  runs=$((runs + 1)) def=$((def + d)) pos=$((pos + p)) errs=$((errs + e))
  if [ "$verdict" = FAIL ]; then
    failures=$((failures + 1)) failed_names="$failed_names $name"
    printf 'FAIL %-32s %s errors, %s bytes definitely lost (%s s)\n' "$name" "$e" "$d" "$secs"
    sed -n '3,$p' "$f"
  else
    printf 'ok   %-32s exit %s, %s bytes definitely lost, %s possibly (%s s)\n' \
      "$name" "$rc" "$d" "$p" "$secs"
  fi
done
echo "valgrind: $runs runs, $failures failed, $errs errors," \
  "$def bytes definitely lost, $pos bytes possibly lost"
[ -n "$failed_names" ] && echo "failed:$failed_names"
[ $failures -eq 0 ]
