# tests/tools/chromium.sh — sourced by the browser tests.
#   chromium_require   skip (77) without $CHROMIUM, or fail under CI=true
#   chrome ARGS...     headless Chromium, offline, a fresh profile under $tmp,
#                      its chatter appended to $tmp/chromium.log
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

chromium_require() {
  [ -x "$CHROMIUM" ] && return 0
  if [ "${CI:-}" = "true" ]; then
    echo "FAIL: $CHROMIUM not found; install the Debian package 'chromium' (make test does)"
    exit 1
  fi
  echo "skip: $CHROMIUM not found (apt-get install chromium)"
  exit 77
}

chrome() {
  HOME="$tmp" timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic \
    --no-first-run --disable-background-networking --disable-component-update --disable-sync \
    --disable-extensions --disable-features=NetworkTimeServiceQuerying \
    --host-resolver-rules="MAP * ~NOTFOUND" \
    --user-data-dir="$(mktemp -d -p "$tmp")" "$@" 2>>"$tmp/chromium.log"
}
