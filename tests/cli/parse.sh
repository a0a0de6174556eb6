#!/usr/bin/env bash
# tests/cli/parse.sh — `tinsh parse` end to end.
# Plan: a seed article gives one JSON line with the contract's fields
# (title, published, author, site, blocks, qa, warnings); several files give
# one line each, in order; "-" reads stdin; a missing file and a directory
# give "tinsh: <file>: <reason>" on stderr while the other files are still
# parsed, exit status 1; --pretty prints indented JSON of the same document;
# --text prints "kind: text" lines; an unknown option is a usage error (2);
# no file at all is a usage error; a CRLF + BOM input parses like its clean
# twin (same id); a named pipe parses like the file written into it, the
# writer coming before or after parse opens it.
. "$(dirname "$0")/lib.sh"
cd "$TINSH_SRC" || exit 1
S=examples/corpus

json() { # json FIELD < json-line : print a top-level field with python
  python3 -c 'import json,sys
for line in sys.stdin:
    v = json.loads(line)
    for k in sys.argv[1].split("."):
        v = v[int(k)] if isinstance(v, list) else v[k]
    print(v if not isinstance(v, (list, dict)) else json.dumps(v, ensure_ascii=False))' "$1"
}

run "$TINSH" parse "$S/001_0255a5737a73828f.txt"
is "one file: status" "$RC" 0
is "one file: one line" "$(printf '%s\n' "$OUT" | wc -l)" 1
is "title" "$(printf '%s' "$OUT" | json title)" \
  "Phát triển KKT cửa khẩu Móng Cái thành KKT trọng điểm quốc gia"
is "published" "$(printf '%s' "$OUT" | json published)" "2024-03-04T15:18:00+07:00"
is "author" "$(printf '%s' "$OUT" | json author)" "Thu Chung"
is "site" "$(printf '%s' "$OUT" | json site)" "Cổng thông tin điện tử tỉnh Quảng Ninh"
is "first block" "$(printf '%s' "$OUT" | json blocks.0.kind)" "title"
is "second block" "$(printf '%s' "$OUT" | json blocks.1.text)" "04/03/2024 15:18"
has "fields present" "$OUT" '"people":\[.*"figures":\[.*"refs":\[.*"warnings":\['
ID1=$(printf '%s' "$OUT" | json id)
has "id is 16 hex digits" "$ID1" '^[0-9a-f]{16}$'

run "$TINSH" parse "$S/000_2fce505e32026a8d.txt" "$S/003_8096e837b46a1eab.txt"
is "two files: two lines" "$(printf '%s\n' "$OUT" | wc -l)" 2
is "qa of the interview" "$(printf '%s\n' "$OUT" | head -1 | json qa.2.q)" "Hướng tới Đại hội đại biểu Đảng bộ TP Móng Cái lần thứ XXIV, nhiệm kỳ 2020-2025, đến nay, công tác chuẩn bị cho Đại hội đã đạt được những kết quả như thế nào, thưa đồng chí?"
lacks "the closing thanks is no question" "$(printf '%s\n' "$OUT" | head -1 | json qa)" "Xin cảm ơn"
is "quotes stripped" "$(printf '%s\n' "$OUT" | tail -1 | json author)" "Cao Quỳnh"

run --stdin "$(cat "$S/001_0255a5737a73828f.txt")" "$TINSH" parse -
is "stdin: status" "$RC" 0
is "stdin: path" "$(printf '%s' "$OUT" | json path)" "-"
is "stdin: same id" "$(printf '%s' "$OUT" | json id)" "$ID1"

run "$TINSH" parse "$TMP/missing.txt" "$S/002_a2d444cce03d6c51.txt" "$TMP"
is "bad files: status 1" "$RC" 1
is "bad files: good one parsed" "$(printf '%s\n' "$OUT" | wc -l)" 1
has "missing file message" "$ERR" "^tinsh: $TMP/missing.txt: No such file or directory"
has "directory message" "$ERR" "tinsh: $TMP: is a directory"
is "bad files: two error lines" "$(printf '%s\n' "$ERR" | wc -l)" 2
is "no headline is null" "$(printf '%s' "$OUT" | json title)" "None"

if [ "$(id -u)" != 0 ]; then
  printf 'x' >"$TMP/secret.txt" && chmod 000 "$TMP/secret.txt"
  run "$TINSH" parse "$TMP/secret.txt"
  has "unreadable file" "$ERR" "tinsh: $TMP/secret.txt: Permission denied"
  is "unreadable: status" "$RC" 1
fi

run "$TINSH" parse --pretty "$S/004_0b387ba625cc4086.txt"
is "pretty: status" "$RC" 0
has "pretty: indented" "$OUT" $'\n  "title": "Móng Cái tiếp tục'
is "pretty: same document" \
  "$(printf '%s' "$OUT" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')" \
  "$("$TINSH" parse "$S/004_0b387ba625cc4086.txt" | json id)"

run "$TINSH" parse --text "$S/003_8096e837b46a1eab.txt"
has "text: title line" "$OUT" '^title: Xây dựng TP Cẩm Phả'
has "text: block lines" "$OUT" ' +paragraph: - Xin trân trọng cảm ơn đồng chí !'
has "text: caption" "$OUT" ' +caption: Đồng chí Nguyễn Hồng Dương'

run "$TINSH" parse --bogus "$S/001_0255a5737a73828f.txt"
is "unknown option: status" "$RC" 2
has "unknown option: message" "$ERR" '^tinsh: --bogus: unknown option'

run "$TINSH" parse
is "no file: status" "$RC" 2
has "no file: usage" "$ERR" 'usage: tinsh parse'

printf '\xef\xbb\xbfTi\xc3\xaau \xc4\x91\xe1\xbb\x81\r\n\r\n\xc4\x90o\xe1\xba\xa1n m\xe1\xbb\x99t.\r\n' >"$TMP/crlf.txt"
printf 'Ti\xc3\xaau \xc4\x91\xe1\xbb\x81\n\n\xc4\x90o\xe1\xba\xa1n m\xe1\xbb\x99t.\n' >"$TMP/clean.txt"
run "$TINSH" parse "$TMP/crlf.txt" "$TMP/clean.txt"
is "CRLF+BOM: same id as clean" "$(printf '%s\n' "$OUT" | head -1 | json id)" \
  "$(printf '%s\n' "$OUT" | tail -1 | json id)"
has "CRLF+BOM: warned" "$(printf '%s\n' "$OUT" | head -1)" '"bom: byte-order mark removed","newlines: 3 CR/CRLF'

# a named pipe is read like cat reads it: parse waits for the writer, and a
# writer already waiting gets the whole text through
mkfifo "$TMP/pipe.txt"
(sleep 1; cat "$TMP/clean.txt" >"$TMP/pipe.txt") &
run timeout 20 "$TINSH" parse "$TMP/pipe.txt" "$TMP/clean.txt"
wait
is "FIFO: status" "$RC" 0
is "FIFO: same id as the file" "$(printf '%s\n' "$OUT" | head -1 | json id)" \
  "$(printf '%s\n' "$OUT" | tail -1 | json id)"
(cat "$TMP/clean.txt" >"$TMP/pipe.txt") &
sleep 1
run timeout 20 "$TINSH" parse "$TMP/pipe.txt" "$TMP/clean.txt"
wait
is "FIFO, writer first: same id" "$(printf '%s\n' "$OUT" | head -1 | json id)" \
  "$(printf '%s\n' "$OUT" | tail -1 | json id)"

finish
