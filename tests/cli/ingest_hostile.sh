#!/bin/bash
# tests/cli/ingest_hostile.sh — hostile input at ingest (issue 15).
#
# Plan:
#  1. a refused ingest never changes the file it refuses: a foreign SQLite
#     database, a file that
#     is not a database, a tinsh database of a newer schema; the bytes
#     (sha256) are unchanged and no -wal/-shm file is left behind
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

finish
