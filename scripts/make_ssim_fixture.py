#!/usr/bin/python3
"""Writes plugins/distances/ssim/ssim_skimage.json: SSIM from scikit-image (Debian's
python3-skimage), structural_similarity with Gaussian weights, sigma 1.5, population covariance
and data range 1, on a few image pairs. The ssim plugin's test checks itself against it."""
import json
import pathlib

import numpy as np
from skimage.metrics import structural_similarity

rng = np.random.default_rng(7)
cases = []


def smooth(shape):
    yy, xx = np.mgrid[0:shape[-2], 0:shape[-1]]
    base = 0.5 + 0.4 * np.sin(xx / 3.0) * np.cos(yy / 4.0)
    return np.clip(base + 0.05 * rng.normal(size=shape), 0, 1)


def add(name, x, y):
    channels = x.shape[0]
    value = structural_similarity(x, y, gaussian_weights=True, sigma=1.5, use_sample_covariance=False,
                                  data_range=1.0, channel_axis=0)
    cases.append({"name": name, "shape": list(x.shape), "x": x.ravel().tolist(), "y": y.ravel().tolist(),
                  "ssim": float(value), "channels": channels})


x = smooth((1, 28, 28))
add("gray_noisy", x, np.clip(x + 0.1 * rng.normal(size=x.shape), 0, 1))
add("gray_shifted", x, np.roll(x, 2, axis=2))
x = smooth((3, 16, 16))
add("rgb_scaled", x, 0.7 * x + 0.1)
x = rng.random((1, 12, 13))
add("gray_random_odd", x, rng.random((1, 12, 13)))

out = pathlib.Path(__file__).resolve().parent.parent / "plugins" / "distances" / "ssim" / "ssim_skimage.json"
out.write_text(json.dumps(cases) + "\n")
print(f"wrote {len(cases)} cases to {out}: " + ", ".join(f"{c['name']}={c['ssim']:.6f}" for c in cases))
