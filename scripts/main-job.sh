#!/usr/bin/env bash
# README command 1: install, build, and run a short real search on Fashion-MNIST.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
build/bin/autood search -c configs/default.toml "$@"
