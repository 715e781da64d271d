"""Fixtures: two small searches, one on a table and one on images, shared by the tests.

Run by ctest (test `python_package`), or by hand from the build tree:
    PYTHONPATH=build/python AUTOOD=build/bin/autood /usr/bin/python3 -m pytest python/tests
"""

import os
import pathlib

import pytest

import autood

ROOT = pathlib.Path(__file__).resolve().parents[2]
SATELLITE = ROOT / "configs" / "data" / "satellite.csv"
FASHION = pathlib.Path("/usr/share/datasets/fashion-mnist")


@pytest.fixture(scope="session")
def cli():
    """The autood binary of the same build, to compare the package with the CLI."""
    binary = os.environ.get("AUTOOD", str(ROOT / "build" / "bin" / "autood"))
    assert os.access(binary, os.X_OK), f"no autood binary at {binary}; set AUTOOD"
    return binary


@pytest.fixture(scope="session")
def table_run(tmp_path_factory):
    return autood.search(ROOT / "configs" / "testbed-satellite.toml",
                         run_dir=tmp_path_factory.mktemp("table") / "run", progress=False,
                         search__budget=3, train__epochs=1, train__threads=1,
                         data__source__path=SATELLITE, final__top_k=0)


@pytest.fixture(scope="session")
def image_run(tmp_path_factory):
    return autood.search({"search": {"budget": 2, "batch": 2, "layers": 2},
                          "train": {"epochs": 1, "threads": 1},
                          "data": {"limit": 300, "source": {"limit": 3000}}},
                         run_dir=tmp_path_factory.mktemp("image") / "run", progress=False)
