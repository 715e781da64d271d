#!/usr/bin/env bash
# Installs autood, builds latent_norm.so against the installed SDK in a separate CMake project,
# drops it into a folder, and checks that the unchanged installed binary lists it, grows the
# search space, and can select and train it. The project also makes it a pack
# (autood_add_pack), which must load whole with --pack, bring its defaults, and install.
set -euo pipefail
build=$1
work=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"
mkdir -p "$work/drop"
source "$here/../e2e/expect.sh"  # fail

cmake --install "$build" --prefix "$work/prefix" > "$work/install.log"
# ccache, where it is installed, as in the main build: the build outside the tree was most of this
# test's minute, and its sources and the installed SDK seldom change. The SDK's headers
# were installed a moment ago, which ccache would take for a file being written.
launcher=()
command -v ccache > /dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
export CCACHE_SLOPPINESS=include_file_mtime,include_file_ctime
cmake -S "$here" -B "$work/build" -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" > "$work/configure.log"
cmake --build "$work/build" -j2 > "$work/build.log" || { cat "$work/build.log"; fail "external build"; }
cp "$work/build/packs/latent/lib/latent_norm.so" "$work/drop/"

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

# The pack: its manifest (the ABI and build key that CMake wrote must be the binary's), its
# installed folder, and its defaults (one layer) under the user's config.
cmake --install "$work/build" --prefix "$work/packs" > "$work/pack-install.log"
pack="$work/packs/lib/autood/packs/latent"
[ -f "$pack/pack.toml" ] && [ -f "$pack/lib/latent_norm.so" ] && [ -f "$pack/defaults.toml" ] ||
  fail "the installed pack lacks a file: $(ls -R "$pack")"
check=$("$autood" pack check "$pack") || { echo "$check"; fail "autood pack check refused the pack"; }
echo "$check"
grep -q '^Ok: the pack loads with this autood (1 library)' <<<"$check" || fail "pack check output"
space=$("$autood" space --shape 1,28,28 --pack "$pack")
grep -Eq '^hypothesis +centroid, cluster, density, latent_norm, reconstruction$' <<<"$space" ||
  fail "the pack's hypothesis is not in the space"
grep -q '^layer1\.' <<<"$space" && ! grep -q '^layer2\.' <<<"$space" ||
  fail "the pack's defaults (search.layers = 1) did not apply"
grep -q '^layer2\.' <<<"$("$autood" space --shape 1,28,28 --pack "$pack" --set search.layers=2)" ||
  fail "--set does not override the pack's defaults"

# The Python package as `cmake --install` laid it out: Debian's python3 imports it from
# <prefix>/lib/python3.X/dist-packages (on its own path for the default prefix, /usr/local), finds
# the installed plugins without being told, and loads the pack as the CLI does.
# Built only where pybind11 is; where it was built, the install must hold it.
site=$(echo "$work"/prefix/lib/python3*/dist-packages)
if compgen -G "$build/python/autood/_autood*.so" > /dev/null; then
  [ -d "$site/autood" ] || fail "the Python package was built but not installed: no $site/autood"
  (cd / && env PYTHONPATH="$site" PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 - "$site" "$pack" <<'PY'
import sys

import autood

site, pack = sys.argv[1:]
assert autood.__file__.startswith(site + "/autood/"), autood.__file__
prefix = site[:site.index("/lib/python3")]
assert site.replace(prefix, "/usr/local", 1) in sys.path, "Debian's python3 would not find it"
report = autood.load_report(packs=[pack])
assert all(p["path"].startswith(prefix + "/lib/autood/plugins/") or p["pack"] == "latent"
           for p in report["plugins"]), report["plugins"]
assert [(p["status"], p["name"]) for p in report["packs"]] == [("Ok", "latent")], report["packs"]
assert "latent_norm" in report["choices"]["hypothesis"], report["choices"]
print("ok: the installed Python package loads", len(report["plugins"]), "plugins and the pack")
PY
  ) || fail "the installed Python package"
fi

# With only latent_norm as hypothesis, the search must select and train it, from the pack.
lib="$work/prefix/lib/autood/plugins"
"$autood" search --no-builtin-plugins --pack "$pack" \
  --plugin-path "$lib/layers" --plugin-path "$lib/distances" --plugin-path "$lib/controllers" \
  --plugin-path "$lib/datasets" --set search.budget=2 --set search.layers=1 --set train.epochs=1 \
  --set data.limit=200 --set data.source.limit=2000 --run-dir "$work/run" > "$work/search.out"
grep -q "packs = \[ '$pack' \]" "$work/run/config.toml" || fail "the run's config does not name the pack"
cat "$work/search.out"
grep -q 'hypothesis latent_norm, distance ' "$work/search.out" || fail "search did not train latent_norm"
echo "PASS: external hypothesis plugin (space $size_before -> $size_after)"
