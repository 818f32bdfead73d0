#!/usr/bin/env bash
# Drives the example page in headless Chromium (Debian's chromium with playwright-core):
# serves examples/ on 127.0.0.1, checks the Q1 figures and a unit's explanation, saves a
# screenshot to target/web-page.png, and measures the page against native code. In CI
# every step is mandatory; elsewhere, a machine without Chromium is told loudly.
source "$(dirname "$0")/lib.sh"

if ! command -v chromium >/dev/null 2>&1; then
    step "apt-get install chromium"
    if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium; } >/dev/null 2>&1; then
        if [ "${CI:-}" = "true" ]; then
            echo "Chromium could not be installed, and CI needs the browser test" >&2
            exit 1
        fi
        printf '\n!!! SKIPPED: the browser test (Chromium could not be installed on this machine) !!!\n\n' >&2
        exit 0
    fi
fi

# Poppler, to count and render the pages of the printed bulletins.
if ! command -v pdftoppm >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
    step "apt-get install poppler-utils (the printed bulletin's pages)"
    if ! { apt-get install -y -qq --no-install-recommends poppler-utils \
        || { apt-get update -qq && apt-get install -y -qq --no-install-recommends poppler-utils; }; } >/dev/null 2>&1; then
        echo "poppler-utils could not be installed, and the bulletin test needs pdftoppm" >&2
        exit 1
    fi
fi

# A CJK font, so that the screenshot shows the Chinese names; the test does not need it.
if ! fc-list 2>/dev/null | grep -qi "wqy\|noto sans cjk"; then
    step "apt-get install fonts-wqy-zenhei (for the screenshot)"
    apt-get install -y -qq --no-install-recommends fonts-wqy-zenhei >/dev/null 2>&1 \
        || echo "no CJK font could be installed; Chinese text shows as boxes in the screenshot" >&2
fi

step "cargo build --release --example synthetic_status (the native time)"
cargo build --quiet --locked --release --example synthetic_status

step "node --test bindings-wasm/browser (headless Chromium)"
(cd "$ROOT/bindings-wasm" && node --test browser/)
