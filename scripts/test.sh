#!/usr/bin/env bash
# scripts/test.sh: build (installing packages first if there is no build/
# yet), run the whole lit suite (end-to-end and unit tests), and end with one
# line, `N passed, N failed`. Exits non-zero if anything failed.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib/build.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/build.sh"

weft_install_packages
weft_install_sarif_multitool
weft_build

lit=/usr/lib/llvm-19/build/utils/lit/lit.py
if [ ! -f "$lit" ]; then
  weft_log "error: lit not found at $lit (package llvm-19-tools)" >&2
  exit 1
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
lit_status=0
python3 "$lit" -sv "$WEFT_BUILD_DIR/test" "$WEFT_BUILD_DIR/test/Unit" 2>&1 |
  tee "$log" || lit_status=$?

# lit's summary: "  Passed: 12 (80.00%)". XFAIL tests (Expectedly Failed)
# behave as intended, so they count as passed; unsupported and skipped tests
# count as neither.
read -r passed failed < <(awk '
  /^  [A-Za-z ]+: +[0-9]+/ {
    split($0, parts, ":"); kind = parts[1]; sub(/^ +/, "", kind); sub(/ +$/, "", kind)
    count = parts[2]; sub(/^ +/, "", count); sub(/ .*/, "", count)
    if (kind == "Passed" || kind == "Expectedly Failed") passed += count
    else if (kind == "Failed" || kind == "Unexpectedly Passed" ||
             kind == "Unresolved" || kind == "Timed Out") failed += count
  }
  END { print passed + 0, failed + 0 }' "$log")

if [ "$failed" -eq 0 ] && [ "$lit_status" -ne 0 ]; then
  # lit failed without a test to blame (a configuration error, say).
  failed=1
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
