# Sourced by the other scripts: the paths and pinned versions every step agrees on.
# shellcheck shell=bash

FINWAIT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export FINWAIT_ROOT

# Trunk 0.22 needs rustc 1.96; this is the newest release that builds with the machine's 1.95.
TRUNK_VERSION=0.21.14

# wasm-opt comes from the npm package `binaryen` in node_modules/.bin and must be found before
# Debian's older /usr/bin/wasm-opt; cargo-installed tools live in ~/.cargo/bin.
export PATH="$FINWAIT_ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# Browsers come from Debian; nothing downloads its own.
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export TRUNK_OFFLINE=true

# The course build's features (scripts/build-course, scripts/test): the frame API and embed
# dialog, Korean, the capture download, "what could happen here?", "copy as Mermaid", and the
# diagram as a picture (SVG and PNG), and the quiz.
COURSE_FEATURES=course,ko,capture,explore,mermaid,picture,quiz

# The wasm-bindgen version the web app is locked to (Cargo.lock); the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' \
    "$FINWAIT_ROOT/Cargo.lock"
}

log() { printf '\033[1m[%s]\033[0m %s\n' "$(basename "$0")" "$*"; }
