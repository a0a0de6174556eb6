#!/usr/bin/env bash
# bench/query.sh — the pattern language (docs/query.md) over the 35k
# baomoi corpus beside ripgrep:
#   1. a regex pattern: a number followed by the syllable "tỷ" (tinsh: a
#      token regex then a syllable, on the syllable stream, as rg sees the
#      text; rg: the same shape as a line regex, counted with -o);
#   2. a literal pattern with a gap: "phát triển" []{0,3} "kinh tế";
#   3. a fact pattern: [figure unit = "tỷ đồng"] (rg: the written shape
#      "<number> tỷ đồng", the nearest a text search can get);
#   4. growth: word patterns with few, some and many matches, time per
#      match (flat: time grows with the matches, not the corpus).
# Whole process (`tinsh query --json | wc -l`), median of RUNS, wall clock;
# the load average is printed with the figures. rg reads the text files;
# tinsh reads its database. The counts differ where the two mean different
# things (tokens and facts against bytes): both are printed.
#
#   TINSH=build/tinsh RUNS=3 bench/query.sh
#
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
bench_corpus
now() { date +%s.%N; }

# time_cmd OUT CMD...: median wall seconds of RUNS runs; the last run's
# output line count in $OUT.
time_cmd() {
  local out=$1 t0 t1 i
  shift
  for i in $(seq "$RUNS"); do
    t0=$(now)
    "$@" | wc -l >"$out"
    t1=$(now)
    echo "$t1 - $t0" | bc -l
  done | median
}

tq() { "$TINSH" --db "$db" query --json "$1" 2>/dev/null || true; }
trg() { rg -o --no-filename "$1" data || true; }

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) (shared machine: wall clock)"
echo "corpus: $n documents, $(du -shL data | cut -f1) of text"
printf '%-44s %9s %9s %9s %9s %7s\n' "pattern" "tinsh s" "matches" "rg s" "matches" "ratio"
row() { # row LABEL PATTERN RG-REGEX
  local c1 c2 t1 t2
  c1=$(mktemp)
  c2=$(mktemp)
  t1=$(time_cmd "$c1" tq "$2")
  if [ -n "$3" ]; then t2=$(time_cmd "$c2" trg "$3"); else t2=0; echo 0 >"$c2"; fi
  printf '%-44s %9.3f %9d %9.3f %9d %7s\n' "$1" "$t1" "$(cat "$c1")" "$t2" "$(cat "$c2")" \
    "$(echo "$t2 > 0" | bc -l | grep -q 1 && printf '%.2fx' "$(echo "$t1 / $t2" | bc -l)" || echo -)"
  rm -f "$c1" "$c2"
}
row 'regex: [word = /[0-9][0-9.,]*/] [syl = "tỷ"]' '[word = /[0-9][0-9.,]*/] [syl = "tỷ"]' '[0-9][0-9.,]* tỷ'
row 'gap: "phát triển" []{0,3} "kinh tế"' '"phát triển" []{0,3} "kinh tế"' 'phát triển( [^ ]+){0,3} kinh tế'
row 'fact: [figure unit = "tỷ đồng"]' '[figure unit = "tỷ đồng"]' '[0-9][0-9.,]* tỷ đồng'

echo
echo "growth (tinsh only): time per match"
for w in '"Móng Cái"' '"Đà Nẵng"' '"phát triển"'; do
  c=$(mktemp)
  t=$(time_cmd "$c" tq "$w")
  m=$(cat "$c")
  printf '  %-14s %7d matches %8.3f s %8.1f us/match\n' "$w" "$m" "$t" \
    "$(echo "$t * 1000000 / ($m + ($m == 0))" | bc -l)"
  rm -f "$c"
done
