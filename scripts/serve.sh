#!/usr/bin/env bash
# Serves www/ on 127.0.0.1 (PORT, default 8080).
set -euo pipefail
cd "$(dirname "$0")/../www"
PORT="${PORT:-8080}"
echo "yibao-credit: http://127.0.0.1:${PORT}/  (Ctrl+C to stop)"
exec python3 -m http.server "$PORT" --bind 127.0.0.1
