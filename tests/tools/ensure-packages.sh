#!/bin/sh
# ensure-packages.sh PKG... — install the Debian packages that are missing.
# As root: apt-get install them. Otherwise: print the exact command, exit 1.
missing=""
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "tinsh: installing missing Debian packages:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null 2>&1 || true
  apt-get install -y -qq --no-install-recommends $missing >/dev/null || {
    echo "tinsh: apt-get install$missing failed" >&2
    exit 1
  }
else
  echo "tinsh: missing Debian packages; run:" >&2
  echo "  sudo apt-get install -y$missing" >&2
  exit 1
fi
