#!/usr/bin/env bash
# tests/cli/query.sh — `tinsh query` end to end on the example corpus.
# Plan: a match line is "path:seq:kind: ...[match]..."; --json gives one
# JSON object per match whose text is the block's bytes s..e; --limit N
# stops after N; no match: status 1; a bad pattern: "tinsh: query: column
# N: why" on stderr, nothing on stdout, status 2; no PATTERN, two
# PATTERNs, a bad --limit: status 2; hostile patterns (deep nesting, a
# huge repetition, a catastrophic regex) end with an error or a result;
# in --sandbox with a small heap, tinsh.store.query of every token fails
# with "not enough memory" (a Lua error the script can catch) and the
# next query still works.
. "$(dirname "$0")/lib.sh"
cd "$TINSH_SRC" || exit 1
DB="$TMP/c.db"
"$TINSH" --db "$DB" ingest --quiet examples/corpus >/dev/null 2>&1
Q() { run "$TINSH" --db "$DB" query "$@"; }

Q '"Móng Cái" "thành"'
is "found: status 0" "$RC" 0
has "match line" "$OUT" '^/.*\.txt:[0-9]+:[a-z]+: .*\[Móng Cái thành\]'

Q --json '"phát triển" x:[]'
is "json status" "$RC" 0
if command -v python3 >/dev/null; then
  printf '%s\n' "$OUT" >"$TMP/m.jsonl"
  cat >"$TMP/slice.py" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[2])
bad = 0
for line in open(sys.argv[1], encoding="utf-8"):
    m = json.loads(line)
    t = db.execute("SELECT CAST(text AS BLOB) FROM block_rows WHERE doc=? AND seq=? AND text IS NOT NULL",
                   (m["rowid"], m["seq"])).fetchone()
    if t is None:
        off, ln = db.execute("SELECT off, len FROM block_rows WHERE doc=? AND seq=?",
                             (m["rowid"], m["seq"])).fetchone()
        doc = db.execute("SELECT CAST(text AS BLOB) FROM documents WHERE id=?", (m["rowid"],)).fetchone()[0]
        t = (doc[off:off + ln],)
    if t[0][m["s"] - 1:m["e"]].decode() != m["text"] or len(m["tokens"]) != 2 \
       or m["parts"]["x"]["text"] != m["tokens"][1]:
        bad += 1
print(bad)
PY
  run python3 "$TMP/slice.py" "$TMP/m.jsonl" "$DB"
  is "json spans slice the block" "$OUT" 0
fi

Q --limit 2 '[]'
is "limit 2" "$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" 2

Q '"không có chữ này đâu"'
is "no match: status 1" "$RC" 1
is "no match: no output" "$OUT" ""

Q '"a" [word = "x"'
is "bad pattern: status 2" "$RC" 2
is "bad pattern: message" "$ERR" "tinsh: query: column 16: expected ']'"
is "bad pattern: no output" "$OUT" ""

Q
is "no pattern: status 2" "$RC" 2
Q '"a"' '"b"'
is "two patterns: status 2" "$RC" 2
Q --limit x '"a"'
is "bad limit: status 2" "$RC" 2

deep=$(printf '(%.0s' $(seq 50))'"a"'$(printf ')%.0s' $(seq 50))
Q "$deep"
has "deep nesting refused" "$ERR" 'column [0-9]+: nested too deep'
Q '([]{100}){100}'
has "huge repetition refused" "$ERR" 'too large'
Q '[word = /(a|aa)+$/]{1,50}'
has "catastrophic regex ends" "$RC" '^[012]$'
cat >"$TMP/mem.lua" <<'LUA'
local S = require("tinsh.store")
local db = assert(S.open(S.default_path()))
print(pcall(S.query, db, "[]"))
print(#S.query(db, "[]", { limit = 3 }))
LUA
TINSH_SANDBOX_MEM=2000000 run "$TINSH" --db "$DB" --sandbox "$TMP/mem.lua"
is "sandbox heap: caught, then a query works" "$OUT" "false	not enough memory
3"
finish
