"""The plugin load report, as data."""

from . import _autood
from ._host import plugin_arguments


def load_report(plugin_paths=(), packs=(), log_level="warn"):
    """What ``autood plugins`` prints, as a dict: ``plugins`` (one dict per plugin file the
    loader looked at: status, plugin, version, pack, path, message), ``packs`` (status, name,
    version, description, folder, message) and ``choices`` (each kind's registered names, e.g.
    ``choices["hypothesis"]``). A plugin or pack that failed is listed with its reason, not
    raised: the host goes on without it, as the CLI does."""
    return _autood.load_report(**plugin_arguments(plugin_paths, packs, log_level))
