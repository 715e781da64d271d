#!/usr/bin/python3
"""Writes tests/fixtures/npy/ with NumPy itself, for the npy loader's test: the values the loader
must read are NumPy's, not the test's own idea of the format. Run from the repository's root."""

import numpy as np

out = "tests/fixtures/npy/"
values = np.arange(12, dtype=np.float64).reshape(3, 2, 2) / 8 - 0.5  # exact in binary
np.save(out + "grey-f8.npy", values)
np.save(out + "rgb-big-endian-f4.npy", values.reshape(3, 1, 2, 2).repeat(3, axis=1).astype(">f4"))
np.save(out + "table-u1.npy", np.array([[0, 255, 7], [1, 2, 3]], dtype=np.uint8))
np.save(out + "labels-i8.npy", np.array([2, 0, 1], dtype=np.int64))
np.save(out + "fortran.npy", np.asfortranarray(np.ones((2, 3), dtype=np.float32) * np.array([1, 2, 3])))
with open(out + "version-2.npy", "wb") as f:
    np.lib.format.write_array(f, np.array([[1.5, -2.0]], dtype="<f4"), version=(2, 0))
np.save(out + "objects.npy", np.array([{"a": 1}], dtype=object), allow_pickle=True)
