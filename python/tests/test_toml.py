"""Python values as TOML override values, checked by parsing them back with Python's tomllib."""

import math
import pathlib
import tomllib

import numpy as np
import pytest

from autood._toml import flatten, keyword_overrides, toml_value


@pytest.mark.parametrize("value", [
    True, False, 0, -7, 2**62, 0.1, 1e-300, -2.5e10, "plain", 'a "quoted" \\ path\n\ttab',
    "ünïcode ☃ \x01", [1, 2, 3], ["a", "b"], [], (0.5, 1.5)])
def test_values_parse_back(value):
    parsed = tomllib.loads("v = " + toml_value(value))["v"]
    assert parsed == (list(value) if isinstance(value, tuple) else value)
    assert type(parsed) is (list if isinstance(value, tuple) else type(value))


def test_special_values():
    assert math.isnan(tomllib.loads("v = " + toml_value(float("nan")))["v"])
    assert tomllib.loads("v = " + toml_value(float("-inf")))["v"] == float("-inf")
    assert tomllib.loads("v = " + toml_value(pathlib.Path("/a/b.csv")))["v"] == "/a/b.csv"
    assert tomllib.loads("v = " + toml_value(np.int64(3)))["v"] == 3
    with pytest.raises(TypeError, match="x: object is not a TOML value"):
        toml_value(object(), "x")


def test_keys():
    assert flatten({"search": {"budget": 4, "controller": "tpe"}, "data.limit": 10}) == [
        "search.budget=4", 'search.controller="tpe"', "data.limit=10"]
    assert keyword_overrides({"train__epochs": 2, "data__source__path": "x.csv"}) == [
        "train.epochs=2", 'data.source.path="x.csv"']
