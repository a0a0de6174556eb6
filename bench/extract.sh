#!/usr/bin/env bash
# bench/extract.sh — extraction's share of parse time over a real corpus.
#
# Usage: bench/extract.sh [BUILD_DIR] [ARCHIVE]
#   BUILD_DIR  a configured build with libtinshcore.a (default: ./build)
#   ARCHIVE    corpus archive (default: ../shared/corpora/baomoi-35k.tar.xz)
# Builds bench/extract_bench.c against the tinshcore static library, unpacks
# the archive into a scratch folder (removed at exit), and prints parse
# throughput with and without fact extraction (PARSE_NO_FACTS), the share
# extraction takes, and the facts found per kind.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build}
[ -f "$build" ] && build=$(dirname "$build") # bench/run.sh passes the binary
archive=${2:-$src/../shared/corpora/baomoi-35k.tar.xz}
[ -f "$archive" ] || { echo "bench/extract.sh: $archive: no such corpus (skipped)"; exit 0; }
[ -f "$build/libtinshcore.a" ] || cmake --build "$build" -j2 --target tinshcore
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O2 -std=gnu11 -I"$src/shell" -DTINSH_DATA_DIR="\"$src/data\"" \
  "$src/bench/extract_bench.c" "$build/libtinshcore.a" \
  $(pkg-config --libs libutf8proc sqlite3) -lpthread -lm -o "$work/extract_bench"
tar -xJf "$archive" -C "$work"
echo "corpus: $(basename "$archive")"
"$work/extract_bench" -r 3 "$work"/*/
