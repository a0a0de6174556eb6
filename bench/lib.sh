# bench/lib.sh — sourced (not run) by the benchmarks over the 35k corpus
# (corpus.sh, kwic.sh, query.sh); bench/run.sh skips it.
#
# bench_corpus: with $src (the source tree), $TINSH and $BENCH_DIR set,
# unpacks ../shared/corpora/baomoi-35k.tar.xz into $BENCH_DIR/data when
# absent, ingests it once with $TINSH into $BENCH_DIR/tinsh-<files>.db,
# cds to $BENCH_DIR and sets n (files) and db; exits the benchmark with
# status 0 and a message when the archive is absent.
bench_corpus() {
  local archive=$src/../shared/corpora/baomoi-35k.tar.xz
  [ -x "$TINSH" ] || { echo "bench: no tinsh binary at $TINSH (set TINSH)" >&2; exit 1; }
  mkdir -p "$BENCH_DIR"
  cd "$BENCH_DIR"
  if [ ! -d data ]; then
    [ -f "$archive" ] || { echo "bench: corpus $archive not found, skipped"; exit 0; }
    tar -xJf "$archive"
  fi
  n=$(ls data | wc -l)
  db=$BENCH_DIR/tinsh-$n.db
  if [ ! -f "$db" ]; then
    echo "building tinsh-$n.db ..."
    "$TINSH" --db "$db" ingest --quiet data >/dev/null
  fi
}

# median of the numbers on stdin, one a line
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
