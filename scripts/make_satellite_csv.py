#!/usr/bin/python3
"""Writes configs/data/satellite.csv, the tabular testbed's data, from Debian's r-cran-mlbench.

The data is UCI's Statlog (Landsat Satellite): 6435 pixels of a satellite image, each the 36
values of a 3x3 neighbourhood in 4 spectral bands (0-255), labelled with one of six soil or crop
classes. mlbench ships it as an R data file; python3-rdata reads that without R.

    apt-get download r-cran-mlbench && dpkg-deb -x r-cran-mlbench_*.deb mlbench
    apt-get install python3-rdata
    /usr/bin/python3 scripts/make_satellite_csv.py mlbench/usr/lib/R/site-library/mlbench/data/Satellite.rda

Only this script needs those two packages; the CSV it writes is committed.
"""
import csv
import pathlib
import sys

import rdata

source = sys.argv[1] if len(sys.argv) > 1 else "/usr/lib/R/site-library/mlbench/data/Satellite.rda"
frame = rdata.conversion.convert(rdata.parser.parse_file(source))["Satellite"]
features = [c for c in frame.columns if c != "classes"]
out = pathlib.Path(__file__).resolve().parent.parent / "configs" / "data" / "satellite.csv"
with open(out, "w", newline="") as f:
    writer = csv.writer(f, lineterminator="\n")
    writer.writerow([c.replace(".", "") for c in features] + ["label"])
    for row in frame.itertuples(index=False):
        values = [int(v) for v in row[:-1]]
        writer.writerow(values + [str(row[-1])])
print(f"wrote {out}: {len(frame)} rows, {len(features)} features")
