#!/usr/bin/env bash
# Test plan: hostile files, databases and arguments outside the sandbox
# (issue 15); each gives a clear one-line error or a visible, harmless
# result — never a crash, a raw control sequence or a changed file:
#  1. terminal safety: ESC/BEL/C1 in a JSONL title shown by tinsh search,
#     tinsh sql, tinsh parse --text, print(doc), frames, pretty printing;
#     --json output valid UTF-8 for a non-UTF-8 file name;
#  2. files: tinsh parse /dev/zero and a stream over --max-file-size
#     refused in one line; ingest skips a file over --max-file-size and
#     keeps the others; a refused foreign SQLite file is left byte for
#     byte unchanged (no WAL);
#  3. the ingest lock (on the database file) holds through a symlink and
#     a hard link;
#  4. a corrupted block_rows row (offsets outside the text) loads as an
#     empty block with a warning; the LSH binding with an __index that
#     collects garbage, bands 0 / 0.5 / 2^32; Lua API misuse gives
#     `bad argument` (docs{limit = 2.5}, docs{ids = 5}, search("x", 5),
#     NaN); substring filters match "%" and "_" literally.
. "$(dirname "$0")/lib.sh"
cd "$TMP"
mkdir -p esc
printf '{"title": "Evil \\u001b[2J\\u001b]0;pwn\\u0007 \\u009b title", "text": "Nội dung bài báo về Móng Cái.\\n\\nĐoạn hai."}\n' >esc/x.jsonl
"$TINSH" --db e.db ingest --quiet esc >/dev/null 2>&1

# 1. terminal safety
raw() { printf '%s' "$1" | grep -c $'\x1b\|\x07\|\xc2\x9b'; }
run "$TINSH" --db e.db search "móng cái"
is "tinsh search: no raw control character" "$(raw "$OUT")" 0
has "tinsh search: ESC shown as \\x1b" "$OUT" 'Evil \\x1b\[2J'
run "$TINSH" --db e.db sql "SELECT title FROM documents"
is "tinsh sql: no raw control character" "$(raw "$OUT")" 0
has "tinsh sql: C1 shown as \\u{9b}" "$OUT" '\\u\{9b\}'
run "$TINSH" parse --text esc/x.jsonl
is "tinsh parse --text: no raw control character" "$(raw "$OUT")" 0
run "$TINSH" --db e.db -e 'for d in corpus:docs() do print(d) end
print(corpus:list()) require("tinsh.pretty").print({t = corpus:get(1).title})
corpus:get(1):show()'
is "print(doc), frames, pretty, doc:show: no raw control character" \
  "$(raw "$OUT")" 0
has "print(doc) shows the escape" "$OUT" '^#1 .*Evil \\x1b'
mkdir -p nonutf
printf 'Tiêu đề\n\nNội dung bài báo.\n' >"nonutf/$(printf 'bad\xff.txt')"
"$TINSH" --db n.db ingest --quiet nonutf >/dev/null 2>&1
for cmd in "search nội --json" "sql --json SELECT_path_FROM_documents"; do
  # shellcheck disable=SC2086
  "$TINSH" --db n.db ${cmd//_/ } >json.out 2>/dev/null
  python3 -c 'import sys, json
data = open(sys.argv[1], "rb").read().decode("utf-8")
for line in data.splitlines():
    if line.strip(): json.loads(line)' json.out &&
    pass || failed "--json of a non-UTF-8 file name is valid UTF-8 ($cmd)"
done
"$TINSH" parse "nonutf/$(printf 'bad\xff.txt')" >json.out
python3 -c 'import sys, json; json.loads(open(sys.argv[1], "rb").read().decode("utf-8"))' \
  json.out && pass || failed "tinsh parse of a non-UTF-8 file name: valid UTF-8"

# 2. files
run timeout 20 "$TINSH" parse /dev/zero
is "tinsh parse /dev/zero: status 1" "$RC" 1
has "tinsh parse /dev/zero: one line naming the file" "$ERR" \
  "^tinsh: /dev/zero: larger than the size limit"
head -c 5000 /dev/zero | "$TINSH" parse --max-file-size 1K - >/dev/null 2>err.txt
has "a stream over --max-file-size refused" "$(cat err.txt)" "^tinsh: -: larger than"
mkdir -p big
head -c 4000 /dev/urandom | base64 >big/a.txt
printf 'Tiêu đề nhỏ\n\nMột đoạn.\n' >big/b.txt
run "$TINSH" --db b.db ingest --quiet --max-file-size 2K big
has "ingest names the file over --max-file-size" "$ERR" "big/a.txt: larger than .*--max-file-size"
has "ingest keeps the others" "$OUT" "1 new, .* 1 skipped"
if command -v sqlite3 >/dev/null; then
  sqlite3 foreign.db "CREATE TABLE t(x); INSERT INTO t VALUES (1);"
  before=$(sha256sum <foreign.db)
  run "$TINSH" --db foreign.db ingest --quiet esc
  has "a foreign SQLite file is refused" "$ERR" "not a tinsh database"
  is "the refused file is unchanged" "$(sha256sum <foreign.db)" "$before"
  [ -e foreign.db-wal ] && failed "a WAL was left beside the refused file" || pass
fi

# 3. the lock (flock on the database file itself), through other names
ln -s e.db link.db
ln e.db hard.db
for other in link.db hard.db; do
  flock e.db sleep 3 &
  sleep 0.3
  run "$TINSH" --db "$other" ingest --quiet esc
  has "the lock holds through $other" "$ERR" "another ingest is running"
  wait
done

# 4. databases and arguments
cp e.db bad.db
python3 - bad.db <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE block_rows SET off = 9223372036854775000, len = 4000, text = NULL WHERE seq = 1")
db.execute("UPDATE block_rows SET off = -5, len = -7, text = NULL WHERE seq = 0")
db.commit()
PY
run "$TINSH" --db bad.db -e 'local d = corpus:get(1):data()
for _, w in ipairs(d.warnings) do print(w) end'
is "corrupted block spans: status 0" "$RC" 0
has "corrupted block spans: skipped with a warning" "$OUT" \
  "damaged database: block 1 has span 9223372036854775000\+4000 outside"
run "$TINSH" -e 'local S = require("tinsh.store")
local sig = S.minhash("một hai ba bốn năm sáu bảy tám chín mười")
local sigs = setmetatable({}, { __index = function(_, i)
  collectgarbage() return sig .. "" end })
print(pcall(S.lsh, {1, 2}, sigs, 8, 0.5))
for _, b in ipairs({0, 0.5, 4294967304}) do print(pcall(S.lsh, {1}, {sig}, b, 0.5)) end
print(pcall(S.lsh, {1}, {sig}, 8, 0/0))'
is "LSH with a collecting __index: status 0" "$RC" 0
has "LSH reads signatures raw (none through __index)" "$OUT" \
  "^false	bad argument #2 to '[a-z.]*lsh'"
is "LSH bands 0, 0.5, 2^32+8 refused" \
  "$(printf '%s\n' "$OUT" | grep -c "bad argument #3 to '[a-z.]*lsh'")" 3
has "LSH NaN threshold refused" "$OUT" "bad argument #4 to '[a-z.]*lsh'"
for e in 'corpus:docs{limit = 2.5}' 'corpus:docs{ids = 5}' \
  'corpus:search("x", 5)' 'corpus:list{limit = 0/0}' 'corpus:kwic("x", {width = 2.5})' \
  'corpus:freq{top = 1e300}' 'corpus:docs{bogus = 1}'; do
  run "$TINSH" --db e.db -e "$e"
  has "$e: bad argument" "$ERR" "bad argument #[12] to '(docs|list|search|kwic|freq)'"
  lacks "$e: no internal error" "$(printf "%s" "$ERR" | head -1)" "attempt to|stdlib/"
done
mkdir -p lit
printf 'Tăng 50%% so với năm trước\n\nNội dung.\n' >lit/a.txt
printf 'Tăng 500 lần\n\nNội dung.\n' >lit/b.txt
printf 'Tiêu_đề gạch dưới\n\nNội dung.\n' >lit/c.txt
"$TINSH" --db l.db ingest --quiet lit >/dev/null 2>&1
run "$TINSH" --db l.db -e 'print(#corpus:list{title = "50%"}, #corpus:list{title = "_"})'
is "substring filters match % and _ literally" "$OUT" "1	1"
finish
