#!/usr/bin/python3
"""Writes tests/fixtures/pixel_metrics_reference.json: a hand-made segmentation fixture (three
10x12 masks with regions of several shapes, one touching another only at a corner, and scores
with ties) and its pixel AUROC from scikit-learn and its PRO computed the slow, direct way:
every distinct score as a threshold, regions from scipy.ndimage.label with 8-connectivity."""
import json
from pathlib import Path

import numpy as np
from scipy import ndimage
from sklearn.metrics import roc_auc_score

H, W = 10, 12
masks = np.zeros((3, H, W), dtype=np.int64)
masks[0, 1:4, 1:5] = 1            # a 3x4 block
masks[0, 4, 5] = 1                # touches the block only at a corner: the same region
masks[0, 7:9, 8:11] = 1           # a second region
masks[1, 2:8, 6] = 1              # a thin line
masks[2] = 0                      # a defect-free image

rng = np.random.default_rng(20261123)
scores = np.round(rng.random((3, H, W)) * 0.6, 2)          # background, ties from rounding
scores += masks * np.round(rng.random((3, H, W)) * 0.7, 2)  # defects score higher, mostly
scores = np.round(scores, 4)  # the values the JSON holds, so that ties are the same ones

def pro_reference(scores, masks, max_fpr):
    structure = np.ones((3, 3), dtype=int)
    regions = []
    for image in range(masks.shape[0]):
        labelled, count = ndimage.label(masks[image], structure=structure)
        for r in range(1, count + 1):
            regions.append((image, labelled == r))
    normal = masks == 0
    fprs, pros = [0.0], [0.0]
    for t in np.unique(scores)[::-1]:
        above = scores >= t
        fprs.append(above[normal].mean())
        pros.append(np.mean([above[image][region].mean() for image, region in regions]))
    fprs, pros = np.array(fprs), np.array(pros)
    keep = fprs <= max_fpr
    x, y = list(fprs[keep]), list(pros[keep])
    if x[-1] < max_fpr:  # cut the next segment at max_fpr
        x.append(max_fpr)
        y.append(np.interp(max_fpr, fprs, pros))
    return float(np.trapz(y, x) / max_fpr), len(regions)

pro_03, regions = pro_reference(scores, masks, 0.3)
pro_1, _ = pro_reference(scores, masks, 1.0)
out = {
    "height": H, "width": W, "images": 3,
    "scores": scores.ravel().round(4).tolist(),
    "masks": masks.ravel().tolist(),
    "regions": regions,
    "pixel_auroc": float(roc_auc_score(masks.ravel(), scores.ravel())),
    "pro_0.3": pro_03,
    "pro_1.0": pro_1,
}
path = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "pixel_metrics_reference.json"
path.write_text(json.dumps(out, indent=1) + "\n")
print(f"wrote {path}: pixel AUROC {out['pixel_auroc']:.6f}, PRO@0.3 {pro_03:.6f}, PRO@1 {pro_1:.6f}, {regions} regions")
