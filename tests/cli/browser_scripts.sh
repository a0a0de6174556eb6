#!/usr/bin/env bash
# Test plan: the HTML of the overview and compare reports opens in a real
# browser, offline, and shows what it should.
#  1. `tinsh run overview --out overview.html` and `tinsh run compare 1 3
#     --out compare.html` on the example corpus write one HTML file each,
#     with no http(s):// anywhere and no <script>, <link>, <img>, src=,
#     @import or url( — nothing a browser could fetch.
#  2. Headless Chromium (/usr/bin/chromium) screenshots each at 1200x1600:
#     a PNG (signature), of those dimensions (IHDR), larger than 10 KB.
#  3. Chromium's --dump-dom holds the tables, the SVG charts (<svg> with
#     <rect>s) and the Vietnamese text, decoded intact.
#  4. No network: Chromium runs with --log-net-log and
#     --host-resolver-rules="MAP * ~NOTFOUND"; the net log must show no
#     http(s) request made for the page. Chromium 156 makes requests of its
#     own (component updater, account list) whatever the flags; those carry
#     the initiator "not an origin" and are reported, not failed. A canary
#     page with an <img src="http://..."> must be caught by the same check,
#     so the check can fail.
# Skips (77) without /usr/bin/chromium unless CI=true, where it fails.
set -u
TINSH=${TINSH:-tinsh}
cd "${TINSH_SRC:-.}" || exit 1
. tests/tools/chromium.sh
chromium_require
command -v python3 >/dev/null || { echo "skip: python3 missing"; exit 77; }
export NO_COLOR=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*"; }


# page_requests NETLOG: prints "page URL" for each http(s) request made for
# the page and "browser URL" for Chromium's own background requests.
page_requests() {
  python3 - "$1" <<'EOF'
import json, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
try:
    log = json.loads(text)
except ValueError:  # a log cut short: close the event list
    log = json.loads(text.rstrip().rstrip(",") + "]}")
names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
for e in log.get("events", []):
    p = e.get("params") or {}
    url = p.get("url", "")
    if names.get(e["type"]) != "URL_REQUEST_START_JOB":
        continue
    if not (url.startswith("http://") or url.startswith("https://")):
        continue
    who = "browser" if p.get("initiator") == "not an origin" else "page"
    print(who, url)
EOF
}

# check_page NAME HTML MIN_TABLES MIN_SVG TEXT...
check_page() {
  local name=$1 html=$2 min_tables=$3 min_svg=$4
  shift 4
  if grep -Eq 'https?://' "$html"; then
    ko "$name: URL in the HTML: $(grep -Eo 'https?://[^"< ]*' "$html" | head -3)"
  else ok; fi
  if grep -Eiq '<script|<link|<iframe|<img|src=|@import|url\(' "$html"; then
    ko "$name: external resource or script in the HTML"
  else ok; fi

  local png="$tmp/$name.png" net="$tmp/$name.net.json"
  (cd "$tmp" && chrome --log-net-log="$net" --screenshot="$png" --window-size=1200,1600 \
    "file://$html" >/dev/null)
  if [ -f "$png" ]; then
    ok
    local size sig w1 w2 w3 w4 h1 h2 h3 h4 width height
    size=$(stat -c %s "$png")
    if [ "$size" -gt 10240 ]; then ok; else ko "$name: screenshot only $size bytes"; fi
    sig=$(od -An -tx1 -N8 "$png" | tr -d ' \n')
    if [ "$sig" = "89504e470d0a1a0a" ]; then ok; else ko "$name: not a PNG ($sig)"; fi
    read -r w1 w2 w3 w4 h1 h2 h3 h4 < <(od -An -tu1 -j16 -N8 "$png")
    width=$(( (w1 << 24) | (w2 << 16) | (w3 << 8) | w4 ))
    height=$(( (h1 << 24) | (h2 << 16) | (h3 << 8) | h4 ))
    if [ "$width" -eq 1200 ] && [ "$height" -eq 1600 ]; then ok; else
      ko "$name: screenshot is ${width}x${height}, want 1200x1600"
    fi
    if [ -n "${KEEP_SCREENSHOTS:-}" ]; then cp "$png" "$KEEP_SCREENSHOTS/$name.png"; fi
  else
    ko "$name: no screenshot written"; tail -5 "$tmp/chromium.log"
  fi

  if [ -s "$net" ]; then
    ok
    local reqs
    reqs=$(page_requests "$net")
    if printf '%s\n' "$reqs" | grep -q '^page '; then
      ko "$name: the page made network requests: $(printf '%s\n' "$reqs" | grep '^page ' | head -3)"
    else ok; fi
    local nb
    nb=$(printf '%s\n' "$reqs" | grep -c '^browser ')
    [ "$nb" -gt 0 ] && echo "note: $name: $nb request(s) by Chromium itself, not the page:" \
      "$(printf '%s\n' "$reqs" | grep '^browser ' | cut -d' ' -f2 | cut -d'?' -f1 | sort -u | tr '\n' ' ')"
  else
    ko "$name: no net log written"
  fi

  local dom="$tmp/$name.dom.html"
  chrome --dump-dom "file://$html" >"$dom"
  local n
  n=$(grep -o '<table' "$dom" | wc -l)
  [ "$n" -ge "$min_tables" ] && ok || ko "$name: DOM has $n <table>, want >= $min_tables"
  n=$(grep -o '<svg ' "$dom" | wc -l)
  [ "$n" -ge "$min_svg" ] && ok || ko "$name: DOM has $n <svg>, want >= $min_svg"
  n=$(grep -o '<rect ' "$dom" | wc -l)
  [ "$n" -ge 3 ] && ok || ko "$name: DOM has $n <rect> (chart bars), want >= 3"
  local text
  for text in "$@"; do
    if grep -qF "$text" "$dom"; then ok; else ko "$name: DOM lacks the text '$text'"; fi
  done
}

ov="$tmp/overview.html"
if "$TINSH" run overview --out "$ov" 2>"$tmp/err" && [ -s "$ov" ]; then ok; else
  ko "tinsh run overview failed: $(cat "$tmp/err")"; echo "$pass passed, $fail failed"; exit 1
fi
check_page overview "$ov" 5 3 "Corpus overview" "Documents per site and year" \
  "Móng Cái" "Nguyễn Xuân Ký" "Bí thư Tỉnh ủy" "Cổng thông tin điện tử tỉnh Quảng Ninh" \
  "Nghị quyết" "20-NQ/TU" "Mentions per place" "≈2020"

cmp="$tmp/compare.html"
if "$TINSH" run compare 1 3 --out "$cmp" 2>"$tmp/err" && [ -s "$cmp" ]; then ok; else
  ko "tinsh run compare failed: $(cat "$tmp/err")"; echo "$pass passed, $fail failed"; exit 1
fi
check_page compare "$cmp" 4 2 "Comparison" "Lê Văn Ánh" "Đặng Xuân Phương" \
  "Phó Bí thư Tỉnh ủy" "224 chi bộ" "263 chi bộ" "Share of mentions, a vs b" \
  "Kết luận 1137-KL/TU"

# the canary: a page that does fetch must be caught by page_requests
canary="$tmp/canary.html"
printf '<!DOCTYPE html><html><body><p>x</p><img src="http://tinsh-canary.invalid/x.png"></body></html>\n' >"$canary"
(cd "$tmp" && chrome --log-net-log="$tmp/canary.net.json" --dump-dom "file://$canary" >/dev/null)
if page_requests "$tmp/canary.net.json" | grep -q '^page http://tinsh-canary.invalid/'; then ok; else
  ko "the net-log check does not see a page's request (canary)"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
