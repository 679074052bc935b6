#!/usr/bin/env bash
# `npm run test:busy [-- N]`: the whole suite N times (default 2) with two CPU-bound processes beside
# it, as on a busy 2-core machine. A test that fails only here judges by a wall-clock margin.
# The two processes end with this script, however it ends (a failure, Ctrl-C).
set -euo pipefail
node -e 'for(;;){}' & a=$!
node -e 'for(;;){}' & b=$!
trap 'kill "$a" "$b" 2>/dev/null || true' EXIT
for _ in $(seq 1 "${1:-2}"); do npm test; done
