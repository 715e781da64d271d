"""Python values as the TOML values of autood's ``key=value`` overrides (the CLI's ``--set``).

The core reads an override's value as TOML, and a value that is not TOML as a plain string; so
every value is written here as valid TOML, or refused with its key named."""

import json
import math
import re
from collections.abc import Mapping

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_INT64 = range(-(2**63), 2**63)


def toml_value(value, key="value"):
    """One value as a TOML literal: a bool, a number, a string, a path, or a list of them."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "item") and callable(value.item) and not isinstance(value, (list, tuple)):
        value = value.item()  # a NumPy scalar, as the Python number it holds
        if isinstance(value, bool):
            return "true" if value else "false"
    if isinstance(value, int):
        if value not in _INT64:
            raise ValueError(f"{key}: {value} does not fit a 64-bit integer")
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(float(value))
    if hasattr(value, "__fspath__"):
        value = str(value.__fspath__())
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError(f"{key}: the string holds a lone surrogate, which is not text") from None
        # A JSON string without ASCII escaping is a TOML basic string once DEL, which TOML
        # refuses raw and JSON leaves, is escaped too.
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v, key) for v in value) + "]"
    raise TypeError(f"{key}: {type(value).__name__} is not a TOML value (bool, number, string or list)")


def flatten(config, prefix=""):
    """A (nested) mapping as dotted ``key=value`` overrides, in its order. A key is a dotted
    path of bare TOML keys (letters, digits, ``_`` and ``-``)."""
    overrides = []
    for key, value in config.items():
        name = f"{prefix}{key}"
        if not isinstance(key, str) or not all(_BARE_KEY.fullmatch(part) for part in key.split(".")):
            raise ValueError(f"{name!r} is not a config key (dotted names of letters, digits, '_', '-')")
        if isinstance(value, Mapping):
            overrides += flatten(value, name + ".")
        else:
            overrides.append(f"{name}={toml_value(value, name)}")
    return overrides


def keyword_overrides(kwargs):
    """``search__budget=4`` as ``search.budget=4``: a keyword names a dotted key with ``__``."""
    return flatten({key.replace("__", "."): value for key, value in kwargs.items()})
