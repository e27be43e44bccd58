#!/usr/bin/env bash
# Serves www/ on 127.0.0.1 (PORT, default 8080), after scripts/build.sh.
set -euo pipefail
cd "$(dirname "$0")/../www"
PORT="${PORT:-8080}"
# index.html loads the bundled scripts and stylesheets of www/min/ (scripts/bundle.mjs): after
# changing a source file in www/, run `node scripts/bundle.mjs` (scripts/build.sh does it too).
[ -f min/app.js ] || echo "yibao-credit: www/min/ is missing: run scripts/build.sh (or node scripts/bundle.mjs) first" >&2
echo "yibao-credit: http://127.0.0.1:${PORT}/  (Ctrl+C to stop)"
exec python3 -m http.server "$PORT" --bind 127.0.0.1
