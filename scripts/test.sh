#!/usr/bin/env bash
# Runs every test: native (unit + tests/*.rs), wasm in Node and in headless Chromium, the type
# check (tsc), then the end-to-end tests of the page in Debian's Chromium. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

echo "== native: cargo test"
cargo test --quiet

echo "== wasm in Node: golden cases byte for byte"
cargo test --target wasm32-unknown-unknown --test wasm_node

echo "== wasm in headless Chromium (chromedriver): golden cases byte for byte"
CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" cargo test --target wasm32-unknown-unknown --test wasm_browser

echo "== build the page"
scripts/build.sh

echo "== types: the JS API, its example, the component and the views against the generated declarations"
npx tsc -p tsconfig.json

echo "== sizes"
node scripts/size.mjs --budget

echo "== end to end in headless Chromium"
node --test tests/e2e/
