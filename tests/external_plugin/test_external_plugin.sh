#!/usr/bin/env bash
# Installs autood, builds latent_norm.so against the installed SDK in a separate CMake project,
# drops it into a folder, and checks that the unchanged installed binary lists it, grows the
# search space, and can select and train it.
set -euo pipefail
build=$1
work=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"
mkdir -p "$work/drop"
fail() { echo "FAIL: $*"; exit 1; }

cmake --install "$build" --prefix "$work/prefix" > "$work/install.log"
cmake -S "$here" -B "$work/build" -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_BUILD_TYPE=Release > "$work/configure.log"
cmake --build "$work/build" -j2 > "$work/build.log" || { cat "$work/build.log"; fail "external build"; }
cp "$work/build/latent_norm.so" "$work/drop/"

autood="$work/prefix/bin/autood"
plugins=$("$autood" plugins --plugin-path "$work/drop" --strict)
echo "$plugins"
grep -Eq '^Ok +latent_norm +0\.1\.0' <<<"$plugins" || fail "autood plugins does not list latent_norm"

before=$("$autood" space --shape 1,28,28)
after=$("$autood" space --shape 1,28,28 --plugin-path "$work/drop")
echo "$after"
grep -Eq '^hypothesis +centroid, cluster, density, latent_norm, reconstruction$' <<<"$after" || fail "the hypothesis decision lacks latent_norm"
size_before=$(grep '^size:' <<<"$before" | sed -E 's/.*\(([0-9]+)\)/\1/')
size_after=$(grep '^size:' <<<"$after" | sed -E 's/.*\(([0-9]+)\)/\1/')
[ $((4 * size_after)) -eq $((5 * size_before)) ] || fail "size $size_after is not 5/4 of $size_before"

# With only latent_norm as hypothesis, the search must select and train it.
lib="$work/prefix/lib/autood/plugins"
"$autood" search --no-builtin-plugins --plugin-path "$work/drop" \
  --plugin-path "$lib/layers" --plugin-path "$lib/distances" --plugin-path "$lib/controllers" \
  --plugin-path "$lib/datasets" --set search.budget=2 --set search.layers=1 --set train.epochs=1 \
  --set data.limit=200 --set data.source.limit=2000 --run-dir "$work/run" > "$work/search.out"
cat "$work/search.out"
grep -q 'hypothesis latent_norm, distance ' "$work/search.out" || fail "search did not train latent_norm"
echo "PASS: external hypothesis plugin (space $size_before -> $size_after)"
