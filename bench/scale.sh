#!/usr/bin/env bash
# bench/scale.sh — how tinsh grows with the corpus: the 35k archive copied
# N times (each copy's titles made distinct, so nothing is a duplicate) in
# a scratch folder, then, at each size, side by side with a peer:
#   ingest       tinsh ingest vs sqlite3 loading the raw texts into a plain
#                FTS5 table: wall, CPU (user + sys), peak RSS, database size
#   search       tinsh search "phát triển" (whole process) vs the same
#                MATCH in the sqlite3 CLI on the plain table
#   KWIC         corpus:kwic("phát triển") lines and time vs rg -o over
#                the raw files (a concordance of fixed-width contexts);
#                then CPU microseconds per line in one process for two
#                words (flat across sizes when time is linear in lines)
#   figures      corpus:figures{unit = "%"}: time and peak RSS vs the
#                sqlite3 CLI selecting the same rows
#   duplicates   corpus:duplicates(0.8) (words): the first call (every
#                signature computed and kept) and the next one (signatures
#                read back), time and peak RSS; then the first call on
#                syllables ({unit = "syllable"}, signatures of their own).
#                No peer.
#   start-up     tinsh -e 'local n = #corpus': CPU, median of 11 vs the
#                sqlite3 CLI reading the document count
# Growth is printed, not guessed: the last column of each row is the ratio
# of this size's figure to the 1x figure. A benchmark, not a test.
#
#   SCALES="1 10" bench/scale.sh [TINSH] [baomoi-35k.tar.xz]
#
# Work folder: $BENCH_DIR/scale (default /tmp/tinsh-bench/scale): about
# 1.2 GB of copied texts and 7.4 GB of databases at 10x (2026-12-05); kept between runs
# (delete it to rebuild). A 1x + 10x run took 7 minutes on two cores
# (2026-12-05, the 1x folder already made by make bench).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
TINSH=${1:-${TINSH:-$src/build/tinsh}}
case $TINSH in /*) ;; *) TINSH=$(pwd)/$TINSH ;; esac
archive=${2:-$src/../shared/corpora/baomoi-35k.tar.xz}
SCALES=${SCALES:-"1 10"}
BENCH_DIR=${BENCH_DIR:-/tmp/tinsh-bench}
work=$BENCH_DIR/scale
for tool in sqlite3 /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool missing" >&2; exit 1; }
done
[ -x "$TINSH" ] || { echo "bench: no tinsh binary at $TINSH" >&2; exit 1; }
[ -f "$archive" ] || { echo "bench: corpus $archive not found (skipped)"; exit 0; }
mkdir -p "$work"
cd "$work"
[ -d data ] || { echo "unpacking $(basename "$archive") ..."; tar -xJf "$archive"; }

# copies N: folder xN holding N copies of data/, copy k's first line (the
# title) prefixed with "(k) " so that no copy is a duplicate of another
make_copies() {
  [ -d "x$1" ] && return
  python3 - "$1" <<'PY'
import os, sys
n = int(sys.argv[1])
names = sorted(os.listdir("data"))
os.makedirs("x%d.tmp" % n, exist_ok=True)
for k in range(n):
    for name in names:
        with open(os.path.join("data", name), "rb") as f:
            raw = f.read()
        if k:
            raw = b"(%d) " % k + raw
        with open(os.path.join("x%d.tmp" % n, "%d_%s" % (k, name)), "wb") as f:
            f.write(raw)
os.rename("x%d.tmp" % n, "x%d" % n)
PY
}

# measure CMD...: "wall_s peak_kb cpu_s" (GNU time)
measure() {
  /usr/bin/time -f '%e %M %U %S' -o .time "$@" >/dev/null 2>.err || {
    echo "bench: failed: $*" >&2; tail -3 .err >&2; return 1; }
  awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}' .time
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
fresh() { rm -f "$1" "$1-wal" "$1-shm"; }
# cpu_ms RUNS CMD...: the median user + sys CPU of RUNS runs, in ms, from
# getrusage (GNU time's 10 ms resolution rounds a fast start-up to 0)
cpu_ms() {
  python3 - "$@" <<'PY'
import resource, statistics, subprocess, sys
runs, cmd = int(sys.argv[1]), sys.argv[2:]
times = []
for _ in range(runs):
    a = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    b = resource.getrusage(resource.RUSAGE_CHILDREN)
    times.append((b.ru_utime - a.ru_utime + b.ru_stime - a.ru_stime) * 1000)
print("%.2f" % statistics.median(times))
PY
}

declare -A base
# row NAME UNIT TINSH PEER: one line, with growth against the 1x row (of
# the same NAME without its parenthesised count)
row() {
  local key=${1%% (*} tinsh=$3 peer=$4 g="-"
  [ -n "${base[$key]:-}" ] && g=$(awk -v a="$tinsh" -v b="${base[$key]}" 'BEGIN { printf "%.1fx", (b > 0 ? a / b : 0) }')
  [ -z "${base[$key]:-}" ] && base[$key]=$tinsh
  awk -v n="$1" -v u="$2" -v t="$tinsh" -v p="$peer" -v g="$g" 'BEGIN {
    r = (p + 0 > 0) ? sprintf("%.2fx", t / p) : "-"
    printf "  %-24s %10.2f %-3s %10s %-3s %7s   growth %s\n", n, t, u, p, u, r, g }'
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (a shared machine: CPU figures are steadier than wall)"
for n in $SCALES; do
  make_copies "$n"
  d="x$n"
  docs=$(ls "$d" | wc -l)
  echo
  echo "== ${n}x: $docs documents, $(du -sm --apparent-size "$d" | cut -f1) MB of text"
  printf "  %-24s %14s %14s %7s\n" "" "tinsh" "peer" "ratio"
  fresh "t$n.db"; fresh "p$n.db"
  set -- $(measure "$TINSH" --db "t$n.db" ingest --quiet "$d")
  tw=$1 trss=$2 tcpu=$3
  set -- $(measure sqlite3 "p$n.db" "CREATE VIRTUAL TABLE t USING fts5(path, body);
    INSERT INTO t(path, body) SELECT name, CAST(readfile(name) AS TEXT) FROM fsdir('$d') WHERE name LIKE '%.txt';")
  pw=$1 prss=$2 pcpu=$3
  row "ingest-wall" "s" "$tw" "$pw"
  row "ingest-cpu" "s" "$tcpu" "$pcpu"
  row "ingest-rss" "MB" "$(( trss / 1024 ))" "$(( prss / 1024 ))"
  row "db-size" "MB" "$(( $(stat -c %s "t$n.db") / 1048576 ))" "$(( $(stat -c %s "p$n.db") / 1048576 ))"
  ts=$(for i in 1 2 3 4 5; do measure "$TINSH" --db "t$n.db" search --limit 20 "phát triển" | cut -d' ' -f1; done | median)
  ps=$(for i in 1 2 3 4 5; do measure sqlite3 "p$n.db" "SELECT path FROM t WHERE t MATCH '\"phát triển\"' ORDER BY rank LIMIT 20" | cut -d' ' -f1; done | median)
  row "search (process)" "s" "$ts" "$ps"
  set -- $(measure "$TINSH" --db "t$n.db" -e 'local k = corpus:kwic("phát triển"); io.stderr:write(#k)')
  kw=$1; kl=$(cat .err)
  rw=0
  if command -v rg >/dev/null; then
    set -- $(measure rg -o --no-filename '.{0,40}phát triển.{0,40}' "$d"); rw=$1
  fi
  row "kwic ($kl lines)" "s" "$kw" "$rw"
  # time per line inside one process (best of 3, the lexicon loaded
  # first): flat when KWIC time is linear in the lines, at any size
  for w in "Đà Nẵng" "phát triển"; do
    "$TINSH" --db "t$n.db" -e "corpus:kwic('Móng Cái'); local b, n = math.huge
      for _ = 1, 3 do
        collectgarbage('collect'); local t = os.clock()
        n = #corpus:kwic('$w'); b = math.min(b, os.clock() - t)
      end
      io.stderr:write(n, ' ', b / n * 1e6)" 2>.err >/dev/null
    set -- $(cat .err)
    row "kwic us/line $w ($1 lines)" "us" "$2" "0"
  done
  set -- $(measure "$TINSH" --db "t$n.db" -e 'local f = corpus:figures{ unit = "%" }; io.stderr:write(#f)')
  fw=$1 frss=$2; fl=$(cat .err)
  set -- $(measure sqlite3 "t$n.db" "SELECT f.doc, f.subject, f.value, f.unit, f.text FROM figures f JOIN documents d ON d.id = f.doc WHERE f.unit = '%' ORDER BY f.doc, f.seq")
  row "figures% ($fl rows)" "s" "$fw" "$1"
  row "figures% peak RSS" "MB" "$(( frss / 1024 ))" "$(( $2 / 1024 ))"
  set -- $(measure "$TINSH" --db "t$n.db" -e 'local f = corpus:duplicates(0.8); io.stderr:write(#f)')
  row "duplicates(0.8) ($(cat .err) rows)" "s" "$1" "0"
  row "duplicates peak RSS" "MB" "$(( $2 / 1024 ))" "0"
  set -- $(measure "$TINSH" --db "t$n.db" -e 'corpus:duplicates(0.8)')
  row "duplicates again" "s" "$1" "0"
  row "duplicates again RSS" "MB" "$(( $2 / 1024 ))" "0"
  set -- $(measure "$TINSH" --db "t$n.db" -e 'local f = corpus:duplicates(0.8, {unit = "syllable"}); io.stderr:write(#f)')
  row "dups syllables ($(cat .err) rows)" "s" "$1" "0"
  row "dups syllables RSS" "MB" "$(( $2 / 1024 ))" "0"
  tcpu=$(cpu_ms 11 "$TINSH" --db "t$n.db" -e 'local n = #corpus')
  pcpu=$(cpu_ms 11 sqlite3 "t$n.db" "SELECT count(*) FROM documents")
  row "start-up #corpus CPU" "ms" "$tcpu" "$pcpu"
done
