#!/usr/bin/env bash
# Test plan: crash safety of `tinsh ingest` (docs/design.md: "a killed ingest
# leaves a consistent database that the next run completes").
#  1. A corpus of N articles (made from examples/corpus, each with its own
#     header so none is a duplicate); one uninterrupted ingest of it takes
#     D ms, which sets the kill window.
#  2. KILLS times (default 25): change half of the files (and move a few
#     every fifth round) so that there is work to do, start `tinsh ingest`
#     on the same database, SIGKILL it after a random delay in [0, D/2);
#     then PRAGMA integrity_check is ok, the FTS index has exactly one row
#     per document, no fact or block row points at a missing document,
#     every document's file is in `files`, and no document is lost.
#  3. One more ingest (--prune, for the moves), uninterrupted: the database
#     equals a fresh uninterrupted ingest of the final files (same
#     documents, fields and fact rows, same search counts).
#  4. The same for `tinsh ingest --reparse`, killed KILLS_REPARSE times in
#     [0, D).
#  5. The first ingest into an empty database (a bulk load, written
#     unsynced), killed KILLS_FIRST times in [0, D) on a fresh file: the
#     file is consistent after each kill, and a completing ingest gives the
#     reference database and drops the bulk_load mark.
# Prints how many kills landed mid-run (figures for docs/robustness.md).
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || { echo "skip: needs sqlite3"; exit 77; }
W=$TMP
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
  W=$(mktemp -d /dev/shm/tinsh-crash.XXXXXX)
  trap 'rm -rf "$TMP" "$W"' EXIT
fi
N=${TINSH_CRASH_DOCS:-1500}
KILLS=${TINSH_CRASH_KILLS:-25}
KILLS_REPARSE=${TINSH_CRASH_KILLS_REPARSE:-8}
KILLS_FIRST=${TINSH_CRASH_KILLS_FIRST:-6}
RANDOM=${TINSH_CRASH_SEED:-$$}

# the corpus: N articles in 20 folders
mkdir -p "$W/c"
i=0
while [ $i -lt "$N" ]; do
  for f in "$TINSH_SRC"/examples/corpus/*.txt; do
    [ $i -lt "$N" ] || break
    d="$W/c/f$((i % 20))"
    mkdir -p "$d"
    { printf 'Bản tin số %d\n\n' "$i"; cat "$f"; } >"$d/a$i.txt"
    i=$((i + 1))
  done
done

ms() { date +%s%3N; }

t0=$(ms)
"$TINSH" --db "$W/k.db" ingest --quiet "$W/c" >"$W/first.out" 2>&1
is "first ingest" "$?" 0
D=$(($(ms) - t0))
echo "uninterrupted ingest of $N articles: $D ms"

# consistency of a (possibly interrupted) database; prints a reason or ""
check_db() {
  local db=$1 r
  r=$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)
  [ "$r" = ok ] || { echo "integrity_check: $r"; return; }
  sqlite3 "$db" "
    SELECT 'fts rows ' || (SELECT count(*) FROM fts_docsize) || ' != docs ' ||
           (SELECT count(*) FROM documents)
     WHERE (SELECT count(*) FROM fts_docsize) != (SELECT count(*) FROM documents);
    SELECT 'fts row without document ' || id FROM fts_docsize
     WHERE id NOT IN (SELECT id FROM documents) LIMIT 1;
    SELECT 'orphan block of ' || doc FROM block_rows
     WHERE doc NOT IN (SELECT id FROM documents) LIMIT 1;
    SELECT 'orphan figure of ' || doc FROM figures
     WHERE doc NOT IN (SELECT id FROM documents) LIMIT 1;
    SELECT 'orphan warning of ' || doc FROM warnings
     WHERE doc NOT IN (SELECT id FROM documents) LIMIT 1;
    SELECT 'document without file ' || path FROM documents
     WHERE file NOT IN (SELECT path FROM files) LIMIT 1;
    SELECT 'file without document ' || path FROM files
     WHERE dup_of IS NULL AND path NOT IN (SELECT file FROM documents) LIMIT 1;" 2>&1
}

# everything but row ids, mtimes and timestamps, joined on paths
dump() {
  local db=$1 t cols
  sqlite3 "$db" "SELECT path, doc_id, file, record, hash, title, published,
    author, site, lead, url, size, text, raw, format FROM documents
    ORDER BY path"
  sqlite3 "$db" "SELECT path, size, hash, dup_of, format FROM files ORDER BY path"
  for t in block_rows qa people figures refs periods places quotes abbrevs \
    warnings; do
    cols=$(sqlite3 "$db" "SELECT group_concat('t.' || name) FROM
      pragma_table_info('$t') WHERE name != 'doc'")
    sqlite3 "$db" "SELECT '$t', d.path, $cols FROM $t t JOIN documents d
      ON d.id = t.doc ORDER BY d.path, t.seq"
  done
}
counts() {
  local q
  for q in "mong cai" "Đảng bộ" "bản tin" "cập nhật" "nghị quyết"; do
    "$TINSH" --db "$1" search --count "$q"
  done
}
is "first ingest is consistent" "$(check_db "$W/k.db")" ""

# change half the files (a new last line), move 10 every fifth round
ROUND=0
declare -a FILE
for j in $(seq 0 $((N - 1))); do FILE[j]="$W/c/f$((j % 20))/a$j.txt"; done
mutate() {
  local j f
  ROUND=$((ROUND + 1))
  for ((j = ROUND % 2; j < N; j += 2)); do
    printf 'Cập nhật lần %d.\n' "$ROUND" >>"${FILE[j]}"
  done
  if [ $((ROUND % 5)) -eq 0 ]; then
    for ((j = ROUND % 20; j < N && j < ROUND % 20 + 200; j += 20)); do
      f=${FILE[j]}
      FILE[j]="$(dirname "$f")/m$(basename "$f")"
      mv "$f" "${FILE[j]}"
    done
  fi
}

# ingest_killed DB DELAY ARGS...: `tinsh ingest ARGS` on DB, SIGKILLed
# after DELAY ms; succeeds when the kill landed while it ran
ingest_killed() {
  local db=$1 delay=$2 pid landed=1
  shift 2
  "$TINSH" --db "$db" ingest --quiet "$@" >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
  if kill -0 $pid 2>/dev/null; then
    kill -KILL $pid 2>/dev/null && landed=0
  fi
  wait $pid 2>/dev/null
  return $landed
}

# kill_loop LABEL TIMES WINDOW MUTATE ARGS...: SIGKILL `tinsh ingest ARGS`
# after a random delay in [0, WINDOW) ms, TIMES times, MUTATE before each
kill_loop() {
  local label=$1 times=$2 win=$3 mut=$4 k delay n bad="" lost="" mid=0
  shift 4
  for k in $(seq "$times"); do
    $mut
    before=$(sqlite3 "$W/k.db" 'SELECT count(*) FROM documents')
    delay=$(((RANDOM * 32768 + RANDOM) % (win > 10 ? win : 10)))
    ingest_killed "$W/k.db" "$delay" "$@" && mid=$((mid + 1))
    r=$(check_db "$W/k.db")
    [ -n "$r" ] && bad="$bad|kill $k after ${delay} ms: $r"
    n=$(sqlite3 "$W/k.db" 'SELECT count(*) FROM documents' 2>/dev/null)
    [ "${n:-0}" -lt "$before" ] && lost="$lost|kill $k: $before -> $n"
  done
  echo "$label: $times runs, $mid killed mid-run"
  is "$label: consistent after every kill" "$bad" ""
  is "$label: no document lost" "$lost" ""
  KILLED=$((KILLED + mid))
}

KILLED=0
kill_loop "ingest, SIGKILL" "$KILLS" $((D / 2)) mutate "$W/c"
has "at least a third of the kills landed mid-run" \
  "$([ "$KILLED" -ge $((KILLS / 3)) ] && echo ok)" ok
"$TINSH" --db "$W/k.db" ingest --quiet --prune "$W/c" >"$W/final.out" 2>&1
is "final ingest succeeds" "$?" 0
is "final database is consistent" "$(check_db "$W/k.db")" ""
"$TINSH" --db "$W/ref.db" ingest --quiet "$W/c" >"$W/ref.out" 2>&1
is "reference ingest of the final files" "$?" 0
dump "$W/ref.db" >"$W/ref.dump"
counts "$W/ref.db" >"$W/ref.counts"
is "reference has every article" \
  "$(sqlite3 "$W/ref.db" 'SELECT count(*) FROM documents')" "$N"
dump "$W/k.db" >"$W/k.dump"
if cmp -s "$W/ref.dump" "$W/k.dump"; then pass; else
  failed "converges to the uninterrupted database" \
    "$(diff "$W/ref.dump" "$W/k.dump" | head -5)"
fi
is "same search counts" "$(counts "$W/k.db")" "$(cat "$W/ref.counts")"
run "$TINSH" --db "$W/k.db" ingest --quiet "$W/c"
has "a further run finds everything unchanged" "$OUT" " 0 new, 0 changed, $N unchanged"

# --reparse rewrites every document in place: kill that too
kill_loop "ingest --reparse, SIGKILL" "$KILLS_REPARSE" "$D" : --reparse
"$TINSH" --db "$W/k.db" ingest --quiet --reparse >/dev/null 2>&1
is "final --reparse succeeds" "$?" 0
is "consistent after --reparse" "$(check_db "$W/k.db")" ""
dump "$W/k.db" >"$W/k2.dump"
if cmp -s "$W/ref.dump" "$W/k2.dump"; then pass; else
  failed "--reparse converges to the uninterrupted database" \
    "$(diff "$W/ref.dump" "$W/k2.dump" | head -5)"
fi

# the first ingest into an empty database runs in bulk mode: kill it too
bad="" diverged="" marks="" mid=0
for k in $(seq "$KILLS_FIRST"); do
  rm -f "$W/b.db" "$W/b.db-wal" "$W/b.db-shm"
  delay=$(((RANDOM * 32768 + RANDOM) % D))
  ingest_killed "$W/b.db" "$delay" "$W/c" && mid=$((mid + 1))
  # killed before the schema was committed: nothing to check yet
  if [ -n "$(sqlite3 "$W/b.db" "SELECT 1 FROM sqlite_schema WHERE
      name = 'documents'" 2>/dev/null)" ]; then
    r=$(check_db "$W/b.db")
    [ -n "$r" ] && bad="$bad|kill $k after ${delay} ms: $r"
  fi
  "$TINSH" --db "$W/b.db" ingest --quiet "$W/c" >/dev/null 2>&1 ||
    diverged="$diverged|kill $k: the completing ingest failed"
  dump "$W/b.db" >"$W/b.dump"
  cmp -s "$W/ref.dump" "$W/b.dump" || diverged="$diverged|kill $k: differs"
  m=$(sqlite3 "$W/b.db" "SELECT count(*) FROM meta WHERE key = 'bulk_load'")
  [ "$m" = 0 ] || marks="$marks|kill $k: mark left"
done
echo "first ingest (bulk load), SIGKILL: $KILLS_FIRST runs, $mid killed mid-run"
is "bulk load: consistent after every kill" "$bad" ""
is "bulk load: the completing ingest gives the reference database" \
  "$diverged" ""
is "bulk load: no bulk_load mark left" "$marks" ""
KILLED=$((KILLED + mid))
echo "$KILLED SIGKILLs landed mid-run in total"
finish
