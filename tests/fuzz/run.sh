#!/usr/bin/env bash
# run.sh BUILD_DIR [SECONDS] [TARGET...] — run the libFuzzer targets.
#
# Seeds are made at run time in a temp dir: examples/corpus/*.txt, a few
# hand-made snippets (mojibake, UTF-16, CRLF, interview, numbers, refs,
# queries with FTS5 syntax), and every file of tests/fuzz/regressions/.
# Each target runs SECONDS (default 60) on one core, as many side by side
# as there are cores. A crash leaves its
# input in BUILD_DIR/fuzz-artifacts/ and makes the script fail; copy that
# file into tests/fuzz/regressions/ (test_fuzz_replay replays it under
# `make test`). Prints one summary line per target: runs, corpus, crashes.
# FUZZ_FLAGS adds libFuzzer flags, e.g. "-fork=1 -ignore_crashes=1" to
# keep going past a known crash (artifacts still land in fuzz-artifacts/).
set -u
build=${1:?usage: run.sh BUILD_DIR [SECONDS] [TARGET...]}
secs=${2:-60}
[ $# -ge 2 ] && shift 2 || shift $#
targets=${*:-fuzz_text fuzz_parse fuzz_fts fuzz_query fuzz_json fuzz_db fuzz_sandbox fuzz_segment fuzz_pattern fuzz_kwic fuzz_tokmap}
src=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
art="$build/fuzz-artifacts"
mkdir -p "$art"

# ---- seeds ----
doc="$work/seed-doc"
qry="$work/seed-query"
jsn="$work/seed-json"
mkdir -p "$doc" "$qry" "$jsn"
cp "$src"/examples/corpus/*.txt "$doc"/
if [ -d "$src/tests/fuzz/regressions" ]; then
  for f in "$src"/tests/fuzz/regressions/*; do
    [ -f "$f" ] && cp "$f" "$doc/reg-$(basename "$f")" &&
      cp "$f" "$qry/reg-$(basename "$f")"
  done
fi
printf 'ÑAÛNG BOÄ TÆNH QUAÛNG NINH\nÑoàng chí Nguyeãn Vaên A\n' >"$doc/vni.txt"
printf '\xa7\xb6ng b\xa9 t\xb8nh Qu\xb6ng Ninh\n' >"$doc/tcvn3.txt"
printf '\xff\xfeT\x00i\x00n\x00\n\x00' >"$doc/utf16le.txt"
printf '\xfe\xff\x00T\x00i\x00n\x00\n' >"$doc/utf16be.txt"
printf 'Ti\xcc\x81n ti\xcc\x80nh\r\nM\xc3\xb3ng Ca\xcc\x81i\r\n' >"$doc/nfd-crlf.txt"
printf '\xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80 \xe1\xbb \xef\xbb\xbfx\xe2\x80\x8by\xc2\xa0z &amp; TT&TT;\n' \
  >"$doc/invalid.txt"
printf 'PV: Xin ông cho biết?\n- Ông Nguyễn Văn A: Tăng 57,7%%, gần 5.000 tỷ đồng.\n\n- Còn 21.923/23.394 hộ?\nTheo Nghị quyết 20-NQ/TU ngày 27/11/2023 của Tỉnh ủy, nhiệm kỳ 2020-2025.\n' \
  >"$doc/interview.txt"
printf '"Tiêu đề bài"\n04/03/2024 15:18\nSapo.\nẢnh: Cao Quỳnh\nNguồn: baoquangninh.vn\n' \
  >"$doc/header.txt"
for q in 'mong cai' 'Đảng bộ' '"nghị quyết 20"' 'dang*' '20-NQ/TU' \
  'NEAR(a b)' 'a OR b NOT c' '"' '***' '(' '^x' 'col:x' '57,7%' \
  "o'reilly" '""""' '- + *'; do
  printf '%s' "$q" >"$qry/q$(printf '%s' "$q" | cksum | cut -d' ' -f1)"
done

printf '{"title":"Móng Cái","date":"2024-03-04T15:18:00+07:00","body":"Đoạn \\u0111\\n\\"x\\"","url":"https://a.vn/x"}' >"$jsn/rec.json"
printf '{"headline":"a","published":1,"text":["x",{"y":null}],"content":"c","link":"l","x":{"a":[1,2.5e-3,true,false,null]}}' >"$jsn/alt.json"
printf '{"title":"\\ud83d\\ude00 \\ud800 \\udc00","body":"\\u0000"}' >"$jsn/surrogates.json"
printf '{}' >"$jsn/empty.json"

mkdir -p "$work/seed-pattern"
for p in '"phát triển" []{0,3} x:[figure unit = "tỷ đồng"]' \
  '[person title = /Bí thư/] within sentence' '("a" | [word != /x+/])+ :: year >= 2020' \
  '[syl = "an"] [figure value > 10]?' '[]{2,5} n:([word = "kinh tế"] | [place])'; do
  printf '%s\nBí thư Nguyễn Văn An nói: phát triển kinh tế 5.000 tỷ đồng.' "$p" \
    >"$work/seed-pattern/p$(printf '%s' "$p" | cksum | cut -d' ' -f1)"
done
mkdir -p "$work/seed-db" "$work/seed-lua"
printf '\000\000\001\377\377\377\377\377\377\377\177\001\002\001\373\377\377\377\377\377\377\377' >"$work/seed-db/rows"
printf '\001\000\020\000\000\377\000\040\000\000\000' >"$work/seed-db/bytes"
for f in "$src"/examples/*.lua; do cp "$f" "$work/seed-lua/"; done
printf 'print(io.open("out/x.txt","w")) print(pcall(io.output, 1)) print(os.getenv("HOME"))\nlocal co = coroutine.wrap(function() while true do end end) print(pcall(co))\n' >"$work/seed-lua/escape.lua"
printf 'print(load("\\27Lua", "x", "b")) print(pcall(require, "os")) print(package.loaded._G == _G)\n' >"$work/seed-lua/load.lua"

# ---- run: the targets side by side, one per core ----
# run_one TARGET: one target for $secs seconds; prints its summary line
# into $work/TARGET.sum and returns non-zero on a crash
run_one() {
  t=$1
  bin="$build/$t"
  [ -x "$bin" ] || { echo "run.sh: $bin missing (build fuzz_all)" >"$work/$t.sum"; return 2; }
  seeds=$doc
  [ "$t" = fuzz_query ] && seeds=$qry
  [ "$t" = fuzz_json ] && seeds=$jsn
  [ "$t" = fuzz_db ] && seeds=$work/seed-db
  [ "$t" = fuzz_pattern ] && seeds=$work/seed-pattern
  [ "$t" = fuzz_sandbox ] && seeds=$work/seed-lua
  corpus="$work/corpus-$t"
  mkdir -p "$corpus"
  log="$work/$t.log"
  LSAN_OPTIONS=suppressions=$src/tests/fuzz/lsan.supp:print_suppressions=0 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
    -max_len=16384 -print_final_stats=1 -artifact_prefix="$art/$t-" \
    ${FUZZ_FLAGS:-} \
    "$corpus" "$seeds" >"$log" 2>&1
  rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  [ -n "$runs" ] || runs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  ign=$(grep -o 'oom/timeout/crash: [0-9/]*' "$log" | tail -1 | awk -F/ '{print $NF}')
  files=$(ls "$corpus" | wc -l)
  if [ $rc -ne 0 ]; then
    cp "$log" "$art/$t.log"
    { echo "$t: CRASH after ${runs:-?} runs (rc $rc)"
      grep -E 'ERROR|invariant|SUMMARY|Test unit written' "$log" | head -8; } >"$work/$t.sum"
    return 1
  fi
  if [ "${ign:-0}" -gt 0 ]; then
    echo "$t: ${runs:-?} runs in ${secs}s, $cov, corpus $files, $ign crash(es) ignored (see $art)" >"$work/$t.sum"
  else
    echo "$t: ${runs:-?} runs in ${secs}s, $cov, corpus $files, no crash" >"$work/$t.sum"
  fi
}

status=0
jobs_max=$(nproc 2>/dev/null || echo 2)
running=0
for t in $targets; do
  if [ "$running" -ge "$jobs_max" ]; then
    wait -n || status=1
    running=$((running - 1))
  fi
  run_one "$t" &
  running=$((running + 1))
done
while [ "$running" -gt 0 ]; do
  wait -n || status=1
  running=$((running - 1))
done
for t in $targets; do cat "$work/$t.sum" 2>/dev/null; done
exit $status
