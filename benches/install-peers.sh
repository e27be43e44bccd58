#!/usr/bin/env bash
# Installs the peers the Node benchmark compares with that are not in package.json:
# npm @gorules/zen-engine (a Rust rules engine with a native binary per platform; npm's lock file
# cannot list them all, so `npm ci` would refuse it). Not saved: `npm ci` removes it again.
set -euo pipefail
cd "$(dirname "$0")/.."
npm install --no-save --no-audit --no-fund --loglevel=error @gorules/zen-engine@0.54.0
