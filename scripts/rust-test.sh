#!/usr/bin/env bash
# Unit, scenario, property, schema and doc tests of the Rust workspace, and the examples
# the README promises.
source "$(dirname "$0")/lib.sh"

step "cargo test --workspace (the Python binding is tested through pytest)"
cargo test --workspace --exclude mubiao-python --locked
step "cargo test -p mubiao --features tables (the table readers)"
cargo test -p mubiao --features tables --lib --locked
cargo test -p mubiao --features tables --doc --locked tables

step "cargo test with --features mubiao/parallel (the same answers on every core)"
cargo test -p mubiao --features parallel --lib --locked
cargo test -p mubiao-tests --features mubiao/parallel --locked

step "cargo run --example xuhui_2017 (the README's first command)"
cargo run --quiet --locked --example xuhui_2017
cargo run --quiet --locked --example xuhui_2017 -- --as-of 2017-06-30 --lang zh > /dev/null
cargo run --quiet --locked --example xuhui_2017 -- --year-end > /dev/null
step "cargo run --example xuhui_2017 -- --plan examples/data/xuhui-2017.xlsx (the same report from the workbook)"
diff <(cargo run --quiet --locked --example xuhui_2017) \
     <(cargo run --quiet --locked --example xuhui_2017 -- --plan examples/data/xuhui-2017.xlsx)

step "cargo run --example xuhui_ledger"
cargo run --quiet --locked --example xuhui_ledger > /dev/null

step "cargo run --example validate on the example plans"
cargo run --quiet --locked --example validate -- docs/example-plan.json
cargo run --quiet --locked --example validate -- examples/data/xuhui-2017.json
