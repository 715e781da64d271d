"""A saved model from Python: the CLI's scores on the same samples, its threshold, its maps,
and a folder the CLI reads back."""

import csv
import subprocess

import numpy as np
import pytest

import autood
from conftest import FASHION, SATELLITE


def cli_scores(cli, model_dir, out, *args):
    """`autood score` on the model folder: its scores column."""
    subprocess.run([cli, "score", "--model", str(model_dir), "--out", str(out), *args],
                   check=True, capture_output=True)
    with open(out) as f:
        return np.array([float(row["score"]) for row in csv.DictReader(f)])


def search_scores(model_dir, split):
    """The scores the search itself computed (best/scores.csv), by index in the source."""
    with open(f"{model_dir}/scores.csv") as f:
        return {int(r["source_index"]): float(r["score"]) for r in csv.DictReader(f)
                if r["set"] == split and int(r["source_index"]) >= 0}


def test_table_scores_equal_the_cli_and_the_search(table_run, cli, tmp_path):
    model = table_run.best
    X, y = autood.load_data("csv", path=SATELLITE)
    assert X.shape == (6435, 36) and X.dtype == np.float32 and y.shape == (6435,)
    scores = model.score(X)
    assert scores.dtype == np.float64 and scores.shape == (6435,)
    expected = cli_scores(cli, model.path, tmp_path / "s.csv", "--input", str(SATELLITE))
    assert np.max(np.abs(scores - expected)) <= 1e-6
    # Independently of `score`: the search's own test scores, row by row.
    test = search_scores(model.path, "test")
    assert len(test) > 100
    rows = np.array(sorted(test))
    assert np.max(np.abs(scores[rows] - np.array([test[i] for i in rows]))) <= 1e-6


def test_predict_is_the_threshold(table_run):
    model = table_run.best
    X, _ = autood.load_data("csv", path=SATELLITE)
    scores, flags = model.score(X), model.predict(X)
    assert np.isfinite(model.threshold_)
    assert flags.dtype == np.int64
    assert np.array_equal(flags, (scores > model.threshold_).astype(np.int64))
    assert 0 < flags.sum() < len(flags)
    assert np.array_equal(model.decision_function(X[:7]), scores[:7])


def test_image_model_takes_every_layout(image_run, cli, tmp_path):
    model = image_run.best
    assert model.input_shape == (1, 28, 28)
    X, y = autood.load_data("idx", images=FASHION / "t10k-images-idx3-ubyte.gz", labels="",
                            limit=200)
    assert X.shape == (200, 1, 28, 28) and y is None
    assert 0.0 <= X.min() and X.max() <= 1.0
    kept = X.copy()
    scores = model.score(X)
    assert np.array_equal(model.score(X[:, 0]), scores)  # [n, H, W]
    assert np.array_equal(model.score(X.astype(np.float64)), scores)
    # Scored on X's own buffer (float32, C order) or one copy (any other): X is left as it was,
    # and the copy of a Fortran-ordered or strided X scores the same.
    assert np.array_equal(model.score(np.asfortranarray(X)), scores)
    assert np.max(np.abs(model.score(X[::-1])[::-1] - scores)) <= 1e-6
    assert np.array_equal(X, kept)
    expected = cli_scores(cli, model.path, tmp_path / "s.csv", "--input", str(FASHION / "t10k-images-idx3-ubyte.gz"),
                          "--loader-option", "limit=200")
    assert np.max(np.abs(scores - expected)) <= 1e-6
    maps = model.anomaly_maps(X[:5])
    assert maps.shape == (5, 28, 28) and np.isfinite(maps).all()
    # Maps differ from sample to sample: they are the samples' own, not one map repeated.
    assert np.abs(maps[0] - maps[1]).max() > 0


def test_saved_folder_is_read_by_the_cli(table_run, cli, tmp_path):
    model = table_run.best
    saved = autood.load_model(model.save(tmp_path / "saved"))
    X, _ = autood.load_data("csv", path=SATELLITE)
    assert np.array_equal(saved.score(X), model.score(X))
    assert np.max(np.abs(cli_scores(cli, tmp_path / "saved", tmp_path / "s.csv", "--input",
                                    str(SATELLITE))
                         - model.score(X))) <= 1e-6
    with pytest.raises(FileExistsError):
        model.save(tmp_path / "saved")
    # A folder that changed since the model was loaded from it is not copied as this model.
    changed = autood.load_model(model.save(tmp_path / "will-change"))
    with open(tmp_path / "will-change" / "model.toml", "a") as f:
        f.write("\n")
    with pytest.raises(ValueError, match="changed since this model was loaded"):
        changed.save(tmp_path / "copy")
    assert not (tmp_path / "copy").exists()


def test_bad_input_raises_with_the_reason(table_run, image_run, tmp_path):
    model = table_run.best
    with pytest.raises(ValueError, match=r"takes samples of shape \[36\], so X must be "
                                         r"\(n, 36\); X has shape \(4, 5\)"):
        model.score(np.zeros((4, 5)))
    with pytest.raises(ValueError, match=r"X holds no sample"):
        model.score(np.zeros((0, 36)))
    with pytest.raises(ValueError, match="must hold numbers"):
        model.score(np.full((2, 36), "a"))
    X = np.zeros((3, 36))
    X[2, 5] = np.nan
    with pytest.raises(ValueError, match="X holds a value that is not a finite number in sample 2"):
        model.score(X)
    with pytest.raises(ValueError, match="anomaly maps need images"):
        model.anomaly_maps(np.zeros((2, 36)))
    with pytest.raises(ValueError, match=r"X must be \(n, 28, 28\) or \(n, 1, 28, 28\)"):
        image_run.best.score(np.zeros((3, 784)))
    with pytest.raises(FileNotFoundError, match="does-not-exist"):
        autood.load_model(tmp_path / "does-not-exist")
    with pytest.raises(ValueError, match="not a model folder"):
        autood.load_model(tmp_path)
    # A damaged model is refused before it is built, with the file named.
    broken = tmp_path / "broken"
    model.save(broken)
    (broken / "weights.pt").write_bytes(b"not weights")
    with pytest.raises(ValueError, match="weights.pt"):
        autood.load_model(broken)
    with pytest.raises(ValueError, match="no threshold"):
        no_threshold = autood.load_model(model.path)
        no_threshold.info["threshold"] = float("nan")
        no_threshold.predict(np.zeros((1, 36)))


def test_npy_files_score_as_the_arrays(image_run, cli, tmp_path):
    """numpy.save's file, read by the npy dataset plugin, scores as the array it holds."""
    model = image_run.best
    X, _ = autood.load_data("idx", images=FASHION / "t10k-images-idx3-ubyte.gz", labels="",
                            limit=50)
    np.save(tmp_path / "grey.npy", X[:, 0])  # [n, H, W]
    np.save(tmp_path / "labels.npy", np.arange(50) % 3)
    again, labels = autood.load_data("npy", path=tmp_path / "grey.npy",
                                     labels=tmp_path / "labels.npy")
    assert np.array_equal(again, X) and np.array_equal(labels, np.arange(50) % 3)
    expected = cli_scores(cli, model.path, tmp_path / "s.csv", "--loader", "npy", "--input",
                          str(tmp_path / "grey.npy"))
    assert np.max(np.abs(model.score(X) - expected)) <= 1e-6


def test_threads_share_a_model(table_run):
    """Scoring releases the GIL; threads scoring one model at once get what one thread gets."""
    from concurrent.futures import ThreadPoolExecutor

    model = table_run.best
    X, _ = autood.load_data("csv", path=SATELLITE)
    chunks = np.array_split(X, 16)
    with ThreadPoolExecutor(4) as pool:
        together = np.concatenate(list(pool.map(model.score, chunks)))
    assert np.array_equal(together, np.concatenate([model.score(c) for c in chunks]))


def test_a_model_pickles_with_its_files(table_run):
    """A pickled model carries its folder: unpickled, it scores as before from a folder of its
    own, whose checksums are checked again; a pickle naming a file outside it is refused."""
    import pickle
    model = table_run.best
    X, _ = autood.load_data("csv", path=SATELLITE)
    twin = pickle.loads(pickle.dumps(model))
    assert twin.path != model.path
    assert np.array_equal(twin.score(X[:50]), model.score(X[:50]))
    assert {**twin.info, "path": None} == {**model.info, "path": None}
    state = model.__getstate__()
    assert "model.toml" in state["files"] and "weights.pt" in state["files"]
    weights = bytearray(state["files"]["weights.pt"])
    weights[-1] ^= 0xFF
    with pytest.raises(ValueError, match="SHA-256"):
        Model = type(model)
        Model.__new__(Model).__setstate__({**state, "files": {**state["files"],
                                                              "weights.pt": bytes(weights)}})
    for outside in ("../evil", "/etc/evil", "a\\..\\..\\evil", "C:evil"):
        with pytest.raises(ValueError, match="not inside its folder"):
            Model.__new__(Model).__setstate__({**state, "files": {outside: b"x"}})


def test_new_images_bring_no_training_labels():
    """idx's default labels are the training set's: other images given alone have none, and
    come with their own labels only when those are given."""
    t10k = FASHION / "t10k-images-idx3-ubyte.gz"
    X, y = autood.load_data("idx", images=t10k, limit=5)
    assert X.shape == (5, 1, 28, 28) and y is None
    _, y = autood.load_data("idx", images=t10k, labels=FASHION / "t10k-labels-idx1-ubyte.gz",
                            limit=5)
    assert list(y) == [9, 2, 1, 1, 6]  # the first five test labels, read with gzip
    _, y = autood.load_data("idx", limit=5)  # the default source, with its own labels
    assert list(y) == [9, 0, 0, 3, 0]
