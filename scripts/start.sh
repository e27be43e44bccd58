#!/usr/bin/env bash
# Fresh machine to running page: installs what is missing, builds the wasm, serves www/ on
# http://127.0.0.1:${PORT:-8080}/ with the built-in (sample) rule sets.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
exec scripts/serve.sh
