#!/usr/bin/env bash
# Formatting, lints and documentation of the Rust workspace; fails on any warning.
source "$(dirname "$0")/lib.sh"

# A fresh toolchain may lack the lint and format components; add them when missing.
if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
    step "rustup component add rustfmt clippy"
    rustup component add rustfmt clippy
fi

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (all targets, warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings
step "cargo clippy -p mubiao --features tables (the table readers)"
cargo clippy -p mubiao --features tables --all-targets --locked -- -D warnings

step "cargo clippy -p mubiao --features parallel (evaluation on every core)"
cargo clippy -p mubiao --features parallel --all-targets --locked -- -D warnings

step "cargo doc (warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked
RUSTDOCFLAGS="-D warnings" cargo doc -p mubiao --features tables --no-deps --locked
