#!/usr/bin/env bash
# Fetches the Firefox release named by the manifest's strict_min_version (wxt.config.ts) as a Debian
# package and unpacks it under .cache/ (never installed: it runs beside the current firefox-esr and
# uses the libraries that package pulled in). Prints the path of the unpacked binary.
# Needs `apt-get update` to have run (the old ESR is in bookworm main, the new one in -security).
set -euo pipefail
cd "$(dirname "$0")/.."
major=$(sed -n "s/^const FIREFOX_MIN_VERSION = '\([0-9]*\)\..*/\1/p" wxt.config.ts)
[ -n "$major" ] || { echo "no FIREFOX_MIN_VERSION in wxt.config.ts" >&2; exit 1; }
version=$(apt-cache madison firefox-esr | awk -v m="$major" '$3 ~ "^"m"\\." {print $3; exit}')
[ -n "$version" ] || { echo "no firefox-esr $major.x in the apt sources (run apt-get update)" >&2; exit 1; }
dir=".cache/firefox-$version"
bin="$dir/usr/lib/firefox-esr/firefox-esr"
if [ ! -x "$bin" ]; then
  rm -rf "$dir" && mkdir -p "$dir"
  (cd "$dir" && apt-get download "firefox-esr=$version" >&2)
  dpkg-deb -x "$dir"/firefox-esr_*.deb "$dir"
  rm -f "$dir"/firefox-esr_*.deb
fi
echo "$(pwd)/$bin"
