#!/usr/bin/env bash
# Builds the npm package: compiles bindings-wasm to wasm32-unknown-unknown, runs the
# wasm-bindgen CLI of the crate's exact version (installed into .tools/ when missing),
# shrinks the module with wasm-opt from the npm `binaryen` package, and lays out the
# package in bindings-wasm/pkg/. Also copies it into examples/web/pkg/ for the page.
source "$(dirname "$0")/lib.sh"

WASM_DIR="$ROOT/bindings-wasm"
PKG="$WASM_DIR/pkg"

step "rustup target add wasm32-unknown-unknown"
rustup target add wasm32-unknown-unknown

step "cargo build -p mubiao-wasm (profile wasm, wasm32-unknown-unknown)"
cargo build --locked --profile wasm --target wasm32-unknown-unknown -p mubiao-wasm

VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")
BINDGEN="$ROOT/.tools/bin/wasm-bindgen"
if [ ! -x "$BINDGEN" ] || [ "$("$BINDGEN" --version | awk '{print $2}')" != "$VERSION" ]; then
    step "cargo install wasm-bindgen-cli $VERSION into .tools/"
    cargo install wasm-bindgen-cli --version "=$VERSION" --no-default-features --root "$ROOT/.tools"
fi

step "npm install (binaryen, typescript, playwright-core)"
(cd "$WASM_DIR" && npm install --no-audit --no-fund --loglevel=error)

step "wasm-bindgen $VERSION --target web"
rm -rf "$PKG"
"$BINDGEN" --target web --out-dir "$PKG" --out-name mubiao \
    "$ROOT/target/wasm32-unknown-unknown/wasm/mubiao_wasm.wasm"

step "wasm-opt -O3 (npm binaryen)"
"$WASM_DIR/node_modules/.bin/wasm-opt" -O3 --enable-reference-types --enable-bulk-memory \
    --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    "$PKG/mubiao_bg.wasm" -o "$PKG/mubiao_bg.wasm"

step "lay out the npm package"
cp "$WASM_DIR/npm/node.js" "$WASM_DIR/npm/node.d.ts" "$WASM_DIR/npm/README.md" "$PKG/"
cp "$ROOT/LICENSE-MIT" "$ROOT/LICENSE-APACHE" "$PKG/"
PACKAGE_VERSION=$(awk -F'"' '/^version = / { print $2; exit }' "$ROOT/Cargo.toml")
cat > "$PKG/package.json" <<JSON
{
  "name": "mubiao",
  "version": "$PACKAGE_VERSION",
  "description": "Government management by objectives: plans, milestones, supervision, a change ledger and year-end assessment (WebAssembly)",
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "main": "./node.js",
  "module": "./mubiao.js",
  "types": "./mubiao.d.ts",
  "exports": {
    ".": {
      "types": "./mubiao.d.ts",
      "node": "./node.js",
      "default": "./mubiao.js"
    },
    "./mubiao_bg.wasm": "./mubiao_bg.wasm"
  },
  "files": ["mubiao.js", "mubiao.d.ts", "mubiao_bg.wasm", "mubiao_bg.wasm.d.ts", "node.js", "node.d.ts", "README.md", "LICENSE-MIT", "LICENSE-APACHE"],
  "sideEffects": ["./node.js"],
  "engines": { "node": ">=20" },
  "keywords": ["government", "objectives", "milestones", "assessment", "wasm"]
}
JSON
RAW=$(stat -c %s "$ROOT/target/wasm32-unknown-unknown/wasm/mubiao_wasm.wasm")
SIZE=$(stat -c %s "$PKG/mubiao_bg.wasm")
GZIP=$(gzip -9 -c "$PKG/mubiao_bg.wasm" | wc -c)
echo "mubiao_bg.wasm: $SIZE bytes ($GZIP gzipped); $RAW before wasm-bindgen and wasm-opt"

step "copy the package and the example data into examples/web/"
rm -rf "$ROOT/examples/web/pkg" "$ROOT/examples/web/data"
cp -r "$PKG" "$ROOT/examples/web/pkg"
mkdir -p "$ROOT/examples/web/data"
cp "$ROOT/examples/data/"*.json "$ROOT/examples/web/data/"
