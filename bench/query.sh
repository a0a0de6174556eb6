#!/usr/bin/env bash
# bench/query.sh — the pattern language (docs/query.md) over the 35k
# baomoi corpus beside ripgrep:
#   1. a regex pattern: a number followed by the syllable "tỷ" (tinsh: a
#      token regex then a syllable, on the syllable stream, as rg sees the
#      text; rg: the same shape as a line regex, counted with -o);
#   2. a literal pattern with a gap: "phát triển" []{0,3} "kinh tế";
#   3. a fact pattern: [figure unit = "tỷ đồng"] (rg: the written shape
#      "<number> tỷ đồng", the nearest a text search can get);
#   4. growth: regex-only, literal and fact patterns with few, some and
#      many matches, on the whole corpus and (SMALL_DB set) on a subset:
#      matches, seconds, time per match and candidate documents
#      (`--explain`). Time should follow the matches, not the corpus.
# Whole process (`tinsh query --json | wc -l`), median of RUNS, wall clock
# (MEASURE=cpu: user + system CPU); the load average is printed with the
# figures. rg reads the text files;
# tinsh reads its database. The counts differ where the two mean different
# things (tokens and facts against bytes): both are printed.
#
#   TINSH=build/tinsh RUNS=3 bench/query.sh
#   DB=/tmp/x/35k.db DATA=/tmp/x/txt SMALL_DB=/tmp/x/5k.db bench/query.sh
#   BASE=/tmp/old/tinsh ...: the same rows with another binary beside
#
# DB and DATA (a database and its text folder) replace the unpacked
# corpus;
# Uses $BENCH_DIR (default /tmp/tinsh-bench-corpus, shared with
# bench/corpus.sh and bench/kwic.sh); skips (exit 0) when the archive
# ../shared/corpora/baomoi-35k.tar.xz is absent.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
TINSH=${TINSH:-${1:-$src/build/tinsh}}
TINSH=$(cd "$(dirname "$TINSH")" && pwd)/$(basename "$TINSH")
RUNS=${RUNS:-3}
BENCH_DIR=${BENCH_DIR:-/tmp/tinsh-bench-corpus}
command -v rg >/dev/null || { echo "bench: rg (ripgrep) not installed, skipped"; exit 0; }
. "$here/lib.sh"
if [ -n "${DB:-}" ] && [ -n "${DATA:-}" ]; then
  db=$DB
  cd "$DATA"/..
  data=$(basename "$DATA")
  n=$(ls "$DATA" | wc -l)
else
  bench_corpus
  data=data
fi
now() { date +%s.%N; }

# time_cmd OUT CMD...: median seconds of RUNS runs of the program CMD
# (wall clock, or with MEASURE=cpu its user + system CPU time, for a
# loaded machine); the last run's output line count in $OUT.
time_cmd() {
  local out=$1 t0 t1 i tf
  shift
  tf=$(mktemp)
  for i in $(seq "$RUNS"); do
    if [ "${MEASURE:-wall}" = cpu ]; then
      /usr/bin/time -f "%U %S" -o "$tf" "$@" 2>/dev/null | wc -l >"$out"
      awk '{print $1 + $2}' "$tf"
    else
      t0=$(now)
      "$@" 2>/dev/null | wc -l >"$out"
      t1=$(now)
      echo "$t1 - $t0" | bc -l
    fi
  done | median
  rm -f "$tf"
}


echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (seconds: ${MEASURE:-wall}; MEASURE=cpu for CPU time)"
echo "corpus: $n documents, $(du -shL "$data" | cut -f1) of text"
printf '%-44s %9s %9s %9s %9s %7s\n' "pattern" "tinsh s" "matches" "rg s" "matches" "ratio"
row() { # row LABEL PATTERN RG-REGEX
  local c1 c2 t1 t2
  c1=$(mktemp)
  c2=$(mktemp)
  t1=$(time_cmd "$c1" "$TINSH" --db "$db" query --json "$2")
  if [ -n "${BASE:-}" ]; then
    tb=$(time_cmd "$c2" "$BASE" --db "$db" query --json "$2")
    printf '  (BASE: %.3f s, %d matches)\n' "$tb" "$(cat "$c2")"
  fi
  if [ -n "$3" ]; then t2=$(time_cmd "$c2" rg -o --no-filename "$3" "$data"); else t2=0; echo 0 >"$c2"; fi
  printf '%-44s %9.3f %9d %9.3f %9d %7s\n' "$1" "$t1" "$(cat "$c1")" "$t2" "$(cat "$c2")" \
    "$(echo "$t2 > 0" | bc -l | grep -q 1 && printf '%.2fx' "$(echo "$t1 / $t2" | bc -l)" || echo -)"
  rm -f "$c1" "$c2"
}
row 'regex: [word = /[0-9][0-9.,]*/] [syl = "tỷ"]' '[word = /[0-9][0-9.,]*/] [syl = "tỷ"]' '[0-9][0-9.,]* tỷ'
row 'gap: "phát triển" []{0,3} "kinh tế"' '"phát triển" []{0,3} "kinh tế"' 'phát triển( [^ ]+){0,3} kinh tế'
row 'fact: [figure unit = "tỷ đồng"]' '[figure unit = "tỷ đồng"]' '[0-9][0-9.,]* tỷ đồng'

echo
echo "growth (tinsh only): matches, median s, us per match, candidate documents"
# one pattern on database $1: "matches seconds us/match candidates"
grow() {
  local c t m k
  c=$(mktemp)
  t=$(time_cmd "$c" "$TINSH" --db "$1" query --json "$2")
  m=$(cat "$c")
  k=$("$TINSH" --db "$1" query --json --explain "$2" 2>&1 >/dev/null |
    sed -n 's/.*; \([0-9]*\) documents, .*/\1/p')
  printf '%7d %7.3f %8.1f %7s' "$m" "$t" "$(echo "$t * 1000000 / ($m + ($m == 0))" | bc -l)" "$k"
  rm -f "$c"
}
printf '  %-34s %-40s' "pattern" "matches s us/match cands (all)"
[ -n "${SMALL_DB:-}" ] && printf '%s' "matches s us/match cands (SMALL_DB)"
echo
for w in '[word = /móng cái/]' '[word = /đà nẵng/]' '[word = /phát triển/]' \
  '"Móng Cái"' '"phát triển"' '[person title = /Bí thư/]' \
  '[figure unit = "tỷ đồng"]' '[figure unit = "%"]'; do
  printf '  %-34s' "$w"
  grow "$db" "$w"
  [ -n "${SMALL_DB:-}" ] && { printf '   '; grow "$SMALL_DB" "$w"; }
  echo
done
