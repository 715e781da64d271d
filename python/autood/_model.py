"""A saved model folder, scoring NumPy arrays."""

import math
import os
import shutil
import tempfile

import numpy as np

from . import _autood
from ._host import existing, plugin_arguments


class Model:
    """A model folder autood wrote: a run's ``best/``, a final, an ensemble, an exported or a
    pack's model. Its files are checked (checksums, weights' shapes) before it is built.

    ``X`` is an array of shape ``[n, features]`` for a table model, ``[n, H, W]`` or
    ``[n, C, H, W]`` for an image model, with values as the model's dataset loader gives them
    (images in [0, 1]; ``autood.load_data`` reads files the same way).
    """

    def __init__(self, path, plugin_paths=(), packs=(), log_level="warn"):
        path = existing(path, "model folder")
        self._core = _autood.Model(path, **plugin_arguments(plugin_paths, packs, log_level))
        self._plugins = dict(plugin_paths=tuple(map(os.fspath, plugin_paths)),
                             packs=tuple(map(os.fspath, packs)), log_level=log_level)
        with open(os.path.join(path, "model.toml"), "rb") as f:
            self._manifest = f.read()  # with the checksums of every other file
        self.info = self._core.info()
        self.path = path

    @property
    def threshold_(self):
        """Scores above it are outliers: the threshold the search set on validation inliers
        (final.threshold_fpr), NaN when the model has none."""
        return self.info["threshold"]

    @property
    def input_shape(self):
        return self.info["input_shape"]

    def score(self, X):
        """One score per sample, float64, higher for more anomalous: the same values
        ``autood score`` writes for the same samples."""
        return self._core.score(np.asarray(X))

    decision_function = score  # PyOD's name

    def predict(self, X):
        """1 for an outlier (score above ``threshold_``), 0 otherwise."""
        if math.isnan(self.threshold_):
            raise ValueError(f"the model in {self.path} has no threshold; rank by score() instead")
        return (self.score(X) > self.threshold_).astype(np.int64)

    def anomaly_maps(self, X):
        """Per-pixel anomaly maps [n, H, W] of an image model (the distance's, as
        ``autood score --maps`` draws them)."""
        return self._core.anomaly_maps(np.asarray(X))

    def save(self, path):
        """Writes the model folder to ``path``, which must not exist: ``autood score --model
        PATH`` reads it, and its checksums are those the model was loaded with."""
        path = os.fspath(path)
        if os.path.exists(path):
            raise FileExistsError(f"{path} exists; save() writes a new folder")
        shutil.copytree(self.path, path)
        # The copy is this model's only if its manifest is the one loaded and its files match
        # the manifest's checksums: a search may have replaced the folder since it was loaded.
        with open(os.path.join(path, "model.toml"), "rb") as f:
            same = f.read() == self._manifest
        if not same:
            shutil.rmtree(path)
            raise self._changed()
        try:
            _autood.check_model_folder(path)
        except ValueError:
            shutil.rmtree(path)
            raise
        return path

    def _changed(self):
        return ValueError(f"{self.path} changed since this model was loaded from it; load it again")

    # -- pickling (joblib, multiprocessing): the folder's files travel with the model --

    def __getstate__(self):
        files = _folder_files(self.path)
        if files.get("model.toml") != self._manifest:
            raise self._changed()
        return {"files": files, "plugins": self._plugins}

    def __setstate__(self, state):
        """Writes the files into a new temporary folder, which lives as long as the model, and
        loads it as load_model does: the checksums and shapes are checked again. (Unpickling
        runs code of the pickle's choosing anyway: unpickle only what you trust.)"""
        keep = tempfile.TemporaryDirectory(prefix="autood-model-")
        for name, data in state["files"].items():
            parts = name.split("/")
            if name.startswith("/") or any(c in name for c in "\\:\0") or \
                    "" in parts or "." in parts or ".." in parts:
                raise ValueError(f"a pickled model names the file {name!r}, which is not inside "
                                 f"its folder")
            target = os.path.join(keep.name, *parts)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "xb") as f:
                f.write(data)
        self.__init__(keep.name, **state["plugins"])
        self._keep = keep

    def __repr__(self):
        i = self.info
        return (f"autood.Model({self.path!r}: {i['kind']}, {i['description']}, "
                f"input {i['input_shape']}, trial {i['trial']}, validation {i['reward']:.4f})")


def _folder_files(path):
    """Every file below `path`, by its '/'-separated path inside it, as bytes. A link or another
    non-regular entry is refused: it would not travel as what the model reads."""
    files = {}
    for folder, folders, names in os.walk(path):
        for name in folders + names:
            full = os.path.join(folder, name)
            if os.path.islink(full) or not (os.path.isfile(full) or os.path.isdir(full)):
                raise ValueError(f"{full} is not a regular file or folder: a model folder that "
                                 f"pickles holds only what autood wrote")
        for name in names:
            with open(os.path.join(folder, name), "rb") as f:
                files[os.path.relpath(os.path.join(folder, name), path).replace(os.sep, "/")] = \
                    f.read()
    return files


def load_model(path, plugin_paths=(), packs=(), log_level="warn"):
    """Opens a saved model folder; see Model."""
    return Model(path, plugin_paths=plugin_paths, packs=packs, log_level=log_level)
