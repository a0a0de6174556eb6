#!/usr/bin/env bash
# Test plan: readers and writers at the same time on one corpus database.
#  1. While `tinsh ingest` of N articles runs: `tinsh search --count`,
#     `tinsh sql` and a REPL (through a pty, corpus:count() and
#     corpus:search) all answer, never "database is locked", and the counts
#     they see never go down (each reader sees a committed state).
#  2. Two ingests at once on the same database: the second is refused with
#     a clear one-line error while the first runs; with --wait it waits
#     and then completes; both folders end up indexed, integrity_check ok.
#  3. Two ingests at once on two databases: both complete.
#  4. Readers during the first ingest into a new file (a bulk load, written
#     unsynced, meta 'bulk_load' set while it runs): they answer the same
#     way, and the mark is gone at the end.
# Prints how many reads happened during the ingest.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "skip: needs sqlite3"; exit 77; }
W=$TMP
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
  W=$(mktemp -d /dev/shm/tinsh-conc.XXXXXX)
  trap 'rm -rf "$TMP" "$W"' EXIT
fi
N=${TINSH_CONC_DOCS:-1500}
mk() { # mk DIR FIRST COUNT: COUNT unique articles
  local dir=$1 i=$2 end=$(($2 + $3)) f
  mkdir -p "$dir"
  while [ $i -lt $end ]; do
    for f in "$TINSH_SRC"/examples/corpus/*.txt; do
      [ $i -lt $end ] || break
      { printf 'Bản tin số %d\n\n' "$i"; cat "$f"; } >"$dir/a$i.txt"
      i=$((i + 1))
    done
  done
}
mk "$W/A" 0 "$N"
mk "$W/B" "$N" "$N"
DB=$W/c.db
# a small first state so that readers have a database from the start
"$TINSH" --db "$DB" ingest --quiet "$TINSH_SRC/examples/corpus" >/dev/null 2>&1

# read_during PID DB: `tinsh sql` and `tinsh search --count` on DB until
# PID ends; sets READS and PROBLEMS (an error, a count or hits going down)
read_during() {
  local pid=$1 db=$2 c s lastc=0 lasts=0
  READS=0 PROBLEMS=""
  while kill -0 "$pid" 2>/dev/null; do
    c=$("$TINSH" --db "$db" sql --csv "SELECT count(*) FROM documents" 2>&1 | tail -1)
    s=$("$TINSH" --db "$db" search --count "mong cai" 2>&1)
    case "$c$s" in *[!0-9]*) PROBLEMS="$PROBLEMS|sql: $c search: $s" ;; esac
    case "$c" in *[!0-9]* | "") ;; *)
      [ "$c" -lt "$lastc" ] && PROBLEMS="$PROBLEMS|count went down $lastc -> $c"
      lastc=$c ;;
    esac
    case "$s" in *[!0-9]* | "") ;; *)
      [ "$s" -lt "$lasts" ] && PROBLEMS="$PROBLEMS|hits went down $lasts -> $s"
      lasts=$s ;;
    esac
    READS=$((READS + 1))
  done
}

# 1. readers during an ingest
"$TINSH" --db "$DB" ingest --quiet "$W/A" >"$W/ing.out" 2>"$W/ing.err" &
ING=$!
cat >"$W/repl.py" <<'EOF'
import os, re, sys, time
sys.path.insert(0, os.path.join(os.environ["TINSH_SRC"], "tests", "repl"))
from ptyrun import Session
s = Session(["--db", sys.argv[1]], env={"NO_COLOR": "1"})
s.expect(r"> $", t=10)
last, n, bad = 0, 0, []
deadline = time.time() + float(sys.argv[2])
while time.time() < deadline:
    s.send("print('N=' .. corpus:count() .. ' S=' .. #corpus:search('mong cai'))\r")
    out = s.expect(r"(N=\d+ S=\d+|rror[^\n]*)\n.*> $", t=10)
    m = re.search(r"N=(\d+) S=(\d+)", out)
    if not m:
        bad.append(out.strip()[-200:])
        break
    c = int(m.group(1))
    if c < last:
        bad.append("count went down %d -> %d" % (last, c))
    last, n = c, n + 1
    time.sleep(0.05)
s.close()
print("repl reads %d, last count %d, problems %r" % (n, last, bad))
EOF
python3 "$W/repl.py" "$DB" 4 >"$W/repl.out" 2>&1 &
REPL=$!
read_during $ING "$DB"
reads=$READS problems=$PROBLEMS
wait $ING
is "ingest with readers around succeeds" "$?" 0
wait $REPL
echo "$reads sql+search reads during the ingest; $(cat "$W/repl.out")"
is "CLI readers: no errors, counts never go down" "$problems" ""
has "CLI readers read while the ingest ran" "$([ $reads -ge 3 ] && echo ok)" ok
has "REPL reader: reads, no problems" "$(cat "$W/repl.out")" "repl reads [1-9][0-9]*, last count [0-9]+, problems \[\]"
is "final count" "$("$TINSH" --db "$DB" sql --csv "SELECT count(*) FROM documents" | tail -1)" $((N + 5))

# 4 (here, before B is used). readers during a first ingest (bulk load)
BDB=$W/bulk.db
"$TINSH" --db "$BDB" ingest --quiet "$W/A" >"$W/bulk.out" 2>&1 &
ING=$!
mark=""
for i in $(seq 500); do
  mark=$(sqlite3 "$BDB" "SELECT value FROM meta WHERE key = 'bulk_load'" 2>/dev/null)
  [ -n "$mark" ] || ! kill -0 $ING 2>/dev/null && break
  sleep 0.01
done
has "a first ingest runs as a bulk load (mark set)" "$mark" "^[0-9a-f-]+$"
read_during $ING "$BDB"
breads=$READS problems=$PROBLEMS
wait $ING
is "bulk load with readers around succeeds" "$?" 0
echo "$breads sql+search reads during the bulk load"
is "bulk load: readers see no errors, counts never go down" "$problems" ""
has "bulk load: readers read while it ran" "$([ $breads -ge 3 ] && echo ok)" ok
is "bulk load: mark gone at the end" \
  "$(sqlite3 "$BDB" "SELECT count(*) FROM meta WHERE key = 'bulk_load'")" 0
is "bulk load: final count" \
  "$("$TINSH" --db "$BDB" sql --csv "SELECT count(*) FROM documents" | tail -1)" "$N"
# a mark left by a run of another boot (a system crash): readers warn,
# the next ingest checks the file and drops it
sqlite3 "$BDB" "INSERT INTO meta(key, value) VALUES('bulk_load', 'other')"
run "$TINSH" --db "$BDB" sql "SELECT 1"
has "bulk mark of another boot: readers warn (one line)" "$ERR" \
  "^tinsh: .*bulk.db: warning: its first ingest was cut short by a system crash or restart.*checks it$"
run "$TINSH" --db "$BDB" ingest "$W/A"
has "the next ingest checks the file" "$OUT" "file checked after a cut-short first ingest: ok"
run "$TINSH" --db "$BDB" sql "SELECT 1"
is "then no warning" "$ERR" ""

# 2. two ingests at once on the same database
"$TINSH" --db "$DB" ingest --quiet --reparse >"$W/r.out" 2>"$W/r.err" &
FIRST=$!
sleep 0.3
run "$TINSH" --db "$DB" ingest --quiet "$W/B"
is "second ingest refused while the first runs" "$RC" 1
has "refusal is one clear line" "$ERR" "^tinsh: .*c.db: another ingest is running on this database.*$"
run "$TINSH" --db "$DB" ingest --quiet --wait "$W/B"
is "second ingest with --wait completes" "$RC" 0
wait $FIRST
is "first ingest completes" "$?" 0
is "integrity_check" "$(sqlite3 "$DB" 'PRAGMA integrity_check')" ok
is "both folders indexed" \
  "$("$TINSH" --db "$DB" sql --csv "SELECT count(*) FROM documents" | tail -1)" $((2 * N + 5))

# 3. two databases at once
"$TINSH" --db "$W/x.db" ingest --quiet "$W/A" >/dev/null 2>&1 &
X=$!
"$TINSH" --db "$W/y.db" ingest --quiet "$W/B" >/dev/null 2>&1
Y=$?
wait $X
is "two databases, two ingests at once" "$?:$Y" "0:0"
is "each complete" "$(sqlite3 "$W/x.db" 'SELECT count(*) FROM documents') $(sqlite3 "$W/y.db" 'SELECT count(*) FROM documents')" "$N $N"
finish
