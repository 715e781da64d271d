#!/usr/bin/env bash
# README command 2 (and CI): install, build, and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
cd build
ctest --output-on-failure --timeout 1500 -j2 "$@"
# Every seed and every input a fuzzer ever found, once, through the readers built with clang
# under AddressSanitizer and UBSan (about a minute; scripts/fuzz.sh SECONDS fuzzes for longer).
cd ..
bash scripts/fuzz.sh --replay
# The unit tests again, in a build with AddressSanitizer and UBSan (build-asan/, about 15 minutes
# to build from clean and 7 to run on two cores).
bash scripts/sanitize.sh
