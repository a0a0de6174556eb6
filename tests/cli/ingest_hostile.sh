#!/bin/bash
# tests/cli/ingest_hostile.sh — hostile input at ingest (issue 15).
#
# Plan:
#  1. a refused ingest never changes the file it refuses: a foreign SQLite
#     database (also one in WAL mode), a file that
#     is not a database, a tinsh database of a newer schema; the bytes
#     (sha256) are unchanged and no -wal/-shm file is left behind
#  2. files over the size cap (64 MiB by default; a sparse file) and
#     non-regular paths (a FIFO in a folder, a FIFO and /dev/zero on the
#     command line) are skipped with a note naming the file, without
#     blocking; the other files are kept
#  3. a 40 MB article under a memory cap (ulimit -v) fails alone, named;
#     the small files are kept (skipped when the binary cannot start under
#     the cap, e.g. a sanitizer build)
#  4. a write error mid-run (RLIMIT_FSIZE: EFBIG past the size, SIGXFSZ
#     ignored, no privileges needed) fails the run; its ingest_log row
#     counts only what was committed (it counted the rolled-back batch
#     too), the database stays consistent and the next run completes
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 1
command -v sqlite3 >/dev/null || { echo "no sqlite3 shell"; exit 77; }
mkdir c
printf 'Tiêu đề một\n\nĐoạn văn thứ nhất về Hạ Long.\n' >c/a.txt
printf 'Tiêu đề hai\n\nĐoạn văn thứ hai về Móng Cái.\n' >c/b.txt

# 1. refusals leave the file as it was
unchanged() { # NAME FILE SUM
  is "$1: bytes unchanged" "$(sha256sum <"$2")" "$3"
  is "$1: no -wal/-shm left" "$(ls "$2"-wal "$2"-shm 2>/dev/null)" ""
}
sqlite3 foreign.db "CREATE TABLE t(x); INSERT INTO t VALUES(1);"
sum=$(sha256sum <foreign.db)
run "$TINSH" --db foreign.db ingest --quiet c
is "foreign: refused" "$RC" 1
has "foreign: reason" "$ERR" "foreign.db: not a tinsh database"
unchanged "foreign" foreign.db "$sum"
is "foreign: still a rollback journal" \
  "$(sqlite3 foreign.db 'PRAGMA journal_mode')" "delete"

sqlite3 walmode.db "PRAGMA journal_mode = WAL; CREATE TABLE t(x);" >/dev/null
sum=$(sha256sum <walmode.db)
run "$TINSH" --db walmode.db ingest --quiet c
is "foreign WAL-mode file: refused" "$RC" 1
unchanged "foreign WAL-mode file" walmode.db "$sum"

head -c 8192 /dev/urandom >junk.db
sum=$(sha256sum <junk.db)
run "$TINSH" --db junk.db ingest --quiet c
is "not a database: refused" "$RC" 1
has "not a database: reason" "$ERR" "junk.db: .*not a database"
unchanged "not a database" junk.db "$sum"

"$TINSH" --db newer.db ingest --quiet c >/dev/null 2>&1
sqlite3 newer.db "UPDATE meta SET value = '999' WHERE key = 'schema_version'; PRAGMA journal_mode = DELETE;" >/dev/null
sum=$(sha256sum <newer.db)
run "$TINSH" --db newer.db ingest --quiet c
is "newer schema: refused" "$RC" 1
has "newer schema: reason" "$ERR" "newer than this tinsh"
unchanged "newer schema" newer.db "$sum"
is "newer schema: journal mode kept" \
  "$(sqlite3 newer.db 'PRAGMA journal_mode')" "delete"

# 2. size cap and non-regular paths
mkdir s
cp c/a.txt s/a.txt
truncate -s 65M s/huge.txt
mkfifo s/fifo.txt
mkfifo lone.fifo
run timeout 60 "$TINSH" --db s.db ingest --quiet s lone.fifo /dev/zero
is "size cap: status" "$RC" 0
has "size cap: note names the file" "$ERR" \
  "s/huge.txt: larger than 64 MiB \(--max-file-size\), skipped"
has "fifo in a folder: skipped" "$ERR" "s/fifo.txt: not a regular file"
has "fifo on the command line: skipped" "$ERR" "lone.fifo: not a regular file"
has "/dev/zero: skipped" "$ERR" "/dev/zero: not a regular file"
is "size cap: the small file kept" \
  "$("$TINSH" --db s.db sql --csv 'SELECT count(*) FROM documents' | tail -1)" 1

# 3. a big article under a memory cap fails alone
mkdir m
for i in 1 2 3; do printf 'Bài %d\n\nĐoạn văn về Hạ Long số %d.\n' $i $i >m/s$i.txt; done
para=$(printf 'Năm 2024 tỉnh Quảng Ninh đón nhiều nghìn lượt khách đến Móng Cái. %.0s' $(seq 1 8))
{
  printf 'Tiêu đề lớn\n\n'
  for _ in $(seq 1 500); do printf '%s\n\n' "$para"; done
} >m/chunk
for _ in $(seq 1 90); do cat m/chunk; done >m/big.txt
rm m/chunk
if (ulimit -v 300000 && "$TINSH" --version) >/dev/null 2>&1; then
  run bash -c "ulimit -v 300000; exec \"$TINSH\" --db m.db ingest --quiet --threads 1 m"
  is "memory cap: status (some files failed)" "$RC" 1
  has "memory cap: the big file named" "$ERR" "m/big.txt: not enough memory"
  lacks "memory cap: not the database named" "$ERR" "m.db:.*(memory|failed)"
  is "memory cap: the small files kept" \
    "$("$TINSH" --db m.db sql --csv 'SELECT count(*) FROM documents' | tail -1)" 3
else
  echo "skip: the binary does not start under ulimit -v"
fi

# 4. a write error mid-run leaves a true log
mkdir w
for i in $(seq 1 300); do
  printf 'Bài %d\n\n%s\n' "$i" "$(head -c 3000 /dev/urandom | base64 -w0)" >"w/f$i.txt"
done
"$TINSH" --db w.db ingest --quiet w/f1.txt >/dev/null 2>&1
run bash -c "trap '' XFSZ; ulimit -f 1200; exec \"$TINSH\" --db w.db ingest --quiet --threads 1 --batch 20 w"
is "write error: the run fails" "$RC" 1
has "write error: the database named" "$ERR" "w.db: "
sql() { "$TINSH" --db w.db sql --csv "$1" | tail -1; }
docs=$(sql "SELECT count(*) FROM documents")
is "write error: log row says failed" "$(sql "SELECT status FROM ingest_log WHERE id = 2")" failed
is "write error: log counts only what was committed" \
  "$(sql "SELECT new + 1 FROM ingest_log WHERE id = 2")" "$docs"
is "write error: database consistent" "$(sqlite3 w.db 'PRAGMA integrity_check')" ok
run "$TINSH" --db w.db ingest --quiet w
is "write error: the next run completes" "$RC" 0
is "write error: every file in" "$(sql "SELECT count(*) FROM documents")" 300
is "write error: next log row done" "$(sql "SELECT status FROM ingest_log WHERE id = 3")" done

finish
