#!/usr/bin/env bash
# scripts/setup.sh: from a fresh Debian 12 to a working weft. Installs what is
# missing, builds into build/, and runs the demo: weft run -race on
# examples/counter.c, which races on purpose.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=lib/build.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/build.sh"

weft_install_packages
weft_install_sarif_multitool
weft_build

# From the source root, so that the reproduce line reads as typed here.
cd "$WEFT_ROOT"
weft="${WEFT_BUILD_DIR#"$WEFT_ROOT"/}/bin/weft"
weft_log "demo: $weft run -race examples/counter.c"
status=0
"$weft" run -race examples/counter.c || status=$?
if [ "$status" -eq 66 ]; then
  weft_log "the data-race report and the WEFT_SEED line above are the expected demo:"
  weft_log "examples/counter.c races on purpose (exit 66). weft is ready."
  exit 0
fi
weft_log "error: the demo should have reported a data race (exit 66), but it exited $status" >&2
exit 1
