#!/usr/bin/python3
"""Writes the bad-input files of tests/bad_inputs/files/, one folder per file kind.

Each file is broken in one way that a user meets (a cut download, a flipped bit, a forged
header, a spreadsheet's byte-order mark). The files are committed; run this again only to change
them. Needs Debian's python3-pil for the JPEG files.
"""
import gzip
import io
import os
import shutil
import struct
import zlib

from PIL import Image

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "bad_inputs", "files")


def write(path, data):
    path = os.path.join(ROOT, path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def idx(dims, data=b""):
    return bytes([0, 0, 8, len(dims)]) + b"".join(struct.pack(">I", d) for d in dims) + data


def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png(width=8, height=8, value=100, ihdr_size=None):
    w, h = ihdr_size or (width, height)
    rows = b"".join(b"\x00" + bytes([value]) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def jpeg():
    # Noise, so that the scan after the headers is long enough for a cut to fall inside it.
    pixels = bytes((i * 7919 + (i // 48) * 104729) % 251 for i in range(48 * 48 * 3))
    out = io.BytesIO()
    Image.frombytes("RGB", (48, 48), pixels).save(out, format="JPEG")
    return out.getvalue()


def main():
    shutil.rmtree(ROOT, ignore_errors=True)
    # IDX: the format of MNIST and Fashion-MNIST.
    good = idx([2, 2, 2], bytes(range(8)))
    write("idx/empty.idx", b"")
    write("idx/magic_float.idx", b"\x00\x00\x0d\x03" + good[4:])
    write("idx/magic_zero_dims.idx", b"\x00\x00\x08\x00")
    write("idx/magic_five_dims.idx", b"\x00\x00\x08\x05" + good[4:])
    write("idx/header_cut.idx", good[:9])
    write("idx/dimension_zero.idx", idx([0, 28, 28]))
    write("idx/claims_2g.idx", idx([1 << 31, 1, 1], b"abc"))
    write("idx/claims_2g.idx.gz", gzip.compress(idx([1 << 31, 1, 1], b"abc"), mtime=0))
    write("idx/claims_overflow.idx", idx([0xFFFFFFFF] * 4))
    write("idx/claims_64g.idx", idx([1 << 16, 1 << 16, 16]))
    write("idx/data_cut.idx", good[:-3])
    write("idx/data_cut.idx.gz", gzip.compress(good[:-3], mtime=0))
    write("idx/gzip_corrupt.gz", gzip.compress(good, mtime=0)[:12] + b"\xff" * 20)
    write("idx/good_images.idx", good)
    write("idx/labels_three.idx", idx([3], bytes([0, 1, 2])))
    write("idx/labels_two_dims.idx", idx([2, 1], bytes([0, 1])))
    write("idx/labels_one_class.idx", idx([2], bytes([4, 4])))
    write("idx/images_one_dim.idx", idx([8], bytes(range(8))))

    # CSV tables.
    write("csv/empty.csv", "")
    write("csv/header_only.csv", "a,b,label\n")
    write("csv/label_only.csv", "label\n0\n1\n")
    write("csv/no_label_column.csv", "a,b\n1,2\n3,4\n")
    write("csv/ragged.csv", "a,b,label\n1,2,0\n1,2,3,0\n")
    write("csv/text_cell.csv", "a,b,label\n1,abc,0\n")
    write("csv/nan_cell.csv", "a,b,label\n1,nan,0\n")
    write("csv/inf_cell.csv", "a,b,label\n1,-inf,0\n")
    write("csv/out_of_range.csv", "a,b,label\n1,1e999,0\n")
    write("csv/empty_cell.csv", "a,b,label\n1,,0\n")
    write("csv/unclosed_quote.csv", 'a,b,label\n1,"2,0\n')
    rows = "".join(f"{i % 7}.5,{i % 3},{i % 2}\n" for i in range(40))
    write("csv/bom.csv", "\ufeffa,b,label\n" + rows)
    write("csv/crlf.csv", ("a,b,label\n" + rows).replace("\n", "\r\n"))
    write("csv/one_class.csv", "a,b,label\n" + "".join(f"{i}.0,1.0,0\n" for i in range(20)))

    # Images, each case a folder with one class folder, as image_folder reads them.
    good_png = png()
    flipped = bytearray(good_png)
    flipped[33 + 8 + 2] ^= 0x40  # a bit inside the compressed pixels
    write("images/crc/c/x.png", bytes(flipped))
    write("images/cut/c/x.png", good_png[:-20])
    write("images/no_iend/c/x.png", good_png[:-12])
    write("images/not_ihdr/c/x.png", b"\x89PNG\r\n\x1a\n" + chunk(b"IDAT", b"") + chunk(b"IEND", b""))
    write("images/gif/c/x.png", b"GIF89a\x01\x00\x01\x00")
    write("images/zero_bytes/c/x.png", b"")
    write("images/huge_ihdr/c/x.png", png(ihdr_size=(100000, 100000)))
    write("images/jpeg_cut/c/x.jpg", jpeg()[:-10])
    write("images/jpeg_header_cut/c/x.jpg", jpeg()[:30])
    write("images/jpeg_bad_segment/c/x.jpg", b"\xff\xd8\xff\xe0\x7f\xff" + b"\x00" * 10)
    write("images/good/c/x.png", good_png)
    write("images/good/c/y.jpg", jpeg())
    os.makedirs(os.path.join(ROOT, "images/empty/c"), exist_ok=True)
    write("images/empty/c/.keep", b"")

    # TOML configs.
    write("toml/syntax.toml", "[search]\nlayers = = 2\n")
    write("toml/unclosed_table.toml", "[search\nlayers = 2\n")
    write("toml/duplicate_key.toml", "[search]\nlayers = 2\nlayers = 3\n")
    write("toml/binary.toml", b"\x00\x01\x02\xff\xfe garbage")
    write("toml/bad_utf8.toml", b"[search]\nname = \"\xc3\x28\"\n")
    write("toml/bom.toml", "\ufeff[search]\nbudget = 2\n")
    write("toml/array_of_tables.toml", "[[search]]\nlayers = 2\n")
    write("toml/section_not_table.toml", "search = 3\n")

    # Pack manifests that fail on their own, whatever the host (the suite makes the cases that
    # need this host's build key). They are the pack fuzzer's seeds too.
    def manifest(**change):
        keys = {"name": '"ts"', "version": '"0.1"', "description": '"windows"', "sdk_abi": '"6.0"',
                "build_key": '"gcc-12;cxx11abi-1;torch-1.13.1"', "libraries": '["lib/series.so"]'}
        keys.update(change)
        return "".join(f"{k} = {v}\n" for k, v in keys.items() if v is not None)
    write("packs/not_toml/pack.toml", 'name = "ts"\nversion = [\n')
    write("packs/missing_name/pack.toml", manifest(name=None))
    write("packs/unknown_key/pack.toml", manifest(author='"me"'))
    write("packs/bad_name/pack.toml", manifest(name='"../ts"'))
    write("packs/abi_number/pack.toml", manifest(sdk_abi="4"))
    write("packs/abi_text/pack.toml", manifest(sdk_abi='"four"'))
    write("packs/escape/pack.toml", manifest(libraries='["lib/../../evil.so"]'))
    write("packs/absolute/pack.toml", manifest(libraries='["/usr/lib/evil.so"]'))
    write("packs/twice/pack.toml", manifest(libraries='["a.so", "./a.so"]'))
    write("packs/not_array/pack.toml", manifest(libraries='"a.so"'))
    write("packs/two_lines/pack.toml", manifest(description='"one\\ntwo"'))
    write("packs/defaults_escape/pack.toml", manifest(defaults='"../defaults.toml"'))


if __name__ == "__main__":
    main()
