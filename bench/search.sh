#!/usr/bin/env bash
# bench/search.sh — query latency of `tinsh search` over the 50 queries in
# bench/queries.txt, side by side with a raw FTS5 MATCH on a plain FTS5
# table of the same texts (sqlite3 CLI, same LIMIT 20 + snippet) and with
# `rg -i -l` over the files. Each query runs RUNS times per tool; prints
# medians per tool (wall, and CPU time user + sys for tinsh and plain;
# tinsh and plain interleaved), the tinsh/plain ratio (goal <= 1.2) and
# hit counts. Every figure includes process start-up, for all three tools
# alike.
#
#   TINSH=build/tinsh RUNS=5 bench/search.sh
#
# Uses $BENCH_DIR (default /tmp/tinsh-bench) as left by bench/ingest.sh;
# builds the 35k databases there if they are missing.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
TINSH=${TINSH:-$src/build/tinsh}
RUNS=${RUNS:-5}
BENCH_DIR=${BENCH_DIR:-/tmp/tinsh-bench}
archive=$src/../shared/corpora/baomoi-35k.tar.xz
for tool in sqlite3 rg python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool missing" >&2; exit 1; }
done
[ -x "$TINSH" ] || { echo "bench: no tinsh binary at $TINSH (set TINSH)" >&2; exit 1; }
mkdir -p "$BENCH_DIR"
cd "$BENCH_DIR"
if [ ! -d data ]; then
  [ -f "$archive" ] || { echo "bench: corpus $archive not found (skipped)"; exit 0; }
  tar -xJf "$archive"
fi
n=$(ls data | wc -l)
if [ ! -f "tinsh-$n.db" ]; then
  echo "building tinsh-$n.db ..."
  "$TINSH" --db "tinsh-$n.db" ingest --quiet data >/dev/null
fi
if [ ! -f "plain-$n.db" ]; then
  echo "building plain-$n.db ..."
  sqlite3 "plain-$n.db" "CREATE VIRTUAL TABLE t USING fts5(path, body);
    INSERT INTO t(path, body) SELECT name, CAST(readfile(name) AS TEXT)
    FROM fsdir('data') WHERE name LIKE '%.txt';"
fi
python3 - "$TINSH" "tinsh-$n.db" "plain-$n.db" "$here/queries.txt" "$RUNS" <<'PY'
import os, statistics, subprocess, sys, time
tinsh, tdb, pdb, qfile, runs = sys.argv[1:]
runs = int(runs)
queries = [l.strip() for l in open(qfile, encoding="utf-8")
           if l.strip() and not l.startswith("#")]

def plain_match(q):
    # each word (or "phrase") quoted, all must match: what tinsh does
    out, i = [], 0
    while i < len(q):
        if q[i].isspace():
            i += 1
        elif q[i] == '"':
            j = q.find('"', i + 1)
            j = len(q) if j < 0 else j
            out.append('"%s"' % q[i + 1:j].replace('"', '""'))
            i = j + 1
        else:
            j = i
            while j < len(q) and not q[j].isspace():
                j += 1
            out.append('"%s"' % q[i:j].replace('"', '""'))
            i = j
    return " ".join(out)

def cmds(q):
    m = plain_match(q).replace("'", "''")
    return {
        "tinsh": [tinsh, "--db", tdb, "search", "--limit", "20", q],
        "plain": ["sqlite3", pdb,
                  "SELECT path, snippet(t, 1, '[', ']', '…', 16) FROM t "
                  "WHERE t MATCH '%s' ORDER BY rank LIMIT 20" % m],
        "rg": ["rg", "-i", "-l", "-F", "--", q.replace('"', ''), "data"],
    }

def count(tool, q):
    if tool == "tinsh":
        c = [tinsh, "--db", tdb, "search", "--count", q]
    elif tool == "plain":
        c = ["sqlite3", pdb, "SELECT count(*) FROM t WHERE t MATCH '%s'"
             % plain_match(q).replace("'", "''")]
    else:
        c = ["rg", "-i", "-l", "-F", "--", q.replace('"', ''), "data"]
        r = subprocess.run(c, capture_output=True, text=True)
        return len(r.stdout.splitlines())
    r = subprocess.run(c, capture_output=True, text=True)
    return int(r.stdout.strip() or 0)

def timed(c):
    # wall ms and CPU ms (user + sys of the process, which a loaded
    # machine disturbs less than the wall time)
    t0 = time.perf_counter()
    p = subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, ru = os.wait4(p.pid, 0)
    return (time.perf_counter() - t0) * 1000, (ru.ru_utime + ru.ru_stime) * 1000

med = {"tinsh": [], "plain": [], "rg": []}
cpu = {"tinsh": [], "plain": [], "rg": []}
print("%-28s %9s %9s %9s %9s %9s %7s %7s %7s" % (
    "query", "tinsh_ms", "plain_ms", "rg_ms", "tinsh_cpu", "plain_cpu",
    "tinsh#", "plain#", "rg#"))
for q in queries:
    row, rcpu = {}, {}
    for r in range(runs):  # tinsh and plain interleaved, in turn first
        tools = ["tinsh", "plain"] if r % 2 == 0 else ["plain", "tinsh"]
        if r < max(1, runs // 2):
            tools.append("rg")
        for tool in tools:
            w, c = timed(cmds(q)[tool])
            row.setdefault(tool, []).append(w)
            rcpu.setdefault(tool, []).append(c)
    for tool in med:
        row[tool] = statistics.median(row[tool])
        rcpu[tool] = statistics.median(rcpu[tool])
        med[tool].append(row[tool])
        cpu[tool].append(rcpu[tool])
    print("%-28s %9.1f %9.1f %9.1f %9.1f %9.1f %7d %7d %7d" % (
        q[:28], row["tinsh"], row["plain"], row["rg"], rcpu["tinsh"],
        rcpu["plain"], count("tinsh", q), count("plain", q), count("rg", q)))
mt, mp, mr = (statistics.median(med[k]) for k in ("tinsh", "plain", "rg"))
ct, cp = (statistics.median(cpu[k]) for k in ("tinsh", "plain"))
print()
print("median over %d queries: tinsh %.1f ms, plain FTS5 %.1f ms, rg %.1f ms"
      % (len(queries), mt, mp, mr))
print("ratio tinsh/plain %.2fx (goal <= 1.2), rg/tinsh %.1fx" % (mt / mp, mr / mt))
print("CPU (user + sys), median: tinsh %.1f ms, plain FTS5 %.1f ms, ratio %.2fx"
      % (ct, cp, ct / cp))
print("total for the 50 queries: tinsh %.0f ms, plain %.0f ms, rg %.0f ms"
      % (sum(med["tinsh"]), sum(med["plain"]), sum(med["rg"])))
PY

# In-process figures (no process start-up; CPU time of the query thread,
# robust on a loaded machine): bench/qbench.c linked with the build's
# libtinshcore.a, in both ranking modes of plain queries.
build=$(dirname "$TINSH")
if [ -f "$build/libtinshcore.a" ] && command -v cc >/dev/null; then
  cc -O2 -I "$src/shell" "$here/qbench.c" "$build/libtinshcore.a" \
    $(pkg-config --libs sqlite3 libutf8proc) -lpthread -lm -o "$BENCH_DIR/qbench"
  echo
  "$BENCH_DIR/qbench" "tinsh-$n.db" "plain-$n.db" "$here/queries.txt" "$RUNS"
  echo
  QB_ADJACENT=0 "$BENCH_DIR/qbench" "tinsh-$n.db" "plain-$n.db" \
    "$here/queries.txt" "$RUNS" | tail -1
else
  echo "(no $build/libtinshcore.a: in-process figures skipped)"
fi
