#!/usr/bin/env bash
# Formatting, lints and documentation of the Rust workspace; fails on any warning.
source "$(dirname "$0")/lib.sh"

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (all targets, warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo doc (warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked
