#!/usr/bin/env bash
# The browser tests in every browser: Chromium, Firefox ESR (Debian's firefox-esr) and Firefox at the
# manifest's strict_min_version (scripts/firefox-min.sh). E2E_BROWSER=chromium|firefox|firefox-min
# runs one alone. Each browser is its own Vitest run, so a failure is reported under the browser's
# name; all of them run even when one fails. With VITEST_E2E_JSON=dir/e2e.json each run writes
# dir/e2e-<browser>.json.
set -uo pipefail
cd "$(dirname "$0")/.."
browsers=(chromium firefox firefox-min)
[ -n "${E2E_BROWSER:-}" ] && browsers=("$E2E_BROWSER")
status=0
failed=()
for b in "${browsers[@]}"; do
  env=(E2E_BROWSER="$b")
  case "$b" in
    chromium) ;;
    firefox)
      bin="${FIREFOX_PATH:-/usr/bin/firefox-esr}"
      env+=(FIREFOX_PATH="$bin" FIREFOX_LABEL="$("$bin" --version 2>/dev/null | awk '{print $NF}') (current ESR)") ;;
    firefox-min)
      if ! bin=$(bash scripts/firefox-min.sh); then failed+=("$b (could not get the minimum version)"); status=1; continue; fi
      env+=(FIREFOX_PATH="$bin" FIREFOX_LABEL="$("$bin" --version 2>/dev/null | awk '{print $NF}') (strict_min_version)") ;;
    *) echo "E2E_BROWSER must be chromium, firefox or firefox-min, not $b" >&2; exit 2 ;;
  esac
  [ -n "${VITEST_E2E_JSON:-}" ] && env+=(VITEST_E2E_JSON="${VITEST_E2E_JSON%.json}-$b.json")
  echo "=== browser tests in $b ==="
  if ! env "${env[@]}" npx vitest run -c vitest.e2e.config.ts "$@"; then failed+=("$b"); status=1; fi
done
if [ "$status" -ne 0 ]; then echo "browser tests failed in: ${failed[*]}" >&2; fi
exit "$status"
