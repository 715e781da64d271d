#!/usr/bin/env bash
# Installs what autood needs from Debian bookworm, and only what is missing, so that a machine
# that has everything does not touch the network.
set -euo pipefail
packages=(
  cmake g++ make ccache pkg-config
  libtorch-dev libopenblas0-pthread     # LibTorch; OpenBLAS instead of the reference BLAS (27x on matmul)
  libboost-dev                          # Boost.DLL (header-only)
  libtomlplusplus-dev libfmt-dev libspdlog-dev libcli11-dev nlohmann-json3-dev zlib1g-dev
  doctest-dev
  libpng-dev libjpeg62-turbo-dev        # PNG and JPEG decoding for the image loaders, with integrity checks
  libstb-dev                            # stb_image_write: the tests write their PNG and JPEG fixtures
  libopenmpi-dev openmpi-bin            # MPI: one search across many processes (mpirun)
  libsqlite3-dev sqlite3                # the run folder's trial store (sqlite3: the CLI the tests query it with)
  chromium                              # headless: the test that the HTML report renders
  dataset-fashion-mnist                 # the real data of the main job and the tests
  python3 python3-sklearn               # the bad-input suite rewrites a weights.pt; sklearn regenerates the metrics fixture
  pybind11-dev python3-dev python3-numpy python3-pytest  # the Python package (python/) and its tests
  python3-optuna                        # python/examples/optuna_search.py, which the Python tests run
  clang libclang-rt-14-dev              # libFuzzer and the sanitizers of the fuzz harnesses (tests/fuzz)
)
# --bench adds what the benchmarks' references need.
if [[ "${1:-}" == "--bench" ]]; then
  # bench_child's PyTorch eager reference (the same LibTorch 1.13), and the same-label CNN
  # baseline of scripts/benchmark-oneclass.sh
  packages+=(python3-torch)
fi
missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
