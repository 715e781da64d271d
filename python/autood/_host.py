"""What every entry point shares: the extension module, told where the built-in plugins are."""

import os
from collections.abc import Mapping

from . import _autood
from ._paths import PLUGIN_DIR
from ._toml import flatten, keyword_overrides

_autood.set_builtin_plugin_dir(PLUGIN_DIR)


def plugin_arguments(plugin_paths=(), packs=(), log_level="warn"):
    """The plugin folders and packs to load, besides the built-in plugins, as the CLI's
    --plugin-path and --pack (AUTOOD_PLUGIN_PATH is read as by the CLI)."""
    return dict(
        plugin_paths=[os.fspath(p) for p in plugin_paths],
        packs=[os.fspath(p) for p in packs],
        log_level=log_level,
    )


def existing(path, what):
    """The path as a string, or FileNotFoundError naming it."""
    path = os.fspath(path)
    if not os.path.exists(path):
        raise FileNotFoundError(f"{what} {path} does not exist")
    return path


def config_arguments(config, overrides):
    """The core's (config file, overrides) for a config given as a file, a mapping of sections
    or None (the defaults), and the ``section__key`` keyword overrides, which come last."""
    config_file, listed = "", []
    if isinstance(config, Mapping):
        listed = flatten(config)
    elif config is not None:
        config_file = existing(config, "config file")
    return config_file, listed + keyword_overrides(overrides)
