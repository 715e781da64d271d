"""Data read by a dataset plugin, as NumPy arrays."""

from . import _autood
from ._host import plugin_arguments
from ._toml import keyword_overrides


def load_data(loader, plugin_paths=(), packs=(), log_level="warn", **options):
    """``(X, y)`` as the dataset plugin ``loader`` reads them with ``options`` (its options, as in
    ``[data.source]``): X float32 ``[n, ...]``, y int64 ``[n]`` or None without labels.

        X, y = autood.load_data("idx", images="t10k-images-idx3-ubyte.gz",
                                labels="t10k-labels-idx1-ubyte.gz")
    """
    return _autood.load_data(loader, keyword_overrides(options),
                             **plugin_arguments(plugin_paths, packs, log_level))
