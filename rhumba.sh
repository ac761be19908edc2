#!/usr/bin/env bash
# Builds rhumba (release, default features) and runs it with the given arguments, e.g.
# `./rhumba.sh run examples/matmul.py`. On Debian, LLVM 14 (which the default `llvm` feature
# links) is installed from Debian's packages first when it is missing, and this says so.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v llvm-config-14 >/dev/null || [ ! -e /usr/lib/llvm-14/lib/libPolly.a ]; then
    echo "rhumba.sh: LLVM 14 is missing; installing llvm-14-dev and libpolly-14-dev from Debian's packages" >&2
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get install -y llvm-14-dev libpolly-14-dev >/dev/null \
        || ($sudo apt-get update >/dev/null && $sudo apt-get install -y llvm-14-dev libpolly-14-dev >/dev/null) \
        || { echo "rhumba.sh: could not install LLVM 14; build a Cranelift-only rhumba with: cargo build --release --no-default-features" >&2; exit 1; }
fi
cargo build --release --quiet
exec target/release/rhumba "$@"
