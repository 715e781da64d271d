"""autood as an estimator in PyOD's and scikit-learn's conventions: fit on an array, then score."""

import copy
import math
import os
import tempfile
import tomllib
from collections.abc import Mapping

import numpy as np

from ._run import search

# What fit() sets in [data] from X and y, and the [data] keys a caller may still choose.
_DATA_SET_BY_FIT = ("protocol", "normal_classes", "contamination", "split", "limit", "source",
                    "test", "validation")
_DATA_CHOSEN = ("standardize", "train_outliers", "generators", "generator")


class AutoOD:
    """A detector found by autood's search, fitted like PyOD's and scored on NumPy arrays.

        est = autood.AutoOD(budget=16, seed=0, threads=2)
        est.fit(X, y)                      # y: 1 for a known outlier, 0 for an unlabelled sample
        est.fit(X)                         # or no labels at all
        scores = est.decision_function(X_new)   # higher is more anomalous

    ``fit`` writes X and y as ``.npy`` files and runs a one-class search on them, as ``autood
    search`` would with the ``npy`` loader: the unlabelled samples are cut into training and
    validation (``validation_fraction``), and every labelled outlier is a validation outlier
    that ranks the children (or, with ``data__train_outliers``, partly a training one). The
    run's ``test_*`` columns are measured on X itself; they are not a held-out figure.

    Without a labelled outlier (``y`` None or all 0) the search is label-free
    (``data.validation = "synthetic"``): the children are ranked on anomalies that the loaded
    generators make from validation's own samples, as many as it has, and the run's ``test_*``
    columns are unmeasured. ``data__generators`` and ``[data.generator.<name>]`` choose them
    (only without labelled outliers);
    by default every generator that takes X's samples (``marginal`` for a table, ``cutpaste``,
    ``blur``, ``contrast`` and ``rotate`` for images).

    ``config`` is a config file or dict for everything else (model space, controller, training);
    its [data] may hold only ``standardize``, ``train_outliers``, ``generators`` and
    ``[data.generator.<name>]``, since fit sets the rest.
    ``budget``, ``controller``, ``seed`` and ``threads`` set ``search.budget``,
    ``controller.name``, ``search.seed`` and ``train.threads`` when given; None keeps the
    config's (or autood's default). Keyword overrides name dotted keys with ``__``
    (``train__epochs=5``), as in ``autood.search``. Each fit writes into a new folder: below
    ``work_dir`` when given, else a temporary one that lives as long as the estimator, its
    ``run_`` or its ``model_``. ``contamination`` is PyOD's: the share of X taken as outliers by
    ``threshold_`` and ``labels_``. A fitted estimator pickles (joblib too) with its model's
    files, and ``run_`` when the run is below ``work_dir``.
    """

    _estimator_type = "outlier_detector"  # scikit-learn's name for what this is

    def __init__(self, budget=None, controller=None, config=None, seed=None, threads=None,
                 contamination=0.1, validation_fraction=0.25, work_dir=None, progress=False,
                 **overrides):
        self.budget = budget
        self.controller = controller
        self.config = config
        self.seed = seed
        self.threads = threads
        self.contamination = contamination
        self.validation_fraction = validation_fraction
        self.work_dir = work_dir
        self.progress = progress
        self._overrides = dict(overrides)

    # -- scikit-learn's parameter protocol (sklearn.base.clone, grid searches) --

    _NAMED = ("budget", "controller", "config", "seed", "threads", "contamination",
              "validation_fraction", "work_dir", "progress")

    def get_params(self, deep=True):
        """The constructor's arguments, the ``__`` overrides among them."""
        return {**{name: getattr(self, name) for name in self._NAMED}, **self._overrides}

    def set_params(self, **params):
        for name, value in params.items():
            if name in self._NAMED:
                setattr(self, name, value)
            elif "__" in name:
                self._overrides[name] = value
            else:
                raise ValueError(f"invalid parameter {name!r} for AutoOD: its parameters are "
                                 f"{', '.join(self._NAMED)} and dotted config keys written "
                                 f"with '__' (train__epochs)")
        return self

    def __repr__(self):
        given = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"AutoOD({given})"

    # -- fitting --

    def fit(self, X, y=None):
        """Searches for a detector of X's normal samples, ranked on ``y``'s labelled outliers;
        sets ``decision_scores_``, ``threshold_``, ``labels_``, ``model_`` and ``run_``."""
        X = _samples(X)
        y = _outlier_labels(y, len(X))
        if not 0 < self.contamination <= 0.5:
            raise ValueError(f"contamination must be in (0, 0.5], got {self.contamination}")
        if not 0 < self.validation_fraction < 1:
            raise ValueError(
                f"validation_fraction must be between 0 and 1, got {self.validation_fraction}")
        config = self._base_config()
        for (section, key), value in self._named_keys().items():
            config.setdefault(section, {})[key] = value
        data_keys = self._data_keys(int((y == 0).sum()), int(y.sum()))
        if not y.any():
            data_keys["validation"] = "synthetic"
        elif self._chooses_generators(config):
            raise ValueError("data.generators and [data.generator.<name>] make the outliers of a "
                             "search without labels; y marks labelled outliers, which rank the "
                             "children instead")

        work, keep = self._new_work_folder()
        data_dir = os.path.join(work, "data")
        os.makedirs(data_dir)
        x_path, y_path = os.path.join(data_dir, "X.npy"), os.path.join(data_dir, "y.npy")
        np.save(x_path, X)
        np.save(y_path, y)
        files = {"loader": "npy", "path": x_path, "labels": y_path}
        config["data"] = {**config.get("data", {}), **data_keys, "source": files, "test": files}
        self.run_ = search(config, run_dir=os.path.join(work, "run"), progress=self.progress,
                           log_level="info" if self.progress else "warn", **self._overrides)
        self.model_ = self.run_.best
        # A temporary folder lives while the estimator, its run or its model does.
        self.run_._keep = self.model_._keep = keep
        self.work_path_ = work
        self.decision_scores_ = self.model_.score(X)
        # PyOD's threshold: the (1 - contamination) quantile of the training scores.
        self.threshold_ = float(np.percentile(self.decision_scores_,
                                              100 * (1 - self.contamination)))
        self.labels_ = (self.decision_scores_ > self.threshold_).astype(np.int64)
        return self

    def fit_predict(self, X, y=None):
        return self.fit(X, y).labels_

    def _new_work_folder(self):
        """A new folder for this fit's data and run (clones that share a work_dir never write
        into each other's), and the TemporaryDirectory to keep alive when it is one."""
        if self.work_dir is not None:
            os.makedirs(self.work_dir, exist_ok=True)
            return tempfile.mkdtemp(prefix="fit-", dir=self.work_dir), None
        temporary = tempfile.TemporaryDirectory(prefix="autood-fit-")
        return temporary.name, temporary

    def _named_keys(self):
        """The config keys the named parameters set, refusing one that an override sets too."""
        named = {("search", "budget"): self.budget, ("controller", "name"): self.controller,
                 ("search", "seed"): self.seed, ("train", "threads"): self.threads}
        given = {k: v for k, v in named.items() if v is not None}
        for section, key in given:
            if f"{section}__{key}" in self._overrides:
                raise ValueError(f"{section}.{key} is given twice: as a parameter and as "
                                 f"{section}__{key}")
        return given

    def _base_config(self):
        if self.config is None:
            config = {}
        elif isinstance(self.config, Mapping):
            config = copy.deepcopy(dict(self.config))
        else:
            with open(self.config, "rb") as f:
                try:
                    config = tomllib.load(f)
                except tomllib.TOMLDecodeError as e:
                    raise ValueError(f"{os.fspath(self.config)}: {e}") from None
        # [data] as a section, as dotted keys ("data.limit") or as __ overrides (data__limit).
        data = list(config.get("data", {}))
        data += [k.split(".")[1] if "." in k else "" for k in config if k.startswith("data.")]
        data += [k.split("__")[1] if "__" in k else "" for k in self._overrides
                 if k == "data" or k.startswith("data__")]
        refused = [f"data.{k}" if k else "[data]" for k in data if k not in _DATA_CHOSEN]
        if refused:
            raise ValueError(f"AutoOD.fit sets {refused[0]} from X and y; of [data], a config may "
                             f"choose only {', '.join('data.' + k for k in _DATA_CHOSEN)}")
        return config

    def _chooses_generators(self, config):
        """Whether the config or the overrides name data.generators or [data.generator.*]."""
        data = config.get("data", {})
        return (any(k in data for k in ("generators", "generator"))
                or any(k.startswith(("data.generators", "data.generator.")) for k in config)
                or any(k.startswith(("data__generators", "data__generator__"))
                       for k in self._overrides))

    def _data_keys(self, normal, outliers):
        """[data] for the one-class protocol on X: class 0 normal, and data.contamination such
        that validation asks for exactly the labelled outliers there are, or (with none) makes
        as many outliers as it has normal samples."""
        weights = [1 - self.validation_fraction, self.validation_fraction]
        # As the core cuts normals (SplitHelpers.cpp, split_train_validation): training takes
        # the floor of its share, validation the rest.
        validation = normal - math.floor(normal * weights[0] / sum(weights))
        if validation < 1 or validation == normal:
            raise ValueError(f"{normal} unlabelled samples are too few to cut into training and "
                             f"validation by validation_fraction {self.validation_fraction}")
        # The core asks for round(validation * c / (1 - c)) outliers; this c gives `outliers`,
        # and 0.5 as many made ones as validation's normal samples, where AUROC is least noisy.
        contamination = outliers / (validation + outliers) if outliers else 0.5
        return dict(protocol="one_class", normal_classes=[0], contamination=contamination,
                    split=[weights[0], weights[1], weights[1]], limit=0)

    # -- pickling --

    def __getstate__(self):
        """The parameters and fitted attributes; model_ carries its folder's files. A run in a
        temporary folder does not outlive this process, so ``run_`` is kept only when fit wrote
        it below ``work_dir``."""
        state = dict(self.__dict__)
        run = state.get("run_")
        if run is not None and getattr(run, "_keep", None) is not None:
            del state["run_"], state["work_path_"]  # both name a folder that ends with us
        return state

    # -- scoring --

    def _fitted(self):
        if not hasattr(self, "model_"):
            raise ValueError("this AutoOD is not fitted yet; call fit(X, y) first")
        return self.model_

    def decision_function(self, X):
        """One score per sample, higher for more anomalous (the found model's, as ``autood
        score`` writes them)."""
        return self._fitted().score(_samples(X))

    def predict(self, X):
        """1 where the score is above ``threshold_``, else 0."""
        return (self.decision_function(X) > self.threshold_).astype(np.int64)

    def predict_proba(self, X):
        """[n, 2]: PyOD's linear outlier probability, the score scaled to [0, 1] by the training
        scores' range, in column 1."""
        scores = self.decision_function(X)
        low, high = self.decision_scores_.min(), self.decision_scores_.max()
        outlier = np.clip((scores - low) / (high - low if high > low else 1.0), 0, 1)
        return np.column_stack([1 - outlier, outlier])


def _samples(X):
    X = np.asarray(X)
    if X.ndim not in (2, 3, 4) or len(X) == 0:
        raise ValueError(f"X has shape {X.shape}; samples are [n, features], [n, H, W] or "
                         f"[n, C, H, W] with n > 0")
    if not np.issubdtype(X.dtype, np.number) or np.issubdtype(X.dtype, np.complexfloating):
        raise ValueError(f"X has dtype {X.dtype}; it must hold real numbers")
    X = np.ascontiguousarray(X, dtype=np.float32)
    bad = np.flatnonzero(~np.isfinite(X.reshape(len(X), -1)).all(axis=1))
    if bad.size:
        raise ValueError(f"X: sample {bad[0]} holds a value that is not a finite float32 number")
    return X


def _outlier_labels(y, n):
    if y is None:
        y = np.zeros(n, dtype=np.int64)
    y = np.asarray(y)
    if y.shape != (n,):
        raise ValueError(f"y has shape {y.shape}; it must be ({n},), one label per sample of X")
    if not np.isin(y, (0, 1)).all():
        raise ValueError("y must mark known outliers with 1 and unlabelled samples with 0, and "
                         f"holds {np.setdiff1d(np.unique(y), (0, 1))[0]!r}")
    return y.astype(np.int64)
