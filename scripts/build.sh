#!/usr/bin/env bash
# Builds the WebAssembly module into www/pkg/ (release, size-optimised).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --lib --target wasm32-unknown-unknown --profile wasm
rm -rf www/pkg
wasm-bindgen --target web --out-dir www/pkg --no-typescript \
  --remove-name-section --remove-producers-section \
  target/wasm32-unknown-unknown/wasm/yibao_credit.wasm
if [ -x node_modules/.bin/wasm-opt ]; then
  # Not -Oz: its inlining makes the module smaller raw but larger after brotli (what is
  # downloaded); -O2 without one-caller inlining gave the smallest brotli size here.
  node_modules/.bin/wasm-opt -O2 --one-caller-inline-max-function-size=0 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    www/pkg/yibao_credit_bg.wasm -o www/pkg/yibao_credit_bg.wasm.opt
  mv www/pkg/yibao_credit_bg.wasm.opt www/pkg/yibao_credit_bg.wasm
fi
echo "built www/pkg ($(wc -c < www/pkg/yibao_credit_bg.wasm) bytes of wasm)"
node scripts/precache.mjs
node scripts/build-offline.mjs
