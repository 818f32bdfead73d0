#!/usr/bin/env bash
# Builds the npm package and runs its node tests and the TypeScript check.
source "$(dirname "$0")/lib.sh"

"$ROOT/scripts/wasm-build.sh"

step "node --test (bindings-wasm/tests)"
(cd "$ROOT/bindings-wasm" && node --test tests/)

step "tsc --noEmit on a usage file of every input and output"
(cd "$ROOT/bindings-wasm" && node_modules/.bin/tsc -p tests/tsconfig.json)
