# shellcheck shell=bash
# scripts/lib/build.sh: the install and build steps that setup.sh and test.sh
# share. Source it; it defines functions and runs nothing.
#
#   weft_install_packages   apt-get install what is missing (skips apt when
#                           everything is present; sudo only when not root)
#   weft_build              configure build/ if needed, then build (incremental)
#   weft_install_sarif_multitool
#                           npm install -g @microsoft/sarif-multitool, which
#                           the SARIF tests validate with; skipped with a
#                           note when npm is missing (those tests then report
#                           UNSUPPORTED)
#
# Environment: WEFT_BUILD_DIR (default <repo>/build), WEFT_JOBS (ninja -j).

WEFT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WEFT_BUILD_DIR="$(realpath -m "${WEFT_BUILD_DIR:-$WEFT_ROOT/build}")"

# Everything weft needs on Debian 12: LLVM/Clang 19 (the pass's headers, lit and
# FileCheck in llvm-19-tools, TSan's runtime for comparisons), abseil,
# GoogleTest and the build tools; chromium renders the HTML timeline in the
# tests that check it (headless; they are skipped without it).
WEFT_PACKAGES=(
  clang-19 llvm-19-dev llvm-19-tools libclang-rt-19-dev
  libabsl-dev libgtest-dev
  cmake ninja-build ccache python3
  binutils libc6-dev g++ libstdc++-12-dev
  chromium
)

weft_log() { printf '%s: %s\n' "$(basename "$0")" "$*"; }

weft_missing_packages() {
  local package
  for package in "${WEFT_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null |
        grep -q 'install ok installed'; then
      printf '%s\n' "$package"
    fi
  done
}

weft_install_packages() {
  local missing=()
  mapfile -t missing < <(weft_missing_packages)
  if [ "${#missing[@]}" -eq 0 ]; then
    weft_log "all required packages are installed"
    return 0
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      weft_log "error: missing packages (${missing[*]}) and not root; no sudo to install them" >&2
      return 1
    fi
    sudo=(sudo)
  fi
  weft_log "installing: ${missing[*]}"
  "${sudo[@]}" apt-get update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}"
}

weft_install_sarif_multitool() {
  if command -v sarif-multitool >/dev/null 2>&1; then
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    weft_log "note: npm not found; the SARIF Multitool is not installed and the SARIF validation tests are skipped"
    return 0
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  fi
  weft_log "installing the SARIF Multitool (npm @microsoft/sarif-multitool)"
  "${sudo[@]}" npm install -g @microsoft/sarif-multitool ||
    weft_log "note: could not install the SARIF Multitool; the SARIF validation tests are skipped"
}

weft_build() {
  if [ ! -f "$WEFT_BUILD_DIR/build.ninja" ]; then
    weft_log "configuring $WEFT_BUILD_DIR"
    cmake -G Ninja -S "$WEFT_ROOT" -B "$WEFT_BUILD_DIR" \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo
  fi
  weft_log "building in $WEFT_BUILD_DIR"
  cmake --build "$WEFT_BUILD_DIR" ${WEFT_JOBS:+--parallel "$WEFT_JOBS"}
}
