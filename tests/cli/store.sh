#!/usr/bin/env bash
# Test plan: tinsh ingest / search / sql through the real binary.
#  1. ingest a folder with articles, a .jsonl file, an unsupported file and
#     a dangling link: status 1, "tinsh: <file>: <reason>" lines on stderr,
#     a summary on stdout; the rest is indexed. A second run: unchanged.
#  2. search: accent-smart hits, exit 0/1 like grep, --json lines that
#     python3 parses, hostile queries never an FTS5 syntax error, --match
#     errors reported (status 2), no ANSI codes when not a terminal.
#  3. sql: aligned table (by display width), --csv, --json; writes refused.
#  4. default database: without --db/TINSH_DB/./tinsh.db the bundled
#     example corpus is built into $TINSH_CACHE_DIR and searched; a
#     changed data folder (word list) rebuilds it.
#  5. a second ingest is refused while one holds the lock.
#  6. kill -9 during an ingest: the database passes integrity_check, a
#     search works meanwhile, and the next ingest completes it.
#  8. search on words: "quang ninh" is the word Quảng Ninh (not "quang" and
#     "ninh" apart), the forms line under the hits; an index built without
#     word tokens (an older tinsh; here: an empty lexicon) still searches
#     on syllables, and `ingest --reparse` adds the word tokens; a file
#     from schema version 5 stays on syllables (meta fts_words 0) even
#     after new documents bring word tokens, until `ingest --reparse`.
#  7. Ctrl-C (SIGINT) stops an ingest with status 130 and "interrupted";
#     the next ingest completes it.
. "$(dirname "$0")/lib.sh"
cd "$TMP"
unset TINSH_DB
export TINSH_CACHE_DIR="$TMP/cache"

mkdir -p corpus/sub
printf 'Cửa khẩu Móng Cái\n\nKim ngạch tăng 57,7%% theo Nghị quyết 20-NQ/TU.\n' >corpus/a.txt
printf 'Đảng bộ tỉnh\n\nBan Chấp hành Đảng bộ tỉnh họp phiên thứ nhất.\n' >corpus/sub/b.md
printf '{"title":"Đà Nẵng","date":"2024-03-04","body":"Thành phố biển."}\n' >corpus/c.jsonl
printf 'x' >corpus/image.png
ln -s /nonexistent/gone.txt corpus/gone.txt

run "$TINSH" --db t.db ingest corpus
is "ingest with a bad file: status 1" "$RC" 1
has "bad file named on stderr" "$ERR" "^tinsh: .*corpus/gone.txt: No such file or directory$"
has "unsupported file reported" "$ERR" "tinsh: .*image.png: unsupported file type, skipped"
has "summary" "$OUT" "3 new, 0 changed, 0 unchanged, 0 moved, 0 duplicates, 1 skipped, [0-9]+ warnings, 1 errors"
has "document count" "$OUT" "t.db: 3 documents"

rm corpus/gone.txt
run "$TINSH" --db t.db ingest --quiet corpus
is "second ingest: status 0" "$RC" 0
has "second ingest: unchanged" "$OUT" "0 new, 0 changed, 3 unchanged"

run "$TINSH" --db t.db search mong cai
is "search status" "$RC" 0
has "search path" "$OUT" "corpus/a.txt$"
has "search snippet" "$OUT" "Móng Cái"
lacks "no ANSI when not a terminal" "$OUT" $'\033'
run "$TINSH" --db t.db search dang
has "dang finds Đảng" "$OUT" "sub/b.md"
run "$TINSH" --db t.db search "đạng"
is "wrong diacritics: no hit, status 1" "$RC" 1
is "no hit: no output" "$OUT" ""
run "$TINSH" --db t.db search 57,7
has "figures searchable" "$OUT" "a.txt"
run "$TINSH" --db t.db search 20-NQ/TU
has "document numbers searchable" "$OUT" "a.txt"
for q in '"' 'AND' 'OR (' 'NEAR(' 'title:' '*' '-' ')(' '^' 'a:b:c'; do
  run "$TINSH" --db t.db search "$q"
  lacks "plain query '$q' never a syntax error" "$ERR" "syntax|error"
done
run "$TINSH" --db t.db search --match 'title:"đà nẵng" OR mong'
is "--match status" "$RC" 0
run "$TINSH" --db t.db search --match '"unterminated'
is "--match error status" "$RC" 2
has "--match error message" "$ERR" "^tinsh: search: "
run "$TINSH" --db t.db search --count dang
is "--count" "$OUT" "1"
run "$TINSH" --db t.db search --json da nang
is "--json status" "$RC" 0
printf '%s\n' "$OUT" >hits.jsonl
run python3 -c '
import json, sys
for line in open("hits.jsonl"):
    h = json.loads(line)
    s = h["snippet"].encode()
    marked = [s[a:b].decode() for a, b in h["hits"]]
    print(h["title"], h["published"], h["path"].endswith("c.jsonl#1"), marked)
'
is "--json parses" "$OUT" "Đà Nẵng 2024-03-04 True ['Đà Nẵng']"

run "$TINSH" --db t.db sql "SELECT title, length(text) > 0 AS has_text FROM documents ORDER BY id"
is "sql status" "$RC" 0
printf '%s\n' "$OUT" >table.txt
run python3 -c '
import unicodedata
def w(s): return sum(0 if unicodedata.combining(c) else 1 for c in s)
lines = open("table.txt").read().splitlines()
print(len(lines), len({w(l.rstrip()) for l in lines[:2]}), lines[1].split()[0] == "-" * w(lines[2].split("  ")[0]) or lines[1][:5])'
has "sql table aligned by display width" "$OUT" "^5 1 "
run "$TINSH" --db t.db sql --csv "SELECT 'a,b' AS x, NULL AS y, 2 AS z"
is "sql --csv" "$OUT" $'x,y,z\n"a,b",,2'
run "$TINSH" --db t.db sql --json "SELECT 'Móng Cái' AS name, 1.5 AS v, NULL AS n"
is "sql --json" "$OUT" '{"name":"Móng Cái","v":1.5,"n":null}'
run "$TINSH" --db t.db sql "DELETE FROM documents"
is "sql write refused: status" "$RC" 1
has "sql write refused: message" "$ERR" "^tinsh: sql: .*read-only"
run "$TINSH" --db t.db sql "SELECT count(*) FROM documents"
has "nothing deleted" "$OUT" "3$"
run "$TINSH" --db t.db sql "SELEC nonsense"
is "sql syntax error status" "$RC" 1
has "sql syntax error message" "$ERR" "^tinsh: sql: .*syntax error"
run "$TINSH" --db missing.db sql "SELECT 1"
is "missing database status" "$RC" 1
has "missing database message" "$ERR" "^tinsh: missing.db: "

# 4. the default database: the bundled examples, cached
mkdir empty && cd empty
run "$TINSH" search "mong cai"
is "default corpus search status" "$RC" 0
has "default corpus: examples" "$OUT" "examples/corpus/00"
[ -f "$TINSH_CACHE_DIR/examples.db" ] && pass || failed "cache file built"
run "$TINSH" sql "SELECT count(*) AS n FROM documents"
has "default corpus: five documents" "$OUT" "5$"
# REGRESSION: a changed word list (a new tinsh's data) rebuilds it; the
# fingerprint named only the corpus, parser and schema, so the old word
# statistics and index stayed
run "$TINSH" sql "SELECT count(*) FROM word_stats WHERE word = 'cơ sở hạ tầng'"
has "default corpus: no such word yet" "$OUT" "^ *0$"
cp -r "$TINSH_SRC/data" "$TMP/data"
printf 'cơ sở hạ tầng\t999999\n' >"$TMP/data/words/zz-test.txt"
TINSH_DATA="$TMP/data" TINSH_LEXICON_IMAGE= run "$TINSH" sql \
  "SELECT count(*) FROM word_stats WHERE word = 'cơ sở hạ tầng'"
is "default corpus rebuilt with the new word list: status" "$RC" 0
has "default corpus rebuilt with the new word list" "$OUT" "^ *[1-9][0-9]*$"
cd ..

# 5. one ingest at a time
flock t.db sleep 3 &
locker=$!
sleep 0.3
run "$TINSH" --db t.db ingest --quiet corpus
is "concurrent ingest refused: status" "$RC" 1
has "concurrent ingest refused: message" "$ERR" "another ingest is running"
kill "$locker" 2>/dev/null
wait "$locker" 2>/dev/null

# 6. kill -9 in the middle, search meanwhile, then complete
mkdir big
body=$(printf 'Năm 2024 tỉnh Quảng Ninh đón %s nghìn lượt khách đến Móng Cái. ' $(seq 1 120))
# BIG files: enough that a loaded machine cannot finish them between the
# polls below and the kill (1,500 finished first once under ctest -j2)
BIG=4000
for i in $(seq 1 "$BIG"); do
  printf 'Bài %d về Hạ Long\n\n%s\n' "$i" "$body" >"big/f$i.txt"
done
( exec "$TINSH" --db k.db ingest --quiet --threads 1 --batch 50 big >/dev/null 2>&1 ) &
pid=$!
searched=0 searchfail=0
for i in $(seq 1 200); do
  n=$("$TINSH" --db k.db sql "SELECT count(*) FROM documents" 2>/dev/null | tail -1 | tr -d ' ')
  if [ -n "$n" ] && [ "$n" -gt 0 ] 2>/dev/null; then
    "$TINSH" --db k.db search "ha long" >/dev/null 2>&1
    [ $? -le 1 ] || searchfail=$((searchfail + 1))
    searched=$((searched + 1))
  fi
  [ -n "$n" ] && [ "$n" -gt 200 ] 2>/dev/null && break
  sleep 0.02
done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null || true # "Killed" is expected
is "search while ingesting" "$searchfail" 0
run "$TINSH" --db k.db sql "PRAGMA integrity_check"
has "integrity after kill -9" "$OUT" "^integrity_check"$'\n'"-+"$'\n'"ok$"
run "$TINSH" --db k.db sql "SELECT count(*) FROM documents"
killed_at=$(printf '%s' "$OUT" | tail -1 | tr -d ' ')
[ "$killed_at" -lt "$BIG" ] && pass || failed "the kill came before the end" "$killed_at"
run "$TINSH" --db k.db ingest --quiet big
is "completing ingest: status" "$RC" 0
has "completing ingest: the rest is new" "$OUT" ": $((BIG - killed_at)) new"
run "$TINSH" --db k.db sql "SELECT status FROM ingest_log ORDER BY id"
is "killed run logged as interrupted" "$OUT" $'status\n-----------\ninterrupted\ndone'
run "$TINSH" --db k.db sql "SELECT count(*) FROM documents"
has "completing ingest: all documents" "$OUT" "$BIG$"
run "$TINSH" --db k.db search --count "ha long"
is "completing ingest: all searchable" "$OUT" "$BIG"

# 7. Ctrl-C stops an ingest cleanly: status 130, "interrupted", a sound
#    database that the next ingest completes
( exec "$TINSH" --db i.db ingest --quiet --threads 1 --batch 50 big >/dev/null 2>"$TMP/int.err" ) &
pid=$!
for i in $(seq 1 200); do
  n=$("$TINSH" --db i.db sql "SELECT count(*) FROM documents" 2>/dev/null | tail -1 | tr -d ' ')
  [ -n "$n" ] && [ "$n" -gt 100 ] 2>/dev/null && break
  sleep 0.02
done
kill -INT "$pid"
wait "$pid"
is "Ctrl-C: status 130" "$?" 130
has "Ctrl-C: message" "$(cat "$TMP/int.err")" "^tinsh: i.db: interrupted$"
run "$TINSH" --db i.db sql "PRAGMA integrity_check"
has "Ctrl-C: integrity" "$OUT" "ok$"
run "$TINSH" --db i.db ingest --quiet big
is "Ctrl-C: next ingest completes" "$RC" 0
run "$TINSH" --db i.db search --count "ha long"
is "Ctrl-C: all searchable after completion" "$OUT" "$BIG"


# a bad line in a .jsonl file loses only itself: reported, the rest kept
mkdir -p jl
printf '{"title":"Một","body":"Móng Cái một"}\n{"title": broken\n{"title":"Hai","body":"Móng Cái hai"}\n' >jl/a.jsonl
run "$TINSH" --db jl.db ingest --quiet jl
is "jsonl bad line: status 1" "$RC" 1
has "jsonl bad line: named with its line" "$ERR" "a\.jsonl: line 2: invalid JSON"
run "$TINSH" --db jl.db sql --csv "SELECT title FROM documents ORDER BY id"
is "jsonl bad line: the good records are in" "$(printf "%s" "$OUT" | tail -n 2 | paste -sd " ")" "Một Hai"

# 8. search on words; an index without word tokens; --reparse adds them
mkdir -p words empty
printf 'Tin một\n\nĐoàn đến tỉnh quảng ninh làm việc.\n' >words/a.txt
printf 'Tin hai\n\nÔng quang về thăm quê ở ninh bình.\n' >words/b.txt
TINSH_DATA="$TMP/empty" run "$TINSH" --db w.db ingest --quiet words
run "$TINSH" --db w.db search --count "quang ninh"
is "no word tokens: syllables apart match" "$OUT" "2"
run "$TINSH" --db w.db ingest --quiet --reparse words
run "$TINSH" --db w.db search --count "quang ninh"
is "after --reparse: the word only" "$OUT" "1"
run "$TINSH" --db w.db search quang ninh
has "the word's document" "$OUT" "words/a.txt$"
has "forms line" "$OUT" "^forms: quảng ninh 1$"
run "$TINSH" --db w.db search "tỉnh"
lacks "no forms line for an accented query" "$OUT" "^forms:"

# a schema version 5 file: migrated to 6 with fts_words 0
mkdir -p old
printf 'Tin ba\n\nĐoàn đến quảng ninh.\n' >old/a.txt
TINSH_DATA="$TMP/empty" run "$TINSH" --db o.db ingest --quiet old
sqlite3 o.db "UPDATE meta SET value = '5' WHERE key = 'schema_version'; DELETE FROM meta WHERE key = 'fts_words'; PRAGMA journal_mode = DELETE;" >/dev/null
printf 'Tin bốn\n\nĐoàn về quảng ninh.\n' >old/b.txt
run "$TINSH" --db o.db ingest --quiet old
run "$TINSH" --db o.db sql --csv "SELECT value FROM meta WHERE key = 'fts_words'"
is "version 5 file: no word tokens recorded" "$(printf "%s" "$OUT" | tail -n 1)" "0"
run "$TINSH" --db o.db search --count "quang ninh"
is "version 5 file: old and new documents found (syllables)" "$OUT" "2"
run "$TINSH" --db o.db ingest --quiet --reparse old
run "$TINSH" --db o.db sql --csv "SELECT value FROM meta WHERE key = 'fts_words'"
is "after --reparse: word tokens recorded" "$(printf "%s" "$OUT" | tail -n 1)" "1"
run "$TINSH" --db o.db search --count "quang ninh"
is "after --reparse: both words found" "$OUT" "2"

finish
