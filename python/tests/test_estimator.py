"""autood.AutoOD in PyOD's and scikit-learn's conventions: fit reproduces the CLI's search,
clone and cross_val_score work, and what fit refuses is named."""

import csv
import os
import subprocess
import tomllib

import numpy as np
import pytest

import autood
from conftest import FASHION, ROOT, SATELLITE

FAST = dict(budget=2, seed=3, threads=1, train__epochs=1, search__batch=2, search__layers=2,
            final__top_k=0)


@pytest.fixture(scope="module")
def table():
    """A small one-class table from satellite: 400 normal rows (the ODDS normal classes) and 40
    outliers, shuffled; y is 1 for an outlier."""
    X, classes = autood.load_data("csv", path=SATELLITE)
    outlier = ~np.isin(classes, [2, 3, 5])
    rng = np.random.default_rng(0)
    rows = np.concatenate([rng.choice(np.flatnonzero(~outlier), 400, replace=False),
                           rng.choice(np.flatnonzero(outlier), 40, replace=False)])
    rng.shuffle(rows)
    return X[rows], outlier[rows].astype(np.int64)


@pytest.fixture(scope="module")
def fitted(table, tmp_path_factory):
    X, y = table
    return autood.AutoOD(work_dir=tmp_path_factory.mktemp("fit"), **FAST).fit(X, y)


def test_fit_is_the_clis_search_on_the_same_data(fitted, table, cli, tmp_path):
    """The run fit made, searched again by `autood search` from its own config.toml, gives the
    same model: `autood score` of it equals decision_function to 1e-6."""
    X, y = table
    run = fitted.run_
    assert len(run.trials) == 2
    again = tmp_path / "again"
    subprocess.run([cli, "search", "--config", run.config_path, "--run-dir", str(again)],
                   check=True, capture_output=True)
    x_file = f"{fitted.work_path_}/data/X.npy"
    out = tmp_path / "s.csv"
    subprocess.run([cli, "score", "--model", str(again / "best"), "--input", x_file,
                    "--out", str(out)], check=True, capture_output=True)
    with open(out) as f:
        cli_scores = np.array([float(r["score"]) for r in csv.DictReader(f)])
    assert np.max(np.abs(fitted.decision_function(X) - cli_scores)) <= 1e-6
    assert np.max(np.abs(fitted.decision_scores_ - cli_scores)) <= 1e-6
    # Every labelled outlier ranks the children: 300 of the 400 normal rows train, and
    # validation's 100 ask for 100 * c / (1 - c) = 40 outliers.
    with open(run.config_path, "rb") as f:
        data = tomllib.load(f)["data"]
    assert data["contamination"] == pytest.approx(40 / 140, abs=1e-15)
    assert data["normal_classes"] == [0] and data["source"]["loader"] == "npy"


def test_fitted_attributes_follow_pyod(fitted, table):
    X, y = table
    scores = fitted.decision_scores_
    assert scores.shape == (len(X),) and scores.dtype == np.float64
    assert fitted.threshold_ == pytest.approx(np.percentile(scores, 90), abs=0)
    assert np.array_equal(fitted.labels_, (scores > fitted.threshold_).astype(np.int64))
    assert fitted.labels_.sum() == 44  # 10% of 440 rows, all scores distinct
    assert np.array_equal(fitted.predict(X), fitted.labels_)
    proba = fitted.predict_proba(X[:20])
    low, high = scores.min(), scores.max()
    assert np.allclose(proba[:, 1], (scores[:20] - low) / (high - low), atol=1e-12)
    assert np.allclose(proba.sum(axis=1), 1)
    # The detector has learned something: its AUROC on the rows it was fitted on.
    from sklearn.metrics import roc_auc_score
    assert roc_auc_score(y, scores) > 0.75


def test_fit_without_labels_ranks_on_made_outliers(table, cli, tmp_path):
    """With no labelled outlier the search is label-free: validation's outliers are made by the
    table's generator (marginal), one per normal row, and the test metrics on X are unmeasured.
    The detector still finds the satellite outliers that it never saw a label of."""
    X, y = table
    est = autood.AutoOD(work_dir=tmp_path / "w", **FAST).fit(X)
    with open(est.run_.config_path, "rb") as f:
        data = tomllib.load(f)["data"]
    assert data["validation"] == "synthetic" and data["contamination"] == 0.5
    for trial in est.run_.trials:
        assert trial["val_auroc"] > 0
        assert trial["test_auroc"] is None or np.isnan(trial["test_auroc"])
        assert "not finite" not in (trial["message"] or "")  # unmeasured, not diverged
    from sklearn.metrics import roc_auc_score
    # A random scorer's AUROC on 40 of 440 rows has a spread of 0.05 about 0.5.
    assert roc_auc_score(y, est.decision_scores_) > 0.7
    # y of zeros is the same as no y.
    again = autood.AutoOD(work_dir=tmp_path / "z", **FAST).fit(X, np.zeros(len(X), np.int64))
    assert np.array_equal(again.decision_scores_, est.decision_scores_)
    # The CLI makes the same search of the run's config, and says what it could not measure.
    cli_run = tmp_path / "cli"
    searched = subprocess.run([cli, "search", "--config", est.run_.config_path, "--run-dir",
                               str(cli_run)], check=True, capture_output=True, text=True)
    assert "Test metrics: not measured, since the test set holds 440 in-distribution samples " \
           "and no outlier" in searched.stdout
    out = tmp_path / "s.csv"
    subprocess.run([cli, "score", "--model", str(cli_run / "best"), "--input",
                    f"{est.work_path_}/data/X.npy", "--out", str(out)], check=True)
    with open(out) as f:
        cli_scores = np.array([float(r["score"]) for r in csv.DictReader(f)])
    assert np.max(np.abs(est.decision_scores_ - cli_scores)) <= 1e-6


def test_a_fitted_estimator_pickles(fitted, table, tmp_path):
    """joblib and multiprocessing pickle estimators: the twin scores as the fitted one, after the
    fitted one's temporary folder is gone too."""
    import gc
    import pickle
    X, y = table
    twin = pickle.loads(pickle.dumps(fitted))
    assert np.array_equal(twin.decision_function(X), fitted.decision_function(X))
    assert twin.threshold_ == fitted.threshold_ and twin.get_params() == fitted.get_params()
    assert twin.run_.path == fitted.run_.path  # below work_dir: it stays
    temporary = autood.AutoOD(**FAST).fit(X, y)
    folder, scores = temporary.work_path_, temporary.decision_scores_
    blob = pickle.dumps(temporary)
    del temporary
    gc.collect()
    assert not os.path.exists(folder)
    restored = pickle.loads(blob)
    assert not hasattr(restored, "run_")  # its folder died with it
    assert np.array_equal(restored.decision_function(X), scores)


def test_clone_and_params():
    from sklearn.base import clone
    est = autood.AutoOD(budget=5, controller="random", train__epochs=2, config={"train": {}})
    params = est.get_params()
    assert params["budget"] == 5 and params["train__epochs"] == 2
    twin = clone(est)
    assert twin.get_params() == params and twin is not est
    est.set_params(budget=7, train__lr=0.01)
    assert est.get_params()["budget"] == 7 and est.get_params()["train__lr"] == 0.01
    with pytest.raises(ValueError, match="invalid parameter 'budgett'"):
        est.set_params(budgett=3)


def test_cross_val_score_with_auroc(table):
    from sklearn.model_selection import StratifiedKFold, cross_val_score
    X, y = table
    folds = StratifiedKFold(n_splits=2, shuffle=True, random_state=0)
    aurocs = cross_val_score(autood.AutoOD(**FAST), X, y, cv=folds, scoring="roc_auc")
    assert aurocs.shape == (2,)
    assert aurocs.min() > 0.75  # on rows no fold was fitted on


def test_what_fit_refuses(table, tmp_path):
    X, y = table
    est = autood.AutoOD(work_dir=tmp_path / "w", **FAST)
    with pytest.raises(ValueError, match="generator 'blur' does not take samples of rank 2"):
        autood.AutoOD(work_dir=tmp_path / "g", data__generators=["blur"], **FAST).fit(X)
    with pytest.raises(ValueError, match="make the outliers of a search without labels"):
        autood.AutoOD(data__generators=["marginal"], **FAST).fit(X, y)
    with pytest.raises(ValueError, match=r"y has shape \(3,\)"):
        est.fit(X, y[:3])
    with pytest.raises(ValueError, match="holds 2"):
        est.fit(X, np.where(y == 1, 2, 0))
    bad = X.copy()
    bad[17, 3] = np.nan
    with pytest.raises(ValueError, match="sample 17"):
        est.fit(bad, y)
    with pytest.raises(ValueError, match="X has shape"):
        est.fit(X[:, 0], y)
    with pytest.raises(ValueError, match="sets data.normal_classes"):
        autood.AutoOD(config={"data": {"normal_classes": [1]}}).fit(X, y)
    with pytest.raises(ValueError, match="sets data.limit"):
        autood.AutoOD(data__limit=10).fit(X, y)
    with pytest.raises(ValueError, match="sets data.limit"):
        autood.AutoOD(config={"data.limit": 10}).fit(X, y)
    with pytest.raises(ValueError, match=r"sets \[data\]"):
        autood.AutoOD(data={"limit": 10}).fit(X, y)
    with pytest.raises(ValueError, match="search.budget is given twice"):
        autood.AutoOD(budget=3, search__budget=4).fit(X, y)
    with pytest.raises(ValueError, match="search.budgett|unknown key"):
        autood.AutoOD(work_dir=tmp_path / "k", search__budgett=2, **FAST).fit(X, y)
    with pytest.raises(ValueError, match="not fitted"):
        autood.AutoOD().decision_function(X)


def test_a_config_file_gives_the_rest(table, tmp_path):
    """A config file's values stand unless a parameter is given; its [data] may not set what
    fit sets."""
    X, y = table
    own = tmp_path / "own.toml"
    own.write_text('[search]\nlayers = 2\nbudget = 2\nseed = 7\n[controller]\nname = "random"\n'
                   '[train]\nepochs = 1\nthreads = 1\n[final]\ntop_k = 0\n'
                   '[data]\nstandardize = false\n')
    est = autood.AutoOD(config=own, work_dir=tmp_path / "w").fit(X, y)
    with open(est.run_.config_path, "rb") as f:
        saved = tomllib.load(f)
    assert saved["data"]["standardize"] is False and saved["train"]["epochs"] == 1
    assert saved["search"]["budget"] == 2 and saved["search"]["seed"] == 7
    assert saved["controller"]["name"] == "random" and len(est.run_.trials) == 2
    again = autood.AutoOD(config=own, budget=1, seed=8, work_dir=tmp_path / "w").fit(X, y)
    with open(again.run_.config_path, "rb") as f:
        saved = tomllib.load(f)
    assert saved["search"]["budget"] == 1 and saved["search"]["seed"] == 8
    # Each fit has a folder of its own below work_dir: the first run is still there.
    assert est.work_path_ != again.work_path_ and len(est.run_.trials) == 2
    (tmp_path / "data.toml").write_text(open(ROOT / "configs" / "testbed-satellite.toml").read())
    with pytest.raises(ValueError, match="sets data.protocol"):
        autood.AutoOD(config=tmp_path / "data.toml").fit(X, y)


def test_a_temporary_run_lives_as_long_as_its_model(table, tmp_path):
    """Without work_dir the folder is temporary, yet the run and the model outlive the
    estimator: the model still saves, the run still reads."""
    X, y = table
    model = autood.AutoOD(**FAST).fit(X, y).model_
    run = autood.AutoOD(**FAST).fit(X, y).run_
    import gc
    gc.collect()
    assert len(run.trials) == 2
    saved = autood.load_model(model.save(tmp_path / "m"))
    assert np.array_equal(saved.score(X[:10]), model.score(X[:10]))


def test_fit_on_images_without_a_channel_axis(tmp_path, cli):
    """[n, H, W] images are [n, 1, H, W] to the search: the model takes 1x28x28 samples, scores
    either form alike, and `autood score` of the saved array gives decision_scores_."""
    images, classes = autood.load_data("idx", images=FASHION / "t10k-images-idx3-ubyte.gz",
                                       labels=FASHION / "t10k-labels-idx1-ubyte.gz", limit=1200)
    rows = np.concatenate([np.flatnonzero(classes == 1)[:80], np.flatnonzero(classes != 1)[:10]])
    X, y = images[rows, 0], (classes[rows] != 1).astype(np.int64)  # [90, 28, 28]
    est = autood.AutoOD(work_dir=tmp_path, **{**FAST, "budget": 1}).fit(X, y)
    assert tuple(est.model_.input_shape) == (1, 28, 28)
    assert np.max(np.abs(est.decision_function(X[:, None]) - est.decision_scores_)) <= 1e-6
    out = tmp_path / "s.csv"
    subprocess.run([cli, "score", "--model", est.model_.path, "--input",
                    f"{est.work_path_}/data/X.npy", "--out", str(out)], check=True,
                   capture_output=True)
    with open(out) as f:
        assert np.max(np.abs(np.array([float(r["score"]) for r in csv.DictReader(f)]) -
                             est.decision_scores_)) <= 1e-6
