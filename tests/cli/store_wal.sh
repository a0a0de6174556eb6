#!/usr/bin/env bash
# Test plan: no WAL is left behind for later start-ups to read.
#  1. after an ingest, the -wal file is absent or empty.
#  2. after a script whose corpus:duplicates() writes through a second,
#     writing handle while the read-only corpus handle stays open, the
#     -wal file is absent or empty (the writer checkpoints as it closes;
#     the last connection is a reader, which cannot).
#  3. #corpus reads the count kept in meta: equal to count(*) after the
#     ingest, a prune and a reparse.
. "$(dirname "$0")/lib.sh"
cd "$TMP"
unset TINSH_DB
cp -r "$TINSH_SRC/examples/corpus" corpus
wal_size() { if [ -e t.db-wal ]; then stat -c %s t.db-wal; else echo 0; fi; }

run "$TINSH" ingest --db t.db corpus
is "ingest" "$RC" 0
is "no WAL after ingest" "$(wal_size)" 0

run "$TINSH" --db t.db -e 'local c = require("corpus").default(); c:duplicates(0.8); print(#c)'
is "duplicates runs" "$RC" 0
is "no WAL after a writing handle closed" "$(wal_size)" 0

count() {
  "$TINSH" --db t.db -e 'local c = require("corpus").default()
    local n = c:sql("SELECT count(*) AS n FROM documents")[1].n
    print(#c == n and "same" or (#c .. " vs " .. n))'
}
is "#corpus is count(*)" "$(count)" same
rm corpus/"$(ls corpus | head -1)"
run "$TINSH" ingest --db t.db --prune corpus
is "prune" "$RC" 0
is "#corpus after prune" "$(count)" same
run "$TINSH" ingest --db t.db --reparse corpus
is "#corpus after reparse" "$(count)" same
finish
