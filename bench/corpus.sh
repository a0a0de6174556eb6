#!/usr/bin/env bash
# bench/corpus.sh — the corpus Lua API over the 35k baomoi corpus, side by
# side with Python peers:
#   1. iterating every document reading title and date: corpus:docs() (and
#      the raw db:rows loop under it) vs the same loop in Python's sqlite3
#      module — documents/s, median of RUNS, ratio (goal: tinsh faster);
#   2. a KWIC of "phát triển": corpus:kwic vs NLTK Text.concordance_list on
#      the same texts (NLTK's index build and its query timed apart; the
#      query after gc.freeze(), so no collector pause is in it), and the
#      time per line of a rare, a medium and a frequent word (bench/kwic.sh);
#   3. similarity (corpus:similar, tf-idf cosine) and near-duplicate
#      clusters (corpus:duplicates, MinHash + LSH): first call (computes
#      and stores term counts / signatures) and later calls;
#   4. start-up time and resident memory of `tinsh -e` with the 35k corpus
#      open (budget: <= 10 ms, <= 20 MB).
# Timings inside one process exclude start-up (measured apart in 4).
#
#   TINSH=build/tinsh RUNS=5 bench/corpus.sh
#
# Uses $BENCH_DIR (default /tmp/tinsh-bench-corpus, its own: other benches
# rebuild theirs); unpacks ../shared/corpora/baomoi-35k.tar.xz there and
# ingests it with the tinsh under test; skips (exit 0) when the archive is
# absent.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
TINSH=${TINSH:-$src/build/tinsh}
TINSH=$(cd "$(dirname "$TINSH")" && pwd)/$(basename "$TINSH")
RUNS=${RUNS:-5}
BENCH_DIR=${BENCH_DIR:-/tmp/tinsh-bench-corpus}
PY=/usr/bin/python3 # Debian's, where python3-nltk is installed
. "$here/lib.sh"
bench_corpus

echo "== corpus API over $n files ($db), $RUNS runs, medians"

# ---- 1. iterate documents
lua_docs=$(mktemp)
cat >"$lua_docs" <<'LUA'
local clock = require("tinsh.core").clock
local runs = tonumber(arg[1])
local db = require("corpus")._db(corpus)
for _ = 1, runs do
  local t, n = clock(), 0
  for d in corpus:docs() do local title, date = d.title, d.published; n = n + 1 end
  local t2, m = clock(), 0
  for r in db:rows("SELECT title, published FROM documents ORDER BY id", nil, { array = true }) do
    local title, date = r[1], r[2]; m = m + 1
  end
  print(string.format("%.6f %d %.6f", t2 - t, n, clock() - t2))
end
LUA
# interleaved, one warm-up each: the machine's load and page cache hit both alike
"$TINSH" --db "$db" "$lua_docs" 1 >/dev/null
"$PY" "$here/corpus_peer.py" docs "$db" 1 >/dev/null
out= ; pyout=
for _ in $(seq 1 "$RUNS"); do
  out="$out$("$TINSH" --db "$db" "$lua_docs" 1)"$'\n'
  pyout="$pyout$("$PY" "$here/corpus_peer.py" docs "$db" 1)"$'\n'
done
rm -f "$lua_docs"
out=$(echo "$out" | grep .)
ndocs=$(echo "$out" | head -1 | awk '{print $2}')
t_docs=$(echo "$out" | awk '{print $1}' | median)
t_rows=$(echo "$out" | awk '{print $3}' | median)
t_py=$(echo "$pyout" | grep . | awk '{print $1}' | median)
awk -v n="$ndocs" -v a="$t_docs" -v r="$t_rows" -v p="$t_py" 'BEGIN {
  printf "iterate %d documents (title, date)\n", n
  printf "  tinsh corpus:docs()      %8.3f s  %9.0f docs/s\n", a, n / a
  printf "  tinsh db:rows (2 cols)   %8.3f s  %9.0f docs/s\n", r, n / r
  printf "  python3 sqlite3 (2 cols) %8.3f s  %9.0f docs/s\n", p, n / p
  printf "  ratio python/corpus:docs %.2fx  (> 1: tinsh faster)\n", p / a
}'

# ---- 2. KWIC (bench/kwic.sh: beside NLTK, and its growth with the lines)
TINSH=$TINSH RUNS=$RUNS BENCH_DIR=$BENCH_DIR "$here/kwic.sh"

# ---- 3. similarity and near-duplicates
lua_sim=$(mktemp)
cat >"$lua_sim" <<'LUA'
local clock = require("tinsh.core").clock
-- forget what earlier runs kept, so "first call" is one
require("corpus")._wdb(corpus):exec("DROP TABLE IF EXISTS corpus_terms;" ..
  "DROP TABLE IF EXISTS corpus_minhash; DROP TABLE IF EXISTS corpus_meta;" ..
  "CREATE TABLE corpus_minhash(doc INTEGER PRIMARY KEY, hash TEXT NOT NULL, sig BLOB NOT NULL)")
local t = clock()
corpus:similar(1, 10)
print(string.format("first %.6f", clock() - t))
local n = #corpus
for i = 1, tonumber(arg[1]) do
  local id = 1 + (i * 7919) % n
  t = clock()
  corpus:similar(id, 10)
  print(string.format("similar %.6f", clock() - t))
end
t = clock()
local d = corpus:duplicates(0.8)
print(string.format("dups1 %.6f %d", clock() - t, d[#d] and d[#d].cluster or 0))
for _ = 1, tonumber(arg[1]) do
  t = clock()
  corpus:duplicates(0.8)
  print(string.format("dups %.6f", clock() - t))
end
LUA
out=$("$TINSH" --db "$db" "$lua_sim" "$RUNS")
out2=$("$TINSH" --db "$db" -e 'local c = require("tinsh.core").clock; local t = c(); corpus:duplicates(0.8); print(string.format("dupsnew %.6f", c() - t)); t = c(); corpus:similar(5, 10); print(string.format("simnew %.6f", c() - t))')
rm -f "$lua_sim"
sim_first=$(echo "$out" | awk '$1=="first"{print $2}')
sim=$(echo "$out" | awk '$1=="similar"{print $2}' | median)
d1=$(echo "$out" | awk '$1=="dups1"{print $2}')
nclusters=$(echo "$out" | awk '$1=="dups1"{print $3}')
dups=$(echo "$out" | awk '$1=="dups"{print $2}' | median)
dnew=$(echo "$out2" | awk '$1=="dupsnew"{print $2}')
snew=$(echo "$out2" | awk '$1=="simnew"{print $2}')
awk -v f="$sim_first" -v s="$sim" -v sn="$snew" -v d1="$d1" -v d="$dups" -v dn="$dnew" -v nc="$nclusters" 'BEGIN {
  printf "similarity and near-duplicates\n"
  printf "  corpus:similar(doc, 10)  %8.3f s  (first call %.3f s: term counts; new process %.3f s)\n", s, f, sn
  printf "  corpus:duplicates(0.8)   %8.3f s  (first call %.3f s; new process %.3f s; %d clusters)\n", d, d1, dn, nc
}'

# ---- 4. start-up with the corpus open
rss_of() { # median max RSS (KB) of 10 runs of tinsh -e "$1"
  : >"$BENCH_DIR/rss.times"
  for _ in $(seq 1 10); do
    /usr/bin/time -f "%M" -a -o "$BENCH_DIR/rss.times" "$TINSH" --db "$db" -e "$1" >/dev/null
  done
  median <"$BENCH_DIR/rss.times"
}
ms_of() { # median wall ms of tinsh -e "$1" (hyperfine when installed)
  if command -v hyperfine >/dev/null; then
    hyperfine -N -w 5 -r 40 --export-json "$BENCH_DIR/hf.json" "$TINSH --db $db -e '$1'" >/dev/null 2>&1
    "$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"] * 1000)' "$BENCH_DIR/hf.json"
  else
    : >"$BENCH_DIR/t.times"
    for _ in $(seq 1 20); do
      /usr/bin/time -f "%e" -a -o "$BENCH_DIR/t.times" "$TINSH" --db "$db" -e "$1" >/dev/null
    done
    awk '{print $1 * 1000}' "$BENCH_DIR/t.times" | median
  fi
}
t_empty=$(ms_of '')
rss_empty=$(rss_of '')
t_start=$(ms_of 'local n = #corpus')
rss=$(rss_of 'local n = #corpus')
awk -v t="$t_start" -v r="$rss" -v te="$t_empty" -v re="$rss_empty" 'BEGIN {
  printf "start-up (median wall time, max RSS)\n"
  printf "  tinsh -e \"\"                 %6.1f ms  %6.1f MB RSS (budget 10 ms, 20 MB)\n", te, re / 1024
  printf "  tinsh -e \"local n = #corpus\" %6.1f ms  %6.1f MB RSS (35k corpus opened, documents counted)\n", t, r / 1024
}'
