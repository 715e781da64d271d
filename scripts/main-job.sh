#!/usr/bin/env bash
# README command 1: install, build, and run a short real search on Fashion-MNIST.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
# Only what a search needs: the test suite and benchmarks are the test command's to build.
bash scripts/build.sh --target autood_app
build/bin/autood search -c configs/default.toml "$@"
