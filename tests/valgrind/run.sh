#!/usr/bin/env bash
# run.sh BUILD_DIR — the C unit tests and a representative set of tinsh
# runs under valgrind memcheck (`make test-valgrind`).
#
# Every run: --leak-check=full --errors-for-leak-kinds=definite
# --error-exitcode=1, suppressions from tests/valgrind/tinsh.supp (third-
# party libraries only). A run fails on any memory error or definite leak.
# Prints one line per run and a total: runs, errors, bytes definitely and
# possibly lost (the figures in docs/robustness.md). Set VALGRIND_QUICK=1
# to skip the slow C tests (test_*_seeds, test_store).
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
runs=0 failures=0 def=0 pos=0 errs=0
failed_names=""

# vg NAME CMD... — one run under valgrind, from the source folder
vg() {
  local name=$1 log="$work/vg.$runs.log" rc d p e
  shift
  (cd "$src" && "${VG[@]}" --log-file="$log" "$@" >"$work/out" 2>&1 </dev/null)
  rc=$?
  d=$(grep -h "definitely lost:" "$log" | awk '{gsub(",", "", $4); s += $4} END {print s + 0}')
  p=$(grep -h "possibly lost:" "$log" | awk '{gsub(",", "", $4); s += $4} END {print s + 0}')
  e=$(grep -h "ERROR SUMMARY:" "$log" | awk '{s += $4} END {print s + 0}')
  runs=$((runs + 1)) def=$((def + d)) pos=$((pos + p)) errs=$((errs + e))
  if [ $rc -eq 99 ] || [ "$e" -gt 0 ]; then
    failures=$((failures + 1))
    failed_names="$failed_names $name"
    printf 'FAIL %-28s %s errors, %s bytes definitely lost\n' "$name" "$e" "$d"
    grep -E "^==[0-9]+== (Invalid|Conditional|Use of|Mismatched|Source|[0-9,]+ bytes in [0-9,]+ blocks are definitely)|^==[0-9]+==    (at|by) " \
      "$log" | head -30 | sed 's/^/    /'
  else
    printf 'ok   %-28s exit %s, %s bytes definitely lost, %s possibly\n' \
      "$name" "$rc" "$d" "$p"
  fi
}

# ---- C unit tests ----
for t in "$build"/test_*; do
  [ -x "$t" ] || continue
  n=$(basename "$t")
  case $n in *_seeds | test_store)
    [ "${VALGRIND_QUICK:-0}" = 1 ] && continue ;;
  esac
  vg "c/$n" "$t"
done

# ---- the binary ----
db=$work/c.db
vg "parse" "$T" parse examples/corpus/000_2fce505e32026a8d.txt
vg "parse --pretty" "$T" parse --pretty examples/corpus/004_0b387ba625cc4086.txt
python3 "$src/tests/badinput/make_corpus.py" "$work/bad" --tiny 50 --big-mb 1 >/dev/null
vg "parse bad inputs" "$T" parse "$work"/bad/bad/*.txt
vg "ingest" "$T" --db "$db" ingest --quiet --threads 2 examples/corpus "$work/bad/bad"
vg "ingest again (unchanged)" "$T" --db "$db" ingest --quiet examples/corpus
vg "ingest --reparse" "$T" --db "$db" ingest --quiet --reparse
vg "search" "$T" --db "$db" search "mong cai"
vg "search --json" "$T" --db "$db" search --json --limit 3 "Đảng bộ"
vg "search hostile query" "$T" --db "$db" search '"unclosed NEAR( ^ * -'
vg "sql" "$T" --db "$db" sql "SELECT id, title FROM documents LIMIT 5"
vg "sql refused write" "$T" --db "$db" sql "DELETE FROM documents"
vg "lua: corpus API" "$T" --db "$db" -e \
  'print(#corpus) for d in corpus:docs() do local _ = d.title, d.text end
   print(#corpus:search("mong cai"), #corpus:figures(), #corpus:people())
   print(corpus:kwic("Móng Cái", {width = 60}))'
vg "query" "$T" --db "$db" query '"đồng chí" [person title = /Bí thư/] | [figure unit = "tỷ đồng"]'
vg "query --json, regex" "$T" --db "$db" query --json --limit 5 '[word = /[0-9][0-9.,]*/] [syl = "tỷ"]'
vg "query bad pattern" "$T" --db "$db" query '[figure value > '
vg "lua: words, matches, duplicates" "$T" --db "$db" -e \
  'local m = corpus:query("[figure] within answer") print(#m, m:count{by = "match"})
   print(m:sort{"right", 1}:kwic{words = 3}) print(corpus:trend("phát triển"))
   print(#corpus:freq{top = 5}, #corpus:duplicates(0.8)) print(m:dispersion():svg():sub(1, 5))'
vg "lua: sandbox refusals" "$T" --db "$db" --sandbox --out "$work/out" -e \
  'print(pcall(string.dump, print)) print(pcall(os.execute, "true"))
   print(io.open("/etc/x", "w")) print(pcall(corpus.sql, corpus, "DELETE FROM documents"))'
TINSH_SANDBOX_MEM=20000000 vg "lua: sandbox memory limit" "$T" --sandbox \
  --out "$work/out" -e 'local t = {} for i = 1, 1e7 do t[i] = {} end'
TINSH_SANDBOX_STEPS=100000 vg "lua: sandbox step limit" "$T" --sandbox \
  --out "$work/out" -e 'pcall(function() while true do end end)'
vg "lua: frame test" "$T" tests/lua/test_frame.lua
vg "lua: runtime error" "$T" -e 'error("boom")'

echo "valgrind: $runs runs, $failures failed, $errs errors," \
  "$def bytes definitely lost, $pos bytes possibly lost"
[ -n "$failed_names" ] && echo "failed:$failed_names"
[ $failures -eq 0 ]
