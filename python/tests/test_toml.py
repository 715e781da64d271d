"""Python values as TOML override values, checked by parsing them back with Python's tomllib."""

import math
import pathlib
import tomllib

import numpy as np
import pytest

from autood._toml import flatten, keyword_overrides, toml_value


@pytest.mark.parametrize("value", [
    True, False, 0, -7, 2**62, 0.1, 1e-300, -2.5e10, "plain", 'a "quoted" \\ path\n\ttab',
    "ünïcode ☃ \x01 \x7f \U0001F600", [1, 2, 3], ["a", "b"], [], (0.5, 1.5)])
def test_values_parse_back(value):
    parsed = tomllib.loads("v = " + toml_value(value))["v"]
    assert parsed == (list(value) if isinstance(value, tuple) else value)
    assert type(parsed) is (list if isinstance(value, tuple) else type(value))


def test_special_values():
    assert math.isnan(tomllib.loads("v = " + toml_value(float("nan")))["v"])
    assert tomllib.loads("v = " + toml_value(float("-inf")))["v"] == float("-inf")
    assert tomllib.loads("v = " + toml_value(pathlib.Path("/a/b.csv")))["v"] == "/a/b.csv"
    assert tomllib.loads("v = " + toml_value(np.int64(3)))["v"] == 3
    assert tomllib.loads("v = " + toml_value(np.float64(0.001)))["v"] == 0.001
    assert tomllib.loads("v = " + toml_value(np.float32(0.5)))["v"] == 0.5
    assert tomllib.loads("v = " + toml_value(np.bool_(True)))["v"] is True
    assert tomllib.loads("v = " + toml_value(-0.0))["v"] == 0.0
    assert tomllib.loads("v = " + toml_value(1e300))["v"] == 1e300
    assert tomllib.loads("v = " + toml_value(2**63 - 1))["v"] == 2**63 - 1
    with pytest.raises(ValueError, match="search.budget: 18446744073709551616 does not fit"):
        toml_value(2**64, "search.budget")
    with pytest.raises(ValueError, match="data.source.path: the string holds a lone surrogate"):
        toml_value("a\ud800", "data.source.path")
    with pytest.raises(TypeError, match="x: object is not a TOML value"):
        toml_value(object(), "x")


def test_keys():
    assert flatten({"search": {"budget": 4, "controller": "tpe"}, "data.limit": 10}) == [
        "search.budget=4", 'search.controller="tpe"', "data.limit=10"]
    with pytest.raises(ValueError, match="'data.a=b' is not a config key"):
        flatten({"data": {"a=b": 1}})
    with pytest.raises(ValueError, match="'x. y' is not a config key"):
        flatten({"x. y": 1})
    assert keyword_overrides({"train__epochs": 2, "data__source__path": "x.csv"}) == [
        "train.epochs=2", 'data.source.path="x.csv"']
