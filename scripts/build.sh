#!/usr/bin/env bash
# Builds the three WebAssembly modules into www/pkg/ and copies the shipped rule sets to www/rules/
# and the point-scoring models to www/points/:
#   yibao_credit  — the first screen: scoring, rule sets, identifiers (cargo --no-default-features)
#   yibao_tools   — batch, deadlines and the calendar, repair, forms (--features tools-only),
#                   loaded when a view that needs it opens
#   yibao_excel   — Excel workbooks for the batch (--features excel-only: calamine, rust_xlsxwriter),
#                   loaded only when an .xlsx is read or written
# Each has its own target directory, so switching features does not rebuild the other.
# wasm-bindgen also writes each module's TypeScript declarations (www/pkg/NAME.d.ts, from the Rust
# types at the boundary: src/binding.rs); scripts/dts.mjs makes www/yibao-credit.d.ts of them. The
# declarations travel in a custom section wasm-bindgen removes: the .wasm is the same without them.
set -euo pipefail
cd "$(dirname "$0")/.."

build_module() { # NAME PROFILE CARGO-FEATURE-ARGS...
  local name=$1 profile=$2
  shift 2
  CARGO_TARGET_DIR="target/wasm-$name" cargo build --quiet --lib --target wasm32-unknown-unknown --profile "$profile" "$@"
  wasm-bindgen --target web --out-dir www/pkg --out-name "$name" \
    --remove-name-section --remove-producers-section \
    "target/wasm-$name/wasm32-unknown-unknown/$profile/yibao_credit.wasm"
  if [ -x node_modules/.bin/wasm-opt ]; then
    # Not -Oz: its inlining makes the module smaller raw but larger after brotli (what is
    # downloaded); -O2 without one-caller inlining gave the smallest brotli size here.
    node_modules/.bin/wasm-opt -O2 --one-caller-inline-max-function-size=0 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
      "www/pkg/${name}_bg.wasm" -o "www/pkg/${name}_bg.wasm.opt"
    mv "www/pkg/${name}_bg.wasm.opt" "www/pkg/${name}_bg.wasm"
  fi
  echo "built www/pkg/${name}_bg.wasm ($(wc -c < "www/pkg/${name}_bg.wasm") bytes)"
}

rm -rf www/pkg
build_module yibao_credit wasm-core --no-default-features
build_module yibao_tools wasm --no-default-features --features tools-only
build_module yibao_excel wasm --no-default-features --features excel-only
node scripts/dts.mjs

# The shipped rule sets are data the page fetches (one for the first screen), not code; written
# out with their shared sections (data/rules/shared/) in place, which the page's modules do not carry.
rm -rf www/rules
mkdir -p www/rules
node scripts/resolve-rules.mjs www/rules
# Each shipped set checked and compiled by the command line (www/rules/NAME.plan.json): what the
# first screen reads, so its module carries neither the checker nor the rule-file reader.
cargo build --quiet --bin yibao-credit
for f in www/rules/*.json; do
  target/debug/yibao-credit compile-rules "$f" > "${f%.json}.plan.json"
done
# The law library: each source's articles, fetched when a citation is opened.
rm -rf www/law
mkdir -p www/law
cp data/law/*.json www/law/
# The point-scoring models of 医保支付资格记分 (fetched when that section opens).
rm -rf www/points
mkdir -p www/points
cp data/points/*.json www/points/

# The page's scripts and stylesheets, bundled and minified into www/min/ (what index.html loads;
# git-ignored): `node scripts/bundle.mjs` alone after changing one of them.
node scripts/bundle.mjs
node scripts/precache.mjs
node scripts/build-offline.mjs
