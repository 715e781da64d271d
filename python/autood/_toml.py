"""Python values as the TOML values of autood's ``key=value`` overrides (the CLI's ``--set``)."""

import json
import math
from collections.abc import Mapping


def toml_value(value, key="value"):
    """One value as a TOML literal: a bool, a number, a string, or a list of them."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        # A JSON string without ASCII escaping is a TOML basic string: both escape '"', '\\' and
        # control characters the same way.
        return json.dumps(value, ensure_ascii=False)
    if hasattr(value, "__fspath__"):
        return toml_value(str(value.__fspath__()), key)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v, key) for v in value) + "]"
    if hasattr(value, "item") and callable(value.item):  # a NumPy scalar
        return toml_value(value.item(), key)
    raise TypeError(f"{key}: {type(value).__name__} is not a TOML value (bool, number, string or list)")


def flatten(config, prefix=""):
    """A (nested) mapping as dotted ``key=value`` overrides, in its order."""
    overrides = []
    for key, value in config.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            overrides += flatten(value, name + ".")
        else:
            overrides.append(f"{name}={toml_value(value, name)}")
    return overrides


def keyword_overrides(kwargs):
    """``search__budget=4`` as ``search.budget=4``: a keyword names a dotted key with ``__``."""
    return flatten({key.replace("__", "."): value for key, value in kwargs.items()})
