#!/usr/bin/env bash
# Configures and builds autood into build/ with two jobs (the machines have two cores): all of it,
# or the targets named (scripts/build.sh --target autood_app: the host and its plugins only).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build -j2 "$@"
