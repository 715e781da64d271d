#!/usr/bin/env bash
# The bad-input suite: files and settings that users meet, each broken one way, organised by file
# kind. Every case asserts the exit code and the words of the message; none may crash (exit 2 or
# a signal), hang or allocate what a header merely claims (the address space is capped at 8 GiB
# below). The broken files are made by scripts/make_bad_inputs.py and committed in files/.
set -uo pipefail
autood=$1
here=$(cd "$(dirname "$0")" && pwd)
files=$here/files
configs=$(cd "$here/../../configs" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$here/../e2e/expect.sh"
# KiB: a reader that trusts a forged header fails here, loudly. CUDA reserves far more address
# space than it uses, so the cap is left off where a GPU driver is present.
command -v nvidia-smi > /dev/null || ulimit -v $((8 * 1024 * 1024))
cases=0
case_() { cases=$((cases + 1)); expect "$@"; }

# ---- IDX (MNIST, Fashion-MNIST) --------------------------------------------------------------
idx() {  # idx CODE PATTERN IMAGES [LABELS]
  local code=$1 pattern=$2 images=$3 labels=${4:-}
  case_ "$code" "$pattern" -- "$autood" space --set data.source.images="$images" \
    --set data.source.labels="$labels"
}
d=$files/idx
idx 1 "$d/empty.idx: byte 0: file ends before the 4-byte IDX magic" "$d/empty.idx"
idx 1 "$d/magic_float.idx: byte 0: bad IDX magic 00 00 0d 03" "$d/magic_float.idx"
idx 1 "magic_zero_dims.idx: byte 0: bad IDX magic 00 00 08 00" "$d/magic_zero_dims.idx"
idx 1 "magic_five_dims.idx: byte 0: bad IDX magic 00 00 08 05" "$d/magic_five_dims.idx"
idx 1 "header_cut.idx: byte 8: file ends inside the header" "$d/header_cut.idx"
idx 1 "dimension_zero.idx: byte 4: dimension 0 is 0" "$d/dimension_zero.idx"
idx 1 "claims_2g.idx: byte 19: truncated: the header promises 2147483648 data bytes, the file has 3" "$d/claims_2g.idx"
idx 1 "claims_2g.idx.gz: byte 19: truncated: the header promises 2147483648 data bytes" "$d/claims_2g.idx.gz"
idx 1 "claims_overflow.idx: byte 8: the dimensions claim more than 17179869184 data bytes" "$d/claims_overflow.idx"
idx 1 "claims_64g.idx: byte 12: the dimensions claim more than" "$d/claims_64g.idx"
idx 1 "data_cut.idx: byte 21: truncated: the header promises 8 data bytes, the file has 5" "$d/data_cut.idx"
idx 1 "data_cut.idx.gz: byte 21: truncated" "$d/data_cut.idx.gz"
# Garbage after a gzip header decompresses into a plausible magic: the stream is blamed, at its
# offset in the compressed file, not the IDX content at byte 0.
idx 1 "gzip_corrupt.gz: the gzip stream is corrupt or cut short at byte 32 of the compressed file \(zlib: unexpected end of file\)" "$d/gzip_corrupt.gz"
gzip -nc "$d/good_images.idx" > "$work/bad_crc.idx.gz"  # a sound IDX file, its gzip CRC zeroed
printf '\0\0\0\0' | dd of="$work/bad_crc.idx.gz" bs=1 seek=$(($(stat -c %s "$work/bad_crc.idx.gz") - 8)) conv=notrunc status=none
idx 1 "bad_crc.idx.gz: the gzip stream is corrupt at byte 32 of the compressed file \(zlib: incorrect data check\)" "$work/bad_crc.idx.gz"
idx 1 "nowhere.idx: cannot open" "$d/nowhere.idx"
idx 1 "$d: cannot open|is a folder|$d: byte 0" "$d"
idx 1 "has 3 labels for 2 images" "$d/good_images.idx" "$d/labels_three.idx"
idx 1 "labels_two_dims.idx: expected 1 dimension \(count\) for labels, found 2" "$d/good_images.idx" "$d/labels_two_dims.idx"
idx 1 "images_one_dim.idx: expected 3 dimensions \(count, rows, columns\), found 1" "$d/images_one_dim.idx"
# Two rows are too few whatever their classes: the counts are named, not data.normal_classes.
idx 1 "good_images.idx gives 2 samples; data.protocol 'one_class' needs at least 7: 5 normal ones to cut by data.split, and 2 outliers" "$d/good_images.idx" "$d/labels_one_class.idx"

# ---- CSV tables --------------------------------------------------------------------------------
loader() {  # loader CODE PATTERN LOADER PATH [more --set ...]: `autood space` reads the data
  local code=$1 pattern=$2 name=$3 path=$4
  shift 4
  case_ "$code" "$pattern" -- "$autood" space --set data.source.loader="$name" \
    --set data.source.path="$path" "$@"
}
csv() { loader "$1" "$2" csv "${@:3}"; }  # csv CODE PATTERN FILE [more --set ...]
d=$files/csv
csv 1 "empty.csv: empty file, expected a header row" "$d/empty.csv"
csv 1 "header_only.csv: no data rows after the header" "$d/header_only.csv"
csv 1 "label_only.csv:1: no feature columns" "$d/label_only.csv"
csv 1 "no_label_column.csv:1: no column 'label' for the labels; the columns are 'a', 'b'" "$d/no_label_column.csv"
csv 1 "ragged.csv:3: 4 cells, the header has 3" "$d/ragged.csv"
csv 1 "text_cell.csv:2: column 2 \('b'\): 'abc' is not a finite number" "$d/text_cell.csv"
csv 1 "nan_cell.csv:2: column 2 \('b'\): 'nan' is not a finite number" "$d/nan_cell.csv"
csv 1 "inf_cell.csv:2: column 2 \('b'\): '-inf' is not a finite number" "$d/inf_cell.csv"
csv 1 "out_of_range.csv:2: column 2 \('b'\): '1e999' is not a finite number" "$d/out_of_range.csv"
csv 1 "empty_cell.csv:2: column 2 \('b'\): '' is not a finite number" "$d/empty_cell.csv"
csv 1 "unclosed_quote.csv:2:" "$d/unclosed_quote.csv"
csv 1 "nowhere.csv: cannot open" "$d/nowhere.csv"
csv 0 "input \[2\]" "$d/bom.csv"   # a spreadsheet's byte-order mark is not part of 'a'
csv 0 "input \[2\]" "$d/crlf.csv"  # Windows line ends
csv 1 "data.normal_classes: class 3 has no sample in .*, which has classes 0 to 1" "$d/bom.csv" \
  --set 'data.normal_classes=[3]'
csv 1 "some but not all classes" "$d/one_class.csv"
csv 1 "no column 'kind' for the labels" "$d/bom.csv" --set data.source.label_column=kind
csv 1 "too few normal samples to cut by data.split: train, validation and test need at least 5, and there are 3 \(the normal classes .* of .*bom.csv .*, cut to data.limit 3\)" "$d/bom.csv" \
  --set data.limit=3
{ printf 'a,b,label\n1,'; head -c 3000000 /dev/zero | tr '\0' 9; printf 'x,0\n'; } > "$work/long_cell.csv"
csv 1 "long_cell.csv:2: column 2 \('b'\): '9{64}\.\.\.' \(3000001 characters\) is not a finite number" "$work/long_cell.csv"
out=$("$autood" space --set data.source.loader=csv --set data.source.path="$work/long_cell.csv" 2>&1)
[ "${#out}" -lt 1000 ] || fail "a 3 MB cell is echoed whole (${#out} characters of message)"

# ---- Images (image_folder) -------------------------------------------------------------------
img() { loader "$1" "$2" image_folder "${@:3}"; }  # img CODE PATTERN FOLDER [more --set ...]
d=$files/images
img 1 "crc/c/x.png: byte 33: chunk 'IDAT' fails its CRC; the image is not decoded" "$d/crc"
img 1 "cut/c/x.png: byte 33: chunk 'IDAT' claims" "$d/cut"
img 1 "no_iend/c/x.png: byte [0-9]+: the file ends before the IEND chunk" "$d/no_iend"
img 1 "not_ihdr/c/x.png: byte 8: the first chunk is 'IDAT', not IHDR" "$d/not_ihdr"
img 1 "gif/c/x.png: byte 0: neither a PNG nor a JPEG signature" "$d/gif"
img 1 "zero_bytes/c/x.png: byte 0: neither a PNG nor a JPEG signature" "$d/zero_bytes"
img 1 "huge_ihdr/c/x.png: the image is 100000x100000; each side must be from 1 to 16384" "$d/huge_ihdr"
img 1 "jpeg_cut/c/x.jpg: byte [0-9]+: the file ends before the JPEG end-of-image marker" "$d/jpeg_cut"
img 1 "jpeg_header_cut/c/x.jpg: byte [0-9]+: (JPEG segment claims|the file ends inside the JPEG header)" "$d/jpeg_header_cut"
img 1 "jpeg_bad_segment/c/x.jpg: byte 2: JPEG segment claims 32767 bytes" "$d/jpeg_bad_segment"
img 1 "empty/c: the folder holds no PNG or JPEG image" "$d/empty"
img 1 "nowhere: no such folder" "$d/nowhere"
img 1 "good .* gives 2 samples; data.protocol 'one_class' needs at least 7" "$d/good"
mkdir -p "$work/mixed/c" && cp "$d/good/c/x.png" "$work/mixed/c/x.png" && cp "$d/good/c/x.png" "$work/mixed/stray.png"
img 1 "mixed: 1 image lies beside its class folders, such as stray.png" "$work/mixed"
img 1 "'data.source.channels' must be from 1 to 3, got 4" "$d/good" --set data.source.channels=4
img 1 "'data.source.size' must be from 1 to 16384, got 0" "$d/good" --set 'data.source.size=[0, 8]'
img 1 "'data.source.size' must be from 1 to 16384, got 100000" "$d/good" --set 'data.source.size=[100000, 8]'
img 1 "'data.source.limit' must be from 0 to 1e\+09, got -1" "$d/good" --set data.source.limit=-1

# ---- TOML configs and --set ------------------------------------------------------------------
d=$files/toml
cfg() {  # cfg CODE PATTERN FILE [more args]
  local code=$1 pattern=$2 file=$3
  shift 3
  case_ "$code" "$pattern" -- "$autood" space --shape 1,28,28 -c "$file" "$@"
}
cfg 1 "syntax.toml:2:" "$d/syntax.toml"
cfg 1 "unclosed_table.toml:1:" "$d/unclosed_table.toml"
cfg 1 "duplicate_key.toml:3:" "$d/duplicate_key.toml"
cfg 1 "binary.toml:1:" "$d/binary.toml"
cfg 1 "bad_utf8.toml:2:" "$d/bad_utf8.toml"
cfg 0 "input \[1x28x28\]" "$d/bom.toml"
cfg 1 "array_of_tables.toml:1:.*'search' must be a table" "$d/array_of_tables.toml"
cfg 1 "section_not_table.toml:1:.*'search' must be a table" "$d/section_not_table.toml"
cfg 1 "--config: File does not exist: .*nowhere.toml" "$d/nowhere.toml"
cfg 1 "--config: File is actually a directory" "$d"
set_() {  # set_ PATTERN ASSIGNMENT...: a bad --set is blamed on --set, with the range
  local pattern=$1
  shift
  local args=()
  for a in "$@"; do args+=(--set "$a"); done
  case_ 1 "^error: --set.*$pattern" -- "$autood" space --shape 1,28,28 "${args[@]}"
}
set_ "'train.threads' must be from 0 to 1024, got -1" train.threads=-1
set_ "'train.max_seconds' must be from 0 to 1e\+07, got -5" train.max_seconds=-5
set_ "'data.limit' must be from 0 to 1000000000, got -3" data.limit=-3
set_ "'search.layers' must be greater than 0 and at most 32, got 1000000" search.layers=1000000
set_ "'search.layers' must be greater than 0 and at most 32, got 0" search.layers=0
set_ "'search.budget' must be greater than 0" search.budget=0
set_ "'search.budget' must be greater than 0 and at most 1000000000, got 99999999999999999999, which is too large" \
  search.budget=99999999999999999999
set_ "'search.batch' must be greater than 0 and at most 4096" search.batch=100000
set_ "'score.lambda' must be from 0 to 1e\+06, got nan" score.lambda=nan
set_ "'score.lambda' must be from 0 to 1e\+06, got inf" score.lambda=inf
set_ "'score.lambda' must be from 0 to 1e\+06, got -1" score.lambda=-1
set_ "'train.lr' must be greater than 0 and at most 10, got nan" train.lr=nan
set_ "'train.lr' must be greater than 0 and at most 10, got 0" train.lr=0
set_ "'train.epochs' must be greater than 0 and at most 100000" train.epochs=-2
set_ "'train.batch_size' must be greater than 0" train.batch_size=0
set_ "'train.subset' must be from 0 to 1000000000, got -1" train.subset=-1
set_ "'train.device' must be one of: auto, cpu, cuda" train.device=gpu
set_ "'train.epochs' must be an integer, got floating-point" train.epochs=1.5
set_ "'final.top_k' must be from 0 to 1000, got -1" final.top_k=-1
set_ "'final.epochs' must be from 0 to 100000, got -1" final.epochs=-1
set_ "'final.max_seconds' must be from 0 to 1e\+07, got nan" final.max_seconds=nan
set_ "'final.ensemble' must be greater than 0 and at most 64, got 0" final.ensemble=0
set_ "'final.ensemble' \(3\) cannot exceed final.top_k \(2\)" final.top_k=2 final.ensemble=3
set_ "'prune.rule' must be one of: none, median" prune.rule=mean
set_ "'prune.warmup' must be greater than 0" prune.warmup=0
set_ "'score.threshold_fpr' must be at least 0 and below 1, got 1.5" score.threshold_fpr=1.5
set_ "'data.contamination' must be between 0 and 1 \(both excluded\), got 0" data.contamination=0
set_ "'data.contamination' must be between 0 and 1 \(both excluded\), got nan" data.contamination=nan
set_ "'data.split' must be three positive numbers" 'data.split=[0.5, 0.5]'
set_ "'data.split' must be three positive numbers" 'data.split=[0.5, -0.1, 0.6]'
set_ "'data.split' must be three positive numbers" 'data.split=[0.5, inf, 0.6]'
set_ "'data.normal_classes' must hold class indices from 0 to 1000000, got -1" 'data.normal_classes=[-1]'
set_ "'data.pixel_metric' must be one of: auroc, pro" data.pixel_metric=iou
set_ "'data.normal_classes' must be an array of integers, got array" 'data.normal_classes=[0, 7e37]' 
set_ "unknown section 'serch'" serch.budget=3
set_ "unknown key 'search.budgt'; valid keys in \[search\]: batch, budget, layers, seed" search.budgt=3
set_ "'hypothesis.cluster.k' must be from 1 to 1000, got 0" hypothesis.cluster.k=0
set_ "'hypothesis.cluster.k' must be from 1 to 1000, got -99999999999999999999, which is too small" \
  hypothesis.cluster.k=-99999999999999999999
set_ "'hypothesis.centroid.nu' must be from 1e-06 to 1, got 2" hypothesis.centroid.nu=2
set_ "'hypothesis.density.k' must be from 1 to 64, got 1000" hypothesis.density.k=1000
set_ "unknown key 'hypothesis.cluster.kk'; valid keys: alpha, k, warmup_epochs" hypothesis.cluster.kk=3
set_ "\[hypothesis.clustre\] names no loaded hypothesis; loaded: centroid, cluster" hypothesis.clustre.k=3
set_ "'search.layers' must be an integer, got table" search.layers.x=1
case_ 1 "the key 'search..budget' has an empty part" -- "$autood" space --shape 1,28,28 --set search..budget=3
case_ 1 "--set nokey: expected key=value" -- "$autood" space --shape 1,28,28 --set nokey
case_ 1 "unknown data.protocol 'nope'; valid: one_class, ood, segmentation" -- "$autood" space --set data.protocol=nope
case_ 1 "unknown controller 'bogus'; loaded: curious, evolution, random, reinforce, tpe" -- \
  "$autood" search --set controller.name=bogus --set data.source.limit=100 --set data.limit=20 --run-dir "$work/bogus"
case_ 1 "'controller.updates' must be from 1 to 1000, got 0" -- "$autood" search --set controller.name=reinforce \
  --set controller.updates=0 --set data.source.limit=100 --set data.limit=20 --run-dir "$work/updates"

# ---- Command-line options ----------------------------------------------------------------------
case_ 1 "--seeds: Value 0 not in range 1 to 1000" -- "$autood" ablate --seeds 0 --out "$work/ablate0"
case_ 1 "--trial: Value 0 not in range 1 to 9223372036854775807" -- "$autood" export "$work" --trial 0 --out "$work/export0"

# ---- Plugin folders ----------------------------------------------------------------------------
plugins=$(dirname "$autood")/../lib/autood/plugins
mkdir -p "$work/loose" "$work/loop" "$work/cut"
cp "$plugins/distances/l2.so" "$work/loose/mine.so" && chmod o+w "$work/loose/mine.so"
case_ 0 "Unsafe.*mine.so is writable by every user.*chmod o-w" -- "$autood" plugins --plugin-path "$work/loose"
case_ 1 "some plugins failed to load \(strict mode\)" -- "$autood" plugins --plugin-path "$work/loose" --strict
chmod o-w "$work/loose/mine.so" && chmod o+w "$work/loose"
case_ 0 "Unsafe.*the folder $work/loose is writable by every user" -- "$autood" plugins --plugin-path "$work/loose"
case_ 1 "some plugins failed to load \(strict mode\)" -- "$autood" plugins --plugin-path "$work/nowhere" --strict
case_ 0 "PathMissing" -- "$autood" plugins --plugin-path "$work/nowhere"
ln -s a.so "$work/loop/b.so" && ln -s b.so "$work/loop/a.so" && ln -s "$work/loop" "$work/loop/self"
case_ 0 "Unreadable.*symbolic links" -- "$autood" plugins --plugin-path "$work/loop"
case_ 0 "a.so: Unreadable: the plugin path is a loop of symbolic links" -- \
  "$autood" plugins --plugin-path "$work/loop/a.so"
head -c 20000 "$plugins/distances/l2.so" > "$work/cut/half.so"
case_ 0 "half.so: NotAPlugin: not a shared library \(truncated: the section headers need [0-9]+ bytes, the file has 20000\)" -- "$autood" plugins --plugin-path "$work/cut"
printf 'not an ELF file\n' > "$work/cut/text.so"
case_ 0 "NotAPlugin.*no ELF header" -- "$autood" plugins --plugin-path "$work/cut"

# ---- Packs (--pack, autood pack check) ---------------------------------------------------------
# A pack is loaded whole or not at all: each case is rejected with one message naming the pack
# and the mismatch, and the host goes on (exit 0 without --strict).
pack() { case_ 1 "$1" -- "$autood" pack check "$2"; }  # pack PATTERN DIR
d=$files/packs
pack "BadManifest: .*not_toml/pack.toml:2:13: Error while parsing array" "$d/not_toml"
pack "BadManifest: .*missing_name/pack.toml: missing key 'name'" "$d/missing_name"
pack "unknown_key/pack.toml:7:10: unknown key 'author'; valid keys: name, version, description" "$d/unknown_key"
pack "bad_name/pack.toml:1:8: 'name' may hold letters, digits, '-', '_' and '.', got '../ts'" "$d/bad_name"
pack "abi_number/pack.toml:4:11: 'sdk_abi' must be a string" "$d/abi_number"
pack "abi_text/pack.toml:4:11: 'sdk_abi' must be \"major.minor\", such as \"4.0\", got 'four'" "$d/abi_text"
pack "escape/pack.toml:6:14: 'libraries' must stay inside the pack's folder, got 'lib/../../evil.so'" "$d/escape"
pack "absolute/pack.toml:6:14: 'libraries' must be a path relative to the pack's folder" "$d/absolute"
pack "twice/pack.toml:6:22: 'libraries' lists './a.so' twice" "$d/twice"
pack "not_array/pack.toml:6:13: 'libraries' must be an array of relative paths" "$d/not_array"
pack "two_lines/pack.toml:3:15: 'description' must be one line" "$d/two_lines"
pack "defaults_escape/pack.toml:7:12: 'defaults' must stay inside the pack's folder" "$d/defaults_escape"
# The cases that need this host's ABI and build key are made here, around a copy of a real plugin.
abi=$("$autood" --version | sed -n 's/^SDK ABI //p')
key=$("$autood" --version | sed -n 's/^build key //p')
make_pack() {  # make_pack DIR [LIBRARIES|-] [ABI] [KEY] [DEFAULTS]: a pack holding lib/l2.so
  local dir=$work/packs/$1 libraries=${2:-\"lib/l2.so\"}
  [ "$libraries" != - ] || libraries=
  rm -rf "$dir" && mkdir -p "$dir/lib" && cp "$plugins/distances/l2.so" "$dir/lib/l2.so"
  printf 'name = "%s"\nversion = "0.1"\nsdk_abi = "%s"\nbuild_key = "%s"\nlibraries = [%s]\n' \
    "$1" "${3:-$abi}" "${4:-$key}" "$libraries" > "$dir/pack.toml"
  [ -z "${5:-}" ] || { printf '%b' "$5" > "$dir/defaults.toml" && echo 'defaults = "defaults.toml"' >> "$dir/pack.toml"; }
  echo "$dir"
}
p=$(make_pack good) && alone=(--no-builtin-plugins)
case_ 0 "Ok: the pack loads with this autood \(1 library\)" -- "$autood" pack check "$p" "${alone[@]}"
case_ 0 "Ok +l2 +1.0.0 +good " -- "$autood" plugins --pack "$p" "${alone[@]}"
case_ 0 "^1 of 1 packs loaded" -- "$autood" plugins --pack "$p" "${alone[@]}"
case_ 1 "Duplicate: pack 'good' .* rejected: lib/l2.so: Duplicate: a plugin named 'l2' is already loaded" -- \
  "$autood" pack check "$p"
case_ 0 "^0 of 1 packs loaded" -- "$autood" plugins --pack "$p"
case_ 1 "some packs failed to load \(strict mode\)" -- "$autood" plugins --pack "$p" --strict
p=$(make_pack future '"lib/l2.so"' 99.0)
case_ 1 "AbiMismatch: pack 'future' .* rejected: built for SDK ABI 99.0, this host supports" -- "$autood" pack check "$p"
p=$(make_pack other '"lib/l2.so"' "$abi" "clang-99;cxx11abi-0;torch-0.0")
case_ 1 "BuildKeyMismatch: .*built for clang-99;cxx11abi-0;torch-0.0, this host is $key" -- "$autood" pack check "$p"
p=$(make_pack gone '"lib/l2.so", "lib/gone.so"')
case_ 1 "PathMissing: pack 'gone' .* rejected: lists 'lib/gone.so', which is not a file in the pack" -- \
  "$autood" pack check "$p" "${alone[@]}"
p=$(make_pack half '"lib/l2.so", "lib/notes.so"') && echo notes > "$p/lib/notes.so"
case_ 1 "NotAPlugin: pack 'half' .* rejected: lib/notes.so: NotAPlugin: not a shared library" -- \
  "$autood" pack check "$p" "${alone[@]}"
case_ 0 "PackRejected +l2 .*half/lib/l2.so" -- "$autood" plugins --pack "$p" "${alone[@]}"
p=$(make_pack loose) && chmod o+w "$p/pack.toml"
case_ 1 "Unsafe: pack .* rejected: the file $p/pack.toml is writable by every user.*chmod o-w" -- \
  "$autood" pack check "$p" "${alone[@]}"
mkdir -p "$work/packs/empty"
case_ 1 "BadManifest: pack \($work/packs/empty\) rejected: $work/packs/empty: not a pack \(no pack.toml\)" -- \
  "$autood" pack check "$work/packs/empty"
case_ 1 "PathMissing: pack \($work/packs/nowhere\) rejected: the folder does not exist" -- \
  "$autood" pack check "$work/packs/nowhere"
p=$(make_pack huge) && head -c 1048577 /dev/zero | tr '\0' '#' >> "$p/pack.toml"
case_ 1 "huge/pack.toml: 1048[0-9]+ bytes; a manifest is at most 1 MiB" -- "$autood" pack check "$p" "${alone[@]}"
# A pack's defaults are checked as config, with the pack's file and line.
p=$(make_pack wide - "$abi" "$key" '[search]\nlayers = 40\n')
case_ 1 "$p/defaults.toml:2:10: 'search.layers' must be greater than 0 and at most 32, got 40" -- \
  "$autood" space --pack "$p" "${alone[@]}" --plugin-path "$plugins"
case_ 1 "BadDefaults: $p/defaults.toml:2:10: 'search.layers'" -- "$autood" pack check "$p" "${alone[@]}"
p=$(make_pack sneaky - "$abi" "$key" '[plugins]\npaths = ["/tmp"]\n')
case_ 1 "sneaky/defaults.toml:1:1: a pack's defaults cannot set \[plugins\]" -- \
  "$autood" pack check "$p" "${alone[@]}"

# ---- Trial stores (trials.sqlite, read by compare, report and resume) -------------------------
# A file SQLite cannot read is named with SQLite's words; only a sound database without autood's
# tables is "not an autood trial store".
stores=$work/stores && mkdir -p "$stores/text" "$stores/damaged" "$stores/foreign"
echo 'this is text, not a database' > "$stores/text/trials.sqlite"
case_ 1 "text/trials.sqlite: cannot open the trial store: file is not a database" -- \
  "$autood" compare "$stores/text" --out "$stores/out"
store=$stores/damaged/trials.sqlite  # a sound first page, every later page overwritten
sqlite3 "$store" "create table run_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  insert into run_info values ('format', '1'); create table trials (trial INTEGER PRIMARY KEY)"
head -c $(($(stat -c %s "$store") - 4096)) /dev/zero | tr '\0' '\377' |
  dd of="$store" bs=4096 seek=1 conv=notrunc status=none
case_ 1 "damaged/trials.sqlite: cannot read the trial store: database disk image is malformed" -- \
  "$autood" compare "$stores/damaged" --out "$stores/out"
sqlite3 "$stores/foreign/trials.sqlite" 'create table notes (line TEXT)'
case_ 1 "foreign/trials.sqlite: not an autood trial store" -- "$autood" compare "$stores/foreign" --out "$stores/out"

# ---- A full disk ---------------------------------------------------------------------------------
# The file size limit (ulimit -f, with SIGXFSZ ignored) makes writes fail past a size, as a full
# disk does, at every stage of a small search in turn. Each run ends with exit 1 and a message
# naming the file, leaves no empty or temporary file, and what was stored is resumed to the end.
search=(search -c "$configs/default.toml" --set search.budget=2 --set train.epochs=1
        --set data.limit=100 --set data.source.limit=1000 --set train.threads=1)
failed=0
for kib in 16 64 128 200 256; do
  run=$work/disk$kib
  out=$( (trap '' XFSZ; ulimit -f $kib; exec "$autood" "${search[@]}" --run-dir "$run") 2>&1)
  code=$?
  cases=$((cases + 1))
  [ $code -eq 0 ] && continue
  [ $code -eq 1 ] || { echo "$out" | tail -5; fail "a full disk at $kib KiB: exit $code, expected 0 or 1"; }
  grep -Eq "^error: .*($run/[^ ]+: .*(disk I/O error|database or disk is full)|cannot write $run/.*: File too large)" <<<"$out" ||
    { echo "$out" | tail -5; fail "a full disk at $kib KiB: no message naming the file"; }
  leftovers=$(find "$run" -type f \( -name '*.tmp' -o -size 0 \) ! -name '*-wal' ! -name '*-shm')
  [ -z "$leftovers" ] || fail "a full disk at $kib KiB left empty or temporary files: $leftovers"
  failed=$((failed + 1))
  [ -f "$run/config.toml" ] || continue  # nothing was stored yet
  expect 0 'Model:' -- "$autood" resume "$run"
  [ "$(sqlite3 "$run/trials.sqlite" 'select count(*) from trials')" -eq 2 ] ||
    fail "a full disk at $kib KiB: the resumed search does not hold its 2 trials"
done
[ $failed -ge 3 ] || fail "only $failed of the file size limits made the search fail; the case tests nothing"

# ---- A model folder (autood score --model) -----------------------------------------------------
# The full-disk runs above were resumed to the end, so each holds a model to break.
model=$work/disk256/best
[ -d "$model" ] || model=$work/disk200/best
[ -f "$model/weights.pt" ] || fail "no finished model to break"
broken() {  # broken NAME: a copy of the model to break
  rm -rf "$work/$1" && cp -r "$model" "$work/$1" && echo "$work/$1"
}
score() { case_ 1 "$1" -- "$autood" score --model "$2" --out "$work/scores.csv"; }
# model.toml records the SHA-256 of every other file, which is checked before anything is read.
sha='[0-9a-f]{64}'
m=$(broken cut_weights) && head -c 3000 "$model/weights.pt" > "$m/weights.pt"
score "cut_weights/weights.pt: its SHA-256 is $sha, but .*cut_weights/model.toml records $sha: the file was changed or damaged after the model was saved" "$m"
m=$(broken edited_config) && echo "# an edit" >> "$m/config.toml"
score "edited_config/config.toml: its SHA-256 is $sha, but" "$m"
m=$(broken no_weights) && rm "$m/weights.pt"
score "no_weights/model.toml: lists weights.pt with a checksum, but .*no_weights/weights.pt is missing" "$m"
m=$(broken short_checksum) && sed -i 's/^"weights.pt" = .*/"weights.pt" = "12ab"/' "$m/model.toml"
score "short_checksum/model.toml: checksum of 'weights.pt' must be 64 lowercase hex digits \\(SHA-256\\)" "$m"
m=$(broken outside_checksum) && printf '"../../etc/passwd" = "%064d"\n' 0 >> "$m/model.toml"
score "outside_checksum/model.toml: checksum of '../../etc/passwd': not a file inside the model folder" "$m"
# A model of an earlier autood has no [checksums]: it is read with a warning, and the reader of
# weights.pt still names what is wrong with the file.
unchecked() { sed -i '/^\[checksums\]/,$d' "$1/model.toml"; }
m=$(broken cut_unchecked) && head -c 3000 "$model/weights.pt" > "$m/weights.pt" && unchecked "$m"
score "records no \\[checksums\\] \\(an earlier autood wrote it\\): its files are not verified" "$m"
score "cut_unchecked/weights.pt: cannot read the weights: .*zip archive" "$m"
m=$(broken text_weights) && echo garbage > "$m/weights.pt" && unchecked "$m"
score "text_weights/weights.pt: cannot read the weights: .*not a ZIP archive" "$m"
# Weights that the checksum cannot fault, as a faulty trainer would record them: every stored
# tensor is compared with the one the architecture builds before LibTorch loads it.
rechecksum() { sed -i "s/^\"weights.pt\" = .*/\"weights.pt\" = \"$(sha256sum "$1/weights.pt" | cut -c1-64)\"/" "$1/model.toml"; }
m=$(broken nan_weights) && /usr/bin/python3 - "$m/weights.pt" <<'EOF'
import sys, zipfile  # the first stored tensor (archive/data/0) becomes NaN, float32 0x7fc00000
with zipfile.ZipFile(sys.argv[1]) as z:
    entries = [(info, z.read(info)) for info in z.infolist()]
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_STORED) as z:
    for info, data in entries:
        nan = info.filename.endswith("/data/0")
        z.writestr(info, b"\x00\x00\xc0\x7f" * (len(data) // 4) if nan else data)
EOF
rechecksum "$m"
score "nan_weights/weights.pt: tensor 'model\\.[a-z0-9_.]+' holds values that are not finite" "$m"
# A kernel of another size in model.toml: the stored weight keeps its own shape.
m=$(broken swapped_shape) && k=$(grep -m1 -o '^transform_kernel = [0-9]*' "$m/model.toml" | grep -o '[0-9]*$')
other=$((k == 3 ? 5 : 3))
sed -i "0,/^transform_kernel = $k\$/s//transform_kernel = $other/" "$m/model.toml"
score "swapped_shape/weights.pt: tensor 'model\\.[a-z0-9_.]+' is \\[[0-9]+, [0-9]+, $k, $k\\] Float, the architecture builds \\[[0-9]+, [0-9]+, $other, $other\\] Float" "$m"
m=$(broken bad_toml) && echo 'x = [' > "$m/model.toml"
score "bad_toml/model.toml: 1:[0-9]+: .*end-of-file" "$m"
m=$(broken no_toml) && rm "$m/model.toml"
score "no_toml: not a model folder \\(no model.toml\\)" "$m"
m=$(broken wrong_op) && sed -i 's/^hypothesis = .*/hypothesis = "nonexistent"/' "$m/model.toml"
score "wrong_op/model.toml: this model cannot be built: unknown hypothesis 'nonexistent'; loaded: centroid" "$m"
m=$(broken huge_shape) && sed -i 's/^input_shape = .*/input_shape = [1048576, 1048576, 1048576]/' "$m/model.toml"
score "huge_shape/model.toml: input_shape claims more than 2\\^28 values per sample" "$m"
# A shape within the bound but not the data's is refused before the model is built: building it
# would allocate gigabytes for one dry run.
m=$(broken claimed_shape) && sed -i 's/^input_shape = .*/input_shape = [1, 16384, 16384]/' "$m/model.toml"
score "the model in .*claimed_shape takes samples of shape \\[1x16384x16384\\] but .* has \\[1x28x28\\]" "$m"
m=$(broken float_shape) && sed -i 's/^input_shape = .*/input_shape = [1, 7e37, 28]/' "$m/model.toml"
score "float_shape/model.toml: input_shape must hold positive integers" "$m"
score "--model: Directory does not exist: .*nowhere" "$work/nowhere"
# A resumed run checks its best/ as score does, and trains the best trial again over a damaged one.
echo "an edit" >> "$model/scores.csv"
case_ 0 "best/ does not read as a model: .*best/scores.csv: its SHA-256 is $sha, but" -- "$autood" resume "$(dirname "$model")"
expect 0 'scored [0-9]+ samples' -- "$autood" score --model "$model" --out "$work/scores.csv"

# ---- Run folders (--run-dir) -------------------------------------------------------------------
# autood writes only into a new or empty folder or a run of its own (it holds autood-run.toml),
# deletes only a run's own files, and lets one process at a time write a run.
small=(search -c "$configs/default.toml" --set search.budget=2 --set train.epochs=1
       --set data.limit=100 --set data.source.limit=1000 --set train.threads=1)
mine=$work/project && mkdir -p "$mine"
echo 'x = 1' > "$mine/config.toml" && echo notes > "$mine/notes.txt" && echo 1,2 > "$mine/my_data.csv"
for flag in --overwrite --continue; do
  case_ 1 "project is not an autood run \(it has no autood-run.toml\)" -- \
    "$autood" "${small[@]}" --run-dir "$mine" $flag
done
case_ 1 "project is not an autood run" -- "$autood" resume "$mine"
[ "$(ls "$mine" | tr '\n' ' ')" = "config.toml my_data.csv notes.txt " ] ||
  fail "a folder autood did not make was changed: $(ls "$mine")"
older=$work/older && mkdir -p "$older"
cp "$configs/default.toml" "$older/config.toml" && echo 'trial,reward' > "$older/trials.csv"
case_ 1 "older holds a run of an older autood \(run format 0, without autood-run.toml\)" -- \
  "$autood" "${small[@]}" --run-dir "$older" --continue
case_ 1 "older holds a run of an older autood" -- "$autood" resume "$older"
[ -f "$older/trials.csv" ] || fail "a run of an older autood was replaced"
echo x > "$work/plain"
case_ 1 "plain is a file, not a folder" -- "$autood" "${small[@]}" --run-dir "$work/plain"
# Two resumes at once: the second is refused, naming the first, and the first finishes. The run
# to resume is killed (-9) after its first trial, which also shows that a kill frees the lock.
busy=$work/busy
AUTOOD_CRASH_AT=trial-stored "$autood" "${small[@]}" --set search.budget=8 --set search.batch=1 --set train.epochs=3 \
  --set data.limit=600 --run-dir "$busy" > "$work/busy.log" 2>&1
[ $? -eq 137 ] || { tail -5 "$work/busy.log"; fail "the run to resume twice was not killed"; }
"$autood" resume "$busy" > "$work/busy.log" 2>&1 &
first=$!
held=0
for _ in $(seq 400); do grep -q "^PID $first " "$busy/autood-run.lock" 2>/dev/null && { held=1; break; }; sleep 0.05; done
[ $held -eq 1 ] || { tail -5 "$work/busy.log"; fail "the first resume did not take the run's lock within 20 s"; }
case_ 1 "busy is in use: autood process PID $first on .* holds .*autood-run.lock" -- "$autood" resume "$busy"
case_ 1 "busy is in use: autood process PID $first" -- "$autood" "${small[@]}" --run-dir "$busy" --overwrite
wait $first || { tail -5 "$work/busy.log"; fail "the first resume did not finish"; }
[ "$(sqlite3 "$busy/trials.sqlite" 'select count(*) from trials')" -eq 8 ] || fail "the resumed run lacks trials"
# A run that holds a file autood did not write: --overwrite names it and deletes nothing.
echo mine > "$busy/notes.txt"
case_ 1 "busy holds a run and also notes.txt, which autood did not write" -- \
  "$autood" "${small[@]}" --run-dir "$busy" --overwrite
[ -f "$busy/notes.txt" ] && [ -f "$busy/best/model.toml" ] || fail "--overwrite deleted from a run with a foreign file"
rm "$busy/notes.txt"
case_ 0 "Model:" -- "$autood" "${small[@]}" --run-dir "$busy" --overwrite
[ "$(sqlite3 "$busy/trials.sqlite" 'select count(*) from trials')" -eq 2 ] || fail "--overwrite did not start again"

echo "PASS: bad inputs ($cases cases)"
