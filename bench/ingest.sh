#!/usr/bin/env bash
# bench/ingest.sh — ingest cost of tinsh vs the sqlite3 CLI loading the same
# raw texts into a plain FTS5 table (unicode61), on the baomoi corpus at 5k,
# 15k and 35k documents. Prints medians of RUNS runs, ratios, database sizes
# and peak memory (/usr/bin/time -v). A benchmark, not a test: it prints
# figures; goals (docs/design.md): time ratio <= 1.5, memory flat in corpus size.
#
#   TINSH=build/tinsh RUNS=3 bench/ingest.sh [TINSH] [baomoi-35k.tar.xz]
# (bench/run.sh passes the binary first; an argument that is not an
# executable file is the archive)
#
# Work folder: $BENCH_DIR (default /tmp/tinsh-bench); the unpacked corpus
# and the 35k databases are kept there for bench/search.sh.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
TINSH=${TINSH:-$src/build/tinsh}
RUNS=${RUNS:-3}
SIZES=${SIZES:-"5000 15000 35440"}
BENCH_DIR=${BENCH_DIR:-/tmp/tinsh-bench}
if [ $# -ge 1 ] && [ -x "$1" ] && [ ! -d "$1" ]; then TINSH=$1; shift; fi
archive=${1:-$src/../shared/corpora/baomoi-35k.tar.xz}
for tool in sqlite3 /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool missing" >&2; exit 1; }
done
[ -x "$TINSH" ] || { echo "bench: no tinsh binary at $TINSH (set TINSH)" >&2; exit 1; }
[ -f "$archive" ] || { echo "bench: corpus $archive not found (skipped)"; exit 0; }
mkdir -p "$BENCH_DIR"
cd "$BENCH_DIR"
if [ ! -d data ]; then
  echo "unpacking $(basename "$archive") into $BENCH_DIR ..."
  tar -xJf "$archive"
fi
total=$(ls data | wc -l)

# parse-only cost (tinsh parse, one process, no database) for context
parse_cpu() { # dir
  /usr/bin/time -f '%U %S' -o .ptime sh -c "ls '$1' | sed 's|^|$1/|' | xargs '$TINSH' parse >/dev/null"
  awk '{printf "%.2f", $1 + $2}' .ptime
}

# subset folders of hard links, first N files in sorted order
for n in $SIZES; do
  [ "$n" -gt "$total" ] && n=$total
  if [ ! -d "sub$n" ]; then
    mkdir "sub$n"
    ls data | sort | head -n "$n" | while read -r f; do ln "data/$f" "sub$n/$f"; done
  fi
done

# run CMD...: prints "wall_seconds peak_kb cpu_seconds" (GNU time)
measure() {
  /usr/bin/time -f '%e %M %U %S' -o .time "$@" >/dev/null 2>.err || {
    echo "bench: failed: $*" >&2; cat .err >&2; exit 1; }
  awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}' .time
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

plain_sql() { # dir
  echo "CREATE VIRTUAL TABLE t USING fts5(path, body);
    INSERT INTO t(path, body) SELECT name, CAST(readfile(name) AS TEXT)
    FROM fsdir('$1') WHERE name LIKE '%.txt';"
}
fresh() { rm -f "$1" "$1-wal" "$1-shm" "$1.lock"; }

echo
echo "ingest: tinsh (parse + extract + index, $(nproc) cores) vs sqlite3 plain FTS5 load; median of $RUNS"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (wall times suffer on a shared machine; CPU = user + sys)"
printf '%7s %7s | %8s %8s %6s | %8s %8s %6s | %8s %8s %6s | %9s %9s\n' docs raw_MB tinsh_s sqlite_s ratio tinshCPU sqlCPU ratio tinshMB plainMB db/raw tinshRSS sqlRSS
for n in $SIZES; do
  [ "$n" -gt "$total" ] && n=$total
  d="sub$n"
  raw=$(du -sb --apparent-size "$d" | cut -f1)
  : >t.times; : >p.times; : >t.mem; : >p.mem; : >t.cpu; : >p.cpu
  for r in $(seq "$RUNS"); do
    fresh "tinsh-$n.db"
    set -- $(measure "$TINSH" --db "tinsh-$n.db" ingest --quiet "$d")
    echo "$1" >>t.times; echo "$2" >>t.mem; echo "$3" >>t.cpu
    fresh "plain-$n.db"
    set -- $(measure sqlite3 "plain-$n.db" "$(plain_sql "$d")")
    echo "$1" >>p.times; echo "$2" >>p.mem; echo "$3" >>p.cpu
  done
  ts=$(median <t.times); ps=$(median <p.times)
  tc=$(median <t.cpu); pc=$(median <p.cpu)
  tm=$(sort -n t.mem | tail -1); pm=$(sort -n p.mem | tail -1)
  tdb=$(stat -c %s "tinsh-$n.db"); pdb=$(stat -c %s "plain-$n.db")
  python3 - "$n" "$raw" "$ts" "$ps" "$tdb" "$pdb" "$tm" "$pm" "$tc" "$pc" <<'PY'
import sys
n, raw, ts, ps, tdb, pdb, tm, pm, tc, pc = sys.argv[1:]
raw, tdb, pdb, tm, pm = int(raw), int(tdb), int(pdb), int(tm), int(pm)
ts, ps, tc, pc = float(ts), float(ps), float(tc), float(pc)
print("%7s %7.1f | %8.2f %8.2f %5.2fx | %8.2f %8.2f %5.2fx | %8.1f %8.1f %5.2fx | %7.1fMB %7.1fMB" % (
    n, raw / 1e6, ts, ps, ts / ps if ps else 0, tc, pc, tc / pc if pc else 0,
    tdb / 1e6, pdb / 1e6, tdb / raw, tm / 1024, pm / 1024))
PY
done
echo
echo "for context: CPU of 'tinsh parse' alone (parser + extractor, no database) on $n docs: $(parse_cpu "sub$n") s"
echo
echo "incremental: re-ingest of the unchanged ${n}-document folder (stat + lookup per file)"
set -- $(measure "$TINSH" --db "tinsh-$n.db" ingest --quiet "sub$n")
echo "  ${1} s, peak ${2} kB"
echo
echo "tinsh database breakdown (MB, tinsh-$n.db):"
sqlite3 "tinsh-$n.db" "SELECT printf('  %-22s %8.1f', name, sum(pgsize)/1e6) FROM dbstat GROUP BY name ORDER BY sum(pgsize) DESC LIMIT 8" 2>/dev/null || true
