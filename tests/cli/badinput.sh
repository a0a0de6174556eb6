#!/usr/bin/env bash
# Test plan: `tinsh ingest` over the bad-input corpus (docs/design.md "Bad input").
# tests/badinput/make_corpus.py builds it at run time (nothing binary is
# committed): empty file, NUL bytes, a 50 MB single line, PNG and ELF named
# .txt, invalid UTF-8 of every kind, UTF-16 with BOM, Windows-1258, VNI and
# TCVN3 mojibake, NFD, CRLF, a caption repeated 10,000 times, 100,000 tiny
# files in one folder, broken/deep/hostile JSON; this script adds a
# self-referencing symlink, a dangling symlink, a FIFO, /dev/zero behind a
# .txt name, an unreadable file and a file rewritten during the ingest.
#  1. one ingest of good/ + bad/ together: no crash (status 0 or 1, no
#     sanitizer report), every stderr line is "tinsh: <file>: <reason>",
#     every file of the manifest is accounted for (a document, or a line
#     naming it), the database passes PRAGMA integrity_check;
#  2. no other document affected: the example articles ingested with the
#     bad files give the same rows (ids, fields, fact counts) as alone;
#     UTF-16 (both), UTF-8 BOM, NFD, CRLF and CR copies of the articles
#     normalise to exactly the original text (same doc_id); REGRESSION
#     (text.c): Windows-1258 is decoded (it comes out as 1252 mojibake);
#  3. a second ingest finds everything unchanged and keeps the count;
#  4. search still works and finds the tiny files and the articles;
#  5. REGRESSION (store_ingest.c): a symlink to a parent folder is walked
#     once, not 40 times over;
#  6. REGRESSION (extract*.c): a 1 MB line dense with figures and no
#     sentence end must not blow the database up > 50x its size.
# Timings of the big cases are printed (figures for docs/robustness.md).
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null && command -v sqlite3 >/dev/null || {
  echo "skip: needs python3 and sqlite3"
  exit 77
}
# Work on a RAM disk when there is one: 100,000 files.
W=$TMP
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
  W=$(mktemp -d /dev/shm/tinsh-badinput.XXXXXX)
  trap 'rm -rf "$TMP" "$W"' EXIT
fi
TINY=${TINSH_BADINPUT_TINY:-100000}
BIGMB=${TINSH_BADINPUT_BIG_MB:-50}
python3 "$TINSH_SRC/tests/badinput/make_corpus.py" "$W/c" --tiny "$TINY" \
  --big-mb "$BIGMB" || { failed "make_corpus.py"; finish; }
C=$W/c
M=$C/MANIFEST.tsv
B=$C/bad

# special files
ln -s selfloop.txt "$B/selfloop.txt"
ln -s /nonexistent/gone.txt "$B/dangling.txt"
mkfifo "$B/fifo.txt"
ln -s /dev/zero "$B/zero.txt"
printf 'Không đọc được\n' >"$B/unreadable.txt"
chmod 000 "$B/unreadable.txt"
printf 'Tệp thay đổi\n\nBan đầu.\n' >"$B/changing.txt"
printf '%s\terror\tself-referencing symlink\n' "$B/selfloop.txt" >>"$M"
printf '%s\terror\tdangling symlink\n' "$B/dangling.txt" >>"$M"
printf '%s\tskip\ta FIFO\n' "$B/fifo.txt" >>"$M"
printf '%s\tskip\t/dev/zero behind a .txt name\n' "$B/zero.txt" >>"$M"
printf '%s\tany\trewritten during the ingest\n' "$B/changing.txt" >>"$M"

# Root reads anything: run tinsh as nobody so that mode 000 means something.
AS=()
if [ "$(id -u)" -eq 0 ]; then
  if command -v setpriv >/dev/null; then
    AS=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    chmod -R a+rwX "$W" 2>/dev/null
    chmod 000 "$B/unreadable.txt"
    printf '%s\terror\tunreadable (mode 000)\n' "$B/unreadable.txt" >>"$M"
  else
    echo "note: running as root without setpriv: unreadable.txt is readable"
    printf '%s\tany\tunreadable (mode 000, but we are root)\n' \
      "$B/unreadable.txt" >>"$M"
  fi
else
  printf '%s\terror\tunreadable (mode 000)\n' "$B/unreadable.txt" >>"$M"
fi

# a writer that rewrites changing.txt meanwhile: in place (truncate and
# write) or by replacing it (rename over it), with ever-changing sizes
(
  i=0
  while :; do
    i=$((i + 1))
    n=$(((i * 7919) % 20000))
    if [ $((i % 2)) -eq 0 ]; then
      { echo "Phiên bản $i"; head -c $n "$B/crlf.txt"; } >"$B/changing.txt"
    else
      { echo "Phiên bản $i"; head -c $n "$B/nfd.txt"; } >"$B/.changing.tmp"
      chmod a+rw "$B/.changing.tmp" 2>/dev/null
      mv -f "$B/.changing.tmp" "$B/changing.txt"
    fi
  done
) &
WRITER=$!

DB=$W/all.db
t0=$(date +%s.%N)
"${AS[@]}" "$TINSH" --db "$DB" ingest --quiet "$C/good" "$B" \
  >"$W/out" 2>"$W/err"
RC=$?
t1=$(date +%s.%N)
kill "$WRITER" 2>/dev/null
wait "$WRITER" 2>/dev/null
OUT=$(cat "$W/out")
ERR=$(cat "$W/err")
awk -v a="$t0" -v b="$t1" -v rc="$RC" 'BEGIN {
  printf "ingest of the bad-input corpus: %.1f s, status %s\n", b - a, rc }'
printf '%s\n' "$OUT" "$ERR"

# 1. no crash, one-line errors, every file accounted for
has "ingest finishes with 0 or 1" "$RC" "^[01]$"
lacks "no sanitizer or crash report" "$ERR" "Sanitizer|runtime error|Segmentation|Aborted|core dumped"
bad_lines=$(printf '%s\n' "$ERR" | grep -v '^$' | grep -vc '^tinsh: /.*: .')
is "every stderr line is 'tinsh: <file>: <reason>'" "$bad_lines" 0
is "integrity_check" "$(sqlite3 "$DB" 'PRAGMA integrity_check')" ok
sqlite3 "$DB" 'SELECT path FROM files' | sort >"$W/files"
unaccounted=""
sqlite3 -separator $'\t' "$DB" "SELECT f.path, f.dup_of IS NOT NULL,
  count(w.text), group_concat(DISTINCT w.text) FROM files f
  LEFT JOIN documents d ON d.file = f.path LEFT JOIN warnings w ON
  w.doc = d.id WHERE f.path NOT LIKE '%/tiny/%' GROUP BY f.path" |
  tr '\n' '\036' | sed 's/\([^\t]*\t[^\t]*\t[^\t]*\t[^\t]*\)\x1e/\1\n/g' |
  tr '\036' ' ' >"$W/outcomes"
echo "outcome of each input:"
while IFS=$'\t' read -r path expect what; do
  in_db=0
  grep -qxF -- "$path" "$W/files" && in_db=1
  said=0
  printf '%s\n' "$ERR" | grep -qF -- "tinsh: $path: " && said=1
  outcome=missing
  [ $in_db = 1 ] && outcome=$(awk -F'\t' -v p="$path" '$1 == p {
    print ($2 ? "duplicate" : "document") ($3 ? ", " $3 " warnings: " $4 : "")
  }' "$W/outcomes")
  [ $said = 1 ] && outcome=$(printf '%s\n' "$ERR" | grep -F -- "tinsh: $path: " |
    head -1 | sed "s|^tinsh: .*: ||")
  [ "$expect" = tree ] && outcome="$(grep -c -- "^$path/" "$W/files") documents"
  printf '  %-40s %s\n' "${what:0:40}" "${outcome:0:110}"
  case $expect in
    doc) [ $in_db = 1 ] || unaccounted="$unaccounted|$what (no document)" ;;
    skip | error)
      [ $said = 1 ] && [ $in_db = 0 ] ||
        unaccounted="$unaccounted|$what (expected a '$expect' line)" ;;
    any) [ $in_db = 1 ] || [ $said = 1 ] ||
      unaccounted="$unaccounted|$what (neither document nor line)" ;;
    tree)
      n=$(grep -c -- "^$path/" "$W/files")
      want=$(find "$path" -type f | wc -l)
      [ "$n" = "$want" ] || unaccounted="$unaccounted|$what ($n of $want)" ;;
  esac
done <"$M"
is "every file of the manifest accounted for" "$unaccounted" ""
errs=$(sqlite3 "$DB" 'SELECT count(*) FROM ingest_errors')
has "errors are recorded in ingest_errors" "$errs" "^[1-9]"

# 2. the example articles are not affected by their neighbours
dump() {
  sqlite3 "$1" "SELECT d.path, d.doc_id, d.title, d.published, d.author,
    d.site, d.lead,
    (SELECT count(*) FROM blocks WHERE doc = d.id),
    (SELECT count(*) FROM figures WHERE doc = d.id),
    (SELECT count(*) FROM people WHERE doc = d.id),
    (SELECT count(*) FROM refs WHERE doc = d.id),
    (SELECT count(*) FROM places WHERE doc = d.id),
    (SELECT count(*) FROM warnings WHERE doc = d.id)
    FROM documents d WHERE d.path LIKE '$C/good/%' ORDER BY d.path"
}
"${AS[@]}" "$TINSH" --db "$W/good.db" ingest --quiet "$C/good" >/dev/null 2>&1
is "good articles identical with and without bad neighbours" \
  "$(dump "$DB")" "$(dump "$W/good.db")"
is "five good articles" "$(dump "$DB" | wc -l)" 5

# 2b. re-encoded copies of the articles normalise to the very same text
# (documents.doc_id is the hash of the normalised text)
did() {
  sqlite3 "$DB" "SELECT doc_id FROM documents WHERE path = '$1'"
}
g0=$(ls "$C"/good/*.txt | sed -n 1p) g1=$(ls "$C"/good/*.txt | sed -n 2p)
g2=$(ls "$C"/good/*.txt | sed -n 3p) g3=$(ls "$C"/good/*.txt | sed -n 4p)
for pair in "utf16le-bom.txt $g0" "utf16be-bom.txt $g0" "utf8-bom.txt $g0" \
  "nfd.txt $g1" "crlf.txt $g2" "cr-only.txt $g3"; do
  set -- $pair
  is "$1 normalises to the original's text" "$(did "$B/$1")" "$(did "$2")"
done
# REGRESSION (shell/text.c, fixed in 0c582e1): Windows-1258 was read as
# Windows-1252, so "Móng Cái" came out as "Moìng Caìi" (0xEC is the
# combining acute in 1258, ì in 1252).
is "REGRESSION Windows-1258 text is decoded (title as in the original)" \
  "$(sqlite3 "$DB" "SELECT title FROM documents WHERE path = '$B/cp1258.txt'")" \
  "$(sqlite3 "$DB" "SELECT title FROM documents WHERE path = '$g0'")"

# 3. a second run: nothing new, nothing lost. changing.txt goes first:
# the first run may have caught it empty (truncated by the writer, so
# skipped), and the second would then count it new.
rm -f "$B/changing.txt"
count1=$(sqlite3 "$DB" 'SELECT count(*) FROM documents')
"${AS[@]}" "$TINSH" --db "$DB" ingest --quiet "$C/good" "$B" >"$W/out2" \
  2>"$W/err2"
RC2=$?
has "second run: status 0 or 1" "$RC2" "^[01]$"
new2=$(sed -n 's/.* \([0-9]*\) new, .*/\1/p' "$W/out2")
unch2=$(sed -n 's/.* \([0-9]*\) unchanged, .*/\1/p' "$W/out2")
has "second run: nothing new" "$new2" "^0$"
has "second run: the tiny files are unchanged" "$([ "${unch2:-0}" -ge "$TINY" ] && echo ok)" ok
count2=$(sqlite3 "$DB" 'SELECT count(*) FROM documents')
is "second run keeps the document count" "$count2" "$count1"
is "integrity_check after the second run" \
  "$(sqlite3 "$DB" 'PRAGMA integrity_check')" ok

# 4. search over the result
run "$TINSH" --db "$DB" search --count "mong cai"
has "search counts the tiny files too" "$([ "${OUT:-0}" -ge "$TINY" ] && echo ok)" ok
run "$TINSH" --db "$DB" search --limit 3 "Lê Văn Ánh"
is "search finds the article" "$RC" 0

# 5. REGRESSION: a symlink to a parent folder must not be walked in a loop.
# Bug in shell/store_ingest.c walk_dir()/visit() (fixed in 32a0798): stat()
# followed links to directories with no cycle check, so loop/sub/up -> ..
# was walked ~40 deep (until ELOOP) and every file above it ingested ~41
# times; with two such links the walk is exponential.
mkdir -p "$W/loop/sub"
printf 'Vòng lặp\n\nMột tệp.\n' >"$W/loop/a.txt"
ln -s .. "$W/loop/sub/up"
timeout 120 "$TINSH" --db "$W/loop.db" ingest --quiet "$W/loop" \
  >/dev/null 2>"$W/loop.err"
is "REGRESSION symlink loop: a.txt is ingested under one path only" \
  "$(sqlite3 "$W/loop.db" 'SELECT count(*) FROM files')" 1

# 6. REGRESSION: output must stay proportional to input. Bug in the figure
# extractor (shell/extract*.c, fixed in 9fc3f6c): every figure stored its
# whole sentence context (up to ~6.7 KB) and a line without a sentence end
# has one figure every ~40 bytes, so 1 MB of input gave ~50,000 figures and
# a 444 MB database (a 50 MB such line: 7.5 GB RSS, 7 GB database).
python3 -c "
import sys
line = 'tăng 57,7% và gần 5.000 tỷ đồng, 21.923/23.394 hộ; '.encode()
sys.stdout.buffer.write((line * 30000)[:1 << 20])" >"$W/dense.txt"
"$TINSH" --db "$W/dense.db" ingest --quiet "$W/dense.txt" >/dev/null 2>&1
size=$(stat -c %s "$W/dense.db")
has "REGRESSION figure-dense line: database < 50 x input (got $size bytes)" \
  "$([ "$size" -lt $((50 << 20)) ] && echo ok)" ok

finish
