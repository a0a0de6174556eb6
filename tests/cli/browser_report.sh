#!/usr/bin/env bash
# Test plan: the HTML report opens in a real browser, offline.
#  1. tinsh runs tests/browser/sample_report.lua, which builds a report with
#     every item kind (tables, bar/line/stacked SVG charts, KWIC, a document)
#     and Vietnamese text, and saves it as one HTML file.
#  2. The HTML holds no http(s):// URL, no <script>, no <link>, no src= —
#     nothing the browser could fetch.
#  3. Headless Chromium takes a 1200x1600 screenshot: the PNG exists, is a
#     PNG of those dimensions (read from the IHDR header) and > 10 KB.
#  4. Chromium's --dump-dom has the <table>s, the 3 <svg> charts with their
#     paths/rects/circles, and the Vietnamese text intact (UTF-8 decoded).
# Skips (77) without /usr/bin/chromium unless CI=true, where it fails.
set -u
TINSH=${TINSH:-tinsh}
cd "${TINSH_SRC:-.}" || exit 1
. tests/tools/chromium.sh
chromium_require
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*"; }

html="$tmp/report.html"
if "$TINSH" tests/browser/sample_report.lua "$html" && [ -s "$html" ]; then ok; else
  ko "tinsh could not build the sample report"; echo "$pass passed, $fail failed"; exit 1
fi

if grep -Eq 'https?://' "$html"; then ko "URL in the HTML: $(grep -Eo 'https?://[^"< ]*' "$html" | head -3)"; else ok; fi
if grep -Eiq '<script|<link|<iframe|<img|src=|@import|url\(' "$html"; then ko "external resource or script in the HTML"; else ok; fi


png="$tmp/out.png"
(cd "$tmp" && chrome --screenshot="$png" --window-size=1200,1600 "file://$html" >/dev/null)
if [ -f "$png" ]; then
  ok
  size=$(stat -c %s "$png")
  if [ "$size" -gt 10240 ]; then ok; else ko "screenshot only $size bytes"; fi
  sig=$(od -An -tx1 -N8 "$png" | tr -d ' \n')
  if [ "$sig" = "89504e470d0a1a0a" ]; then ok; else ko "not a PNG (signature $sig)"; fi
  read -r w1 w2 w3 w4 h1 h2 h3 h4 < <(od -An -tu1 -j16 -N8 "$png")
  width=$(( (w1 << 24) | (w2 << 16) | (w3 << 8) | w4 ))
  height=$(( (h1 << 24) | (h2 << 16) | (h3 << 8) | h4 ))
  if [ "$width" -eq 1200 ] && [ "$height" -eq 1600 ]; then ok; else ko "screenshot is ${width}x${height}, want 1200x1600"; fi
  if [ -n "${KEEP_SCREENSHOT:-}" ]; then cp "$png" "$KEEP_SCREENSHOT"; fi
else
  ko "no screenshot written"; tail -5 "$tmp/chromium.log"
fi

dom="$tmp/dom.html"
chrome --dump-dom "file://$html" >"$dom"
count() { grep -o "$1" "$dom" | wc -l; }
[ "$(count '<table')" -ge 2 ] && ok || ko "DOM: want >= 2 <table> (data table + KWIC), got $(count '<table')"
[ "$(count '<svg ')" -eq 3 ] && ok || ko "DOM: want 3 <svg> charts, got $(count '<svg ')"
[ "$(count '<path ')" -ge 3 ] && ok || ko "DOM: line chart paths missing"
[ "$(count '<circle ')" -ge 10 ] && ok || ko "DOM: line chart points missing"
[ "$(count '<rect ')" -ge 10 ] && ok || ko "DOM: bar/stack rects missing"
for text in "Báo cáo: Quảng Ninh trên báo chí" "Móng Cái" "Đông Triều" "đồng chí Nguyễn Xuân Ký" \
            "Nghị quyết" "Tỷ trọng loại văn bản" "Thưa đồng chí, mục tiêu năm 2024 là gì?"; do
  if grep -qF "$text" "$dom"; then ok; else ko "DOM lacks the text '$text'"; fi
done
if grep -qF '&lt;mẫu&gt; &amp; "trích dẫn"' "$dom"; then ok; else ko "escaped text not shown literally"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
