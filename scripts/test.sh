#!/usr/bin/env bash
# The one test command: everything CI checks, in the order a developer would run it.
# Each step is a script beside this one that can also be run alone.
source "$(dirname "$0")/lib.sh"

"$ROOT/scripts/rust-lint.sh"
"$ROOT/scripts/rust-test.sh"
"$ROOT/scripts/python-test.sh"
"$ROOT/scripts/wasm-test.sh"
"$ROOT/scripts/web-test.sh"

step "all checks passed"
